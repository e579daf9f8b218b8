"""`digiskill aggregate`: HR's gap analysis and follow-up of many staff files (Org 3–5), its options and the settings
it reads first (the headcount CSV, last year's run). Kept apart from the other commands for their size."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError
from .commands import check_output, command_catalog, write_atomic


def cmd_aggregate(args) -> int:
    """HR's gap analysis and follow-up (Org 3–5): README "What HR does each year"."""
    from ..core.hr.staff_facts import collector_paused

    with collector_paused():  # once 100,000 facts are in, one collection would walk them all for nothing (0.7 s)
        return _aggregate(args)


def _aggregate(args) -> int:
    from ..core.hr.aggregate import Filter, combine
    from ..core.hr.report import table_csv
    from ..core.hr.org_plan import org_plan_docx, org_plan_xlsx
    from .agency_files import other_agency_hints, project_agency
    from .staff_reading import gather, read_all

    out = check_output(args.out, (".xlsx", ".docx", ".csv"))
    if args.table != "gaps" and out.suffix.lower() != ".csv":
        raise UsageError(f"--table {args.table} writes a CSV; give --out a name ending in .csv")
    if args.keys and out.suffix.lower() != ".csv":
        raise UsageError("--keys changes a CSV's headers; give --out a name ending in .csv")
    catalog = command_catalog(args.catalog, project_agency(args.agency))
    headcount, last_year = _hr_settings(args, catalog)
    tasks, skipped, set_aside = gather(args.inputs)
    agg = combine(catalog, read_all(catalog, tasks, keep_names=args.keep_names), anonymise=not args.keep_names)
    agg.rejected = sorted(agg.rejected + set_aside, key=lambda r: r.file)
    for path, why in skipped:
        print(f"  skipped {path}: {why}", file=sys.stderr)
    for rejected in agg.rejected:
        print(f"  set aside {rejected.file}: {rejected.reason_th}", file=sys.stderr)
    for hint in other_agency_hints(agg.rejected, args.inputs):
        print(f"  {hint}", file=sys.stderr)
    if not agg.used:
        raise UsageError(f"no usable staff file among {len(tasks)}; nothing written")
    agg.headcount, agg.last_year = headcount, last_year
    view = agg.view(Filter(division=args.division, group=args.group, stage=args.stage, role=args.role))
    suffix = out.suffix.lower()
    data = table_csv(view, args.table, args.unit, keys=args.keys) if suffix == ".csv" else \
        (org_plan_docx if suffix == ".docx" else org_plan_xlsx)(view)
    write_atomic(out, data)
    print(f"wrote {args.out}: {agg.used} staff files used, {len(agg.rejected)} set aside", file=sys.stderr)
    return 0


def _hr_settings(args, catalog):
    """The headcount CSV and last year's run (staff files, folders, zips or last year's gap CSV), checked first."""
    from ..core.hr.coverage import read_headcount
    from .agency_files import other_agency_hints
    from .staff_reading import read_last_year

    for name, value, known in (("--group", args.group, {g.code for g in catalog.groups}),
                               ("--stage", args.stage, {s.code for s in catalog.stages}),
                               ("--role", args.role, {r.code for r in catalog.roles})):
        if value is not None and value not in known:
            raise UsageError(f"{name} {value}: unknown; expected one of {', '.join(sorted(known))}")
    headcount = None
    if args.headcount:
        try:
            text = Path(args.headcount).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"{args.headcount}: cannot read the headcount CSV as UTF-8 text ({err})") from err
        headcount = read_headcount(text, catalog, args.headcount)
    last_year = None
    if args.last_year:
        last_year, last = read_last_year(args.last_year, catalog, anonymise=not args.keep_names)
        if last is not None:
            print(f"  last year: {last.used} staff files used, {len(last.rejected)} set aside", file=sys.stderr)
            for rejected in last.rejected:  # named with their reasons, as this year's are
                print(f"  last year: set aside {rejected.file}: {rejected.reason_th}", file=sys.stderr)
            for hint in other_agency_hints(last.rejected, args.last_year):
                print(f"  last year: {hint}", file=sys.stderr)
    return headcount, last_year


def add_hr_arguments(agg) -> None:
    """The follow-up options of `digiskill aggregate` (Org 3–5)."""
    agg.add_argument("--table", default="gaps", choices=["gaps", "coverage", "progress", "trend", "enrolment"],
                     help="which table a .csv holds (default: gaps)")
    agg.add_argument("--headcount", metavar="CSV", help="headcount per group (and division): columns "
                                                         "group,division,headcount")
    agg.add_argument("--last-year", nargs="+", metavar="PATH", help="last year's staff files, folders or .zip, or "
                                                                     "the gap CSV exported last year (for the trend)")
    agg.add_argument("--unit", metavar="CODE", help="the unit for --table enrolment (default: every unit)")
    agg.add_argument("--keys", action="store_true", help="a CSV for scripts: machine keys (staff_required…) as "
                                                         "headers, codes for components and methods, 1/0 markers "
                                                         "(default: Thai headers and words for people)")
    agg.add_argument("--division", help="only the staff of this division (\"\" for those who named none)")
    agg.add_argument("--group", help="only this group (code, e.g. A)")
    agg.add_argument("--stage", help="only this stage (code, e.g. developing)")
    agg.add_argument("--role", help="only this role (code, e.g. A1)")
