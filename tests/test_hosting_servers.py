"""The nginx and Apache settings of /hosting/, run on the real servers from Debian's packages (#25). Each server is
started by the test on 127.0.0.1, with its workers as an unprivileged user (www-data when the test runs as root,
otherwise the test's own user), serving a copy (`cp -r`, as an IT officer copies it) of the built site at the page's
sub-path. The settings are read from the built page itself, so the page shows exactly what is tested; only the two
placeholders the page tells the administrator to replace (the site's folder, the CSP value) are filled in.

Every file comes back 200 with the right type, compressed where the build wrote a compressed copy (and byte for byte
the original once decoded), and a first visit of /assessment/ through each server gets Python ready."""
from __future__ import annotations

import brotli
import contextlib
import gzip
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import open_page

pytestmark = pytest.mark.browser
NGINX = Path("/usr/sbin/nginx")
APACHE = Path("/usr/sbin/apache2")
SUB_PATH = "/skills/"
SITE_PLACEHOLDER = "/var/www/digiskill/site/"
CSP_PLACEHOLDER = "ค่าจากไฟล์ csp.txt"
READY = "#ds-assessment[data-python-ready=true]"
# Debian's default Apache modules (a fresh `apt-get install apache2`) plus the two the page says to enable.
APACHE_MODULES = ["mpm_event", "authz_core", "authz_host", "authz_user", "authn_core", "authn_file", "auth_basic",
                  "access_compat", "alias", "autoindex", "deflate", "dir", "env", "filter", "mime", "negotiation",
                  "reqtimeout", "setenvif", "status", "rewrite", "headers"]
TYPES = {".html": {"text/html"}, ".wasm": {"application/wasm"}, ".mjs": {"text/javascript"},
         ".js": {"text/javascript", "application/javascript"}, ".json": {"application/json"}, ".css": {"text/css"},
         ".svg": {"image/svg+xml"}, ".woff2": {"font/woff2"}}
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}


