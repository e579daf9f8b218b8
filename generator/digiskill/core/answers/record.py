"""The answers file: what a civil servant answered and planned. One definition, used by the page (through the worker),
the CLI, the aggregation and the tests. The same shape is the browser's autosaved draft and the downloaded file.

    {"format": "digiskill-assessment", "schema_version": 1,
     "framework": {"id": "ocsc-2561", "data_version": "2561.1"},
     "role": "A1", "group": "A", "stage": "developing",
     "person": {"name": "", "position": "", "agency": "", "supervisor": ""}, "mission": "",
     "answers": {"DLit100": {"has": true, "note": "ใช้ระบบสารบรรณทุกวัน"}},
     "plan": {"DLit200": {"priority": 1, "methods": ["on-the-job"], "target_date": "2027-03-31",
                          "goal": "", "indicator": "", "application": "", "support": ""}},
     "finder": {"shares": {"A": 70, "S": 30}, "career": ""},
     "saved_at": "2026-11-24T10:00:00Z"}

A file saved on an agency's site also says which (`AgencyStamp`): "agency": {"id": "กตย.", "name_th": "กรมตัวอย่าง",
"settings_version": "3f2a…"}.

Reading a file is decode → migrate → validate (`checker.check_answers`); this module holds the records, the
limits, the version steps and what an empty file looks like. `schema.py` publishes the shape as JSON Schema.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ...model import Catalog

FORMAT = "digiskill-assessment"
SCHEMA_VERSION = 2
PERSON_FIELDS = ("name", "position", "agency", "division", "supervisor")
PLAN_TEXT_FIELDS = ("goal", "indicator", "application", "support")  # indicator: ตัวชี้วัดความสำเร็จ
TOP_KEYS = ("format", "schema_version", "framework", "role", "group", "stage", "person", "mission", "answers", "plan",
            "finder", "saved_at", "period", "future", "review", "progress", "history", "agency")
AGENCY_FIELDS = ("id", "name_th", "settings_version")  # the "agency" block: the site the file was last saved on
# The yearly cycle (version 2). The words are the ones agencies' forms use (README "The development cycle").
ROLE_DECISIONS = ("agreed", "proposed")  # the supervisor agrees with the group and role, or proposes another
LINE_DECISIONS = ("agreed", "changed", "not_this_year")  # per plan line
NEXT_LEVEL_OPINIONS = ("agree", "differ")  # เห็นด้วย / มีความเห็นแตกต่าง
PLAN_STATUSES = ("on_plan", "off_plan", "changed")  # เป็นไปตามแผน / ไม่เป็นไปตามแผน / ปรับแผน
OUTCOMES = ("exceeded", "met", "not_met", "not_yet")  # บรรลุเกินเป้าหมาย / บรรลุตามเป้าหมาย / ไม่บรรลุผล / ยังไม่ถึงกำหนด
CHOICES_TH = {  # how each word above is shown and printed
    "agreed": "เห็นชอบ", "proposed": "เสนอบทบาทอื่น", "changed": "ปรับแผน", "not_this_year": "ยังไม่ทำในปีนี้",
    "agree": "เห็นด้วย", "differ": "มีความเห็นแตกต่าง",
    "on_plan": "เป็นไปตามแผน", "off_plan": "ไม่เป็นไปตามแผน",
    "exceeded": "บรรลุเกินเป้าหมาย", "met": "บรรลุตามเป้าหมาย", "not_met": "ไม่บรรลุผล", "not_yet": "ยังไม่ถึงกำหนด",
}
ANSWER_TH = {True: "มี", False: "ยังไม่มี", None: "ยังไม่ได้ตอบ"}  # one wording of an answer, on every page and form
MAX_PROGRESS_REVIEWS = 24
MAX_HISTORY_YEARS = 20

# Limits (README "Answers file: limits"). A real file is a few kilobytes; these only stop runaway or hostile input.
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_CHARS = 2_000  # any one text field (a note, a goal, a name)
MAX_ENTRIES = 200  # lines under "answers" or "plan"
PRIORITY_RANGE = (1, 99)
MAX_PROBLEMS = 50  # a report lists at most this many problems
# Nesting: a real file is 4 levels deep. Deeper JSON is refused before it is parsed, because Pyodide's JSON reader
# crashes the whole browser worker (a JavaScript stack overflow) somewhere above ~10,000 levels. Brackets inside text
# count too (cheap and safe: no real file comes near), and files with fewer opening brackets skip the scan.
MAX_DEPTH = 500


@dataclass
class ItemAnswer:
    has: bool | None = None
    note: str = ""


@dataclass
class PlanEntry:
    priority: int | None = None
    methods: list = field(default_factory=list)
    target_date: str = ""
    goal: str = ""
    indicator: str = ""  # ตัวชี้วัดความสำเร็จของการพัฒนา: how the person and supervisor will know the goal is met
    application: str = ""
    support: str = ""


@dataclass
class Signer:
    """A sign-off block: (name), position and date (ISO; shown in the Buddhist era)."""
    name: str = ""
    position: str = ""
    date: str = ""


@dataclass
class Period:
    fiscal_year: int | None = None  # ปีงบประมาณ, Buddhist era
    start: str = ""
    end: str = ""


@dataclass
class ReviewLine:
    """The supervisor's word on one plan line; empty fields leave the person's line as it is."""
    decision: str = "agreed"
    priority: int | None = None
    methods: list | None = None
    target_date: str = ""
    comment: str = ""


@dataclass
class Review:
    """The supervisor's review of the plan (Ind 1.2, Ind 3.2; cabinet clause 4.6.3)."""
    role_decision: str = ""
    proposed_role: str | None = None
    reason: str = ""
    multi_group: bool = False  # work spans several groups: the next-level supervisor approves
    lines: dict = field(default_factory=dict)  # code -> ReviewLine
    support: str = ""
    opinion: str = ""
    supervisor: Signer = field(default_factory=Signer)
    next_level: Signer = field(default_factory=Signer)
    next_level_opinion: str = ""
    next_level_comment: str = ""
    acknowledged: Signer = field(default_factory=Signer)  # the person's การรับทราบ


