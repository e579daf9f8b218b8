"""The rules that turn answers into an Individual Development Plan draft (seed Ind 3), and the group finder (Org 1.4).

Every rule lives here, once; the browser's JavaScript only displays what these functions return.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import COMPONENTS, Catalog
from ..answers.record import Assessment, PlanEntry
from .year import agreed_future_plan, agreed_plan, by_priority, future_codes
from ..display.thaidate import thai_date

# The 70:20:10 balance check (README "แผนพัฒนา", CONTRIBUTING "The IDP document"): the plan is called in line with
# 70:20:10 only when each part's share of the chosen methods is within BALANCE_TOLERANCE of the model's share
# (70 % ± 10, 20 % ± 10, 10 % ± 10): 60:20:20 and 80:10:10 are in line, 50:22:28 is not.
BALANCE_TOLERANCE = 10  # percentage points, each side of each part's share
TRAINING_HEAVY = 0.5  # more than half of the methods are training (10)


@dataclass
class Entry:
    """One required unit or item, as the person answered it."""

    code: str
    component: str
    title_th: str
    title_en: str
    status: str  # official | provisional
    has: bool | None
    note: str


@dataclass
class PlanLine:
    """One line of the plan; `plan_lines` gives them in the one line order (`year.line_order`), and the documents'
    ลำดับ column prints `priority`, the one the supervisor agreed (or the person proposed)."""
    entry: Entry
    methods: list  # of Tool
    suggested: list  # of Tool: shown when the person chose none
    target_date: str  # ISO
    target_date_th: str  # Buddhist era
    goal: str
    application: str
    support: str
    indicator: str = ""
    priority: int | None = None  # as agreed (the supervisor's change wins)
    review: object = None  # the supervisor's ReviewLine for this line, if any
    own: PlanEntry | None = None  # the person's own line, to show what the supervisor changed


@dataclass
class Deferred:
    """A gap the supervisor moved to a later year ("not this year")."""
    entry: Entry
    comment: str


@dataclass
class Idp:
    catalog: Catalog
    assessment: Assessment
    entries: list  # of Entry, in component then catalog order
    lines: list  # of PlanLine, in priority order
    balance: dict  # part -> share (0..1) of chosen methods
    balance_note_th: str
    counts: dict = field(default_factory=dict)
    deferred: list = field(default_factory=list)  # of Deferred
    future_lines: list = field(default_factory=list)  # of PlanLine, for the next stage's role (work in future)

    @property
    def reviewed(self) -> bool:
        return self.assessment.review is not None

    @property
    def role(self):
        return self.catalog.role(self.assessment.role)


def entry_for(catalog: Catalog, assessment: Assessment, code: str, component: str) -> Entry:
    record = catalog.unit(code) if component == "ability" else catalog.item(code)
    answer = assessment.answers.get(code)
    return Entry(code, component, record.title_th, record.title_en, record.status,
                 answer.has if answer else None, answer.note if answer else "")


def required_entries(catalog: Catalog, assessment: Assessment, role: str | None = None) -> list[Entry]:
    requirement = catalog.requirement(role or assessment.role)
    return [entry_for(catalog, assessment, code, component)
            for component in COMPONENTS for code in requirement.codes(component)]


def suggest_methods(catalog: Catalog, component: str) -> list:
    """One tool per 70:20:10 part that suits the component, in 70, 20, 10 order."""
    picks = []
    for part in catalog.learning_model.parts:
        suited = [t for t in catalog.tools if t.part == part.code and component in t.suits]
        if suited:
            picks.append(suited[0])
    return picks


def balance_of(catalog: Catalog, lines: list) -> tuple[dict, str]:
    chosen = [tool for line in lines for tool in line.methods]
    shares = {p.code: 0.0 for p in catalog.learning_model.parts}
    if not chosen:
        return shares, "ยังไม่ได้เลือกวิธีการพัฒนา ลองเลือกจากวิธีที่แนะนำไว้ในแต่ละรายการ"
    for tool in chosen:
        shares[tool.part] += 1 / len(chosen)
    return shares, balance_note(catalog, shares)


def balance_note(catalog: Catalog, shares: dict) -> str:
    """The one 70:20:10 remark for a plan's shares (part -> 0..1); see BALANCE_TOLERANCE."""
    target = {p.code: p.share for p in catalog.learning_model.parts}
    # Whole points after rounding, so that 3 of 5 methods (60.000000000000007 %) counts as 60.
    off = {code: round(shares.get(code, 0) * 100, 6) - share for code, share in target.items()}
    if shares.get("10", 0) > TRAINING_HEAVY:
        return ("แผนนี้พึ่งการฝึกอบรมเป็นหลัก รูปแบบ 70:20:10 แนะนำให้เรียนรู้จากการลงมือทำงานจริงเป็นส่วนใหญ่ "
                "ลองเพิ่มวิธีในกลุ่ม 70 เช่น การเรียนรู้จากการปฏิบัติงานจริง")
    if shares.get("70", 0) == 0:
        return "แผนนี้ยังไม่มีการเรียนรู้จากการลงมือทำงานจริง (70) ซึ่งควรเป็นส่วนใหญ่ของการพัฒนา"
    if all(abs(diff) <= BALANCE_TOLERANCE for diff in off.values()):
        return "สัดส่วนวิธีการพัฒนาสอดคล้องกับแนวทาง 70:20:10"
    short = min(off, key=off.get)
    return (f"สัดส่วนวิธีการพัฒนายังห่างจากแนวทาง 70:20:10 เกิน {BALANCE_TOLERANCE} จุด "
            f"ลองเพิ่มวิธีในกลุ่ม {short}")