def snippet(site: Path, anchor: str) -> str:
    """The code block under the heading `anchor` of the built /hosting/ page, as a reader copies it."""
    page = BeautifulSoup((site / "hosting" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.find(id=anchor).find_next("pre").get_text()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_user() -> str | None:
    """The unprivileged user the server's workers run as: www-data when we are root, else nobody to switch to."""
    return pwd.getpwnam("www-data").pw_name if os.geteuid() == 0 else None


def nginx_config(site_snippet: str, run: Path, port: int) -> str:
    version = subprocess.run([NGINX, "-V"], capture_output=True, text=True).stderr
    without = set(re.findall(r"--without-http_(\w+)_module", version))
    temp_paths = "".join(f"    {kind}_temp_path {run / kind};\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                         if kind == "client_body" or kind not in without)
    user = f"user {worker_user()};\n" if worker_user() else ""
    return (f"{user}worker_processes 1;\npid {run / 'nginx.pid'};\nerror_log {run / 'error.log'} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log off;\n{temp_paths}"
            f"    server {{\n        listen 127.0.0.1:{port};\n{site_snippet}\n    }}\n}}\n")


def apache_config(site_snippet: str, run: Path, port: int) -> str:
    available = Path("/etc/apache2/mods-available")
    modules = "".join(f"Include {available / (name + ext)}\n" for name in APACHE_MODULES
                      for ext in (".load", ".conf") if (available / (name + ext)).is_file())
    user = f"User {worker_user()}\nGroup {worker_user()}\n" if worker_user() else ""
    return (f"ServerRoot {run}\nDefaultRuntimeDir {run}\nPidFile {run / 'apache2.pid'}\nServerName 127.0.0.1\n"
            f"Listen 127.0.0.1:{port}\nErrorLog {run / 'error.log'}\nLogLevel warn\n{user}{modules}"
            f"DocumentRoot {run}\n<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n"
            f"{site_snippet}\n")


SERVERS = {"nginx": (NGINX, "nginx", nginx_config, lambda run, conf: [NGINX, "-p", f"{run}/", "-e",
                                                                      str(run / "error.log"), "-c", str(conf),
                                                                      "-g", "daemon off;"]),
           "apache": (APACHE, "apache", apache_config, lambda run, conf: [APACHE, "-d", str(run), "-f", str(conf),
                                                                          "-DFOREGROUND"])}


@contextlib.contextmanager
def running(name: str, site: Path):
    """Copy the site as an administrator would, write the page's settings into a whole server configuration, start
    the server, and stop it however the test ends."""
    binary, anchor, make_config, command = SERVERS[name]
    if not binary.is_file():
        pytest.fail(f"{binary} is missing; scripts/setup browser installs nginx-light and apache2")
    www = Path(tempfile.mkdtemp(prefix=f"digiskill-{name}-"))  # not under pytest's 0700 folder: www-data reads it
    process = None
    try:
        www.chmod(0o755)
        (www / "site").mkdir()  # the build's folders and files keep their modes; the top one is pytest's (0700)
        subprocess.run(["cp", "-r", f"{site}/.", str(www / "site")], check=True)
        run = www / "run"
        run.mkdir()
        csp = (site / "csp.txt").read_text(encoding="utf-8").strip()
        text = snippet(site, anchor)
        assert SITE_PLACEHOLDER in text and CSP_PLACEHOLDER in text and SUB_PATH in text
        text = text.replace(SITE_PLACEHOLDER, f"{www}/site/").replace(CSP_PLACEHOLDER, csp)
        port = free_port()
        conf = run / f"{name}.conf"
        conf.write_text(make_config(text, run, port), encoding="utf-8")
        process = subprocess.Popen(command(run, conf), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                log = (run / "error.log").read_text(errors="replace") if (run / "error.log").exists() else ""
                pytest.fail(f"{name} did not start: {process.stderr.read().decode(errors='replace')}\n{log}")
            time.sleep(0.05)
        yield port, www / "site", csp, run
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None:
            process.stderr.close()
        shutil.rmtree(www, ignore_errors=True)


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request, built_site):
    with running(request.param, built_site) as (port, site, csp, run):
        yield request.param, port, site, csp, run


def get(connection, path: str, accept: str | None) -> tuple[int, dict, bytes]:
    connection.request("GET", path, headers={"Accept-Encoding": accept} if accept else {})
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def test_every_file_comes_back_with_its_type_and_compressed_where_a_copy_exists(server):
    name, port, site, csp, run = server
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", port, timeout=30)) as connection:
        check_every_file(name, connection, site, csp, run)


def check_every_file(name: str, connection, site: Path, csp: str, run: Path) -> None:
    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in (".gz", ".br")]
    assert len(files) > 100 and (site / "assets" / "pyodide" / "pyodide.asm.wasm.gz").is_file()
    wrong = []
    for path in files:
        relative = path.relative_to(site).as_posix()
        url = SUB_PATH + (relative[:-len("index.html")] if path.name == "index.html" else relative)
        for accept in ("br, gzip", "gzip", None):
            if accept != "br, gzip" and path.suffix not in (".wasm", ".html"):
                continue  # every file with both encodings offered; the other two ways only for pages and the wasm
            status, headers, body = get(connection, url, accept)
            offered = [e.strip() for e in (accept or "").split(",") if e]
            copies = [e for e, suffix in (("br", ".br"), ("gzip", ".gz")) if path.with_name(path.name + suffix).is_file()]
            served = [e for e in copies if e in offered and not (name == "nginx" and e == "br")]  # nginx: gzip only
            encoding = headers.get("content-encoding")
            kind = headers.get("content-type", "").split(";")[0]
            problems = []
            if status != 200:
                problems.append(f"status {status}")
            elif served and encoding != served[0]:
                problems.append(f"Content-Encoding {encoding}, expected {served[0]}")
            elif encoding not in (None, *offered) or DECODE[encoding](body) != path.read_bytes():
                problems.append(f"body differs from the file once decoded ({encoding})")
            elif encoding and "accept-encoding" not in headers.get("vary", "").lower():
                problems.append("compressed without Vary: Accept-Encoding (a proxy could hand it to anyone)")
            if path.suffix in TYPES and kind not in TYPES[path.suffix]:
                problems.append(f"Content-Type {kind}")
            if headers.get("content-language") == "br":  # Debian's mime.conf: .br is Breton
                problems.append("Content-Language br")
            if path.suffix == ".html" and (headers.get("content-security-policy") != csp
                                           or headers.get("cache-control") != "no-cache"):
                problems.append("no CSP or no Cache-Control: no-cache")
            if problems:
                wrong.append(f"{url} (Accept-Encoding: {accept}): " + "; ".join(problems))
    assert wrong == [], f"{name}: {len(wrong)} wrong:\n" + "\n".join(wrong[:20])
    log = (run / "error.log").read_text(errors="replace")  # warnings allowed: nginx ≥ 1.21 knows .wasm already
    assert not re.search(r"\[(emerg|alert|crit|error)\]|:(error|crit)\]|Permission denied", log), log[-3000:]
    status, headers, body = get(connection, SUB_PATH + "no-such-page/", "gzip")
    assert status == 404 and "404" in DECODE[headers.get("content-encoding")](body).decode("utf-8")


def test_a_first_visit_of_the_assessment_gets_python_ready(server, browser):
    name, port, _site, _csp, _run = server
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    recorded = open_page(browser, base + "assessment/?role=a1")
    page = recorded.page
    try:
        page.wait_for_selector(READY, timeout=60_000)
        assert any(u.endswith("pyodide.asm.wasm") for u in recorded.requests)
        assert recorded.foreign(base) == []
    finally:
        page.context.close()
