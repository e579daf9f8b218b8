"""Make Material's search find Thai words in the middle of a sentence.

Material's search splits text only on its `separator`, and Thai writes no spaces between words, so a whole Thai phrase
becomes one token and only its prefixes match. After the build we insert U+200B (zero-width space) between Thai
words in `search/search_index.json`, and mkdocs.yml's search `separator` includes U+200B. The browser splits the typed
query the same way with `Intl.Segmenter('th')` (site_templates/assets/digiskill.js). ICU segments here exactly as
the browser's Intl.Segmenter does, which is why we use icu4py rather than PyThaiNLP.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from icu4py.breakers import WordBreaker

ZWSP = "\u200b"
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")


def segment_thai(text: str) -> str:
    """Insert U+200B between the Thai words of every run of Thai letters; other text is left alone."""

    def split(match: re.Match) -> str:
        run = match.group(0)
        return ZWSP.join(run[start:end] for start, end in WordBreaker(run, "th").segments())

    return THAI_RUN.sub(split, text)


def segment_search_index(site_dir: Path) -> bool:
    """Rewrite the search index in place. Returns False when the site has no search index."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = segment_thai(doc[key])
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
