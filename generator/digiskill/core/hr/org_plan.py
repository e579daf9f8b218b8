"""The organisation development plan draft (seed Org 3.2), prefilled from the aggregation and the agency settings,
as blocks for the same DOCX / XLSX writers as the IDP. HR edits the draft; every prefilled line says where it came
from."""
from __future__ import annotations

import datetime

from .aggregate import Aggregation, CSV_COLUMNS, table_rows
from .coverage import COVERAGE_COLUMNS, coverage_table
from .progress import PROGRESS_COLUMNS, progress_table, progress_totals
from .trend import TREND_COLUMNS, biggest_changes, trend_table
from ..documents.docx_writer import render_docx
from ..display.thaidate import BE_OFFSET, thai_date
from ..documents.xlsx_writer import render_xlsx
from ..display.percent import percent

PHASES = (1, 3, 5)
GOAL_SHARE = 80  # the SMART goal drafts aim at this share of the target group having the unit


def org_plan_blocks(agg: Aggregation, today: datetime.date | None = None) -> list[dict]:
    catalog = agg.catalog
    agency = catalog.agency
    today = today or datetime.date.today()
    year = today.year + BE_OFFSET
    form = catalog.form("org_plan")
    section = {s.code: s for s in form.sections}
    label = {f.code: f.title_th for s in form.sections for f in s.fields}
    groups = {g.code: g for g in catalog.groups}
    parts = {p.code: p.share for p in catalog.learning_model.parts}
    tools = {t.code: t for t in catalog.tools}
    stage = catalog.stage(agency.target_stage) if agency else None
    urgent = agg.urgent()

    blocks: list[dict] = [
        {"type": "title", "text": form.title_th + (f" — {agency.name_th}" if agency else "")},
        {"type": "meta", "text": f"ร่างจากผลประเมินตนเองของบุคลากร {agg.used} คน เมื่อ {thai_date(today)} "
                                 f"(ไฟล์ที่ไม่ได้ใช้ {len(agg.rejected)} ไฟล์) · กรอบ {catalog.framework.id} "
                                 f"ฉบับ {catalog.framework.data_version} · เป็นร่างให้ฝ่ายบุคคลแก้ไข"},
        {"type": "heading", "text": "1. " + section["direction"].title_th},
        {"type": "fields", "rows": [
            [label["vision_mission"], agency.vision_th if agency else ""],
            [label["target_stage"], f"{stage.title_th} ({stage.title_en}) ภายในปี {agency.target_year}" if agency
             else "ยังไม่ได้กำหนด (ตั้งค่าในไฟล์ agency.yaml)"],
            [label["digital_goals"], "\n".join(f"{g.horizon} ปี: {g.text_th}" for g in agency.goals) if agency else ""],
        ]},
        {"type": "heading", "text": "2. " + section["baseline"].title_th},
        {"type": "fields", "rows": [
            [label["readiness"], ""],
            [label["baseline_skills"], "จำนวนบุคลากรที่ประเมิน: " + ", ".join(
                f"{groups[g].title_th} {agg.privacy.masked(n, n)} คน" for g, n in agg.staff_by_group.items())],
        ]},
        *follow_up_blocks(agg),
        {"type": "table", "name": "urgent", "widths": [24, 16, 36, 12, 12],
         "headers": ["กลุ่ม", "รหัส", "ทักษะ", "ยังไม่มี (คน)", "สัดส่วน"],
         "rows": [[groups[r.group].title_th, r.code, r.title_th, f"{r.lacking}/{r.required}",
                   f"{percent(r.share)}%"] for r in urgent]},
        {"type": "heading", "text": "3. " + section["themes"].title_th},
        {"type": "fields", "rows": [
            [label["development_themes"], "\n".join(t.title_th for t in catalog.development_themes)],
            [label["yearly_themes"], "\n".join(f"ปี {t.year}: {t.title_th} ({', '.join(t.units)})"
                                               for t in agency.themes) if agency and agency.themes else
             "ข้อเสนอจากผลประเมิน: " + ", ".join(dict.fromkeys(r.code for r in urgent[:3]))],
        ]},
        {"type": "heading", "text": "4. " + section["phases"].title_th},
    ]
    chosen = sorted(agg.methods.items(), key=lambda kv: -kv[1])
    methods = ", ".join(f"{tools[c].title_th} ({parts[tools[c].part]}) {agg.privacy.masked(n, n)} ครั้ง"
                        for c, n in chosen[:6]) or \
        "ยังไม่มีข้อมูลวิธีที่บุคลากรเลือก"
    per_phase = [urgent[0:3], urgent[3:6], urgent[6:10]]
    before = {(r.group, r.code): r.before for r in biggest_changes(agg, count=10_000)}
    rows = []
    for horizon, gaps in zip(PHASES, per_phase):
        goals = "\n".join(f"ภายในปี {year + horizon} บุคลากรกลุ่ม{groups[r.group].title_th}ร้อยละ {GOAL_SHARE} "
                          f"มี {r.code} {r.title_th} (ปัจจุบันยังไม่มี {r.lacking} จาก {r.required} คน"
                          + (f"; ปีที่แล้วยังไม่มีร้อยละ {percent(before[(r.group, r.code)][1] / before[(r.group, r.code)][0])}"
                             if before.get((r.group, r.code)) else "") + ")"
                          for r in gaps) or "กำหนดเพิ่มเติม"
        targets = "\n".join(f"{groups[r.group].title_th}: {r.lacking} คน" for r in gaps)
        rows.append([f"{horizon} ปี (ถึงปี {year + horizon})", goals, "", methods, targets])
    blocks.append({"type": "table", "name": "phases", "widths": [12, 38, 14, 20, 16],
                   "headers": [label["phase"], label["smart_goal"], label["expected_result"], label["methods"],
                               label["target_groups"]], "rows": rows})
    blocks.append({"type": "meta", "text": f"เป้าหมาย S.M.A.R.T. ข้างต้นเป็นร่างจากช่องว่างที่เร่งด่วนที่สุด "
                                           f"(ตั้งต้นที่ร้อยละ {GOAL_SHARE}) ปรับให้เหมาะกับหน่วยงาน"})
    blocks.append({"type": "table", "name": "gaps", "sheet": "ตารางช่องว่างทักษะ", "widths": [8, 20, 10, 14, 30, 8, 8, 8, 8],
                   "headers": CSV_COLUMNS, "rows": table_rows(agg), "hidden_in_docx": True})
    for name, sheet, headers, rows_of in (("coverage", "ความครอบคลุม", COVERAGE_COLUMNS, coverage_table),
                                          ("progress", "ความก้าวหน้า", PROGRESS_COLUMNS, progress_table),
                                          ("trend", "เทียบปีที่แล้ว", TREND_COLUMNS, trend_table)):
        table = rows_of(agg)
        if table:
            blocks.append({"type": "table", "name": name + "_all", "sheet": sheet, "widths": [12] * len(headers),
                           "headers": headers, "rows": table, "hidden_in_docx": True})
    if not agg.anonymised and agg.people:
        blocks.append({"type": "table", "name": "people", "sheet": "รายชื่อ", "widths": [40, 10, 10],
                       "headers": ["ชื่อ", "บทบาท", "ทักษะที่ต้องพัฒนา"],
                       "rows": [list(p) for p in agg.people], "hidden_in_docx": True})
    return blocks