@dataclass
class ProgressLine:
    status: str = ""
    reason: str = ""
    outcome: str = ""
    evidence: str = ""
    applied: str = ""  # what changed at work or in service (Ind 5)


@dataclass
class ProgressReview:
    """One dated progress review (Ind 4–5); the file keeps every one, oldest first."""
    date: str = ""
    lines: dict = field(default_factory=dict)  # code -> ProgressLine
    reanswers: dict = field(default_factory=dict)  # code -> bool (has it now?)
    feedback: str = ""
    supervisor: Signer = field(default_factory=Signer)


@dataclass
class PastYear:
    """Last year's answers kept as the baseline of a new assessment (next year's reassessment)."""
    fiscal_year: int | None = None
    role: str | None = None
    data_version: str = ""
    answers: dict = field(default_factory=dict)  # code -> True / False / None
    open_lines: list = field(default_factory=list)  # plan codes not closed last year
    deferred: dict = field(default_factory=dict)  # code -> reason: lines the supervisor moved to a later year


@dataclass
class AgencyStamp:
    """Where a file was made (an optional block of version 2: files of the kit's own site have none, and older kits
    that do not know it warn "unknown key" and still read the file). `id` is the agency's short name; the settings
    version a digest of its agency.yaml (catalog/agency.py settings_version)."""
    id: str = ""
    name_th: str = ""
    settings_version: str = ""


def agency_stamp(catalog: Catalog) -> AgencyStamp | None:
    """The stamp of a site's catalog: its agency's, or None for the kit's own catalog."""
    agency = catalog.agency
    return AgencyStamp(agency.id, agency.name_th, agency.settings_version) if agency else None


@dataclass
class Assessment:
    role: str | None
    framework_id: str
    data_version: str
    group: str | None = None
    stage: str | None = None
    person: dict = field(default_factory=dict)
    mission: str = ""
    answers: dict = field(default_factory=dict)  # code -> ItemAnswer
    plan: dict = field(default_factory=dict)  # code -> PlanEntry
    finder: dict = field(default_factory=lambda: {"shares": {}, "career": ""})  # the group finder's inputs
    saved_at: str = ""
    period: Period = field(default_factory=Period)
    future_role: str | None = None  # the next stage's role (cabinet clause 4.6.2: work in future)
    future_plan: dict = field(default_factory=dict)  # code -> PlanEntry, for what only the future role needs
    review: Review | None = None
    progress: list = field(default_factory=list)  # of ProgressReview
    history: list = field(default_factory=list)  # of PastYear, oldest first
    agency: AgencyStamp | None = None  # the agency whose site last saved the file; None on the kit's own site

    def to_dict(self) -> dict:
        return {
            "format": FORMAT, "schema_version": SCHEMA_VERSION,
            "framework": {"id": self.framework_id, "data_version": self.data_version},
            "role": self.role, "group": self.group, "stage": self.stage,
            "person": {k: self.person.get(k, "") for k in PERSON_FIELDS},
            "mission": self.mission,
            "answers": {c: {"has": a.has, "note": a.note} for c, a in self.answers.items()},
            "plan": {c: _plan_dict(p) for c, p in self.plan.items()},
            "finder": {"shares": dict(self.finder.get("shares", {})), "career": self.finder.get("career", "")},
            "saved_at": self.saved_at,
            "period": asdict(self.period),
            "future": {"role": self.future_role, "plan": {c: _plan_dict(p) for c, p in self.future_plan.items()}},
            "review": asdict(self.review) if self.review else None,
            "progress": [asdict(p) for p in self.progress],
            "history": [asdict(h) for h in self.history],
            **({"agency": asdict(self.agency)} if self.agency else {}),  # written only by an agency's site
        }


def _plan_dict(p: PlanEntry) -> dict:
    return {"priority": p.priority, "methods": list(p.methods), "target_date": p.target_date,
            **{k: getattr(p, k) for k in PLAN_TEXT_FIELDS}}


def empty_assessment(catalog: Catalog, stage: str | None = None) -> Assessment:
    """A new file: no role yet; the agency's target stage preselected when it has one."""
    agency = catalog.agency
    return Assessment(role=None, framework_id=catalog.framework.id, data_version=catalog.framework.data_version,
                      stage=stage or (agency.target_stage if agency else None),
                      person={k: (agency.name_th if agency and k == "agency" else "") for k in PERSON_FIELDS},
                      agency=agency_stamp(catalog))


def role_table(catalog: Catalog) -> dict:
    """{group: {stage: role code}}: the page looks the role up here (the rule lives in the catalog, not in JS)."""
    table: dict = {}
    for role in catalog.roles:
        table.setdefault(role.group, {})[role.stage] = role.code
    return table


def _version_1_to_2(data: dict) -> dict:
    """Version 2 added the yearly cycle (period, future role, supervisor review, progress reviews, past years) and the
    person's division; a version-1 file simply has none of them yet."""
    return {**data, "schema_version": 2}


# Version steps: MIGRATIONS[n] turns a version-n dict into version n+1.
MIGRATIONS: dict = {1: _version_1_to_2}


def migrate(data: dict, version: int) -> tuple[dict, list[int]]:
    """Bring an older file up to SCHEMA_VERSION; returns the new dict and the versions it passed through."""
    steps = []
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        steps.append(version)
        version += 1
    return data, steps
