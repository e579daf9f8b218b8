"""What the gap-analysis page shows for one view, ready to draw: every table as Thai headers and display cells, the
summary lines, the choices of the filters, the charts. The page's script builds a table from `headers` and `rows`
alone; it never picks a column or formats a figure, so a column moved here moves on the page too.

    {"id": "coverage", "headers": ["ส่วนราชการ", …], "rows": [["ทั้งหมด", …, "85%"]], "kinds": ["text", …],
     "caption_th"?: "…", "note_th"?: "…"}

A table with no headers is not drawn (only its note, if any). Cells come from the CSV tables of `report.table` by
column name, never by position. Percents carry "%", cells hidden for privacy stay "< 5".
"""
from __future__ import annotations

from .aggregate import Aggregation
from .charts import COMPONENT_TITLES, heatmap_svg, top_gaps_svg, trend_svg
from ..display.percent import percent
from .enrolment import enrolment_units
from .progress import progress_totals
from .report import filter_choices, table

ALL_TH = {"division": "ทุกส่วนราชการ", "group": "ทุกกลุ่ม", "stage": "ทุกระยะ", "role": "ทุกบทบาท",
          "unit": "ทุกรายการ"}
ALL = "*"  # the value of every filter's "all" choice
ENROLMENT_SHOWN = 200  # rows of the enrolment list on screen; the CSV has all
COMPONENT_TH = {"ability": "ความสามารถ", "knowledge": "ความรู้", "experience": "ประสบการณ์", "attribute": "คุณลักษณะ"}
ENROLMENT_TH = {"code": "รหัส", "title_th": "ทักษะ", "fiscal_year": "ปีงบประมาณ", "quarter": "ไตรมาส",
                "target_date": "วันที่เป้าหมาย", "name": "ชื่อ-สกุล", "position": "ตำแหน่ง", "division": "ส่วนราชการ",
                "group": "กลุ่ม", "role": "บทบาท", "formal_methods": "วิธีการแบบเป็นทางการ", "staff": "จำนวน (คน)"}
NUMBER_COLUMNS = {"staff"}
DONE_TH = "วิเคราะห์เสร็จแล้ว ข้อมูลไม่ได้ส่งออกจากเครื่องนี้"


def shown_percent(value):
    """A whole percent as the page shows it (13 -> "13%"); "", "< 5" stay as they are."""
    return f"{value}%" if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def shown_table(id: str, columns: list, rows: list, note_th: str = "", caption_th: str = "") -> dict:
    """`columns`: (Thai header, kind, cell) with cell a function of the row; `rows`: whatever those functions read."""
    out = {"id": id, "headers": [c[0] for c in columns], "kinds": [c[1] for c in columns],
           "rows": [[_cell(c[2](row), c[1]) for c in columns] for row in rows]}
    if note_th:
        out["note_th"] = note_th
    if caption_th:
        out["caption_th"] = caption_th
    return out


def note_only(id: str, note_th: str = "") -> dict:
    return {"id": id, "headers": [], "rows": [], **({"note_th": note_th} if note_th else {})}


def _cell(value, kind):
    if value is None:
        return ""
    return shown_percent(value) if kind == "percent" else value


def named(agg: Aggregation, kind: str, unit: str | None = None) -> list[dict]:
    """The rows of one CSV table of this view, each a dict by column name."""
    header, rows = table(agg, kind, unit)
    return [dict(zip(header, row)) for row in rows]


def col(name: str):
    return lambda row: row[name]


def fraction(lacking: str, required: str):
    """ "lacking/required" from a named row ("" when the row has neither; "< 5" when hidden)."""
    def cell(row):
        lack, need = row[lacking], row[required]
        if isinstance(need, str) and need:
            return need
        return "" if need == "" else f"{lack}/{need}"
    return cell


def share_of(lacking: str, required: str):
    """The whole percent lacking, from the counts (not the rounded share), as the page and the charts show it."""
    def cell(row):
        lack, need = row[lacking], row[required]
        if isinstance(need, str):
            return need
        return percent(lack / need) if need else 0
    return cell


def rejected_table(agg: Aggregation) -> dict:
    if not agg.rejected:
        return note_only("rejected")
    return shown_table("rejected", [("ไฟล์ที่ไม่ได้ใช้", "text", lambda r: r.file), ("เหตุผล", "text", lambda r: r.reason_th)],
                       agg.rejected)


def coverage_table(agg: Aggregation) -> dict:
    note = "" if agg.headcount is not None else 'ใส่จำนวนบุคลากรทั้งหมดในหัวข้อ "ข้อมูลประกอบ" เพื่อดูอัตราการตอบ'
    return shown_table("coverage", [
        ("ส่วนราชการ", "text", col("division")), ("กลุ่ม", "text", col("group_title_th")),
        ("จำนวนบุคลากร", "number", col("headcount")), ("ตอบแล้ว", "number", col("responded")),
        ("อัตราการตอบ", "percent", col("response_percent")), ("แผนที่เห็นชอบ", "number", col("plans_agreed")),
        ("ร้อยละ", "percent", col("agreed_percent")), ("ติดตามความก้าวหน้าแล้ว", "number", col("progress_reviewed")),
        ("ร้อยละ", "percent", col("reviewed_percent"))], named(agg, "coverage"), note_th=note)


def staff_tables(agg: Aggregation) -> list[dict]:
    masked = agg.privacy.masked
    by_group, by_role = agg.staff_by_group, agg.staff_by_role
    groups = [(g.title_th, masked(by_group[g.code], by_group[g.code])) for g in agg.catalog.groups
              if g.code in by_group]
    roles = [(r, masked(n, n)) for r, n in sorted(by_role.items())]
    count = ("จำนวน (คน)", "number", lambda r: r[1])
    return [shown_table("by-group", [("กลุ่ม", "text", lambda r: r[0]), count], groups),
            shown_table("by-role", [("บทบาท", "text", lambda r: r[0]), count], roles)]


