"""Hosting as agencies do it: the site under a sub-path, served with the strict Content-Security-Policy from
site/csp.txt. Page types and the whole self-assessment flow work, with no CSP violation and no foreign request."""
from __future__ import annotations

import io

import docx
import pytest

from browser import open_page, reach, search, step
from conftest import ROOT

pytestmark = pytest.mark.browser
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    from digiskill.cli import build_site
    from digiskill.cli.static_server import serve_in_background

    www = tmp_path_factory.mktemp("www")
    site = www / "intranet" / "skills"
    probe, base = serve_in_background(www)  # find a port first: the site URL must be known at build time
    probe.shutdown()
    probe.server_close()
    build_site(str(ROOT / "mkdocs.yml"), str(site), base + "intranet/skills/")
    csp = (site / "csp.txt").read_text(encoding="utf-8").strip()
    port = int(base.rsplit(":", 1)[1].strip("/"))
    from digiskill.cli.static_server import make_server
    import threading
    server = make_server(www, port=port, headers={"Content-Security-Policy": csp})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base + "intranet/skills/", csp
    server.shutdown()
    server.server_close()


def csp_page(browser, url, **options):
    recorded = open_page(browser, "about:blank", accept_downloads=True, **options)
    recorded.page.add_init_script(RECORD_VIOLATIONS)
    recorded.page.goto(url)
    return recorded


def test_the_header_is_strict(hosted):
    _url, csp = hosted
    assert "default-src 'self'" in csp and "script-src 'self' 'wasm-unsafe-eval'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in csp


@pytest.mark.parametrize("path", ["", "roles/a1/", "skills/dlit100/", "matrix/", "guideline/org-3/"])
def test_pages_under_sub_path_and_csp(browser, hosted, path):
    url, _csp = hosted
    recorded = csp_page(browser, url + path)
    page = recorded.page
    page.wait_for_load_state("networkidle")
    assert url + "skills/dg500/" in search(page, "ความเสี่ยง")
    assert page.evaluate("() => window.__csp") == []
    assert [u for u in recorded.requests if not u.startswith((url, "about:", "data:", "blob:"))] == []
    page.context.close()


def test_assessment_completes_under_sub_path_and_csp(browser, hosted):
    url, _csp = hosted
    recorded = csp_page(browser, url + "assessment/?role=s1")
    page = recorded.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.wait_for_selector("#ds-assessment[data-python-ready=true]", timeout=60_000)
    reach(page, 'input[name="has-DLit100"]')
    page.check('input[name="has-DLit100"][value="yes"]')
    page.check('input[name="has-DLit200"][value="no"]')
    step(page, "plan")
    page.locator('#plan-lines [data-key="DLit200"] input[value="on-the-job"]').check()
    step(page, "download")
    for action in ("docx", "xlsx", "json"):
        with page.expect_download() as info:
            page.click(f'button[data-kind="{action}"]')
        data = info.value.path().read_bytes()
        assert data[:2] == b"PK" if action != "json" else data.startswith(b"{")
        if action == "docx":
            rows = [r.cells[1].text for r in docx.Document(io.BytesIO(data)).tables[3].rows][1:]
            assert rows == ["DLit200 ใช้งานเครื่องมือด้านดิจิทัลหรือแอปพลิเคชันขั้นต้น สำหรับการทำงาน"]
    assert page.evaluate("() => window.__csp") == []
    assert [u for u in recorded.requests if not u.startswith((url, "about:", "data:", "blob:"))] == []
    page.context.close()