def plan_lines(catalog: Catalog, entries: list, plan: dict, own: dict | None = None, review=None) -> list:
    """Plan lines for `entries` in priority order (unprioritised last, then catalog order)."""
    tools = {t.code: t for t in catalog.tools}
    rank = by_priority(plan, [e.code for e in entries])
    lines = []
    for entry in sorted(entries, key=lambda e: rank(e.code)):
        line = plan.get(entry.code, PlanEntry())
        methods = [tools[m] for m in line.methods if m in tools]
        lines.append(PlanLine(entry, methods, [] if methods else suggest_methods(catalog, entry.component),
                              line.target_date, thai_date(line.target_date) if line.target_date else "",
                              line.goal, line.application, line.support, line.indicator, line.priority,
                              review.lines.get(entry.code) if review else None,
                              (own or {}).get(entry.code)))
    return lines


def build_idp(catalog: Catalog, assessment: Assessment) -> Idp:
    """The plan as it stands: once the supervisor has reviewed it, the agreed plan (their changes applied, the lines
    they moved to a later year set apart)."""
    entries = required_entries(catalog, assessment)
    review = assessment.review
    later = {code for code, line in review.lines.items() if line.decision == "not_this_year"} if review else set()
    gaps = [e for e in entries if e.has is False]
    lines = plan_lines(catalog, [e for e in gaps if e.code not in later], agreed_plan(assessment),
                       assessment.plan, review)
    deferred = [Deferred(e, review.lines[e.code].comment) for e in gaps if e.code in later]
    shares, note = balance_of(catalog, lines)
    counts = {"required": len(entries), "have": sum(e.has is True for e in entries), "gaps": len(gaps),
              "unanswered": sum(e.has is None for e in entries)}
    future = []
    if assessment.future_role and assessment.role:
        components = {code: component for component in COMPONENTS
                      for code in catalog.requirement(assessment.future_role).codes(component)}
        codes = future_codes(catalog, assessment.role, assessment.future_role)
        wanted = [c for c in codes if c in assessment.future_plan] or codes
        future = plan_lines(catalog, [entry_for(catalog, assessment, c, components[c]) for c in wanted
                                      if c not in later],
                            agreed_future_plan(assessment), assessment.future_plan, review)
        deferred += [Deferred(entry_for(catalog, assessment, c, components[c]), review.lines[c].comment)
                     for c in wanted if c in later and c in assessment.future_plan]
    return Idp(catalog, assessment, entries, lines, shares, note, counts, deferred, future)


def share_problem(known: dict, shares: dict) -> str | None:
    """Shares are percentages of one person's work: each 0-100, together at most 100. Thai text of the first
    problem, or None."""
    total = 0.0
    for code, value in shares.items():
        if code not in known or value in ("", None):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            return f"สัดส่วนงานกลุ่ม{known[code].title_th}ต้องเป็นตัวเลขร้อยละ 0-100 (ได้ '{value}')"
        if not 0 <= number <= 100:
            return f"สัดส่วนงานกลุ่ม{known[code].title_th}ต้องอยู่ระหว่างร้อยละ 0 ถึง 100 (ได้ {number:g})"
        total += number
    if total > 100:
        return f"สัดส่วนงานรวมกันได้ร้อยละ {total:g} ซึ่งเกิน 100 ปรับให้รวมกันไม่เกิน 100 แล้วกดอีกครั้ง"
    return None


def classify_group(catalog: Catalog, shares: dict, career_path: str | None = None) -> dict:
    """Seed Org 1.4: the group with the largest share of current work; on a tie, the future career path decides.

    Returns {"group": code or None, "reason_th": ..., "tied": [codes]}.
    """
    known = {g.code: g for g in catalog.groups}
    problem = share_problem(known, shares)
    if problem:
        return {"group": None, "tied": [], "reason_th": problem}
    clean = {code: float(value) for code, value in shares.items() if code in known and value and float(value) > 0}
    if not clean:
        return {"group": None, "tied": [], "reason_th": "กรอกสัดส่วนงานของแต่ละกลุ่มก่อน (รวมกันประมาณร้อยละ 100)"}
    top = max(clean.values())
    tied = [code for code in known if clean.get(code) == top]
    if len(tied) == 1:
        group = known[tied[0]]
        return {"group": group.code, "tied": tied,
                "reason_th": f"งานของคุณเป็นงานกลุ่ม{group.title_th}มากที่สุด (ร้อยละ {top:g}) "
                             f"ตามหลักเกณฑ์สัดส่วนงานที่ปฏิบัติในปัจจุบัน"}
    names = " และ ".join(known[c].title_th for c in tied)
    if career_path in tied:
        group = known[career_path]
        return {"group": group.code, "tied": tied,
                "reason_th": f"สัดส่วนงาน{names}เท่ากัน (ร้อยละ {top:g}) จึงใช้เส้นทางความก้าวหน้าในอนาคต "
                             f"ซึ่งคือกลุ่ม{group.title_th}"}
    return {"group": None, "tied": tied,
            "reason_th": f"สัดส่วนงาน{names}เท่ากัน (ร้อยละ {top:g}) เลือกเส้นทางความก้าวหน้าในอนาคตเพื่อตัดสิน"}
