"""The supervisor's review with the keyboard only: open the file, move through the controls with Tab, choose with
Space and the arrow keys, type — no mouse (#11)."""
from __future__ import annotations

import json

import pytest

from browser import open_page

pytestmark = pytest.mark.browser


def test_supervisor_review_works_with_the_keyboard_only(browser, site_url, tmp_path):
    staff = {"format": "digiskill-assessment", "schema_version": 2,
             "framework": {"id": "ocsc-2561", "data_version": "2561.1"}, "role": "A1",
             "person": {"name": "นายแป้นพิมพ์"}, "answers": {"DLit200": {"has": False}},
             "plan": {"DLit200": {"priority": 1, "methods": ["classroom"]}}}
    (tmp_path / "staff.json").write_text(json.dumps(staff, ensure_ascii=False), encoding="utf-8")
    recorded = open_page(browser, site_url + "supervisor/", accept_downloads=True)
    page = recorded.page
    # Playwright starts catching file choosers when the first listener is added; expect_file_chooser alone adds it just
    # before the key press, which sometimes reaches the page first (no chooser, a 30 s timeout). Listen early.
    page.on("filechooser", lambda chooser: None)
    page.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)

    def tab_to(selector, limit=120):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to('input[data-action="open"]')
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")  # the file picker opens from the keyboard
    chooser.value.set_files(str(tmp_path / "staff.json"))
    page.wait_for_selector("#review-form:not([hidden])")

    tab_to('input[name="role_decision"][value="agreed"]')
    page.keyboard.press("Space")
    tab_to("#f-lines-DLit200-decision-agreed")
    page.keyboard.press("ArrowDown")  # radio group: the arrow moves to ปรับแผน and selects it
    assert page.is_checked("#f-lines-DLit200-decision-changed")
    tab_to("#f-lines-DLit200-priority")  # shown by Python once the line is changed, with the staff member's 1
    assert page.input_value("#f-lines-DLit200-priority") == "1"
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to('textarea[name="opinion"]')
    page.keyboard.type("เห็นชอบ")
    tab_to('button[data-kind="json"]')
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    review = json.loads(info.value.path().read_text(encoding="utf-8"))["review"]
    assert review["role_decision"] == "agreed" and review["opinion"] == "เห็นชอบ"
    assert review["lines"]["DLit200"]["decision"] == "changed" and review["lines"]["DLit200"]["priority"] == 2
    page.context.close()
