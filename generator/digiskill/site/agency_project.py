"""`digiskill init DIR`: the files of a new agency project, which builds its site from the installed kit.

The project holds only what is the agency's own: `agency.yaml` (the commented template `new-agency` writes),
`mkdocs.yml` (no paths into the package: the plugin finds the kit's catalog, templates, font and Pyodide itself),
an empty `content/` whose pages replace the kit's pages of the same path, a GitHub Pages workflow, a short Thai
README and a `.gitignore` for the built site. The templates are in `site_templates/agency_project/`.
"""
from __future__ import annotations

from importlib.resources import files

from .. import __version__
from .kit_files import kit_path

# project path -> template in site_templates/agency_project/ (None: the agency.yaml template; "": an empty file)
PROJECT_FILES = {
    "agency.yaml": None,
    "mkdocs.yml": "mkdocs.yml",
    ".github/workflows/pages.yml": "pages.yml",
    "README.md": "README.md",
    "content/.gitkeep": "",  # keeps the empty content/ in git (MkDocs skips dot files); MkDocs needs the folder
    ".gitignore": "gitignore",  # the built site/ is not committed
}


def project_files() -> dict[str, bytes]:
    """{path inside the project: content} of a new agency project."""
    templates = kit_path("site_templates") / "agency_project"
    out = {}
    for path, template in PROJECT_FILES.items():
        if template is None:
            out[path] = files("digiskill").joinpath("catalog", "agency_template.yaml").read_bytes()
        elif template == "":
            out[path] = b""
        else:
            text = (templates / template).read_text(encoding="utf-8")
            out[path] = text.replace("{digiskill_version}", __version__).encode("utf-8")
    return out
