"""Search engines on the same query set (#26): the site's own search (Material's lunr index, with the kit's Thai
segmentation and build-time ranking) against Pagefind, in headless Chromium.

    .venv/bin/python bench/bench_search.py [--site BUILT_SITE] [--pagefind PYTHON_WITH_PAGEFIND]

The query set is tests/search_queries.py. A query is a hit when one of its expected pages is among the first three
distinct pages; an order fault is a page lacking a word of a several-word query shown above a page holding all of
them. Pagefind is measured only when `--pagefind` names a Python that has `pagefind[bin]` installed (it is not a
dependency of the kit): `python -m venv /tmp/pf && /tmp/pf/bin/pip install "pagefind[bin]==1.5.2"`. It is measured
three times: on the built pages as they are; on a copy whose Thai text has a space between words (ICU, as the kit
segments its own index), with the query segmented the same way; and on that copy with the tool pages' keywords (the
lunr index's `keywords`) added to their text with a heading's weight.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, search_pages  # noqa: E402
from search_queries import QUERIES  # noqa: E402

from digiskill.cli.static_server import serve_in_background  # noqa: E402
from digiskill.site.thai_search import ZWSP, segment_thai  # noqa: E402

TAG = re.compile(r"<[^>]+>")


def page_words(site: Path) -> dict[str, str]:
    """Each page's searchable text (title, text and keywords of its index entries), lower case, as one string."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        path = doc["location"].split("#")[0]
        words = " ".join(str(doc.get(k, "")) for k in ("title", "text", "keywords"))
        texts[path] = texts.get(path, "") + " " + TAG.sub(" ", words).replace(ZWSP, "").lower()
    return texts


def order_faults(query: str, shown: list[str], texts: dict[str, str]) -> list[str]:
    """Pages lacking a word of the query shown above a page holding every word."""
    words = query.lower().split()
    if len(words) < 2:
        return []
    holds = [all(w in texts.get(p, "") for w in words) for p in shown]
    last_full = max((i for i, h in enumerate(holds) if h), default=0)
    return [p for i, p in enumerate(shown[:last_full]) if not holds[i]]


def score(results: dict[str, list[str]], texts: dict[str, str]) -> dict:
    hits = [q for _, q, expected in QUERIES if set(results[q][:3]) & set(expected)]
    first = [q for _, q, expected in QUERIES if results[q][:1] and results[q][0] in expected]
    faults = {q: f for q in results if (f := order_faults(q, results[q], texts))}
    return {"hits": len(hits), "first": len(first), "queries": len(QUERIES), "rate": len(hits) / len(QUERIES), "faults": faults,
            "misses": {q: results[q][:5] for _, q, _ in QUERIES if q not in hits},
            "not_first": {q: results[q][:3] for _, q, _ in QUERIES if q in hits and q not in first}}


def run_lunr(browser, url: str) -> dict[str, list[str]]:
    page = browser.new_context().new_page()
    page.goto(url + "roles/a1/")
    page.wait_for_load_state("networkidle")
    results = {q: search_pages(page, q) for _, q, _ in QUERIES}
    page.context.close()
    return results


PAGEFIND_QUERY = """async (query) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return data.map(d => d.url);
}"""


def run_pagefind(browser, url: str, segmented: bool) -> tuple[dict[str, list[str]], list[str]]:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    results = {}
    for _, query, _ in QUERIES:
        typed = segment_thai(query).replace(ZWSP, " ") if segmented else query
        urls = page.evaluate(PAGEFIND_QUERY, typed)
        results[query] = list(dict.fromkeys(u.lstrip("/").split("#")[0] for u in urls))
    context.close()
    return results, [r for r in requests if not r.startswith(url)]


def pagefind_site(site: Path, work: Path, python: str, segmented: bool, keywords: bool = False) -> Path:
    copy = work / f"pagefind-{'segmented' if segmented else 'plain'}{'-keywords' if keywords else ''}"
    shutil.copytree(site, copy)
    if segmented:  # a space between Thai words in the pages' text (not inside tags)
        for html in copy.rglob("*.html"):
            text = html.read_text(encoding="utf-8")
            html.write_text(re.sub(r">([^<]+)<", lambda m: ">" + segment_thai(m.group(1)).replace(ZWSP, " ") + "<",
                                   text), encoding="utf-8")
    if keywords:  # the tool pages' keywords, as the lunr index has them, weighted like a heading
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            if doc.get("keywords"):
                html = copy / doc["location"] / "index.html"
                words = doc["keywords"].replace(ZWSP, " ")
                html.write_text(html.read_text(encoding="utf-8").replace(
                    "</article>", f'<p data-pagefind-weight="7">{words}</p></article>', 1), encoding="utf-8")
    subprocess.run([python, "-m", "pagefind", "--site", str(copy), "--root-selector", "article", "--quiet"],
                   check=True)
    return copy


def report(name: str, result: dict) -> None:
    print(f"{name}: {result['hits']}/{result['queries']} ({result['rate']:.0%}) with an expected page in the first "
          f"three, {result['first']} first; order faults in {len(result['faults'])} queries")
    for query, shown in result["misses"].items():
        print(f"    miss  {query!r}: {shown}")
    for query, shown in result["not_first"].items():
        print(f"    not first {query!r}: {shown}")
    for query, faults in result["faults"].items():
        print(f"    order {query!r}: {faults}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site (default: build the default site)")
    parser.add_argument("--pagefind", help="a Python with pagefind[bin] installed")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = Path(args.site) if args.site else work / "site"
        if not args.site:
            from digiskill.cli import build_site
            build_site(str(ROOT / "mkdocs.yml"), str(site))
        texts = page_words(site)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            server, url = serve_in_background(site)
            report("lunr (Material, kit's segmentation and ranking)", score(run_lunr(browser, url), texts))
            server.shutdown()
            if args.pagefind:
                for segmented, keywords in ((False, False), (True, False), (True, True)):
                    copy = pagefind_site(site, work, args.pagefind, segmented, keywords)
                    server, url = serve_in_background(copy)
                    results, foreign = run_pagefind(browser, url, segmented)
                    server.shutdown()
                    name = "Pagefind, " + ("Thai pre-segmented" if segmented else "pages as built") + \
                        (", with the tool pages' keywords" if keywords else "")
                    report(name, score(results, texts))
                    print(f"    requests to another host: {foreign or 'none'}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