def top_gaps_table(agg: Aggregation) -> dict:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    return shown_table("top-gaps", [
        ("กลุ่ม", "text", lambda r: groups[r.group]), ("รหัส", "text", lambda r: r.code),
        ("ทักษะ", "text", lambda r: r.title_th), ("ยังไม่มี", "text", lambda r: f"{r.lacking}/{r.required}"),
        ("สัดส่วน", "percent", lambda r: percent(r.share)), ("คะแนนความเร่งด่วน", "number", lambda r: round(r.urgency, 2))],
        agg.urgent())


def gap_table(agg: Aggregation) -> dict:
    return shown_table("gap-table", [
        ("กลุ่ม", "text", col("group_title_th")), ("องค์ประกอบ", "text", lambda r: COMPONENT_TH[r["component"]]),
        ("รหัส", "text", col("code")), ("ทักษะ", "text", col("title_th")),
        ("ต้องมี (คน)", "number", col("staff_required")), ("ยังไม่มี (คน)", "number", col("staff_lacking")),
        ("สัดส่วน", "percent", share_of("staff_lacking", "staff_required")),
        ("ยังไม่ได้ตอบ", "number", col("staff_unanswered"))], named(agg, "gaps"))


def progress_table(agg: Aggregation) -> dict:
    return shown_table("progress", [
        ("กลุ่ม", "text", col("group_title_th")), ("รหัส", "text", col("code")), ("ทักษะ", "text", col("title_th")),
        ("มีในแผน (คน)", "number", col("staff_planned")), ("เสร็จแล้ว", "number", col("lines_done")),
        ("กำลังดำเนินการ", "number", col("lines_in_progress")), ("ยังไม่เริ่ม", "number", col("lines_not_started")),
        ("ช่องว่างในแผน", "number", col("planned_gaps")), ("ปิดได้แล้ว", "number", col("gaps_closed")),
        ("ร้อยละที่ปิด", "percent", col("closed_percent")), ("นำไปใช้ในงาน", "number", col("applied_at_work"))],
        named(agg, "progress"))


def trend_table(agg: Aggregation) -> dict:
    rows = named(agg, "trend")
    if not rows:
        return note_only("trend", "เทียบไม่ได้สำหรับตัวกรองนี้ (ตาราง CSV ของปีที่แล้วแยกได้เฉพาะกลุ่ม)"
                         if agg.last_year is not None else 'ยังไม่ได้ใส่ผลของปีที่แล้ว (ดูหัวข้อ "ข้อมูลประกอบ")')
    return shown_table("trend", [
        ("กลุ่ม", "text", col("group_title_th")), ("รหัส", "text", col("code")), ("ทักษะ", "text", col("title_th")),
        ("ปีที่แล้ว (ยังไม่มี/ต้องมี)", "text", fraction("lacking_last_year", "required_last_year")),
        ("ร้อยละ", "percent", col("percent_last_year")),
        ("ปีนี้ (ยังไม่มี/ต้องมี)", "text", fraction("lacking_now", "required_now")),
        ("ร้อยละ", "percent", col("percent_now")), ("เปลี่ยน (จุด)", "number", col("change_points"))], rows)


def enrolment_table(agg: Aggregation, unit: str | None = None) -> dict:
    header, rows = table(agg, "enrolment", unit)
    if not rows:
        return note_only("enrolment", "ไม่มีผู้วางแผนเข้าอบรมแบบเป็นทางการ")
    note = (f"แสดง {ENROLMENT_SHOWN} แถวแรกจาก {len(rows)} แถว ดาวน์โหลดไฟล์ .csv เพื่อดูทั้งหมด"
            if len(rows) > ENROLMENT_SHOWN else "")
    return shown_table("enrolment", [(ENROLMENT_TH[name], "number" if name in NUMBER_COLUMNS else "text", col(name))
                                     for name in header],
                       [dict(zip(header, row)) for row in rows[:ENROLMENT_SHOWN]], note_th=note)


def methods_table(agg: Aggregation) -> dict:
    masked = agg.privacy.masked
    tools = sorted(agg.methods.items(), key=lambda kv: (-kv[1], kv[0]))
    return shown_table("methods", [
        ("วิธีการพัฒนา", "text", lambda m: agg.catalog.tool(m[0]).title_th),
        ("70:20:10", "text", lambda m: agg.catalog.tool(m[0]).part),
        ("จำนวนครั้งที่เลือก", "number", lambda m: masked(m[1], m[1]))], tools)


TABLES = {"rejected": rejected_table, "coverage": coverage_table, "top-gaps": top_gaps_table, "gap-table": gap_table,
          "progress": progress_table, "trend": trend_table, "enrolment": enrolment_table, "methods": methods_table}


def summary_th(agg: Aggregation) -> str:
    in_view = agg.privacy.masked(len(agg.staff), len(agg.staff))
    return (f"ใช้ไฟล์ได้ {agg.used} ไฟล์" + (f" · ตามตัวกรอง {in_view} คน" if not agg.filter.whole else "") +
            (f" · ไม่ได้ใช้ {len(agg.rejected)} ไฟล์ (ดูเหตุผลด้านล่าง)" if agg.rejected else ""))


def progress_summary_th(agg: Aggregation) -> str:
    p = progress_totals(agg)
    closed = "-" if p["closed_percent"] == "" else shown_percent(p["closed_percent"])
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
        {"value": u["code"], "label": f"{u['code']} {u['title_th']} ({u['staff']} คน)"} for u in enrolment_units(agg)]
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
