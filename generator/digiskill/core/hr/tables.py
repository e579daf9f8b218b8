"""What the gap-analysis page shows for one view, ready to draw: every table as Thai headers and display cells, the
summary lines, the choices of the filters, the charts. The page's script builds a table from `headers` and `rows`
alone; it never picks a column or formats a figure, so a column moved here moves on the page too.

    {"id": "coverage", "headers": ["ส่วนราชการ", …], "rows": [["ทั้งหมด", …, 85, …, ""]], "kinds": ["text", …],
     "caption_th"?: "…", "note_th"?: "…", "howto"?: {"title_th": "อ่านตารางนี้อย่างไร", "lines_th": […]}}

A table with no headers is not drawn (only its note, if any). The five download tables are the CSV's own columns
and cells (`report.table`, `display.columns`): whole percents under a header saying "(%)", hidden figures empty with
"ซ่อน" in the marker column, never text in a numeric column.
"""
from __future__ import annotations

from .aggregate import MARKER, Aggregation
from .charts import COMPONENT_TITLES, heatmap_svg, top_gaps_svg, trend_svg
from ..display.columns import HOWTO_TITLE_TH, Column, page_cell
from ..display.percent import percent
from .enrolment import enrolment_units
from .progress import progress_totals
from .report import HOWTO_TH, filter_choices, table

ALL_TH = {"division": "ทุกส่วนราชการ", "group": "ทุกกลุ่ม", "stage": "ทุกระยะ", "role": "ทุกบทบาท",
          "unit": "ทุกรายการ"}
ALL = "*"  # the value of every filter's "all" choice
ENROLMENT_SHOWN = 200  # rows of the enrolment list on screen; the CSV has all
DONE_TH = "วิเคราะห์เสร็จแล้ว ข้อมูลไม่ได้ส่งออกจากเครื่องนี้"
HIDDEN_COUNT_TH = "ไม่แสดงจำนวน"
COUNT = Column("staff", "จำนวน (คน)", "number")
STAFF_HOWTO_TH = ["จำนวนไฟล์ผลประเมินที่ใช้ได้ หนึ่งคนหนึ่งไฟล์ แยกตามกลุ่มและบทบาทที่บุคลากรเลือก",
                  "ซ่อนตัวเลข: จำนวนว่างไว้ เพราะน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) หรือถูกซ่อนประกอบเพื่อไม่ให้คำนวณย้อนจากผลรวมได้"]
TOP_HOWTO_TH = ["ช่องว่างที่ยังไม่มีมากที่สุดตามลำดับความเร่งด่วน = ยังไม่มี (คน) × ยังไม่มี (%) ÷ 100",
                "ยังไม่มี (%): เป็นร้อยละของต้องมี (คน) ของกลุ่มนั้น · แถวที่ถูกซ่อนในตารางช่องว่างไม่อยู่ในรายการนี้"]
METHODS_HOWTO_TH = ["จำนวนครั้งที่บุคลากรเลือกวิธีนั้นสำหรับช่องว่างในแผนของตนเอง (หนึ่งคนเลือกได้หลายวิธีและหลายทักษะ "
                    "จึงรวมกันไม่เท่ากับจำนวนคน)",
                    "ซ่อนตัวเลข: ถูกเลือกน้อยกว่าเกณฑ์ (ตั้งต้น 5 ครั้ง) จึงไม่แสดงจำนวน"]


def howto(lines: list) -> dict:
    return {"title_th": HOWTO_TITLE_TH, "lines_th": list(lines)}


def shown_table(id: str, columns: list, rows: list, note_th: str = "", caption_th: str = "", lines_th=()) -> dict:
    """`columns`: `Column`s; `rows`: lists of values in that order (`display.columns`); page=False columns left out."""
    keep = [i for i, c in enumerate(columns) if c.page]
    out = {"id": id, "headers": [columns[i].th for i in keep], "kinds": [columns[i].kind for i in keep],
           "rows": [[page_cell(row[i], columns[i]) for i in keep] for row in rows]}
    if note_th:
        out["note_th"] = note_th
    if caption_th:
        out["caption_th"] = caption_th
    if lines_th:
        out["howto"] = howto(lines_th)
    return out


