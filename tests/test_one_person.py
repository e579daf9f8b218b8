"""One person, one file (README "One person, one file"): among one person's files of a fiscal year the one furthest
in the cycle (reviewed, then agreed, then draft) is kept, then the latest saved_at; whatever the file names and the
order the files come in, the CLI and the page keep the same file and name it in each set-aside reason."""
from __future__ import annotations

import itertools
import json

import pytest

from digiskill.cli import main
from digiskill.core.hr.aggregate import aggregate
from digiskill.core.hr.report import table_csv
from digiskill.core.worker.hr_session import HrSession
from hr_staff_files import staff, this_year
from test_aggregate import packed

NAME = "สุภาพร ใจงาม"


def version(catalog, stage: str, saved_at: str, **changes) -> str:
    """One copy of สุภาพร's file: "draft" (lacks DLit100 and DLit200), "agreed" (the supervisor signed; DLit200 now
    answered "have it"), or "reviewed" (a progress review on top)."""
    lacking = {"DLit100", "DLit200"} if stage == "draft" else {"DLit100"}
    text = staff(catalog, NAME, "A2", "กองกลาง", lacking, {"DLit100": ("classroom", "2027-02-10")},
                 agreed=stage != "draft",
                 progress={"DLit100": ("on_plan", "met", "ใช้ทำรายงาน")} if stage == "reviewed" else None)
    data = json.loads(text)
    data["saved_at"] = saved_at
    for key, value in changes.items():
        data["person"][key] = value
    return json.dumps(data, ensure_ascii=False)


def others(catalog):
    return [f for f in this_year(catalog) if f[0] != "c1.json"]


STAGES = {"draft": "2026-11-20T09:00:00Z", "agreed": "2026-12-02T03:00:00Z", "reviewed": "2027-04-01T08:30:00Z"}


@pytest.mark.parametrize("names", list(itertools.permutations(
    ["สุภาพร (ร่าง).json", "สุภาพร (เห็นชอบ).json", "idp-A2-2569-11-20.json"])))
def test_the_file_furthest_in_the_cycle_is_kept_in_every_name_order(catalog, names):
    """draft → agreed → reviewed copies under every assignment of three names (file-name order used to decide): the
    reviewed one is kept, and each other copy says ฉบับเก่ากว่า and which file was kept."""
    copies = {stage: (name, version(catalog, stage, saved)) for name, (stage, saved) in zip(names, STAGES.items())}
    files = others(catalog) + list(copies.values())
    alone = aggregate(catalog, others(catalog) + [copies["reviewed"]])
    for given in (files, list(reversed(files))):
        agg = aggregate(catalog, given, anonymise=False)
        kept = copies["reviewed"][0]
        reasons = {r.file: r.reason_th for r in agg.rejected}
        assert set(reasons) == {copies["draft"][0], copies["agreed"][0]}
        for stage in ("draft", "agreed"):
            assert reasons[copies[stage][0]].startswith("ฉบับเก่ากว่าของบุคคลเดียวกัน") and f"ใช้ไฟล์ {kept}" in \
                reasons[copies[stage][0]]
        assert "(ร่าง บันทึก 20 พ.ย. 2569 09:00 น. UTC)" in reasons[copies["draft"][0]]
        assert "(ทบทวนความก้าวหน้าแล้ว บันทึก 1 เม.ย. 2570 08:30 น. UTC)" in reasons[copies["draft"][0]]
        assert [f.name for f in agg.facts].count(NAME) == 1
        anonymous = aggregate(catalog, given)
        for kind in ("gaps", "coverage", "progress", "enrolment"):  # every figure as with the reviewed file alone
            assert table_csv(anonymous, kind) == table_csv(alone, kind)


def test_agreed_wins_over_an_earlier_draft_and_a_later_draft_does_not_undo_it(catalog):
    draft = ("b-draft.json", version(catalog, "draft", "2026-11-20T09:00:00Z"))
    agreed = ("c-agreed.json", version(catalog, "agreed", "2026-12-02T03:00:00Z"))
    later_draft = ("a-again.json", version(catalog, "draft", "2026-12-15T03:00:00Z"))
    for files in itertools.permutations([draft, agreed, later_draft]):
        agg = aggregate(catalog, list(files), anonymise=False)
        assert agg.used == 1 and agg.facts[0].agreed
        reasons = {r.file: r.reason_th for r in agg.rejected}
        assert reasons["b-draft.json"].startswith("ฉบับเก่ากว่าของบุคคลเดียวกัน (ร่าง บันทึก 20 พ.ย. 2569")
        assert reasons["a-again.json"].startswith("ฉบับเก่ากว่าในรอบการพัฒนา: เป็นร่างของบุคคลเดียวกันที่บันทึกหลัง")
        assert "ใช้ไฟล์ c-agreed.json แทน (หัวหน้าเห็นชอบแล้ว บันทึก 2 ธ.ค. 2569 03:00 น. UTC)" in reasons["a-again.json"]


