"""The gap analysis and HR follow-up in headless Chromium: HR picks many staff files (or a zip); the page's numbers and
every CSV (gaps, coverage, progress, trend, enrolment) equal the CLI's byte for byte, also under a division filter;
the plan downloads open; names stay out when anonymised; axe finds nothing serious at 1366 and 390 px; nothing leaves
the origin."""
from __future__ import annotations

import io
import json
import zipfile

import docx
import openpyxl
import pytest

from browser import axe_violations, open_page
from conftest import ROOT
from digiskill.cli import main
from hr_staff_files import HEADCOUNT_CSV, last_year, this_year
from staff_files import staff_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_dir(tmp_path_factory, catalog):
    folder = tmp_path_factory.mktemp("staff")
    for name, text in staff_files(catalog, 80, seed=11):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_files_given_in_many_batches_give_the_cli_result(browser, site_url, staff_dir, tmp_path, monkeypatch):
    """The page hands the files to Python in batches (500 by default; 7 here, so copies of one file fall in different
    batches): the result is the one of all files at once."""
    monkeypatch.chdir(ROOT)
    cli_csv = tmp_path / "cli.csv"
    assert main(["aggregate", str(staff_dir), "--out", str(cli_csv)]) == 0
    recorded, page = ready_gap_page(browser, site_url)
    page.evaluate("document.getElementById('ds-gap').dataset.batch = '7'")
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in staff_dir.iterdir()))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.evaluate("performance.getEntriesByName('digiskill:hr_add').length") == 13  # 85 files, 7 a call
    assert (page.get_attribute("#ds-gap", "data-used"), page.get_attribute("#ds-gap", "data-rejected")) == ("80", "5")
    with page.expect_download() as info:
        page.click('button[data-kind="gaps"]')
    assert info.value.path().read_bytes() == cli_csv.read_bytes()
    assert recorded.foreign(site_url) == []
    page.context.close()


def ready_gap_page(browser, site_url):
    """The gap-analysis page, once Python is ready: (the recorded page, the page)."""
    recorded = open_page(browser, site_url + "gap-analysis/", accept_downloads=True)
    recorded.page.wait_for_selector("#ds-gap[data-python-ready=true]", timeout=60_000)
    return recorded, recorded.page


def test_choosing_other_files_during_a_run_shows_only_the_new_ones(browser, site_url, staff_dir, tmp_path,
                                                                  monkeypatch, catalog):
    """HR picks 85 files, then, while they are still being checked, 12 others: the page ends the first run and shows
    the second, equal to the CLI's result for those 12 alone."""
    monkeypatch.chdir(ROOT)
    second = tmp_path / "second"
    second.mkdir()
    for name, text in staff_files(catalog, 12, seed=23, extras=False):
        (second / name.replace("staff-", "other-")).write_text(text, encoding="utf-8")
    cli_csv = tmp_path / "cli.csv"
    assert main(["aggregate", str(second), "--keep-names", "--out", str(cli_csv)]) == 0
    recorded, page = ready_gap_page(browser, site_url)
    page.evaluate("document.getElementById('ds-gap').dataset.batch = '5'")
    page.uncheck('input[name="anonymise"]')
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in staff_dir.iterdir()))
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in second.iterdir()))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'ok'", timeout=60_000)
    page.wait_for_timeout(500)  # a late answer of the first run would land here
    assert (page.get_attribute("#ds-gap", "data-used"), page.get_attribute("#ds-gap", "data-rejected")) == ("12", "0")
    assert page.is_hidden("#ds-message") or not page.inner_text("#ds-message").strip()
    with page.expect_download() as info:
        page.click('button[data-kind="gaps"]')
    assert info.value.path().read_bytes() == cli_csv.read_bytes()
    page.context.close()