def note_only(id: str, note_th: str = "") -> dict:
    return {"id": id, "headers": [], "rows": [], **({"note_th": note_th} if note_th else {})}


def download_table(agg: Aggregation, kind: str, id: str, unit: str | None = None, note_th: str = "",
                   limit: int | None = None) -> dict:
    columns, rows = table(agg, kind, unit)
    return shown_table(id, columns, rows[:limit] if limit else rows, note_th=note_th, lines_th=HOWTO_TH[kind])


def rejected_table(agg: Aggregation) -> dict:
    if not agg.rejected:
        return note_only("rejected")
    return shown_table("rejected", [Column("file", "ไฟล์ที่ไม่ได้ใช้"), Column("reason", "เหตุผล")],
                       [[r.file, r.reason_th] for r in agg.rejected])


def coverage_table(agg: Aggregation) -> dict:
    note = "" if agg.headcount is not None else 'ใส่จำนวนบุคลากรทั้งหมดในหัวข้อ "ข้อมูลประกอบ" เพื่อดูอัตราการตอบ'
    return download_table(agg, "coverage", "coverage", note_th=note)


def staff_tables(agg: Aggregation) -> list[dict]:
    hidden, scope = agg.hidden, agg.filter.division
    by_group, by_role = agg.staff_by_group, agg.staff_by_role
    groups = [[g.title_th, *_count(by_group[g.code], ("c", scope, g.code) in hidden)] for g in agg.catalog.groups
              if g.code in by_group]
    roles = [[f"{r} {agg.catalog.role(r).title_th}", *_count(n, ("r", r) in hidden)]
             for r, n in sorted(by_role.items())]
    return [shown_table("by-group", [Column("group", "กลุ่ม"), COUNT, MARKER], groups, lines_th=STAFF_HOWTO_TH),
            shown_table("by-role", [Column("role", "บทบาท"), COUNT, MARKER], roles)]


def _count(n: int, hidden: bool) -> list:
    return [None if hidden else n, hidden]


def top_gaps_table(agg: Aggregation) -> dict:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    columns = [Column("group", "กลุ่ม"), Column("code", "รหัส"), Column("title_th", "ทักษะ"),
               Column("staff_lacking", "ยังไม่มี (คน)", "number"), Column("staff_required", "ต้องมี (คน)", "number"),
               Column("percent_lacking", "ยังไม่มี (%)", "percent"), Column("urgency", "คะแนนความเร่งด่วน", "number")]
    return shown_table("top-gaps", columns, [[groups[r.group], r.code, r.title_th, r.lacking, r.required,
                                              percent(r.share), round(r.urgency, 2)] for r in agg.urgent()],
                       lines_th=TOP_HOWTO_TH)


def gap_table(agg: Aggregation) -> dict:
    return download_table(agg, "gaps", "gap-table")


def progress_table(agg: Aggregation) -> dict:
    return download_table(agg, "progress", "progress")


def trend_table(agg: Aggregation) -> dict:
    columns, rows = table(agg, "trend")
    if not rows:
        return note_only("trend", "เทียบไม่ได้สำหรับตัวกรองนี้ (ตาราง CSV ของปีที่แล้วแยกได้เฉพาะกลุ่ม)"
                         if agg.last_year is not None else 'ยังไม่ได้ใส่ผลของปีที่แล้ว (ดูหัวข้อ "ข้อมูลประกอบ")')
    return download_table(agg, "trend", "trend")


def enrolment_table(agg: Aggregation, unit: str | None = None) -> dict:
    columns, rows = table(agg, "enrolment", unit)
    if not rows:
        return note_only("enrolment", "ไม่มีผู้วางแผนเข้าอบรมแบบเป็นทางการ")
    note = (f"แสดง {ENROLMENT_SHOWN} แถวแรกจาก {len(rows)} แถว ดาวน์โหลดไฟล์ .csv เพื่อดูทั้งหมด"
            if len(rows) > ENROLMENT_SHOWN else "")
    return download_table(agg, "enrolment", "enrolment", unit, note_th=note, limit=ENROLMENT_SHOWN)


