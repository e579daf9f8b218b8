"""Organisation gap analysis (seed Org 3.1): many staff self-assessment files in, one aggregated picture out.

Standard library only, so HR can run it in the browser (Pyodide) on files that never leave their computer, and the
CLI gives exactly the same numbers. Files that are broken, from another framework or data version, or duplicated
are set aside with the reason; the rest are counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import COMPONENTS, Catalog
from .answer_messages import message_th
from .answers_check import check_answers

URGENT_COUNT = 10  # how many gaps the "most urgent" list shows


@dataclass
class Rejected:
    file: str
    reason_th: str


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


@dataclass
class Aggregation:
    catalog: Catalog
    used: int = 0
    rejected: list = field(default_factory=list)  # of Rejected
    staff_by_group: dict = field(default_factory=dict)  # group -> count
    staff_by_role: dict = field(default_factory=dict)  # role -> count
    rows: dict = field(default_factory=dict)  # (group, code) -> GapRow
    methods: dict = field(default_factory=dict)  # tool code -> times chosen
    people: list = field(default_factory=list)  # (name, role, gaps) unless anonymised
    anonymised: bool = True

    def gap_rows(self) -> list[GapRow]:
        """In group order, then component and catalog order."""
        group_order = {g.code: i for i, g in enumerate(self.catalog.groups)}
        position = {u.code: i for i, u in enumerate(self.catalog.units)}
        position.update({it.code: len(position) + i for i, it in enumerate(self.catalog.items)})
        return sorted(self.rows.values(), key=lambda r: (group_order[r.group], COMPONENTS.index(r.component),
                                                         position.get(r.code, 0)))

    def urgent(self) -> list[GapRow]:
        """The gaps most in need: largest share lacking, then most people lacking."""
        rows = [r for r in self.rows.values() if r.lacking]
        return sorted(rows, key=lambda r: (-r.share, -r.lacking, r.group, r.code))[:URGENT_COUNT]


def _role_entries(catalog: Catalog, role, cache: dict) -> list:
    """[((group, code), code, component), ...] for everything the role needs, computed once per role."""
    if role.code not in cache:
        req = catalog.requirement(role.code)
        cache[role.code] = [((role.group, code), code, component) for component in COMPONENTS
                            for code in req.codes(component)]
    return cache[role.code]


def content_key(a) -> tuple:
    """Everything a person answered, ignoring when the file was saved: two files with the same key are copies."""
    return (a.role, tuple(sorted(a.person.items())), a.mission,
            tuple(sorted((c, x.has, x.note) for c, x in a.answers.items())),
            tuple(sorted((c, p.priority, tuple(p.methods), p.target_date, p.goal, p.application, p.support)
                         for c, p in a.plan.items())))


def aggregate(catalog: Catalog, files: list[tuple[str, str | bytes]], anonymise: bool = True) -> Aggregation:
    """`files` is a list of (file name, content), taken in file-name order so that the browser and the CLI judge
    duplicates the same way (the first name keeps its place). Names are read only when `anonymise` is False."""
    result = Aggregation(catalog, anonymised=anonymise)
    titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
    seen_content: dict[tuple, str] = {}
    seen_person: dict[tuple, str] = {}
    entry_cache: dict = {}
    # Name order, then content for equal names (files from different folders), so the order never depends on how
    # the files were listed.
    for name, content in sorted(files, key=lambda f: (f[0], f[1] if isinstance(f[1], bytes) else f[1].encode())):
        checked = check_answers(content, catalog, file=name)
        if not checked.ok:
            result.rejected.append(Rejected(name, checked.reason_th()))
            continue
        assessment = checked.assessment
        if assessment.data_version != catalog.framework.data_version:
            result.rejected.append(Rejected(name, message_th("other_data_version", {
                "found": assessment.data_version or "ไม่ระบุ", "expected": catalog.framework.data_version})))
            continue
        digest = content_key(assessment)
        person = (assessment.person.get("name", "").strip(), assessment.role)
        duplicate_of = seen_content.get(digest) or (seen_person.get(person) if person[0] else None)
        if duplicate_of:
            result.rejected.append(Rejected(name, message_th("duplicate", {"other": duplicate_of})))
            continue
        seen_content[digest] = name
        if person[0]:
            seen_person[person] = name
        role = catalog.role(assessment.role)
        result.used += 1
        result.staff_by_group[role.group] = result.staff_by_group.get(role.group, 0) + 1
        result.staff_by_role[role.code] = result.staff_by_role.get(role.code, 0) + 1
        gaps = 0
        for key, code, component in _role_entries(catalog, role, entry_cache):
            row = result.rows.get(key)
            if row is None:
                row = result.rows[key] = GapRow(role.group, code, component, titles[code])
            row.required += 1
            answer = assessment.answers.get(code)
            if answer is None or answer.has is None:
                row.unanswered += 1
            elif answer.has is False:
                row.lacking += 1
                gaps += 1
                for method in assessment.plan.get(code).methods if code in assessment.plan else ():
                    result.methods[method] = result.methods.get(method, 0) + 1
        if not anonymise:
            result.people.append((assessment.person.get("name", ""), role.code, gaps))
    return result


CSV_COLUMNS = ["group", "group_title_th", "component", "code", "title_th", "staff_required", "staff_lacking",
               "share_lacking", "staff_unanswered"]


def table_rows(agg: Aggregation) -> list[list]:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    return [[r.group, groups[r.group], r.component, r.code, r.title_th, r.required, r.lacking,
             round(r.share, 4), r.unanswered] for r in agg.gap_rows()]


def aggregate_csv(agg: Aggregation) -> bytes:
    import csv
    import io

    from .xlsx_writer import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise(v) for v in row] for row in table_rows(agg))
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Thai text as UTF-8
