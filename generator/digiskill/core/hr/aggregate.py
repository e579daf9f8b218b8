"""Organisation gap analysis (seed Org 3.1): many staff self-assessment files in, one aggregated picture out.

Standard library only, so HR can run it in the browser (Pyodide) on files that never leave their computer, and the
CLI gives exactly the same numbers. Each file is read on its own (`staff_facts.read_staff_file`); `combine` sets
broken, foreign, other-version files aside with the reason, keeps one file per person, and the rest as facts. Every table
is then computed for a view: the whole organisation, or one division, group, stage or role (`Filter`).

The follow-up tables (coverage, progress, trend, enrolment) live in their own modules and take the same view.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property

from ...model import COMPONENTS, Catalog
from ..answers.messages import message_th
from ..display.columns import Coded, Column, csv_cell, header
from ..display.percent import percent
from ..display.thaidate import thai_date
from .privacy import Hidden, Privacy, hide_view, threshold_of
from .staff_facts import (AGREED, DRAFT, REVIEWED, ReadFile, Rejected, StaffFact, collector_paused,  # noqa: F401
                          content_key, read_staff_file)

URGENT_COUNT = 10  # how many gaps the "most urgent" list shows


@dataclass
class GapRow:
    group: str
    code: str
    component: str
    title_th: str
    required: int = 0  # staff of the group whose role requires it
    lacking: int = 0  # of those, answered "not yet"
    unanswered: int = 0

    @property
    def share(self) -> float:
        return self.lacking / self.required if self.required else 0.0

    @property
    def urgency(self) -> float:
        """The urgency rule (README "Which gaps are most urgent"): staff lacking × share lacking. It grows with both
        how many people lack a skill and how widespread the lack is in the group, so 40 of 80 (score 20) comes before
        2 of 2 (score 2), and among equal counts the larger share comes first."""
        return self.lacking * self.share


@dataclass(frozen=True)
class Filter:
    """Which staff a view is about; None keeps everyone. `division` "" is the staff whose file names no division."""
    division: str | None = None
    group: str | None = None
    stage: str | None = None
    role: str | None = None

    def keeps(self, fact: StaffFact) -> bool:
        return ((self.division is None or fact.division == self.division) and
                (self.group is None or fact.group == self.group) and
                (self.stage is None or fact.stage == self.stage) and (self.role is None or fact.role == self.role))

    @property
    def whole(self) -> bool:
        return self == Filter()

    @classmethod
    def from_dict(cls, data: dict | None) -> "Filter":
        """From the page's choices: a missing or null value means everyone; for a division "" means the staff
        whose file names none, and for the others "" means everyone (an empty select)."""
        data = data or {}
        division = data.get("division")
        return cls(division=division if isinstance(division, str) else None,
                   **{k: data.get(k) or None for k in ("group", "stage", "role")})


@dataclass
class Aggregation:
    catalog: Catalog
    facts: list = field(default_factory=list)  # every used file's StaffFact (the whole organisation)
    rejected: list = field(default_factory=list)  # of Rejected
    anonymised: bool = True
    filter: Filter = field(default_factory=Filter)
    headcount: object = None  # coverage.Headcount, when HR gave one
    last_year: object = None  # trend.Baseline, when HR gave last year's files or gap CSV

    @property
    def used(self) -> int:
        return len(self.facts)

    @cached_property
    def privacy(self) -> Privacy:
        return Privacy(threshold_of(self.catalog), self.anonymised)

    @cached_property
    def hidden(self) -> Hidden:
        """The figures of this view hidden for privacy, primary and secondary (`privacy.hide_view`)."""
        return hide_view(self)

    @cached_property
    def staff(self) -> list:
        """The facts of this view."""
        return self.facts if self.filter.whole else [f for f in self.facts if self.filter.keeps(f)]

    def view(self, filter: Filter) -> "Aggregation":
        return dataclasses.replace(self, filter=filter)

    @cached_property
    def staff_by_group(self) -> dict:
        return _count(f.group for f in self.staff)

    @cached_property
    def staff_by_role(self) -> dict:
        return _count(f.role for f in self.staff)

    @cached_property
    def methods(self) -> dict:
        return _count(m for f in self.staff for m in f.methods)

    @cached_property
    def divisions(self) -> list[str]:
        """The agency's list first (in its order), then any other division found in the files; "" (none) last."""
        listed = list(self.catalog.agency.divisions) if self.catalog.agency else []
        found = {f.division for f in self.facts}
        if self.headcount is not None:  # a headcount row without a division is the agency's, not a division's
            found |= {d for d, _g in self.headcount.counts if d}
        return listed + sorted(found - set(listed) - {""}) + ([""] if "" in found else [])

    @cached_property
    def rows(self) -> dict:
        """(group, code) -> GapRow for this view."""
        catalog = self.catalog
        titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
        rows: dict = {}
        for role_code, count in self.staff_by_role.items():
            role = catalog.role(role_code)
            requirement = catalog.requirement(role_code)
            for component in COMPONENTS:
                for code in requirement.codes(component):
                    row = rows.get((role.group, code))
                    if row is None:
                        row = rows[(role.group, code)] = GapRow(role.group, code, component, titles[code])
                    row.required += count
        for fact in self.staff:
            for code in fact.lacking:
                rows[(fact.group, code)].lacking += 1
            for code in fact.unanswered:
                rows[(fact.group, code)].unanswered += 1
        return rows

    def gap_rows(self) -> list[GapRow]:
        """In group order, then component and catalog order."""
        group_order = {g.code: i for i, g in enumerate(self.catalog.groups)}
        position = {u.code: i for i, u in enumerate(self.catalog.units)}
        position.update({it.code: len(position) + i for i, it in enumerate(self.catalog.items)})
        return sorted(self.rows.values(), key=lambda r: (group_order[r.group], COMPONENTS.index(r.component),
                                                         position.get(r.code, 0)))

    def urgent(self) -> list[GapRow]:
        """The gaps most in need, by the urgency rule (`GapRow.urgency`), then most people lacking; rows too small
        to show (privacy) are left out."""
        rows = [r for r in self.rows.values() if r.lacking and ("g", r.group, r.code) not in self.hidden]
        return sorted(rows, key=lambda r: (-r.urgency, -r.lacking, r.group, r.code))[:URGENT_COUNT]

    @property
    def people(self) -> list:
        """(name, role, gaps) for the staff list sheet; empty when names are dropped."""
        if self.anonymised:
            return []
        return [(f.name, f.role, len(f.lacking)) for f in self.staff]


