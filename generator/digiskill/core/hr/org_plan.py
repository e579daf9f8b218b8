"""The organisation development plan draft (seed Org 3.2), prefilled from the aggregation and the agency settings,
as blocks for the same DOCX / XLSX writers as the IDP. HR edits the draft; every prefilled line says where it came
from."""
from __future__ import annotations

import datetime

from .aggregate import Aggregation
from .progress import progress_totals
from .report import HOWTO_TH, table
from .trend import biggest_changes
from ..display.columns import HIDDEN_TH, HOWTO_TITLE_TH, Coded
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
    hidden, scope = agg.hidden, agg.filter.division
    used = "" if ("c", scope, None) in hidden else f" {agg.used} คน"

    blocks: list[dict] = [
        {"type": "title", "text": form.title_th + (f" — {agency.name_th}" if agency else "")},
        {"type": "meta", "text": f"ร่างจากผลประเมินตนเองของบุคลากร{used} เมื่อ {thai_date(today)} "
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
                f"{groups[g].title_th} " + (HIDDEN_COUNT_TH if ("c", scope, g) in hidden else f"{n} คน")
                for g, n in agg.staff_by_group.items())],
        ]},
        *follow_up_blocks(agg),
        {"type": "table", "name": "urgent", "widths": [24, 16, 36, 10, 10, 10],
         "headers": ["กลุ่ม", "รหัส", "ทักษะ", "ยังไม่มี (คน)", "ต้องมี (คน)", "ยังไม่มี (%)"],
         "kinds": ["text", "text", "text", "number", "number", "percent"],
         "rows": [[groups[r.group].title_th, r.code, r.title_th, r.lacking, r.required, percent(r.share)]
                  for r in urgent]},
        {"type": "meta", "text": "ช่องว่างที่เร่งด่วนที่สุด เรียงตาม ยังไม่มี (คน) × ยังไม่มี (%) · ยังไม่มี (%) เป็นร้อยละของต้องมี (คน) "
                                 "ของกลุ่มนั้น · แถวที่ถูกซ่อนไม่อยู่ในรายการ (ตารางทั้งหมดในแผ่นงานตารางช่องว่างทักษะ)"},
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
    methods = ", ".join(f"{tools[c].title_th} ({parts[tools[c].part]}) "
                        + (HIDDEN_COUNT_TH if agg.privacy.hidden(n) else f"{n} ครั้ง") for c, n in chosen[:6]) or \
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
    for kind, sheet in (("gaps", "ตารางช่องว่างทักษะ"), ("coverage", "ความครอบคลุม"), ("progress", "ความก้าวหน้า"),
                        ("trend", "เทียบปีที่แล้ว")):
        block = sheet_block(agg, kind, sheet)
        if block["rows"] or kind == "gaps":
            blocks.append(block)
    if not agg.anonymised and agg.people:
        blocks.append({"type": "table", "name": "people", "sheet": "รายชื่อ", "widths": [40, 10, 10],
                       "headers": ["ชื่อ", "บทบาท", "ทักษะที่ต้องพัฒนา"],
                       "rows": [list(p) for p in agg.people], "hidden_in_docx": True})
    return blocks


HIDDEN_COUNT_TH = "(ไม่แสดงจำนวน)"
SHEET_WIDTHS = {"text": 14, "number": 9, "percent": 9, "marker": 8}
WIDE = {"title_th": 34, "group_title_th": 24, "division": 18}


def workbook_cell(value, kind: str):
    """A table value as the writers take it: a marker as ซ่อน or empty, a coded value in Thai."""
    if kind == "marker":
        return HIDDEN_TH if value else None
    return value.th if isinstance(value, Coded) else value


def sheet_block(agg: Aggregation, kind: str, sheet: str) -> dict:
    """One download table on its own sheet, the CSV's columns with typed cells and the notes under it."""
    columns, rows = table(agg, kind)
    return {"type": "table", "name": kind + "_all", "sheet": sheet, "hidden_in_docx": True,
            "widths": [WIDE.get(c.key, SHEET_WIDTHS[c.kind]) for c in columns], "headers": [c.th for c in columns],
            "kinds": [c.kind if c.kind in ("number", "percent") else "text" for c in columns],
            "rows": [[workbook_cell(v, c.kind) for v, c in zip(row, columns)] for row in rows],
            "notes": [HOWTO_TITLE_TH, *HOWTO_TH[kind]]}


