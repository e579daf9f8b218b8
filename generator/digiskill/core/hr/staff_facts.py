"""One staff file → the few facts the organisation follow-up needs (Org 3–5), checked by the one answers checker.

`read_staff_file` works on one file and depends on nothing else, so the CLI can run it in several processes and the
browser one file after another with the same result; `aggregate.combine` then keeps one file per person (the
identity rule: `person_key`, and which file wins: `ReadFile.standing`). A fact keeps no file name and, when names are
dropped, no name: only codes, counts and dates.
"""
from __future__ import annotations

import datetime
import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from ...model import Catalog
from ..answers.messages import message_th
from ..answers.checker import check_answers
from ..cycle.year import DONE_OUTCOMES, agreed_plan, current_answers, latest_progress

FORMAL_PART = "10"  # the 10 of 70:20:10: formal training, the courses HR enrols people in


# A fact and its plan lines are named tuples: the CLI's worker processes send 100,000 of them to the parent, and a
# tuple crosses (pickle) and is rebuilt (`_make`) at a fraction of a dataclass's cost (staff_reading.py).
class PlanLine(NamedTuple):
    code: str
    methods: tuple  # tool codes, as agreed
    target_date: str  # ISO or ""
    lacking: bool  # the person answered "not yet" for it
    state: str  # "done" / "in_progress" / "not_started" (latest progress review)
    closed: bool  # a planned gap now closed: outcome met or exceeded, or re-answered "have it"
    applied: bool  # the latest progress review says how it is used at work (Ind 5)


class StaffFact(NamedTuple):
    role: str
    group: str
    stage: str
    division: str
    lacking: tuple  # codes the role needs that the person answered "not yet"
    unanswered: tuple  # codes the role needs that the person did not answer
    plan: tuple  # of PlanLine (the agreed plan; the person's own without a review)
    methods: tuple  # tool codes chosen for the gaps (the person's plan), counted by the methods table
    agreed: bool  # a supervisor-agreed plan (version-2 review signed with a date)
    reviewed: bool  # at least one progress review with lines
    name: str = ""  # only when names are kept
    position: str = ""


@dataclass(slots=True)
class Rejected:
    """A file that was not used, with why (shown on screen and on the command line, never in a download)."""
    file: str
    reason_th: str
    agency: tuple | None = None  # (id, name) of the agency whose settings the file needs, when it is not this one


DRAFT, AGREED, REVIEWED = 0, 1, 2  # how far a file went in the year's cycle (`ReadFile.stage`)


@dataclass(slots=True)
class ReadFile:
    """What `read_staff_file` returns: a fact plus the keys `combine` judges duplicates by, or why it was set aside."""
    name: str
    fact: StaffFact | None = None
    digest: bytes = b""  # of the file's bytes: orders files of the same name the same way everywhere
    content: int = 0  # hash of everything the person answered (copies share it)
    person: tuple | None = None  # `person_key`, when the file has a name
    rejected: Rejected | None = None
    saved: str = ""  # saved_at in UTC, "YYYY-MM-DDTHH:MM:SS.ffffff" (sorts as time does); "" when the file has none
    stage: int = DRAFT  # DRAFT, AGREED (the supervisor signed the review) or REVIEWED (a progress review recorded)

    @property
    def standing(self) -> tuple:
        """Which of one person's files counts: the highest wins. A file further in the cycle first (a signed plan is
        not undone by a draft saved after it, which is a copy from before the agreement or a new start the
        supervisor has not yet seen), then the latest saved_at; `combine` breaks a tie by file name."""
        return self.stage, self.saved


def person_key(person: dict, fiscal_year) -> tuple | None:
    """The identity rule (README "One person, one file"): one person's files of one fiscal year share the name and
    the position as written in the file, spaces and letter case aside; the role is not part of it, because a
    supervisor may propose another role and the file saved after it names the new one. None without a name (such
    files are judged only as exact copies)."""
    name = " ".join(str(person.get("name", "")).split()).casefold()
    if not name:
        return None
    return name, " ".join(str(person.get("position", "")).split()).casefold(), fiscal_year or 0