def _count(values) -> dict:
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def combine(catalog: Catalog, reads: list[ReadFile], anonymise: bool = True) -> Aggregation:
    """One file per person (README "One person, one file"). Files that are copies of each other (the same answers)
    or of one person (`staff_facts.person_key`) form a group; the file of the highest `ReadFile.standing` is kept
    (further in the cycle, then saved later), a tie going to the file name (and content digest) that sorts first, so
    the browser and the CLI keep the same file whatever order the files were listed in. Each file set aside says
    which file was kept and why."""
    result = Aggregation(catalog, anonymised=anonymise)
    usable = []
    for read in sorted(reads, key=lambda r: (r.name, r.digest)):
        if read.rejected is not None:
            result.rejected.append(read.rejected)
        else:
            usable.append(read)
    links = []  # (a later file, the first file with the same content or person); most files have none
    by_content: dict = {}
    by_person: dict = {}
    for i, read in enumerate(usable):
        first = by_content.setdefault(read.content, i)
        if first != i:
            links.append((i, first))
        if read.person is not None:
            first = by_person.setdefault(read.person, i)
            if first != i:
                links.append((i, first))
    group: dict = {}  # union-find over the linked files only: a file's group is found by following `group` to a root

    def root(i: int) -> int:
        while group.get(i, i) != i:
            group[i] = group.get(group[i], group[i])
            i = group[i]
        return i

    for a, b in links:
        a, b = root(a), root(b)
        if a != b:
            group[max(a, b)] = min(a, b)
    best: dict = {}  # group root -> index of the file kept
    for i in sorted(group.keys() | {b for _a, b in links}):
        r = root(i)
        if r not in best or usable[i].standing > usable[best[r]].standing:  # a tie keeps the earlier name
            best[r] = i
    for i, read in enumerate(usable):
        kept = usable[best[root(i)]] if i in group or i in best else read
        if kept is read:
            result.facts.append(read.fact)
        else:
            result.rejected.append(Rejected(read.name, set_aside_reason(read, kept)))
    return result


STAGE_TH = {DRAFT: "ร่าง", AGREED: "หัวหน้าเห็นชอบแล้ว", REVIEWED: "ทบทวนความก้าวหน้าแล้ว"}


def set_aside_reason(read: ReadFile, kept: ReadFile) -> str:
    """Why `read` gives way to `kept`, of the same person or with the same answers."""
    if read.content == kept.content and read.stage == kept.stage:
        return message_th("duplicate", {"other": kept.name})
    ctx = {"other": kept.name, "stage": STAGE_TH[read.stage], "kept_stage": STAGE_TH[kept.stage],
           "saved": _saved_th(read.saved), "kept_saved": _saved_th(kept.saved)}
    if read.stage < kept.stage and read.saved > kept.saved:
        return message_th("draft_after_agreed", ctx)
    if read.standing == kept.standing:
        return message_th("same_person_same_time", ctx)
    return message_th("older_copy", ctx)


