"""The gap analysis in headless Chromium: HR picks many staff files; the page's numbers and its CSV equal the CLI's
exactly; the plan downloads open; names stay out when anonymised; nothing leaves the origin."""
from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from browser import axe_violations, open_page
from conftest import ROOT
from digiskill.cli import main
from staff_files import staff_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_dir(tmp_path_factory, catalog):
    folder = tmp_path_factory.mktemp("staff")
    for name, text in staff_files(catalog, 80, seed=11):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_browser_and_cli_agree_exactly(browser, site_url, staff_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    cli_csv = tmp_path / "cli.csv"
    assert main(["aggregate", str(staff_dir), "--out", str(cli_csv)]) == 0

    recorded = open_page(browser, site_url + "gap-analysis/", accept_downloads=True)
    page = recorded.page
    page.wait_for_selector("#ds-gap[data-python-ready=true]", timeout=60_000)
    page.set_input_files('input[data-action="files"]', sorted(str(p) for p in staff_dir.iterdir()))
    page.wait_for_selector("#results:not([hidden])", timeout=60_000)
    assert page.get_attribute("#ds-gap", "data-used") == "80"
    assert page.get_attribute("#ds-gap", "data-rejected") == "5"
    rejected = page.inner_text(".ds-rejected")
    assert "old-version.json" in rejected and "2567.1" in rejected and "ซ้ำกับไฟล์" in rejected

    with page.expect_download() as info:
        page.click('button[data-action="gaps_csv"]')
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

    group_counts = page.eval_on_selector_all(".ds-by-group tr", "rows => rows.slice(1).map(r => +r.cells[1].innerText)")
    assert sum(group_counts) == 80
    role_counts = page.eval_on_selector_all(".ds-by-role tr", "rows => rows.slice(1).map(r => +r.cells[1].innerText)")
    assert sum(role_counts) == 80
    assert page.locator("#heatmap svg rect").count() > 20 and page.locator("#top-gaps-chart svg rect").count() == 10
    assert axe_violations(page) == []
    assert recorded.foreign(site_url) == []
    page.context.close()
