"""`core.markup.escape` writes exactly what `html.escape` writes (the core avoids importing `html` for its start-up)."""
from __future__ import annotations

import html

from hypothesis import given, strategies as st

from digiskill.core.display.markup import escape


@given(st.text())
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text, quote=True)


def test_escape_covers_each_special_character():
    assert escape("""<a href="x" title='y'>&</a> ไทย""") == \
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt; ไทย"