def _saved_th(saved: str) -> str:
    """A saved time as people read it: the Buddhist-era date and the time, in UTC as the file keeps it."""
    if not saved:
        return "ไม่ระบุเวลาบันทึก"
    return f"{thai_date(saved[:10], short=True)} {saved[11:16]} น. UTC"


def aggregate(catalog: Catalog, files, anonymise: bool = True) -> Aggregation:
    """`files`: (file name, content) pairs, any iterable (the contents are not kept). Names are read only when
    `anonymise` is False."""
    with collector_paused():
        reads = [read_staff_file(catalog, name, content, keep_names=not anonymise) for name, content in files]
    return combine(catalog, reads, anonymise)


COMPONENT_TH = {"ability": "ความสามารถ", "knowledge": "ความรู้", "experience": "ประสบการณ์", "attribute": "คุณลักษณะ"}
MARKER = Column("suppressed", "ซ่อนตัวเลข", "marker")
GROUP_COLUMNS = [Column("group", "รหัสกลุ่ม", page=False), Column("group_title_th", "กลุ่มบุคลากร"),
                 Column("component", "องค์ประกอบ"), Column("code", "รหัส"), Column("title_th", "ทักษะ")]
GAP_COLUMNS = GROUP_COLUMNS + [
    Column("staff_required", "ต้องมี (คน)", "number"), Column("staff_lacking", "ยังไม่มี (คน)", "number"),
    Column("percent_lacking", "ยังไม่มี (%)", "percent"), Column("staff_unanswered", "ยังไม่ได้ตอบ (คน)", "number"),
    MARKER]
GAP_HOWTO_TH = [
    "หนึ่งแถวคือกลุ่มบุคลากรหนึ่งกลุ่มกับทักษะหนึ่งรายการที่บทบาทในกลุ่มนั้นต้องมี",
    "ต้องมี (คน): บุคลากรของกลุ่มที่ตอบแบบประเมินและบทบาทต้องมีทักษะนี้",
    "ยังไม่มี (คน): ในจำนวนนั้น คนที่ตอบว่า \"ยังไม่มี\" ในการประเมินตนเองของปีนี้ "
    "(การตอบใหม่ตอนติดตามความก้าวหน้าไม่เปลี่ยนตัวเลขนี้ แต่นับในตารางความก้าวหน้าว่าปิดช่องว่างได้แล้ว)",
    "ยังไม่มี (%): ยังไม่มี (คน) เป็นร้อยละของต้องมี (คน) ปัดเป็นจำนวนเต็ม (ครึ่งปัดขึ้น)",
    "ยังไม่ได้ตอบ (คน): คนที่บทบาทต้องมีแต่ไม่ได้ตอบข้อนี้ (ไม่นับเป็นยังไม่มี)",
    "ซ่อนตัวเลข: ตัวเลขของแถวนี้ว่างไว้ เพราะมาจากบุคลากรน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) "
    "หรือถูกซ่อนประกอบ เพื่อไม่ให้ใครคำนวณตัวเลขที่ซ่อนไว้ย้อนจากผลรวมได้",
]


def component_cell(component: str) -> Coded:
    return Coded(component, COMPONENT_TH[component])


def table_rows(agg: Aggregation) -> list[list]:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    out = []
    for r in agg.gap_rows():
        hidden = ("g", r.group, r.code) in agg.hidden
        figures = [None] * 4 if hidden else [r.required, r.lacking, percent(r.share) if r.required else None,
                                              r.unanswered]
        out.append([r.group, groups[r.group], component_cell(r.component), r.code, r.title_th, *figures, hidden])
    return out


def csv_bytes(columns: list, rows: list, keys: bool = False) -> bytes:
    """Every CSV download: UTF-8 with a BOM (Excel reads the Thai text), CRLF, formula starts neutralised; Thai
    headers and words, or with `keys` the machine keys and codes (`display.columns`)."""
    import csv
    import io

    from ...formula_guard import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(columns, keys))
    writer.writerows([neutralise(csv_cell(v, c, keys)) for v, c in zip(row, columns)] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def aggregate_csv(agg: Aggregation, keys: bool = False) -> bytes:
    return csv_bytes(GAP_COLUMNS, table_rows(agg), keys)