def follow_up_blocks(agg: Aggregation) -> list[dict]:
    """Coverage, progress and trend (Org 4–5) for section 2 of the draft."""
    blocks = [{"type": "heading", "text": "ความครอบคลุมของการประเมิน (Coverage)"},
              {"type": "table", "name": "coverage", "widths": [18, 10, 12, 12, 12, 12],
               "headers": ["ส่วนราชการ", "กลุ่ม", "จำนวนบุคลากร", "ตอบแล้ว (ร้อยละ)", "แผนที่ผู้บังคับบัญชาเห็นชอบ",
                           "ติดตามความก้าวหน้าแล้ว"],
               "rows": [[r[0], r[2], r[3], f"{r[4]} ({r[5]}%)" if r[5] != "" else r[4], r[6], r[8]]
                        for r in coverage_table(agg)]}]
    totals = progress_totals(agg)
    blocks.append({"type": "heading", "text": "ความก้าวหน้าตามแผนพัฒนา (Progress)"})
    blocks.append({"type": "fields", "rows": [
        ["บรรทัดแผนที่เห็นชอบ", f"{totals['lines']} บรรทัด จากบุคลากร {totals['staff']} คน"],
        ["สถานะ", f"เสร็จแล้ว {totals['done']} · กำลังดำเนินการ {totals['in_progress']} · "
                  f"ยังไม่เริ่ม {totals['not_started']}"],
        ["ช่องว่างที่วางแผนไว้และปิดได้แล้ว", f"ร้อยละ {totals['closed_percent']}" if totals["closed_percent"] != ""
         else "ยังไม่มีข้อมูล"],
        ["นำไปใช้ในงานแล้ว (Ind 5)", f"{totals['applied']} บรรทัด"]]})
    changes = biggest_changes(agg)
    if changes:
        groups = {g.code: g.title_th for g in agg.catalog.groups}
        blocks.append({"type": "heading", "text": "เทียบกับปีที่แล้ว (Trend)"})
        blocks.append({"type": "table", "name": "trend", "widths": [20, 14, 34, 12, 12, 10],
                       "headers": ["กลุ่ม", "รหัส", "ทักษะ", "ปีที่แล้ว", "ปีนี้", "เปลี่ยน (จุด)"],
                       "rows": [[groups[r.group], r.code, r.title_th, f"{percent(r.before[1] / r.before[0])}%",
                                 f"{percent(r.now[1] / r.now[0])}%", f"{r.change:+d}"] for r in changes]})
    return blocks


def org_plan_docx(agg: Aggregation) -> bytes:
    """The organisation plan draft as Word; the CLI and the browser both call this."""
    return render_docx(org_plan_blocks(agg), title="แผนพัฒนาทักษะด้านดิจิทัลระดับองค์กร")


def org_plan_xlsx(agg: Aggregation) -> bytes:
    return render_xlsx(org_plan_blocks(agg), first_sheet="แผนพัฒนาระดับองค์กร")