def saved_instant(saved_at: str) -> str:
    """saved_at (already checked) as UTC text that sorts as time does; "" when it is empty."""
    if not saved_at:
        return ""
    if len(saved_at) == 20 and saved_at[10] == "T" and saved_at[19] == "Z":  # as the page writes it: already UTC
        return saved_at[:19] + ".000000"
    moment = datetime.datetime.fromisoformat(saved_at.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def content_key(a) -> tuple:
    """Everything a person answered in a fiscal year, ignoring when the file was saved: two files with the same key
    are copies (the same answers in two fiscal years are two years, not copies)."""
    return (a.role, a.period.fiscal_year, tuple(sorted(a.person.items())), a.mission,
            tuple(sorted((c, x.has, x.note) for c, x in a.answers.items())),
            tuple(sorted((c, p.priority, tuple(p.methods), p.target_date, p.goal, p.indicator, p.application, p.support)
                         for c, p in a.plan.items())))


def other_agency(checked, catalog: Catalog) -> str | None:
    """Why a file made on another agency's site (its "agency" block) cannot be read with this catalog, in Thai; None
    when it was made here, on the kit's own site, or says nothing (files of older kits)."""
    stamp = checked.agency
    here = catalog.agency
    if stamp is None or (here is not None and stamp.id == here.id):
        return None
    ctx = {"name": stamp.name_th or stamp.id, "id": stamp.id, "here": here.name_th if here else ""}
    return message_th("other_agency" if here else "agency_file_needed", ctx)


def _line_state(progress_line) -> str:
    if progress_line is None:
        return "not_started"
    return "done" if progress_line.outcome in DONE_OUTCOMES else "in_progress"


def read_staff_file(catalog: Catalog, name: str, content, keep_names: bool = False) -> ReadFile:
    raw = bytes(content) if isinstance(content, (bytes, bytearray, memoryview)) else \
        str(content).encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(raw).digest()
    checked = check_answers(content, catalog, file=name)
    other = other_agency(checked, catalog)
    if other is not None:  # before its other problems: an agency's own units are unknown without its settings
        return ReadFile(name, digest=digest, rejected=Rejected(name, other, (checked.agency.id, checked.agency.name_th)))
    if not checked.ok:
        return ReadFile(name, digest=digest, rejected=Rejected(name, checked.reason_th()))
    a = checked.assessment
    if a.data_version != catalog.framework.data_version:
        return ReadFile(name, digest=digest, rejected=Rejected(name, message_th("other_data_version", {
            "found": a.data_version or "ไม่ระบุ", "expected": catalog.framework.data_version})))
    role = catalog.role(a.role)
    required = catalog.required_codes(a.role)
    lacking, unanswered = [], []
    for code in required:
        answer = a.answers.get(code)
        if answer is None or answer.has is None:
            unanswered.append(code)
        elif answer.has is False:
            lacking.append(code)
    lacking_set = set(lacking)
    methods = tuple(m for code in lacking if code in a.plan for m in a.plan[code].methods)
    now = current_answers(a) if a.progress else {}
    progress = latest_progress(a) if a.progress else {}
    plan = []
    for code, entry in agreed_plan(a).items():
        line = progress.get(code)
        state = _line_state(line)
        plan.append(PlanLine(code, tuple(entry.methods), entry.target_date, code in lacking_set, state,
                             state == "done" or now.get(code) is True, bool(line and line.applied.strip())))
    fact = StaffFact(
        role=role.code, group=role.group, stage=role.stage, division=a.person.get("division", "").strip(),
        lacking=tuple(sorted(lacking)), unanswered=tuple(sorted(unanswered)), plan=tuple(plan), methods=methods,
        agreed=bool(a.review is not None and a.review.supervisor.date),
        reviewed=any(review.lines for review in a.progress),
        name=a.person.get("name", "").strip() if keep_names else "",
        position=a.person.get("position", "").strip() if keep_names else "")
    stage = REVIEWED if fact.reviewed else AGREED if fact.agreed else DRAFT
    return ReadFile(name, fact, digest, hash(content_key(a)), person_key(a.person, a.period.fiscal_year),
                    saved=saved_instant(a.saved_at), stage=stage)


@contextmanager
def collector_paused():
    """Facts are tuples of text, without reference cycles; yet Python's cycle collector, started by every 700 new
    objects, walks all the facts gathered so far, again and again: a third of the time of gathering 100,000 of them
    in the CLI, and a tenth of 10,000 in the browser. It is paused while they are gathered (short-lived objects are
    still freed by reference counts)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
