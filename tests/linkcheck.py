"""A link checker for a built site: every internal href/src must resolve to a file, and every #anchor to an id."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

RESOURCE_ATTRS = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                  ("iframe", "src")]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve(site: Path, page: Path, url: str, base_path: str = "/") -> tuple[Path | None, str]:
    """The file a URL on `page` points to (None for external/special links), and its fragment.
    `base_path` is the path part of site_url: root-absolute URLs (the 404 page uses them) start with it."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None, ""
    if not parts.path:
        return page, parts.fragment
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return site / "__outside_the_site__", ""
        target = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
    else:
        base = page.parent.relative_to(site).as_posix()
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    problems, ids_cache = [], {}
    for page in html_files(site):
        soup = parse(page)
        for tag, attr in RESOURCE_ATTRS:
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url:
                    continue
                if tag == "link" and not _is_fetched(element):
                    continue
                target, fragment = resolve(site, page, url, base_path)
                if target is None:
                    continue
                where = f"{page.relative_to(site)} -> {url}"
                if not target.is_file():
                    problems.append(f"{where}: no such file")
                    continue
                if fragment and target.suffix == ".html":
                    if target not in ids_cache:
                        ids_cache[target] = {e.get("id") for e in parse(target).find_all(id=True)}
                    if fragment not in ids_cache[target]:
                        problems.append(f"{where}: no element with id '{fragment}'")
    return problems


def external_resources(site: Path) -> list[str]:
    """Resources the browser would fetch from another host (scripts, styles, images, fonts) — must be none."""
    found = []
    for page in html_files(site):
        soup = parse(page)
        for tag, attr in RESOURCE_ATTRS:
            if tag == "a":
                continue  # a link the reader may follow is not a request the page makes
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                if tag == "link" and not _is_fetched(element):
                    continue
                if urlsplit(url).netloc:
                    found.append(f"{page.relative_to(site)}: <{tag} {attr}={url}>")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for marker in ("url(http", "url('http", 'url("http', "@import"):
            if marker in text:
                found.append(f"{css.relative_to(site)}: {marker}")
    return found


FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                "manifest"}


def _is_fetched(link) -> bool:
    """<link rel=canonical> names the page's address; the browser does not fetch it. Stylesheets and icons it does."""
    return bool(FETCHED_RELS & set(link.get("rel") or []))


def section(soup, anchor: str | None) -> str:
    """The HTML of a heading's section: the heading and everything up to the next heading of the same level (the
    whole article without an anchor)."""
    if anchor is None:
        return str(soup.select_one("article"))
    heading = soup.find(id=anchor)
    assert heading is not None, anchor
    parts = [str(heading)]
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        parts.append(str(sibling))
    return "".join(parts)
