"""The `digiskill` command line. Every command exits 0 on success and 2 on bad input, with a message naming the
file, line and key path of each problem."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .. import __version__
from ..errors import DigiskillError, UsageError, SiteBuildError


def write_atomic(path: Path, data: bytes) -> None:
    """A failed export never leaves half a file: written whole, as the build cache writes its entries (to a temporary
    file beside `path`, then renamed into place); a folder that cannot be written to is bad input."""
    from ..site.build_cache import write_whole  # standard library only: the commands stay quick to start
    path = Path(path)
    try:
        write_whole(path, data)
    except OSError as err:
        raise UsageError(f"{path}: cannot write here ({err.strerror})") from err


def check_output(out: str, suffixes: tuple) -> Path:
    """Refuse an output path that cannot be written before any work is done (nothing is written on error)."""
    path = Path(out)
    if path.is_dir():
        raise UsageError(f"{out}: is a folder; give a file name, e.g. {path / ('result' + suffixes[0])}")
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{out}: expected a file name ending in {', '.join(suffixes[:-1])} or {suffixes[-1]}")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{out}: the folder {folder} does not exist; create it first")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{out}: the folder {folder} is read-only")
    return path


def catalog_folder(option: str | None) -> Path:
    """The catalog a command reads: the folder given, else ./catalog if there is one, else the kit's own (the
    checkout's, or the installed package's: so `digiskill idp answers.json` works in any folder)."""
    from ..site.kit_files import project_catalog

    return Path(option) if option else project_catalog(Path("."))


def command_catalog(folder: str | None, agency: str | None):
    """The catalog a command reads (`catalog_folder`), with the agency settings file laid over it when one is given:
    an agency's own units and changes, as on its site."""
    from ..catalog.agency import load_agency
    from ..catalog.loader import load_catalog

    catalog = load_catalog(catalog_folder(folder))
    return load_agency(agency, catalog) if agency else catalog


def cmd_validate(args) -> int:
    from ..catalog.agency import read_agency
    from ..catalog.loader import load_catalog
    from ..catalog.messages import warning_lines

    args.catalog_dir = catalog_folder(args.catalog_dir)
    catalog = load_catalog(args.catalog_dir)
    if args.agency:
        catalog, leftovers = read_agency(args.agency, catalog)
        print(f"{args.agency}: valid — {catalog.agency.name_th}, target stage {catalog.agency.target_stage} "
              f"by {catalog.agency.target_year}")
        for line in warning_lines(leftovers):  # what is still the template's: the site would show it (#25)
            print(line, file=sys.stderr)
    print(f"{args.catalog_dir}: valid — {len(catalog.stages)} stages, {len(catalog.groups)} groups, "
          f"{len(catalog.roles)} roles, {len(catalog.domains)} domains, {len(catalog.units)} units, "
          f"{len(catalog.items)} items, {len(catalog.tools)} development tools")
    return 0


def cmd_export(args) -> int:
    from ..catalog.export import EXPORTERS

    catalog = command_catalog(args.catalog, args.agency)
    data = EXPORTERS[args.format](catalog)
    if args.out:
        write_atomic(Path(args.out), data)
        print(f"wrote {args.out} ({len(data):,} bytes)", file=sys.stderr)
    elif args.format == "xlsx":
        raise UsageError("an XLSX export needs --out FILE (it is not text)")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_idp(args) -> int:
    from ..core.answers.checker import ImportFileError, check_answers
    from ..core.cycle.idp import build_idp
    from ..core.documents.idp_document import idp_docx, idp_xlsx
    from ..core.documents.progress_report import progress_docx, progress_xlsx

    from ..core.hr.staff_facts import other_agency
    from .agency_files import agency_hint, project_agency, settings_warning

    out = check_output(args.out, (".docx", ".xlsx"))
    catalog = command_catalog(args.catalog, project_agency(args.agency))
    path = Path(args.answers)
    if path.is_dir():
        raise UsageError(f"{args.answers}: is a folder; give one answers file (.json)")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"{args.answers}: cannot read the file ({err.strerror})") from err
    checked = check_answers(raw, catalog, file=args.answers)
    if other_agency(checked, catalog) is not None:  # before its other problems: the agency's own units are unknown here
        stamp = checked.agency
        raise UsageError(f"{args.answers}: {agency_hint(stamp.id, stamp.name_th or stamp.id, 1, [args.answers])}")
    if not checked.ok:
        raise ImportFileError(checked.problems)
    for warning in checked.warnings + [settings_warning(checked.agency, catalog.agency)]:
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
    idp = build_idp(catalog, checked.assessment)
    docx = out.suffix.lower() == ".docx"
    if args.report == "progress":
        if not idp.assessment.progress:
            raise UsageError(f"{args.answers}: has no progress review yet (\"progress\" is empty); "
                              "record one on the assessment page first")
        write_atomic(out, progress_docx(idp) if docx else progress_xlsx(idp))
        print(f"wrote {args.out}: progress of {len(idp.lines)} plan lines "
              f"({len(idp.assessment.progress)} progress reviews)", file=sys.stderr)
        return 0
    write_atomic(out, idp_docx(idp, annex=args.annex) if docx else idp_xlsx(idp, annex=args.annex))
    agreed = " (the agreed plan)" if idp.reviewed else ""
    print(f"wrote {args.out}: {len(idp.lines)} plan lines{agreed} for {idp.role.code}", file=sys.stderr)
    return 0


