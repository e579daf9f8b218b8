"""The `digiskill` command line. Every command exits 0 on success and 2 on bad input, with a message naming the
file, line and key path of each problem."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import DigiskillError, ExportError


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a failed export never leaves half a file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as err:
        raise ExportError(f"{path}: cannot write here ({err.strerror})") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_validate(args) -> int:
    from .loader import load_catalog

    catalog = load_catalog(args.catalog_dir)
    print(f"{args.catalog_dir}: valid — {len(catalog.stages)} stages, {len(catalog.groups)} groups, "
          f"{len(catalog.roles)} roles, {len(catalog.domains)} domains, {len(catalog.units)} units, "
          f"{len(catalog.items)} items, {len(catalog.tools)} development tools")
    return 0


def cmd_export(args) -> int:
    from .export import EXPORTERS
    from .loader import load_catalog

    catalog = load_catalog(args.catalog)
    data = EXPORTERS[args.format](catalog)
    if args.out:
        write_atomic(Path(args.out), data)
        print(f"wrote {args.out} ({len(data):,} bytes)", file=sys.stderr)
    elif args.format == "xlsx":
        raise ExportError("an XLSX export needs --out FILE (it is not text)")
    else:
        sys.stdout.buffer.write(data)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digiskill", description="Thai civil-service digital-skills kit (OCSC 2561).")
    parser.add_argument("--version", action="version", version=f"digiskill {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the catalog and report every problem")
    validate.add_argument("catalog_dir", nargs="?", default="catalog", metavar="CATALOG_DIR",
                          help="the catalog folder (default: catalog)")
    validate.set_defaults(run=cmd_validate)

    export = commands.add_parser("export", help="write the resolved catalog as open data (JSON, CSV or XLSX), "
                                                "or the JSON Schema of the JSON export")
    export.add_argument("--format", required=True, choices=["json", "csv", "xlsx", "schema"])
    export.add_argument("--out", metavar="FILE", help="output file (default: standard output; required for xlsx)")
    export.add_argument("--catalog", default="catalog", metavar="DIR", help="the catalog folder (default: catalog)")
    export.set_defaults(run=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DigiskillError as err:
        print(f"digiskill: {err}", file=sys.stderr)
        return err.exit_code


if __name__ == "__main__":
    sys.exit(main())