def follow_up_blocks(agg: Aggregation) -> list[dict]:
    """Coverage, progress and trend (Org 4–5) for section 2 of the draft."""
    columns, rows = table(agg, "coverage")
    at = {c.key: i for i, c in enumerate(columns)}
    shown = ["division", "group_title_th", "headcount", "responded", "response_percent", "plans_agreed",
             "progress_reviewed", "suppressed"]
    blocks = [{"type": "heading", "text": "ความครอบคลุมของการประเมิน (Coverage)"},
              {"type": "table", "name": "coverage", "widths": [18, 18, 10, 10, 10, 12, 12, 8],
               "headers": [columns[at[k]].th for k in shown],
               "kinds": [columns[at[k]].kind if columns[at[k]].kind in ("number", "percent") else "text"
                         for k in shown],
               "rows": [[workbook_cell(row[at[k]], columns[at[k]].kind) for k in shown] for row in rows]},
              {"type": "meta", "text": "ร้อยละของการตอบคิดจากอัตรากำลัง · ช่องว่างที่มีคำว่าซ่อน: ตัวเลขมาจากบุคลากรน้อยกว่าเกณฑ์ "
                                       "หรือซ่อนประกอบเพื่อไม่ให้คำนวณย้อนจากผลรวมได้ (ดูคำอธิบายในแผ่นงานความครอบคลุม)"}]
    totals = progress_totals(agg)
    blocks.append({"type": "heading", "text": "ความก้าวหน้าตามแผนพัฒนา (Progress)"})
    if totals["lines"] is None:
        blocks.append({"type": "meta", "text": "ยอดรวมไม่แสดง เพื่อไม่ให้คำนวณตัวเลขที่ซ่อนไว้ย้อนได้ "
                                               "(ดูแผ่นงานความก้าวหน้าแยกตามกลุ่มและรายการ)"})
    else:
        blocks.append({"type": "fields", "rows": [
            ["บรรทัดแผนที่เห็นชอบ", f"{totals['lines']} บรรทัด จากบุคลากร {totals['staff']} คน"],
            ["สถานะ", f"เสร็จแล้ว {totals['done']} · กำลังดำเนินการ {totals['in_progress']} · "
                      f"ยังไม่เริ่ม {totals['not_started']}"],
            ["ช่องว่างที่วางแผนไว้และปิดได้แล้ว", "ยังไม่มีข้อมูล" if totals["closed_percent"] is None
             else f"ร้อยละ {totals['closed_percent']}"],
            ["นำไปใช้ในงานแล้ว (Ind 5)", f"{totals['applied']} บรรทัด"]]})
    changes = biggest_changes(agg)
    if changes:
        groups = {g.code: g.title_th for g in agg.catalog.groups}
        blocks.append({"type": "heading", "text": "เทียบกับปีที่แล้ว (Trend)"})
        blocks.append({"type": "table", "name": "trend", "widths": [20, 14, 34, 12, 12, 10],
                       "headers": ["กลุ่ม", "รหัส", "ทักษะ", "ปีที่แล้ว: ยังไม่มี (%)", "ปีนี้: ยังไม่มี (%)",
                                   "เปลี่ยน (จุดร้อยละ)"],
                       "kinds": ["text", "text", "text", "percent", "percent", "number"],
                       "rows": [[groups[r.group], r.code, r.title_th, percent(r.before[1] / r.before[0]),
                                 percent(r.now[1] / r.now[0]), r.change] for r in changes]})
        blocks.append({"type": "meta", "text": "รายการที่เปลี่ยนมากที่สุด · เปลี่ยน (จุดร้อยละ) = ร้อยละที่ปัดแล้วของปีนี้ลบของปีที่แล้ว "
                                               "ติดลบคือคนที่ยังไม่มีลดลง (ดีขึ้น)"})
    return blocks


def org_plan_docx(agg: Aggregation) -> bytes:
    """The organisation plan draft as Word; the CLI and the browser both call this."""
    return render_docx(org_plan_blocks(agg), title="แผนพัฒนาทักษะด้านดิจิทัลระดับองค์กร")


def org_plan_xlsx(agg: Aggregation) -> bytes:
    return render_xlsx(org_plan_blocks(agg), first_sheet="แผนพัฒนาระดับองค์กร")  # TH Sarabun New, as every workbook