def cmd_new_agency(args) -> int:
    from importlib.resources import files

    target = Path(args.directory) / "agency.yaml"
    if target.exists():
        raise UsageError(f"{target}: already exists; edit it, or choose another folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, files("digiskill").joinpath("catalog", "agency_template.yaml").read_bytes())
    print(f"wrote {target}: edit it, then run: digiskill build --agency {target}", file=sys.stderr)
    return 0


def cmd_init(args) -> int:
    from ..site.agency_project import project_files

    root = Path(args.directory)
    project = {root / path: data for path, data in project_files().items()}
    existing = [str(path) for path in project if path.exists()]
    if existing:
        raise UsageError(f"{root}: already holds {', '.join(existing)}; choose a new folder (nothing was written)")
    for path, data in project.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    print(f"wrote the agency project {root}/: edit agency.yaml, then run inside it: digiskill serve "
          "(preview) or digiskill build --out site", file=sys.stderr)
    return 0


def require_config(config_file: str) -> None:
    """A clear message when `build` or `serve` runs outside a project (MkDocs only says the file does not exist)."""
    if not Path(config_file).is_file():
        raise SiteBuildError(f"{config_file}: not found; run this inside an agency project (make one with "
                             "`digiskill init DIR`), or give --config FILE")


def build_site(config_file: str, out: str | None, site_url: str | None = None, agency: str | None = None):
    """Build the site with MkDocs (strict: any warning fails the build). Returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    errors = _ErrorCollector()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(errors)
    try:
        overrides = {"site_dir": str(Path(out).resolve())} if out else {}
        if site_url:
            overrides["site_url"] = site_url
        config = load_config(config_file, **overrides)
        if agency:
            config.plugins["digiskill"].config["agency_file"] = str(Path(agency).resolve())
        build(config)
    except (PluginError, ConfigurationError, Abort) as err:
        # MkDocs logs the real cause (e.g. our CatalogError) and then raises a generic Abort: report the cause.
        raise SiteBuildError("\n".join(errors.messages) or str(err)) from err
    finally:
        mkdocs_log.removeHandler(errors)
    return config.site_dir


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def cmd_build(args) -> int:
    require_config(args.config)
    site_dir = build_site(args.config, args.out, args.site_url, args.agency)
    print(f"built {site_dir}", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    if args.site is None:  # development server: rebuilds when catalog/, content/ or site_templates/ change
        from mkdocs.commands.serve import serve

        require_config(args.config)
        serve(args.config, open_in_browser=False, dev_addr=f"{args.host}:{args.port}")
        return 0
    from .static_server import make_server

    if not Path(args.site, "index.html").is_file():
        raise SiteBuildError(f"{args.site}: no index.html here; build the site first (digiskill build --out DIR)")
    server = make_server(args.site, args.host, args.port)
    print(f"serving {args.site} at http://{args.host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


CATALOG_HELP = "the catalog folder (default: ./catalog if there is one, else the catalog that comes with digiskill)"


def build_parser() -> argparse.ArgumentParser:
    from .hr_commands import add_hr_arguments, cmd_aggregate  # which imports this module's helpers
    parser = argparse.ArgumentParser(prog="digiskill", description="Thai civil-service digital-skills kit (OCSC 2561).")
    parser.add_argument("--version", action="version", version=f"digiskill {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the catalog and report every problem")
    validate.add_argument("catalog_dir", nargs="?", metavar="CATALOG_DIR", help=CATALOG_HELP)
    validate.add_argument("--agency", metavar="FILE", help="also check this agency settings file against the catalog")
    validate.set_defaults(run=cmd_validate)

    export = commands.add_parser("export", help="write the resolved catalog as open data (JSON, CSV or XLSX), "
                                                "or the JSON Schema of the JSON export")
    export.add_argument("--format", required=True, choices=["json", "csv", "xlsx", "schema", "answers-schema"])
    export.add_argument("--out", metavar="FILE", help="output file (default: standard output; required for xlsx)")
    export.add_argument("--catalog", metavar="DIR", help=CATALOG_HELP)
    export.add_argument("--agency", metavar="FILE", help="export the catalog as this agency settings file changes it")
    export.set_defaults(run=cmd_export)

    idp = commands.add_parser("idp", help="turn an answers file (version 1 or 2) into the IDP or its progress report "
                                          "(.docx or .xlsx)")
    idp.add_argument("answers", metavar="ANSWERS_JSON", help="a file downloaded from the self-assessment page")
    idp.add_argument("--out", required=True, metavar="FILE", help="plan.docx or plan.xlsx")
    idp.add_argument("--report", choices=["plan", "progress"], default="plan",
                     help="plan: the IDP, the agreed plan once reviewed (default); progress: the progress report "
                          "of the latest progress review")
    idp.add_argument("--annex", action=argparse.BooleanOptionalAction, default=True,
                     help="add the self-assessment answers and the skill shape as an annex after the sign-off "
                          "(default); --no-annex leaves them out")
    idp.add_argument("--catalog", metavar="DIR", help=CATALOG_HELP)
    idp.add_argument("--agency", metavar="FILE", help="the agency settings file of the site the answers came from "
                                                      "(its own units and changes; default: ./agency.yaml in an "
                                                      "agency project)")
    idp.set_defaults(run=cmd_idp)

    agg = commands.add_parser("aggregate", help="gap analysis and follow-up of many staff assessment files: an "
                                                 "organisation plan draft (.xlsx, .docx) or one table (.csv)")
    agg.add_argument("inputs", nargs="+", metavar="FILES_OR_DIR", help="staff .json files, folders or .zip files")
    agg.add_argument("--out", required=True, metavar="FILE", help="plan.xlsx, plan.docx or a table .csv")
    add_hr_arguments(agg)
    agg.add_argument("--keep-names", action="store_true",
                     help="keep staff names (a staff list sheet); by default names are dropped before aggregation")
    agg.add_argument("--agency", metavar="FILE", help="the agency settings file (its units; vision, stage, themes for "
                                                      "the plan; default: ./agency.yaml in an agency project)")
    agg.add_argument("--catalog", metavar="DIR", help=CATALOG_HELP)
    agg.set_defaults(run=cmd_aggregate)

    build = commands.add_parser("build", help="build the guideline site (MkDocs, strict)")
    build.add_argument("--out", metavar="DIR", help="where to write the site (default: site_dir of mkdocs.yml)")
    build.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="MkDocs config (default: mkdocs.yml)")
    build.add_argument("--site-url", metavar="URL", help="the address the site will be hosted at, e.g. "
                                                          "https://intranet.example/skills/ (QR codes, 404 page)")
    build.add_argument("--agency", metavar="FILE", help="lay this agency settings file (agency.yaml) over the catalog")
    build.set_defaults(run=cmd_build)

    init = commands.add_parser("init", help="write a new agency project (agency.yaml, mkdocs.yml, content/, a GitHub "
                                             "Pages workflow, README) that builds its site from this installed kit")
    init.add_argument("directory", metavar="DIR", help="folder to create it in (created if missing; never overwrites)")
    init.set_defaults(run=cmd_init)

    new_agency = commands.add_parser("new-agency", help="write a commented agency.yaml to start from")
    new_agency.add_argument("directory", metavar="DIR", help="folder to create it in (created if missing)")
    new_agency.set_defaults(run=cmd_new_agency)

    serve = commands.add_parser("serve", help="serve the site: rebuild on edits, or serve a built folder with --site")
    serve.add_argument("--site", metavar="DIR", help="serve this already-built folder as is (e.g. from a USB stick)")
    serve.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="MkDocs config (default: mkdocs.yml)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DigiskillError as err:
        print(f"digiskill: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:  # Ctrl+C: a line, not a traceback; files are written whole or not at all
        print("digiskill: stopped (Ctrl+C)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
