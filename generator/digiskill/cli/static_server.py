"""Serve a built site over HTTP with the MIME types it needs (for quick local or USB-stick use, and the tests).

Pyodide needs `.wasm` as application/wasm and `.mjs` as text/javascript: with a wrong `.wasm` type, loading hangs.
Python's `http.server` guesses from the OS's tables, which differ between machines, so we set them ourselves.
The build's precompressed copies (`file.br`, `file.gz`) are sent when the browser accepts them, as nginx's
`gzip_static` / `brotli_static` would.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


ENCODINGS = [("br", ".br"), ("gzip", ".gz")]  # preferred first


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (`br;q=0` forbids br)."""
    allowed = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            allowed.add(name.strip().lower())
    return allowed


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    extra_headers: dict = {}

    def send_head(self):
        """Send `file.br` or `file.gz` in place of `file` when the build wrote one and the browser accepts it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        allowed = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        for coding, suffix in ENCODINGS:
            if coding in allowed and os.path.isfile(path) and os.path.isfile(path + suffix):
                body = open(path + suffix, "rb")
                stat = os.fstat(body.fileno())
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", coding)
                self.send_header("Content-Length", str(stat.st_size))
                self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404.html (in Thai, with navigation) when there is one."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # quiet: tests and USB users do not need access logs
        pass


def make_server(directory: str | Path, host: str = "127.0.0.1", port: int = 8000,
                headers: dict | None = None) -> http.server.ThreadingHTTPServer:
    """A threaded server for `directory`; `headers` (e.g. a Content-Security-Policy) go on every response."""
    handler = type("Handler", (SiteRequestHandler,), {"extra_headers": dict(headers or {})})
    return http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))


def serve_in_background(directory: str | Path, headers: dict | None = None):
    """Start a server on a free port in a daemon thread; returns (server, base_url)."""
    server = make_server(directory, port=0, headers=headers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"