def methods_table(agg: Aggregation) -> dict:
    hidden = agg.privacy.hidden
    tools = sorted(agg.methods.items(), key=lambda kv: (-kv[1], kv[0]))
    columns = [Column("method", "วิธีการพัฒนา"), Column("part", "70:20:10"),
               Column("chosen", "จำนวนครั้งที่เลือก", "number"), MARKER]
    return shown_table("methods", columns, [[agg.catalog.tool(m).title_th, agg.catalog.tool(m).part,
                                             *_count(n, hidden(n))] for m, n in tools], lines_th=METHODS_HOWTO_TH)


TABLES = {"rejected": rejected_table, "coverage": coverage_table, "top-gaps": top_gaps_table, "gap-table": gap_table,
          "progress": progress_table, "trend": trend_table, "enrolment": enrolment_table, "methods": methods_table}


def summary_th(agg: Aggregation) -> str:
    in_view = HIDDEN_COUNT_TH if ("c", agg.filter.division, None) in agg.hidden else f"{len(agg.staff)} คน"
    return (f"ใช้ไฟล์ได้ {agg.used} ไฟล์" + (f" · ตามตัวกรอง {in_view}" if not agg.filter.whole else "") +
            (f" · ไม่ได้ใช้ {len(agg.rejected)} ไฟล์ (ดูเหตุผลด้านล่าง)" if agg.rejected else ""))


def progress_summary_th(agg: Aggregation) -> str:
    p = progress_totals(agg)
    if p["lines"] is None:
        return "ยอดรวมความก้าวหน้าไม่แสดง เพื่อไม่ให้คำนวณตัวเลขที่ซ่อนไว้ในตารางย้อนได้ (ดูตารางแยกตามกลุ่มและรายการ)"
    closed = "-" if p["closed_percent"] is None else f"{p['closed_percent']}%"
    return (f"บรรทัดแผน {p['lines']} บรรทัด จากบุคลากร {p['staff']} คน · เสร็จแล้ว {p['done']} · "
            f"กำลังดำเนินการ {p['in_progress']} · ยังไม่เริ่ม {p['not_started']} · "
            f"ช่องว่างที่วางแผนไว้ปิดได้แล้ว {closed} · นำไปใช้ในงาน {p['applied']} บรรทัด")


def options(agg: Aggregation, unit: str | None = None) -> dict:
    """Every select's choices, "all" first; the filters mark the view's choice as selected."""
    chosen = {"division": agg.filter.division, "group": agg.filter.group, "stage": agg.filter.stage,
              "role": agg.filter.role}
    out = {}
    for name, items in filter_choices(agg).items():
        key = name[:-1]  # divisions -> division
        value = ALL if chosen[key] is None else chosen[key]
        out[key] = [{"value": o["value"], "label": o["label"], **({"selected": True} if o["value"] == value else {})}
                    for o in [{"value": ALL, "label": ALL_TH[key]}] + items]
    units = [{"value": ALL, "label": ALL_TH["unit"]}] + [
        {"value": u["code"], "label": f"{u['code']} {u['title_th']} "
                                  f"({HIDDEN_COUNT_TH if u['staff'] is None else str(u['staff']) + ' คน'})"} for u in enrolment_units(agg)]
    chosen_unit = unit if any(u["value"] == unit for u in units) else ALL
    out["unit"] = [{**u, **({"selected": True} if u["value"] == chosen_unit else {})} for u in units]
    out["component"] = [{"value": c, "label": t} for c, t in COMPONENT_TITLES.items()]
    return out


def page_view(agg: Aggregation, unit: str | None = None) -> dict:
    """Everything the page draws for this view (the parts of a page_reply)."""
    trend = trend_table(agg)
    tables = [rejected_table(agg), coverage_table(agg), *staff_tables(agg), top_gaps_table(agg), gap_table(agg),
              progress_table(agg), trend, enrolment_table(agg, unit), methods_table(agg)]
    return {"used": agg.used, "tables": tables,
            "text": {"summary": summary_th(agg), "progress-summary": progress_summary_th(agg)},
            "hidden": {"results": False, "downloads": agg.used == 0},
            "data": {"used": agg.used, "rejected": len(agg.rejected)},
            "options": options(agg, unit),
            "svg": {"top-gaps-chart": top_gaps_svg(agg), "trend-chart": trend_svg(agg) if trend["rows"] else ""},
            "heatmaps": {c: heatmap_svg(agg, c) for c in COMPONENT_TITLES}}