def test_browser_and_cli_agree_exactly(browser, site_url, staff_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    cli_csv = tmp_path / "cli.csv"
    assert main(["aggregate", str(staff_dir), "--out", str(cli_csv)]) == 0

    recorded, page = ready_gap_page(browser, site_url)
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in staff_dir.iterdir()))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.get_attribute("#ds-gap", "data-used") == "80"
    assert page.get_attribute("#ds-gap", "data-rejected") == "5"
    rejected = page.inner_text(".ds-rejected")
    assert "old-version.json" in rejected and "2567.1" in rejected and "ซ้ำกับไฟล์" in rejected
    # the same answers saved again later: the later copy is kept, whatever the names (#24)
    assert "staff-00002.json\tซ้ำกับไฟล์ staff-00002-again.json" in rejected

    with page.expect_download() as info:
        page.click('button[data-kind="gaps"]')
    assert info.value.path().read_bytes() == cli_csv.read_bytes()

    with page.expect_download() as info:
        page.click('button[data-action="org_plan_xlsx"]')
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    text = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    names = [json.loads(p.read_text(encoding="utf-8"))["person"]["name"] for p in staff_dir.glob("staff-*.json")]
    assert not any(name in text for name in names)  # anonymised by default
    assert "ภายในปี" in text  # SMART goal drafts

    with page.expect_download() as info:
        page.click('button[data-action="org_plan_docx"]')
    assert docx.Document(io.BytesIO(info.value.path().read_bytes())).tables

    group_counts = page.eval_on_selector_all(".ds-by-group tr", "rows => rows.slice(1).map(r => [r.cells[1].innerText, "
                                                                "r.cells[2].innerText])")
    shown = [int(n) for n, mark in group_counts if not mark]
    assert all(n == "" for n, mark in group_counts if mark == "ซ่อน")  # small groups: empty, marked
    assert sum(shown) == 80 if len(shown) == len(group_counts) else sum(shown) < 80
    assert page.locator("#heatmap svg rect").count() > 20 and page.locator("#top-gaps-chart svg rect").count() == 10
    page.select_option('select[name="component"]', "knowledge")
    assert "ความรู้" in page.text_content("#heatmap svg > title")
    assert axe_violations(page) == []
    assert recorded.foreign(site_url) == []
    page.context.close()


def _zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files:
            zf.writestr(name, text)
    return path


def _download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return info.value.path().read_bytes()


