"""An agency's settings file (agency.yaml) laid over the base catalog. The base files are never edited.

`load_agency(path, catalog)` reads and checks the file with the same precise errors as the catalog (file, line,
key path), including references to units, roles, stages, groups and traits that do not exist, then returns the
catalog as the agency sees it: units added, removed or replaced in every role's requirements, adjusted behaviours
and K/X/AT items in the agency's words, and the `Agency` record (target stage, vision, goals, yearly themes,
learning links) that the site and the assessment read.
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
from pathlib import Path

from .crosscheck import CrossChecker
from ..errors import InputError, Problem
from .loader import read_checked_file
from ..agency_records import Agency, AgencyAnnouncement, AgencyGoal, AgencyTheme, LearningLink, UnitReplacement
from ..core.display import thaidate
from ..model import Behaviour, Catalog, Unit
from .leftovers import leftovers
from .messages import report_th_en
from .source_schema import AGENCY


class OverlayError(InputError):
    """agency.yaml is wrong: every problem in Thai (its reader's language, as its comments) and in English."""

    what = "agency file"

    def report(self) -> str:
        return report_th_en("ไฟล์ตั้งค่าหน่วยงาน", self.what, self.problems)


def load_agency(path: str | os.PathLike, catalog: Catalog) -> Catalog:
    return read_agency(path, catalog)[0]


def read_agency(path: str | os.PathLike, catalog: Catalog, today: datetime.date | None = None) \
        -> tuple[Catalog, list[Problem]]:
    """The catalog as the agency sees it, and the warnings about what is still the template's (leftovers.py);
    raises OverlayError with every problem of a file that cannot be used."""
    path = Path(path)
    doc, problems = read_checked_file(path, AGENCY, "the agency file does not exist")
    if not problems:
        problems = _cross_check(doc, catalog, path.parent)
    if problems:
        raise OverlayError(problems)
    # The source shown on pages and in data/catalog.json: the file's name, never the builder's folders.
    return apply_agency(catalog, doc.data, f"{doc.data['agency']['name_th']}: {path.name}"), leftovers(doc, today)


def _cross_check(doc, catalog: Catalog, folder: Path) -> list[Problem]:
    c = CrossChecker({})
    data = doc.data
    stages = {s.code for s in catalog.stages}
    groups = {g.code for g in catalog.groups}
    roles = {r.code for r in catalog.roles}
    traits = {t.code for t in catalog.traits}
    domains = {d.code for d in catalog.domains}
    base_units = {u.code for u in catalog.units}
    added = {}
    for index, unit in enumerate(data.get("added_units", [])):
        path = ("added_units", index)
        if unit["code"].lower() in {u.lower() for u in base_units} or unit["code"] in added:
            c.add(doc, path + ("code",), "duplicate_code",
                  f"the unit code '{unit['code']}' already exists; give the agency's unit a code of its own",
                  value=unit["code"])
        added[unit["code"]] = unit
        c.refers(doc, path + ("domain",), unit["domain"], domains, "domain", "catalog/domains.yaml")
        for r_index, role in enumerate(unit["roles"]):
            c.refers(doc, path + ("roles", r_index), role, roles, "role", "catalog/roles.yaml")
    removed = set(data.get("removed_units", []))
    for index, code in enumerate(data.get("removed_units", [])):
        c.refers(doc, ("removed_units", index), code, base_units, "unit", "the catalog")
    for index, pair in enumerate(data.get("replaced_units", [])):
        c.refers(doc, ("replaced_units", index, "old"), pair["old"], base_units, "unit", "the catalog")
        c.refers(doc, ("replaced_units", index, "new"), pair["new"], base_units | set(added),
                 "unit", "the catalog or added_units")
        removed.add(pair["old"])
    available = (base_units | set(added)) - removed
    c.refers(doc, ("target_stage",), data["target_stage"], stages, "stage", "catalog/stages.yaml")
    for index, goal in enumerate(data.get("goals", [])):
        c.refers(doc, ("goals", index, "trait"), goal["trait"], traits, "trait", "catalog/framework.yaml")
    for index, theme in enumerate(data.get("themes", [])):
        for u_index, code in enumerate(theme["units"]):
            c.refers(doc, ("themes", index, "units", u_index), code, available, "unit",
                     "the catalog (after the agency's changes)")
        for g_index, code in enumerate(theme.get("groups", [])):
            c.refers(doc, ("themes", index, "groups", g_index), code, groups, "group", "catalog/groups.yaml")
    for role in data.get("role_changes", {}):
        c.refers(doc, ("role_changes", role), role, roles, "role", "catalog/roles.yaml")
    items = {i.code for i in catalog.items}
    for code in data.get("item_changes", {}):
        c.refers(doc, ("item_changes", code), code, items, "K/X/AT item", "catalog/items.yaml")
    for code in data.get("learning_links", {}):
        c.refers(doc, ("learning_links", code), code, available, "unit", "the catalog (after the agency's changes)")
    seen_divisions: dict = {}
    for index, name in enumerate(data.get("divisions", [])):
        key = " ".join(name.split())
        if key in seen_divisions:
            c.add(doc, ("divisions", index), "duplicate_code",
                  f"the division '{name}' is listed twice (first at divisions[{seen_divisions[key]}]); list each "
                  f"division once", kind="division", value=name, first=seen_divisions[key])
        seen_divisions.setdefault(key, index)
    adopt = data.get("adopt", [])
    for index, role in enumerate(adopt if isinstance(adopt, list) else []):
        c.refers(doc, ("adopt", index), role, roles, "role", "catalog/roles.yaml")
    if "adopt" in data and "announcement" not in data:
        c.add(doc, ("adopt",), "needs_announcement", "adopting the draft parts needs the agency's announcement as "
              "their source: add 'announcement:' with its title_th, date and number")
    if "announcement" in data and not thaidate.is_iso_date(_common_era(data["announcement"]["date"])):
        c.add(doc, ("announcement", "date"), "bad_value", f"'{data['announcement']['date']}' is not a date of the "
              "calendar; expected \"YYYY-MM-DD\" with the Buddhist-era year", expected_th="วันที่ที่มีจริงในปฏิทิน",
              found_th=f"'{data['announcement']['date']}'")
    logo = data["agency"].get("logo")
    if logo and not (folder / logo).is_file():
        c.add(doc, ("agency", "logo"), "missing_file", f"the logo file '{logo}' is not next to the agency file",
              kind="logo", logo=logo)
    for role in roles:  # every role must still need at least one unit after removals
        left = [u for u in catalog.requirement(role).ability if u not in removed] + \
               [code for code, unit in added.items() if role in unit["roles"]]
        if not left:
            c.add(doc, ("removed_units",), "no_units", f"after these removals the role '{role}' requires no unit",
                  role=role)
    return c.problems


def apply_agency(catalog: Catalog, data: dict, source: str) -> Catalog:
    short = data["agency"]["short_name"]
    replaced = {pair["old"]: pair["new"] for pair in data.get("replaced_units", [])}
    removed = set(data.get("removed_units", [])) | set(replaced)
    announcement = _announcement(data.get("announcement"))
    own = announcement.source if announcement else source  # the source of what the agency wrote itself
    added = [Unit(code=u["code"], domain=u["domain"], title_th=u["title_th"], title_en=u["title_en"],
                  description_th=u["description_th"], groups=(), aliases=(), source=u.get("source", own),
                  status="agency") for u in data.get("added_units", [])]
    added_roles = {u["code"]: set(u["roles"]) for u in data.get("added_units", [])}
    domain_order = [d.code for d in catalog.domains]
    units = sorted([u for u in catalog.units if u.code not in removed] + added,
                   key=lambda u: domain_order.index(u.domain))  # stable: base order kept within a domain

    requirements = []
    for req in catalog.requirements:
        ability = []
        for code in req.ability:
            code = replaced.get(code, code)
            if code not in removed and code not in ability:
                ability.append(code)
        ability += [code for code, role_codes in added_roles.items() if req.role in role_codes
                    and code not in ability]
        changed = tuple(ability) != req.ability
        requirements.append(dataclasses.replace(req, ability=tuple(ability),
                                                **({"source": f"{req.source}; {source}"} if changed else {})))
    role_changes = data.get("role_changes", {})
    adopted = _adopted(catalog, data.get("adopt", []))
    if announcement and adopted:
        requirements, items, roles = _adopt(catalog, requirements, adopted, announcement, data["agency"]["name_th"])
    else:
        items, roles = catalog.items, catalog.roles
    roles = tuple(dataclasses.replace(r, behaviour=Behaviour(role_changes[r.code]["behaviour_th"], own, "agency"))
                  if r.code in role_changes else r for r in roles)
    item_changes = data.get("item_changes", {})
    items = tuple(_changed_item(i, item_changes[i.code], own) if i.code in item_changes else i for i in items)
    all_groups = tuple(g.code for g in catalog.groups)
    agency = Agency(
        name_th=data["agency"]["name_th"], short_name=short, target_stage=data["target_stage"],
        target_year=data["target_year"], vision_th=data["vision_th"],
        goals=tuple(AgencyGoal(g["horizon"], g["trait"], g["text_th"]) for g in data.get("goals", [])),
        themes=tuple(AgencyTheme(t["year"], t["title_th"], tuple(t["units"]), tuple(t.get("groups", all_groups)))
                     for t in data.get("themes", [])),
        learning_links=tuple(LearningLink(unit, link["title_th"], link["url"])
                             for unit, links in data.get("learning_links", {}).items() for link in links),
        added_units=tuple(u.code for u in added), removed_units=tuple(sorted(removed)),
        changed_roles=tuple(role_changes), changed_items=tuple(i.code for i in items if i.code in item_changes),
        source=source, name_en=data["agency"].get("name_en", ""),
        logo=data["agency"].get("logo", ""), contact_th=data["agency"].get("contact_th", ""),
        divisions=tuple(" ".join(d.split()) for d in data.get("divisions", [])),
        privacy_threshold=data.get("privacy_threshold", 5),
        replacements=tuple(UnitReplacement(old, new) for old, new in replaced.items()),
        announcement=announcement, adopted_roles=tuple(adopted) if announcement else (),
        settings_version=settings_version(data),
    )
    return dataclasses.replace(catalog, units=tuple(units), requirements=tuple(requirements), roles=roles,
                               items=items, agency=agency)


def _changed_item(item, change: dict, source: str):
    """A K/X/AT item in the agency's own words (Org 1.4): its Thai title, and the description and English title when
    given; an English title left out is left empty rather than keep the framework's, which no longer matches."""
    return dataclasses.replace(item, title_th=change["title_th"], title_en=change.get("title_en", ""),
                               description_th=change.get("description_th", item.description_th), source=source,
                               status="agency")


def _common_era(date: str) -> str:
    """'2569-11-15' (Buddhist era, as the agency signs) -> '2026-11-15'."""
    year, rest = date.split("-", 1)
    return f"{int(year) - thaidate.BE_OFFSET:04d}-{rest}"


def _announcement(data: dict | None) -> AgencyAnnouncement | None:
    if not data:
        return None
    number = data["number"].strip().removeprefix("ที่").strip()
    source = f"{data['title_th']} ที่ {number} ลงวันที่ {thaidate.thai_date(_common_era(data['date']))}"
    return AgencyAnnouncement(data["title_th"], data["date"], number, source)


def _adopted(catalog: Catalog, adopt) -> list[str]:
    return [r.code for r in catalog.roles] if adopt == "all" else list(adopt)


def _adopt(catalog: Catalog, requirements: list, adopted: list[str], announcement: AgencyAnnouncement, name: str):
    """The draft parts of the adopted roles become the agency's (Org 1.4–1.5): their behaviour (unless OCSC's own
    text), their skill lists, and each K/X/AT item that only adopted roles list. Their source is the announcement,
    which says the words came from the digiskill project's draft; nothing becomes "official"."""
    source = f"{announcement.source} (ประกาศใช้ร่างของโครงการ digiskill เป็นของ{name})"
    chosen = set(adopted)
    requirements = [dataclasses.replace(r, status="agency", source=source)
                    if r.role in chosen and r.status == "provisional" else r for r in requirements]
    listing: dict[str, set] = {}
    for req in requirements:
        for component in ("knowledge", "experience", "attribute"):
            for code in req.codes(component):
                listing.setdefault(code, set()).add(req.role)
    items = tuple(dataclasses.replace(i, status="agency", source=source)
                  if i.status == "provisional" and listing.get(i.code) and listing[i.code] <= chosen else i
                  for i in catalog.items)
    roles = tuple(dataclasses.replace(r, behaviour=dataclasses.replace(r.behaviour, status="agency", source=source))
                  if r.code in chosen and r.behaviour.status == "provisional" else r for r in catalog.roles)
    return requirements, items, roles


def settings_version(data: dict) -> str:
    """The agency settings' version as a staff file records it: the first 12 hex digits of the SHA-256 of the
    settings as read (keys sorted), so any change to agency.yaml that could change a file's meaning gives a new
    version, and comments, key order or spacing do not."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
