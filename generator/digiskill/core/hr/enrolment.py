"""Enrolment and training demand (Org 3.3, Org 4): who lacks a unit and planned formal training for it (the "10" of
70:20:10: classroom, e-learning, courses), by fiscal quarter of the plan line's target date.

With names kept, a list HR can register people from; with names dropped, only counts per unit and quarter for the
budget, with small counts (and those that would let one be worked out from a unit's total) left empty. Thai fiscal
years start on 1 October: 2027-03-31 is in quarter 2 of fiscal year 2570.
"""
from __future__ import annotations

from ..display.columns import Coded, Column
from .staff_facts import FORMAL_PART
from ..display.thaidate import BE_OFFSET

def fiscal_quarter(iso_date: str) -> tuple:
    """(fiscal year BE, quarter 1–4), or ("", "") without a date."""
    if not iso_date:
        return ("", "")
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    return (year + BE_OFFSET + (month >= 10), (month - 10) // 3 + 1 if month >= 10 else (month + 2) // 3 + 1)


def _formal(catalog) -> set:
    return {t.code for t in catalog.tools if t.part == FORMAL_PART}


def demand(agg, unit: str | None = None) -> list[tuple]:
    """(code, fact, PlanLine) for every planned formal training for a gap, in unit then fiscal-quarter order."""
    formal = _formal(agg.catalog)
    position = {u.code: i for i, u in enumerate(agg.catalog.units)}
    position.update({it.code: len(position) + i for i, it in enumerate(agg.catalog.items)})
    found = [(line.code, fact, line) for fact in agg.staff for line in fact.plan
             if line.lacking and (unit is None or line.code == unit) and not formal.isdisjoint(line.methods)]
    return sorted(found, key=lambda t: (position.get(t[0], 0), fiscal_quarter(t[2].target_date) == ("", ""),
                                        fiscal_quarter(t[2].target_date), t[1].division, t[1].name))


CODE_COLUMNS = [Column("code", "รหัส"), Column("title_th", "ทักษะ"), Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "number"),
                Column("quarter", "ไตรมาส", "number")]
ENROLMENT_NAMES_COLUMNS = CODE_COLUMNS + [
    Column("target_date", "วันที่เป้าหมาย"), Column("name", "ชื่อ-สกุล"), Column("position", "ตำแหน่ง"),
    Column("division", "ส่วนราชการ"), Column("group", "รหัสกลุ่ม"), Column("role", "บทบาท"),
    Column("formal_methods", "วิธีการแบบเป็นทางการ")]
ENROLMENT_COUNT_COLUMNS = CODE_COLUMNS + [Column("staff", "จำนวน (คน)", "number"),
                                          Column("suppressed", "ซ่อนตัวเลข", "marker")]
ENROLMENT_HOWTO_TH = [
    "ผู้ที่ตอบว่า \"ยังไม่มี\" และวางแผนพัฒนาทักษะนั้นด้วยการอบรมแบบเป็นทางการ (ส่วน 10 ของ 70:20:10 เช่น ห้องเรียน "
    "อีเลิร์นนิง) ตามแผนที่ผู้บังคับบัญชาเห็นชอบ หรือแผนของบุคลากรเองถ้ายังไม่มีการพิจารณา",
    "ปีงบประมาณและไตรมาส: จากวันที่เป้าหมายในแผน ปีงบประมาณเริ่ม 1 ตุลาคม (31 มีนาคม 2570 อยู่ไตรมาส 2 ของปี 2570) "
    "· ว่าง: แผนไม่ได้ระบุวันที่เป้าหมาย",
    "ไม่ใช้ชื่อ: หนึ่งแถวคือจำนวนคนต่อทักษะต่อไตรมาส สำหรับตั้งงบประมาณ · ใช้ชื่อ: หนึ่งแถวคือหนึ่งคน สำหรับลงทะเบียน",
    "ซ่อนตัวเลข: จำนวนว่างไว้ เพราะน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) หรือถูกซ่อนประกอบเพื่อไม่ให้คำนวณย้อนจากยอดรวมของทักษะได้",
]


def enrolment_header(agg) -> list:
    return ENROLMENT_COUNT_COLUMNS if agg.anonymised else ENROLMENT_NAMES_COLUMNS


def enrolment_counts(agg, unit: str | None = None) -> dict:
    """(code, (fiscal year, quarter)) -> staff, in unit then fiscal-quarter order (undated last). Counted without
    sorting every line (`demand`): a 100,000-file run asks for it with every table (privacy.hide_view)."""
    formal = _formal(agg.catalog)
    quarters: dict = {}
    counts: dict = {}
    for fact in agg.staff:
        for line in fact.plan:
            if line.lacking and (unit is None or line.code == unit) and not formal.isdisjoint(line.methods):
                quarter = quarters.get(line.target_date)
                if quarter is None:
                    quarter = quarters[line.target_date] = fiscal_quarter(line.target_date)
                key = (line.code, quarter)
                counts[key] = counts.get(key, 0) + 1
    position = {u.code: i for i, u in enumerate(agg.catalog.units)}
    position.update({it.code: len(position) + i for i, it in enumerate(agg.catalog.items)})
    return {key: counts[key] for key in sorted(counts, key=lambda k: (position.get(k[0], 0), k[1] == ("", ""), k[1]))}


def enrolment_table(agg, unit: str | None = None) -> list[list]:
    from ..display.thaidate import thai_date

    catalog = agg.catalog
    titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
    tools = {t.code: t.title_th for t in catalog.tools if t.part == FORMAL_PART}
    if not agg.anonymised:
        rows = []
        for code, fact, line in demand(agg, unit):
            methods = [m for m in line.methods if m in tools]
            date = Coded(line.target_date, thai_date(line.target_date)) if line.target_date else None
            rows.append([code, titles[code], *(q or None for q in fiscal_quarter(line.target_date)), date,
                         fact.name, fact.position, fact.division, fact.group, fact.role,
                         Coded(" ".join(methods), ", ".join(tools[m] for m in methods))])
        return rows
    out = []
    for (code, quarter), n in enrolment_counts(agg, unit).items():
        hidden = ("e", code, quarter) in agg.hidden
        out.append([code, titles[code], *(q or None for q in quarter), None if hidden else n, hidden])
    return out


def enrolment_units(agg) -> list[dict]:
    """The units with any demand, for the page's choice of unit (the count None where hidden)."""
    titles = {u.code: u.title_th for u in agg.catalog.units} | {i.code: i.title_th for i in agg.catalog.items}
    counts: dict = {}
    for code, _fact, _line in demand(agg):
        counts[code] = counts.get(code, 0) + 1
    return [{"code": code, "title_th": titles[code], "staff": None if ("u", code) in agg.hidden else n}
            for code, n in counts.items()]
