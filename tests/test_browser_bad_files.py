"""Bad files in real headless Chromium: an import of bad files never touches the current answers; a damaged autosave
is reported and kept, not lost; the gap analysis sets bad staff files aside and counts the rest."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from browser import open_page, reach, settled
from staff_files import staff_files

pytestmark = pytest.mark.browser
CASES = Path(__file__).parent / "bad_input" / "answers"
EXPECTED = yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))
FIVE_BAD = ["10-deep-list-nesting.json", "67-date-buddhist-year.json", "49-note-control-char.json",
            "33-role-list.json", "25-version-newer.json"]
READY = "#ds-assessment[data-python-ready=true]"
STORED = "() => localStorage.getItem(document.getElementById('ds-assessment').dataset.storageKey)"


def assessment_page(browser, site_url, query=""):
    recorded = open_page(browser, site_url + "assessment/" + query, accept_downloads=True)
    recorded.page.on("dialog", lambda dialog: dialog.accept())
    return recorded.page


def test_import_of_bad_files_keeps_the_current_answers(browser, site_url):
    page = assessment_page(browser, site_url, "?role=a1")
    page.wait_for_selector(READY, timeout=60_000)
    reach(page, 'input[name="has-DLit100"]')
    page.check('input[name="has-DLit100"][value="no"]')
    page.fill('input[name="note-DLit100"]', "ยังไม่เคยใช้")
    settled(page)
    before = page.evaluate(STORED)
    for name in FIVE_BAD:
        page.evaluate("() => { document.getElementById('ds-message').hidden = true; }")  # the last file's message
        page.set_input_files('input[data-action="import"]', str(CASES / name))
        page.wait_for_selector("#ds-message:not([hidden])")
        settled(page)
        message = page.inner_text("#ds-message")
        assert "นำเข้าไม่ได้" in message and EXPECTED[name]["message_th"] in message, (name, message)
        assert page.evaluate(STORED) == before
        assert page.is_checked('input[name="has-DLit100"][value="no"]')
        assert page.input_value('input[name="note-DLit100"]') == "ยังไม่เคยใช้"
    page.context.close()


@pytest.mark.parametrize("draft,says", [
    ("{ half a draft", "ไม่ใช่ไฟล์ JSON ที่ถูกต้อง"),
    (None, "ลำดับความสำคัญต้องอยู่ระหว่าง 1 ถึง 99 แต่พบ 500"),
], ids=["not-json", "priority-out-of-range"])
def test_damaged_autosave_is_reported_and_kept(browser, site_url, draft, says):
    page = assessment_page(browser, site_url)
    page.wait_for_selector(READY, timeout=60_000)
    if draft is None:  # a draft that parses but breaks a rule; the sound part (the DLit100 answer) stays
        draft = json.dumps({"format": "digiskill-assessment", "schema_version": 1,
                            "framework": {"id": "ocsc-2561", "data_version": "2561.1"}, "role": "A1",
                            "group": "A", "stage": "developing", "answers": {"DLit100": {"has": False, "note": ""}},
                            "plan": {"DLit100": {"priority": 500}}}, ensure_ascii=False)
    page.evaluate("d => localStorage.setItem(document.getElementById('ds-assessment').dataset.storageKey, d)", draft)
    page.reload()
    page.wait_for_selector("#ds-message:not([hidden])", timeout=60_000)
    message = page.inner_text("#ds-message")
    assert "เสียหาย" in message, message
    assert says in page.inner_text("#ds-assessment")  # in the box, or next to the control it concerns
    backup = page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment').dataset.storageKey + '.backup')")
    assert backup == draft
    with page.expect_download() as info:
        page.click("#ds-message button")
    assert info.value.path().read_text(encoding="utf-8") == draft
    if "priority" in says:
        page.wait_for_selector(READY)
        assert page.is_checked('input[name="has-DLit100"][value="no"]')  # what was sound is still there
    page.context.close()


def test_a_saved_review_python_cannot_use_is_reported_and_kept(browser, site_url):
    """The supervisor's autosaved review breaks a rule (a priority of 500): it is not dropped in silence, the page says
    why, keeps a copy under the storage key + ".backup" and offers it as a download."""
    recorded = open_page(browser, site_url + "supervisor/", accept_downloads=True)
    page = recorded.page
    page.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)
    draft = json.dumps({"format": "digiskill-assessment", "schema_version": 1,
                        "framework": {"id": "ocsc-2561", "data_version": "2561.1"}, "role": "A1", "group": "A",
                        "stage": "developing", "answers": {"DLit100": {"has": False, "note": ""}},
                        "plan": {"DLit100": {"priority": 500}}}, ensure_ascii=False)
    key = "document.getElementById('ds-supervisor').dataset.storageKey"
    page.evaluate(f"d => localStorage.setItem({key}, d)", draft)
    page.reload()
    page.wait_for_selector("#ds-message:not([hidden])", timeout=60_000)
    message = page.inner_text("#ds-message")
    assert "ใช้ต่อไม่ได้" in message and "ลำดับความสำคัญต้องอยู่ระหว่าง 1 ถึง 99 แต่พบ 500" in message, message
    assert page.evaluate(f"() => localStorage.getItem({key} + '.backup')") == draft
    with page.expect_download() as info:
        page.click("#ds-message button")
    assert info.value.path().read_text(encoding="utf-8") == draft
    assert recorded.foreign(site_url) == []
    page.context.close()


def test_gap_analysis_uses_good_files_and_sets_bad_ones_aside(browser, site_url, catalog, tmp_path):
    for name, text in staff_files(catalog, 50, seed=5, extras=False):
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name in FIVE_BAD:
        shutil.copy(CASES / name, tmp_path / name)
    recorded = open_page(browser, site_url + "gap-analysis/")
    page = recorded.page
    page.wait_for_selector("#ds-gap[data-python-ready=true]", timeout=60_000)
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in tmp_path.iterdir()))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.get_attribute("#ds-gap", "data-used") == "50"
    rows = page.eval_on_selector_all(".ds-rejected tr", "rows => rows.slice(1).map(r => [r.cells[0].innerText, r.cells[1].innerText])")
    assert dict(rows) == {name: EXPECTED[name]["message_th"] for name in FIVE_BAD}
    page.context.close()
