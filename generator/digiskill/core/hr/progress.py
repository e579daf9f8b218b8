"""Progress (Org 4, Org 5, Ind 4–5): from the staff's progress reviews, per unit and group, how many agreed plan lines
are done, in progress or not started, what share of the planned gaps is closed, and how many people report using the
skill at work.

The rules (README "How progress is counted"): a plan line is *done* when its latest progress review says the outcome
was met or exceeded, *in progress* when a review mentions it otherwise, *not started* when no review mentions it. A
planned gap (a line for a skill the person answered "not yet") is *closed* when the line is done or a later review
re-answers the skill as "have it". *Applied* counts lines whose latest review says how it is used at work.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import COMPONENTS
from ..display.columns import Column
from ..display.percent import percent


@dataclass
class ProgressRow:
    group: str
    code: str
    component: str
    title_th: str
    staff: int = 0  # staff with the line in their agreed plan
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    planned_gaps: int = 0
    closed: int = 0
    applied: int = 0

    @property
    def closed_share(self) -> float:
        return self.closed / self.planned_gaps if self.planned_gaps else 0.0


def progress_rows(agg) -> list[ProgressRow]:
    catalog = agg.catalog
    titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
    component = {u.code: "ability" for u in catalog.units} | {i.code: i.component for i in catalog.items}
    rows: dict = {}
    for fact in agg.staff:
        for line in fact.plan:
            row = rows.get((fact.group, line.code))
            if row is None:
                row = rows[(fact.group, line.code)] = ProgressRow(fact.group, line.code, component[line.code],
                                                                  titles[line.code])
            row.staff += 1
            setattr(row, line.state, getattr(row, line.state) + 1)
            if line.lacking:
                row.planned_gaps += 1
                row.closed += line.closed
            row.applied += line.applied
    group_order = {g.code: i for i, g in enumerate(catalog.groups)}
    position = {u.code: i for i, u in enumerate(catalog.units)}
    position.update({it.code: len(position) + i for i, it in enumerate(catalog.items)})
    return sorted(rows.values(), key=lambda r: (group_order[r.group], COMPONENTS.index(r.component),
                                                position.get(r.code, 0)))


PROGRESS_COLUMNS = [
    Column("group", "รหัสกลุ่ม", page=False), Column("group_title_th", "กลุ่มบุคลากร"), Column("component", "องค์ประกอบ"),
    Column("code", "รหัส"), Column("title_th", "ทักษะ"), Column("staff_planned", "อยู่ในแผนที่เห็นชอบ (คน)", "number"),
    Column("lines_done", "เสร็จแล้ว (คน)", "number"), Column("lines_in_progress", "กำลังดำเนินการ (คน)", "number"),
    Column("lines_not_started", "ยังไม่เริ่ม (คน)", "number"),
    Column("planned_gaps", "เป็นช่องว่างที่วางแผนไว้ (คน)", "number"),
    Column("gaps_closed", "ปิดช่องว่างได้แล้ว (คน)", "number"),
    Column("closed_percent", "ปิดได้แล้ว (% ของช่องว่างที่วางแผนไว้)", "percent"),
    Column("applied_at_work", "นำไปใช้ในงาน (คน)", "number"), Column("suppressed", "ซ่อนตัวเลข", "marker")]
PROGRESS_HOWTO_TH = [
    "หนึ่งแถวคือกลุ่มบุคลากรหนึ่งกลุ่มกับทักษะหนึ่งรายการที่อยู่ในแผนของบุคลากร (แผนที่ผู้บังคับบัญชาเห็นชอบ "
    "หรือแผนของบุคลากรเองถ้ายังไม่มีการพิจารณา) หนึ่งคนมีได้หนึ่งบรรทัดต่อทักษะ จึงนับเป็นคน",
    "เสร็จแล้ว: การทบทวนความก้าวหน้าครั้งล่าสุดบอกว่าได้ผลตามเป้าหมายหรือดีกว่า · กำลังดำเนินการ: ครั้งล่าสุดกล่าวถึงแต่ยังไม่ได้ผล "
    "· ยังไม่เริ่ม: ยังไม่มีการทบทวนใดกล่าวถึง (สามช่องนี้รวมกันเท่ากับอยู่ในแผน)",
    "เป็นช่องว่างที่วางแผนไว้: บรรทัดของทักษะที่คนนั้นตอบว่า \"ยังไม่มี\" · ปิดช่องว่างได้แล้ว: บรรทัดนั้นเสร็จแล้ว "
    "หรือการทบทวนครั้งหลังตอบใหม่ว่า \"มี\" · ปิดได้แล้ว (%): เป็นร้อยละของช่องว่างที่วางแผนไว้",
    "นำไปใช้ในงาน: การทบทวนครั้งล่าสุดของบรรทัดนั้นเขียนว่านำไปใช้ในงานอย่างไร (Ind 5)",
    "ซ่อนตัวเลข: ตัวเลขของแถวนี้ว่างไว้ เพราะมาจากบุคลากรน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) หรือถูกซ่อนประกอบ "
    "เพื่อไม่ให้คำนวณย้อนจากยอดรวมของความก้าวหน้าได้",
]


def progress_table(agg) -> list[list]:
    from .aggregate import component_cell

    groups = {g.code: g.title_th for g in agg.catalog.groups}
    out = []
    for r in progress_rows(agg):
        hidden = ("p", r.group, r.code) in agg.hidden
        figures = [None] * 8 if hidden else [
            r.staff, r.done, r.in_progress, r.not_started, r.planned_gaps, r.closed,
            percent(r.closed_share) if r.planned_gaps else None, r.applied]
        out.append([r.group, groups[r.group], component_cell(r.component), r.code, r.title_th, *figures, hidden])
    return out


def progress_totals(agg) -> dict:
    """The whole view in one line (the page's summary and the plan draft); None where hidden (the counts add up to
    the table's rows, so they are hidden with them when that is needed to protect a row)."""
    lines = [line for fact in agg.staff for line in fact.plan]
    gaps = [line for line in lines if line.lacking]
    staff = sum(1 for fact in agg.staff if fact.plan)
    closed = sum(line.closed for line in gaps)
    if ("p",) in agg.hidden:
        return dict.fromkeys(("staff", "lines", "done", "in_progress", "not_started", "closed_percent", "applied"))
    return {"staff": staff, "lines": len(lines), "done": sum(line.state == "done" for line in lines),
            "in_progress": sum(line.state == "in_progress" for line in lines),
            "not_started": sum(line.state == "not_started" for line in lines),
            "closed_percent": percent(closed / len(gaps)) if gaps else None,
            "applied": sum(line.applied for line in lines)}
