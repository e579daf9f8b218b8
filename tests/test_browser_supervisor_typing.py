"""The supervisor types in every free-text field with pauses longer than the autosave: Python's replies never take
the text, the focus or the caret from the field being typed in (#22)."""
from __future__ import annotations

import json

import pytest

from browser import open_page, type_with_a_pause
from cycle_files import reviewed_year

pytestmark = pytest.mark.browser
# One field of each kind and place (a field shown by a choice, one shown by a checkbox, a plan line's comment, the
# feedback Python copies into the progress review, a signer's name): the page kit treats every text field alike.
FIELDS = ["#f-reason", "#f-next_level-name", "#f-lines-DS300-comment", "#f-feedback", "#f-supervisor-name"]


def test_typing_with_pauses_keeps_the_text_and_the_caret(browser, site_url, tmp_path):
    (tmp_path / "year.json").write_text(json.dumps(reviewed_year(), ensure_ascii=False), encoding="utf-8")
    recorded = open_page(browser, site_url + "supervisor/", accept_downloads=True)
    page = recorded.page
    page.on("dialog", lambda dialog: dialog.accept())
    page.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)
    page.set_input_files('input[data-action="open"]', str(tmp_path / "year.json"))
    page.wait_for_selector("#review-form:not([hidden])")
    page.check("#f-role_decision-proposed")
    page.check("#f-multi_group")
    page.wait_for_selector("#f-reason", state="visible")
    page.wait_for_selector("#f-next_level-name", state="visible")
    typed = {}
    for selector in FIELDS:
        typed[selector] = type_with_a_pause(page, selector, "ข้อความแรก", " และต่อ", pause_s=0.8)
    page.reload()
    page.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)
    page.wait_for_selector("#review-form:not([hidden])")
    for selector, value in typed.items():
        assert page.input_value(selector) == value, selector
    stored = json.loads(page.evaluate("() => localStorage.getItem(document.getElementById('ds-supervisor')"
                                      ".dataset.storageKey)"))
    said = typed["#f-feedback"]
    assert stored["review"]["lines"]["DS300"]["comment"] == said and stored["progress"][-1]["feedback"] == said
    assert stored["progress"][-1]["supervisor"]["name"] == said  # copied by Python
    page.context.close()
