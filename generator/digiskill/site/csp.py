"""The Content-Security-Policy header the built site passes, written to `site/csp.txt` at build time.

Scripts run only from the site itself, plus Material's few inline bootstrap scripts, allowed by their sha256 (no
'unsafe-inline' for scripts). 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly. Styles allow inline style
attributes, which Material's pages use; images allow data: URLs, which Material's icons use.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(site_dir: Path) -> list[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if body.strip():
                hashes.add("sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode())
    return sorted(hashes)


def csp_header(site_dir: Path) -> str:
    scripts = " ".join(f"'{h}'" for h in inline_script_hashes(site_dir))
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval' {scripts}; "
            "worker-src 'self'; connect-src 'self'; font-src 'self'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def write_csp(site_dir: Path) -> Path:
    target = site_dir / "csp.txt"
    target.write_text(csp_header(site_dir) + "\n", encoding="utf-8")
    return target
