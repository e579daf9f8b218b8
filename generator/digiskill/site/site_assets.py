"""Files the built site carries besides pages: our CSS/JS, the self-hosted Thai font, and the open-data downloads."""
from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from ..errors import DigiskillError
from ..catalog import export
from ..catalog.export import export_answers_schema, export_csv, export_json, export_schema, export_xlsx
from .. import formula_guard
from ..model import Catalog
from .build_cache import BuildCache, source_of

# The Thai font comes from the npm package pinned in package.json (@fontsource/sarabun, OFL), never from a CDN.
FONT_PACKAGE = "@fontsource/sarabun"
FONT_FILES = [f"sarabun-{subset}-{weight}-normal.woff2" for subset in ("thai", "latin") for weight in (400, 700)]


class MissingAssetError(DigiskillError):
    """A pinned front-end package is not installed (run `npm ci`, which scripts/setup does)."""


def font_files(node_modules: Path) -> dict[str, Path]:
    """{site path: source file} for the font files."""
    folder = node_modules / FONT_PACKAGE / "files"
    out = {}
    for name in FONT_FILES:
        source = folder / name
        if not source.is_file():
            raise MissingAssetError(f"{source}: the Thai font is missing; run `npm ci` (scripts/setup does) to install "
                                    f"{FONT_PACKAGE} pinned in package.json")
        out[f"assets/fonts/{name}"] = source
    return out


def static_files(templates_dir: Path) -> dict[str, Path]:
    """{site path: source file} for everything under site_templates/assets/."""
    root = templates_dir / "assets"
    return {f"assets/digiskill/{p.relative_to(root).as_posix()}": p for p in sorted(root.rglob("*")) if p.is_file()}


def data_files(catalog: Catalog, cache: BuildCache | None = None) -> dict[str, bytes]:
    """{site path: content} of the open-data downloads on the data page. With a build cache, the XLSX is written
    again only when the catalog (its JSON export says all of it) or the code that writes it changed."""
    catalog_json = export_json(catalog)
    if cache is None:
        xlsx = export_xlsx(catalog)
    else:
        key = [catalog_json, source_of(export), source_of(formula_guard), version("openpyxl").encode()]
        xlsx = cache.bytes_for("xlsx", key, lambda: export_xlsx(catalog))
    return {
        "data/catalog.json": catalog_json,
        "data/catalog.schema.json": export_schema(),
        "data/answers.schema.json": export_answers_schema(catalog),
        "data/catalog.csv": export_csv(catalog),
        "data/catalog.xlsx": xlsx,
    }