def test_among_drafts_the_latest_saved_at_wins_whatever_the_time_zone(catalog):
    early = ("z-early.json", version(catalog, "draft", "2026-12-01T08:00:00+07:00"))  # 01:00 UTC
    late = ("a-late.json", json.dumps(json.loads(version(catalog, "draft", "2026-12-01T02:00:00Z")) |
                                      {"answers": json.loads(early[1])["answers"] | {"DLit200": {"has": True}}},
                                      ensure_ascii=False))
    for files in ([early, late], [late, early]):
        agg = aggregate(catalog, files)
        assert [r.file for r in agg.rejected] == ["z-early.json"] and "DLit200" not in agg.facts[0].lacking
        assert "ใช้ไฟล์ a-late.json แทน" in agg.rejected[0].reason_th
    same = ("b-same.json", early[1].replace('"name": "สุภาพร ใจงาม"', '"name": "  สุภาพร   ใจงาม "'))
    agg = aggregate(catalog, [early, same])  # same time, same stage, other content: the earlier name is kept
    assert [(r.file, r.reason_th) for r in agg.rejected] == [("z-early.json", "ไฟล์ของบุคคลเดียวกันที่บันทึกเวลาเดียวกับไฟล์ "
                                                                              "b-same.json ใช้ไฟล์ b-same.json (ชื่อไฟล์เรียงก่อน)")]


def test_the_identity_rule_name_position_and_fiscal_year(catalog):
    base = version(catalog, "draft", "2026-11-20T09:00:00Z")
    later = "2026-11-21T09:00:00Z"
    other_position = ("b.json", version(catalog, "agreed", later, position="นักวิชาการคอมพิวเตอร์"))
    other_year = json.loads(base)  # the same answers in another fiscal year: another year, not a copy
    other_year["period"]["fiscal_year"] = 2571
    assert aggregate(catalog, [("a.json", base), other_position]).used == 2
    assert aggregate(catalog, [("a.json", base), ("b.json", json.dumps(other_year, ensure_ascii=False))]).used == 2
    other_role = json.loads(version(catalog, "draft", later))  # the supervisor proposed another role: same person
    other_role.update(role="A3", group="A", stage="mature")
    agg = aggregate(catalog, [("a.json", base), ("b.json", json.dumps(other_role, ensure_ascii=False))])
    assert agg.used == 1 and agg.facts[0].role == "A3" and agg.rejected[0].file == "a.json"
    spaced = version(catalog, "agreed", later, name=f"  {NAME} ", position=" นักวิเคราะห์")
    assert aggregate(catalog, [("a.json", base), ("b.json", spaced)]).used == 1
    unnamed = [(f"{i}.json", version(catalog, "draft", f"2026-11-2{i}T09:00:00Z", name="", position=position))
               for i, position in enumerate(["ก", "ข", "ข"])]
    agg = aggregate(catalog, unnamed)  # no name: no identity, only exact copies are set aside
    assert agg.used == 2 and [(r.file, r.reason_th) for r in agg.rejected] == [("1.json", "ซ้ำกับไฟล์ 2.json")]  # the later copy kept


def test_cli_and_page_keep_the_same_file_and_say_the_same(tmp_path, catalog, capsys):
    names = ["idp-A2-2569-11-20.json", "idp-A2-2569-12-02.json", "idp-A2-2570-04-01.json"]  # as the page names them
    files = others(catalog) + [(name, version(catalog, stage, saved))
                               for name, (stage, saved) in zip(names, STAGES.items())]
    folder = tmp_path / "staff"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "progress.csv"
    assert main(["aggregate", str(folder), "--table", "progress", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    cli_lines = [line.strip() for line in err.splitlines() if line.strip().startswith("set aside")]
    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    session.aggregate(*packed(list(reversed(files))), True)
    page = json.loads(session.hr_table("rejected"))["tables"][0]
    page_lines = [f"set aside {row[0]}: {row[1]}" for row in page["rows"]]
    assert cli_lines == page_lines == [
        "set aside idp-A2-2569-11-20.json: ฉบับเก่ากว่าของบุคคลเดียวกัน (ร่าง บันทึก 20 พ.ย. 2569 09:00 น. UTC) "
        "ใช้ไฟล์ idp-A2-2570-04-01.json แทน (ทบทวนความก้าวหน้าแล้ว บันทึก 1 เม.ย. 2570 08:30 น. UTC)",
        "set aside idp-A2-2569-12-02.json: ฉบับเก่ากว่าของบุคคลเดียวกัน (หัวหน้าเห็นชอบแล้ว บันทึก 2 ธ.ค. 2569 "
        "03:00 น. UTC) ใช้ไฟล์ idp-A2-2570-04-01.json แทน (ทบทวนความก้าวหน้าแล้ว บันทึก 1 เม.ย. 2570 08:30 น. UTC)"]
    assert session._last is not None and table_csv(session._last, "progress") == out.read_bytes()


@pytest.mark.parametrize("saved_at", ["2026-11-24T10:00:00Z", "2026-11-24T17:00:00+07:00", "2026-11-24T10:00:00.5Z",
                                      "2026-11-24T10:00:00", "2026-11-24 10:00:00Z", "2026-11-24T10:00Z", ""])
def test_saved_times_sort_as_time_does(saved_at):
    import datetime

    from digiskill.core.hr.staff_facts import saved_instant

    if not saved_at:
        assert saved_instant(saved_at) == ""
        return
    moment = datetime.datetime.fromisoformat(saved_at.replace("Z", "+00:00"))
    if moment.tzinfo:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    assert datetime.datetime.fromisoformat(saved_instant(saved_at)) == moment
    assert len(saved_instant(saved_at)) == 26  # one shape, so text order is time order