def test_follow_up_tables_equal_the_cli_for_every_csv_and_filter(browser, site_url, catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    now, old = _zip(tmp_path / "2570.zip", this_year(catalog)), _zip(tmp_path / "2569.zip", last_year(catalog))
    headcount = tmp_path / "headcount.csv"
    headcount.write_text(HEADCOUNT_CSV, encoding="utf-8")
    kinds = ["gaps", "coverage", "progress", "trend", "enrolment"]

    def cli(kind, *extra):
        out = tmp_path / f"cli-{kind}-{len(extra)}.csv"
        assert main(["aggregate", str(now), "--headcount", str(headcount), "--last-year", str(old), "--table", kind,
                     *extra, "--out", str(out)]) == 0
        return out.read_bytes()

    recorded, page = ready_gap_page(browser, site_url)
    page.click("#headcount-box summary")
    page.fill("#headcount-text", "group,division,headcount\nA,กองกลาง,8\nZ,กองคลัง,4\n")
    page.click('button[data-action="headcount"]')
    page.wait_for_selector("#headcount-status[data-kind=error]")
    assert "บรรทัด 3" in page.inner_text("#headcount-status") and "Z" in page.inner_text("#headcount-status")
    page.fill("#headcount-text", HEADCOUNT_CSV.replace("\r\n", "\n"))
    page.click('button[data-action="headcount"]')
    page.wait_for_selector("#headcount-status[data-kind=ok]")
    page.click("#last-year-box summary")
    page.set_input_files('input[data-action="last-year"]', str(old))
    page.wait_for_selector("#last-year-status[data-kind=ok]")
    page.set_input_files('input[data-action="files"]', str(now))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.get_attribute("#ds-gap", "data-used") == "14"
    coverage = page.eval_on_selector_all(".ds-coverage tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    assert coverage[1][:5] == ["ทั้งหมด", "ผู้ทำงานด้านนโยบายและงานวิชาการ", "13", "11", "85"]
    assert coverage[2][-1] == "ซ่อน" and "< 5" not in page.inner_text(".ds-coverage")
    page.click("#coverage details.ds-howto summary")
    assert "ร้อยละของผู้ที่ตอบ" in page.inner_text("#coverage details.ds-howto")
    assert page.locator("#trend-chart svg").count() == 1 and "-35" in page.text_content(".ds-trend")  # in a <details>
    for kind in kinds:
        assert _download(page, f'button[data-kind="{kind}"]') == cli(kind), kind

    page.select_option('select[name="division"]', "กองกลาง")
    page.wait_for_function("document.querySelector('#summary').innerText.includes('ตามตัวกรอง')")
    for kind in kinds:
        assert _download(page, f'button[data-kind="{kind}"]') == cli(kind, "--division", "กองกลาง"), kind
    text = " ".join(_download(page, f'button[data-kind="{k}"]').decode("utf-8-sig") for k in kinds)
    assert ".json" not in text and ".zip" not in text and "สมชาย" not in text

    shown_tables_are_pythons(page, catalog, now, old)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(1000)  # let Material's layout settle (the nav drawer fades in and out)
        assert axe_violations(page) == [], width
        page.screenshot(path=str(ROOT / "build" / f"gap-analysis-{width}.png"), full_page=True) \
            if (ROOT / "build").is_dir() else None
    assert recorded.foreign(site_url) == []
    page.context.close()


def test_enrolment_list_with_names_for_one_unit(browser, site_url, catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    now = _zip(tmp_path / "2570.zip", this_year(catalog))
    out = tmp_path / "cli.csv"
    assert main(["aggregate", str(now), "--keep-names", "--table", "enrolment", "--unit", "DLit200", "--out",
                 str(out)]) == 0
    recorded, page = ready_gap_page(browser, site_url)
    page.uncheck('input[name="anonymise"]')
    page.set_input_files('input[data-action="files"]', str(now))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    page.select_option('select[name="unit"]', "DLit200")
    page.wait_for_function("document.querySelectorAll('.ds-enrolment tr').length === 6")
    assert "สุดา 5" in page.inner_text(".ds-enrolment")
    assert _download(page, 'button[data-kind="enrolment"]') == out.read_bytes()
    page.context.close()


def shown_tables_are_pythons(page, catalog, now, old):
    """Every table on the page, header and cell, is what `HrSession` returns for the same files and filter: the
    page picks no column and formats no figure, so a column moved in Python cannot show a wrong figure."""
    from digiskill.core.worker.hr_session import HrSession

    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    session.hr_headcount(HEADCOUNT_CSV)
    session.hr_last_year(*_packed([(old.name, old.read_bytes())]))
    session.aggregate(*_packed([(now.name, now.read_bytes())]), True)
    view = json.loads(session.hr_view(json.dumps({"division": "กองกลาง"})))
    expected = {t["id"]: [t["headers"]] + [[str(v) for v in row] for row in t["rows"]]
                for t in view["tables"] if t["headers"]}
    shown = page.evaluate("""ids => Object.fromEntries(ids.map(id => [id, Array.from(
        document.querySelectorAll('#' + id + ' table tr'), tr => Array.from(tr.cells, c => c.textContent))]))""",
                          list(expected))
    assert shown == expected
    assert set(expected) >= {"coverage", "by-group", "top-gaps", "gap-table", "progress", "trend", "methods"}


def _packed(files):
    return json.dumps([n for n, _c in files]), json.dumps([len(c) for _n, c in files]), b"".join(c for _n, c in files)


def test_an_unexpected_error_in_python_shows_the_thai_message_and_logs_the_details(browser, site_url, catalog,
                                                                                  tmp_path):
    """A call the page makes fails inside Python (here: the filter call is handed text that is not JSON): the page
    shows the HR page's Thai message, the traceback goes to the console, and the page stays usable."""
    from digiskill.core.worker.hr_calls import UNEXPECTED_TH

    now = _zip(tmp_path / "2570.zip", this_year(catalog))
    recorded = open_page(browser, "about:blank")
    page = recorded.page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script("""Object.defineProperty(window, 'DigiskillPython', { configurable: true,
        set(kit) { const start = kit.start; kit.start = o => { const c = start(o), call = c.call;
                     c.call = (name, args) => call(name, name === 'hr_view' ? ['{not json'] : args); return c; };
                   Object.defineProperty(window, 'DigiskillPython', { value: kit, writable: true }); } });""")
    page.goto(site_url + "gap-analysis/")
    page.wait_for_selector("#ds-gap[data-python-ready=true]", timeout=60_000)
    page.set_input_files('input[data-action="files"]', str(now))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    page.select_option('select[name="group"]', "A")
    page.wait_for_selector("#ds-message:not([hidden])")
    assert page.inner_text("#ds-message") == UNEXPECTED_TH
    assert any("Traceback" in e and "JSONDecodeError" in e for e in errors), errors
    assert "Traceback" not in page.inner_text("#ds-gap")
    assert _download(page, 'button[data-kind="gaps"]').startswith("\ufeffรหัสกลุ่ม,".encode())  # still usable
    page.context.close()
