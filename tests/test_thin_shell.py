"""The browser's scripts are a thin shell (#22): no Thai word and no key of the answers file in any JavaScript under
site_templates/assets/. Words live in the templates (#ds-words, data attributes); records, rules and what to draw are
Python's (core/worker/). Read from the source, so a word or key added to a script fails here at once."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT

SCRIPTS = sorted((ROOT / "site_templates" / "assets").glob("*.js"))
# Names of the worker protocol and of the DOM that happen to be spelt like a key of the answers file: not the file.
NOT_THE_FILE = {
    "start": "the page sessions' first call",
    "progress": "the worker's start-up progress message",
    "review": "the supervisor page's session name (python-worker.js)",
    "role": "the ARIA attribute",
    "status": "the ARIA role of a message",
    "id": "message ids between the page and the worker",
}


def answers_file_keys(catalog) -> set[str]:
    from digiskill.core.answers.schema import answers_schema

    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(answers_schema(catalog))
    return keys


def test_there_are_scripts_to_check():
    assert {p.name for p in SCRIPTS} >= {"page-kit.js", "assessment.js", "supervisor.js", "gap-analysis.js",
                                         "python-client.js", "python-worker.js", "digiskill.js"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_thai_in_scripts(script):
    text = script.read_text(encoding="utf-8")
    found = [line for line in text.splitlines() if re.search("[\u0e00-\u0e7f]", line)]
    assert found == [], f"{script.name}: Thai belongs in the page's template: {found[:3]}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_answers_file_key_in_scripts(script, catalog):
    text = script.read_text(encoding="utf-8")
    keys = answers_file_keys(catalog) - set(NOT_THE_FILE)
    found = sorted(k for k in keys if re.search(r"""["']%s["']""" % re.escape(k), text))
    assert found == [], f"{script.name} names keys of the answers file: {found}"


def test_the_key_list_is_the_files():
    """The check reads the real schema: the keys a thin shell must not know are there."""
    from digiskill.catalog.loader import load_catalog

    keys = answers_file_keys(load_catalog(ROOT / "catalog"))
    assert {"answers", "plan", "review", "feedback", "fiscal_year", "methods", "decision", "shares"} <= keys
