"""What `digiskill init` wrote and the agency has not made its own yet: the template's example names, its sample
vision and goals, example web addresses, and years already past (a theme of a fiscal year before the current one
would show as "จุดเน้นปี 2569" in 2570).

These are warnings, not errors: the file is valid and a first build must work. `digiskill validate` prints them and
`digiskill build` repeats them (site/plugin.py), so a site is not published with "Example Department" on it unnoticed.
The template compared with is the one `new-agency` and `init` write (catalog/agency_template.yaml).
"""
from __future__ import annotations

import datetime
from importlib.resources import files
from urllib.parse import urlsplit

import yaml

from ..core.display.thaidate import fiscal_year
from ..errors import Problem
from .yamlsource import YamlDocument, format_path

EXAMPLE_HOSTS = ("example.go.th", "example.com", "example.org", "example")  # the template's and RFC 2606's

LEFTOVERS_EN = {
    "name": "still the template's example ('{value}'); put the agency's own",
    "vision": "still the template's sample vision; write the agency's own",
    "goal": "still the template's sample goal; write the agency's own",
    "theme_year": "the theme's year {year} is before the current fiscal year {current}; the site would show "
                  "'จุดเน้นปี {year}': change the year, or remove the theme",
    "target_year": "the target year {year} is before the current fiscal year {current}; set a year still to come",
    "example_link": "{value} is an example address; put the agency's real one",
}


def template() -> dict:
    """The agency file `digiskill init` writes, as data."""
    return yaml.safe_load(files("digiskill").joinpath("catalog", "agency_template.yaml").read_text(encoding="utf-8"))


def leftovers(doc: YamlDocument, today: datetime.date | None = None) -> list[Problem]:
    """Warnings (Problems with code 'template_leftover' and a `kind`) for what is still the template's."""
    data, sample = doc.data, template()
    current = fiscal_year(today or datetime.date.today())
    found: list[Problem] = []

    def warn(path: tuple, kind: str, **ctx) -> None:
        message = LEFTOVERS_EN[kind].format(**ctx)
        found.append(Problem(doc.file, doc.line_of(path), format_path(path, data), "template_leftover", message,
                             {"kind": kind, **ctx}))

    for key in ("name_th", "name_en", "short_name", "contact_th"):
        value = data["agency"].get(key)
        if value and value == sample["agency"].get(key):
            warn(("agency", key), "name", value=value)
    if data["vision_th"] == sample["vision_th"]:
        warn(("vision_th",), "vision")
    sample_goals = {g["text_th"] for g in sample.get("goals", [])}
    for index, goal in enumerate(data.get("goals", [])):
        if goal["text_th"] in sample_goals:
            warn(("goals", index, "text_th"), "goal")
    if data["target_year"] < current:
        warn(("target_year",), "target_year", year=data["target_year"], current=current)
    for index, theme in enumerate(data.get("themes", [])):
        if theme["year"] < current:
            warn(("themes", index, "year"), "theme_year", year=theme["year"], current=current)
    for unit, links in data.get("learning_links", {}).items():
        for index, link in enumerate(links):
            host = (urlsplit(link["url"]).hostname or "").lower()
            if any(host == h or host.endswith("." + h) for h in EXAMPLE_HOSTS):
                warn(("learning_links", unit, index, "url"), "example_link", value=link["url"])
    return found
