"""The site's search index: Thai words found in the middle of a sentence, and results ranked by where the words are.

Material's search splits text only on its `separator`, and Thai writes no spaces between words, so a whole Thai phrase
becomes one token and only its prefixes match. After the build we insert U+200B (zero-width space) between Thai
words in `search/search_index.json`, and mkdocs.yml's search `separator` includes U+200B. The browser splits the typed
query the same way with `Intl.Segmenter('th')` (site_templates/assets/digiskill.js). ICU segments here exactly as
the browser's Intl.Segmenter does, which is why we use icu4py rather than PyThaiNLP.

Ranking (#26) is decided here, at build time, as numbers in the index that Material's lunr already reads: each entry's
`boost` (a multiplier of its score) says what kind of text it is (`section_weight`: a unit's or item's description
first, ordinary prose next, sections that only list what other pages define last), and a `keywords` field, weighted
like a title, carries the words people use for a tool page that its title does not hold (the page's front matter
`search_keywords`). Material groups the entries of a page under the page, so a page is shown once, with its best
section. The browser's script only puts pages holding every word of a several-word query before pages holding some
(site_templates/assets/digiskill.js).

Why lunr and not Pagefind (measured with bench/bench_search.py on the query set of tests/search_queries.py, details in
bench/README.md, "Search engines"): the two rank alike once Pagefind is fed Thai with a space between words (it splits
Thai neither itself nor at U+200B), but those spaces would show in every excerpt it displays, and it would add a
platform-specific binary to every build and a second search interface; lunr with these weights had no order fault.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from icu4py.breakers import WordBreaker

ZWSP = "\u200b"
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
# Where a Thai word touches another character with no space ("ข้อมูล:", "(ร่าง)", "ปี2570"): a word break too, or the
# search would index "ข้อมูล:" as a rare word of its own, which a query for ข้อมูล also matches (lunr adds a trailing
# wildcard) and weights as rare, putting such pages first.
THAI_EDGE = re.compile(r"(?<=[\u0e00-\u0e7f])(?=[^\s\u0e00-\u0e7f\u200b<])|(?<=[^\s\u0e00-\u0e7f\u200b>])(?=[\u0e00-\u0e7f])")


def segment_thai(text: str) -> str:
    """Insert U+200B between the Thai words of every run of Thai letters, and where a Thai word touches another
    character; other text is left alone."""

    def split(match: re.Match) -> str:
        run = match.group(0)
        return ZWSP.join(run[start:end] for start, end in WordBreaker(run, "th").segments())

    return THAI_EDGE.sub(ZWSP, THAI_RUN.sub(split, text))


# Sections that list what other pages define (a role's required skills, the matrix, the questions of the
# self-assessment, the index pages): (page path, section anchor), both whole-match regular expressions. A page's own
# entry (no anchor) is its title and first paragraphs, never a list.
LISTS = [
    (r"roles/[a-z]\d/", r"skills|ability|knowledge|experience|attribute|neighbours|.*stage.*"),
    (r"(skills|items|roles|matrix)/", r".+"),
    (r"stages/", r"comparison|group-.*"),
    (r"(skills|items)/[^/]+/", r"roles|early|developing|mature|aliases"),
    (r"domains/[^/]+/", r"units"),
    (r"groups/[^/]+/", r".+"),
    (r"assessment/", r"h-group|h-stage|c-.*"),
]
# A unit's or an item's description defines it. (Its title counts as any page's title does: weighting it too would
# put a unit with one word of the query in its title above a page whose title holds the whole query.)
DEFINITION = r"(skills|items)/[^/]+/"
WEIGHTS = {"definition": 3.0, "prose": 1.0, "list": 0.05}
KEYWORDS_FIELD = {"keywords": {"boost": 1000.0}}  # as much as a title (Material's title boost)


def section_weight(location: str) -> float:
    """How much an index entry's words count, by the kind of text it is (see LISTS and DEFINITION)."""
    path, _, anchor = location.partition("#")
    if anchor and any(re.fullmatch(p, path) and re.fullmatch(a, anchor) for p, a in LISTS):
        return WEIGHTS["list"]
    if re.fullmatch(DEFINITION, path) and anchor == "description":
        return WEIGHTS["definition"]
    return WEIGHTS["prose"]


def words_not_in(keywords: str, title: str) -> str:
    """The keywords' words (Thai segmented) that the title does not hold, once each: a word in both would count twice
    and put a tool page with one word of the query above a page whose title holds every word."""
    def words(text: str) -> list[str]:
        return segment_thai(text.lower()).replace(ZWSP, " ").split()

    seen = set(words(title))
    return " ".join(w for w in words(keywords) if not (w in seen or seen.add(w)))


def rank_entries(index: dict, keywords: dict[str, list[str]]) -> None:
    """Give each entry its weight, and each page's own entry the keywords its front matter names."""
    index.setdefault("config", {}).setdefault("fields", {}).update(KEYWORDS_FIELD)
    for doc in index.get("docs", []):
        doc["boost"] = section_weight(doc["location"])
        if "#" not in doc["location"] and keywords.get(doc["location"]):
            doc["keywords"] = words_not_in(" ".join(keywords[doc["location"]]), doc.get("title", ""))


def segment_search_index(site_dir: Path, keywords: dict[str, list[str]] | None = None, segment: bool = True) -> bool:
    """Rewrite the search index in place: Thai words segmented (unless `segment` is off), entries weighted, tool pages'
    keywords added (`keywords`: {page url: words}). Returns False when the site has no search index."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    index = json.loads(index_file.read_text(encoding="utf-8"))
    rank_entries(index, keywords or {})
    for doc in index.get("docs", []) if segment else []:
        for key in ("title", "text", "keywords"):
            if isinstance(doc.get(key), str):
                doc[key] = segment_thai(doc[key])
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
