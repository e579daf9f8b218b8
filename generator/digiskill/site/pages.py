"""Model → generated Markdown pages, via the Jinja2 templates in `site_templates/pages/`.

Runs without MkDocs (the plugin is only an adapter), so the same pages can be written to a folder or driven by
another static-site tool. Templates receive ready objects: every rule (sorting, neighbours, what changes between
stages) is computed here, never in Jinja.
"""
from __future__ import annotations

import json

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..core.display.thaidate import MONTHS_TH
from ..model import COMPONENTS, Catalog, Clause, Concept, Instrument, Item, Role, Unit
from .build_cache import BuildCache

ROLE_PATH = "roles/{slug}.md"
UNIT_PATH = "skills/{slug}.md"
GROUP_PATH = "groups/{slug}.md"
DOMAIN_PATH = "domains/{slug}.md"
ITEM_PATH = "items/{slug}.md"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value: object) -> str:
    """Catalog text goes into Markdown: escape the characters Markdown would read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


@dataclass(frozen=True)
class Page:
    path: str  # Markdown path inside the docs dir, e.g. "roles/a1.md"
    template: str
    context: dict = field(default_factory=dict)
    source: str = ""  # the catalog file this page comes from (for "edit this page")


def role_path(role: Role) -> str:
    return ROLE_PATH.format(slug=role.slug)


def unit_path(unit: Unit) -> str:
    return UNIT_PATH.format(slug=unit.slug)


def item_path(item: Item) -> str:
    """A knowledge, experience or attribute item's page: /items/k05/ (the code in lower case, like units and roles)."""
    return ITEM_PATH.format(slug=item.code.lower())


def group_path(code: str) -> str:
    return GROUP_PATH.format(slug=code.lower())


def domain_path(code: str) -> str:
    return DOMAIN_PATH.format(slug=code.lower())


@dataclass(frozen=True)
class Neighbour:
    role: Role
    direction: str  # "previous" or "next"
    gained: dict  # component -> list of units/items the later role adds
    dropped: dict  # component -> list the later role no longer lists


def neighbours(catalog: Catalog, role: Role) -> list[Neighbour]:
    """Same group at the previous and next stage, with what changes from the earlier to the later role."""
    stage_numbers = {s.code: s.number for s in catalog.stages}
    result = []
    for other in catalog.roles:
        if other.group != role.group or abs(stage_numbers[other.stage] - stage_numbers[role.stage]) != 1:
            continue
        earlier, later = sorted((role, other), key=lambda r: stage_numbers[r.stage])
        result.append(Neighbour(other, "previous" if other is earlier else "next",
                                _difference(catalog, later, earlier), _difference(catalog, earlier, later)))
    return sorted(result, key=lambda n: n.direction != "previous")


def _difference(catalog: Catalog, a: Role, b: Role) -> dict:
    """What `a` lists that `b` does not, per component (units for ability, items otherwise)."""
    out = {}
    for component in COMPONENTS:
        codes = [c for c in catalog.requirement(a.code).codes(component)
                 if c not in catalog.requirement(b.code).codes(component)]
        out[component] = [catalog.unit(c) if component == "ability" else catalog.item(c) for c in codes]
    return out


def stage_matrix(catalog: Catalog, stage_code: str) -> dict:
    """Rows = every unit required by some role at this stage; columns = that stage's roles (one per group)."""
    roles = [catalog.role_for(g.code, stage_code) for g in catalog.groups]
    needed = {code for r in roles for code in catalog.requirement(r.code).ability}
    units = [u for u in catalog.units if u.code in needed]
    rows = [(u, [u.code in catalog.requirement(r.code).ability for r in roles]) for u in units]
    return {"stage": catalog.stage(stage_code), "roles": roles, "rows": rows}


def stage_comparison(catalog: Catalog) -> list[dict]:
    """Per group: each stage's role and what it adds over the previous stage."""
    out = []
    for group in catalog.groups:
        steps, previous = [], None
        for stage in catalog.stages:
            role = catalog.role_for(group.code, stage.code)
            gained = _difference(catalog, role, previous) if previous else None
            steps.append({"stage": stage, "role": role, "gained": gained,
                          "units": catalog.units_of_role(role.code)})
            previous = role
        out.append({"group": group, "steps": steps})
    return out


def provenance_summary(catalog: Catalog) -> list[dict]:
    """For the 'about the data' page: each kind of record, how many are official, provisional or the agency's own
    (added, replaced or adopted by its announcement), and which."""
    kinds = [("กลุ่มบุคลากร", "Groups", catalog.groups), ("บทบาท (ชื่อ)", "Roles (titles)", catalog.roles),
             ("พฤติกรรมที่คาดหวัง", "Expected behaviour", [r.behaviour for r in catalog.roles]),
             ("ด้านความสามารถ", "Ability domains", catalog.domains), ("หน่วยความสามารถ", "Units", catalog.units),
             ("ความรู้ ประสบการณ์ คุณลักษณะ", "Knowledge, experience, attributes", catalog.items),
             ("ทักษะที่แต่ละบทบาทต้องมี", "Requirements per role", catalog.requirements),
             ("เครื่องมือการพัฒนา", "Development tools", catalog.tools), ("แบบฟอร์ม", "Forms", catalog.forms)]
    return [{"title_th": th, "title_en": en, "total": len(records),
             "official": sum(r.status == "official" for r in records),
             "provisional": sum(r.status == "provisional" for r in records),
             "agency": sum(r.status == "agency" for r in records)} for th, en, records in kinds]


def clause_label(clause: Clause) -> str:
    """How a clause is cited: "ข้อ 4.6.1" for the cabinet resolution, "หมวด 1 ข้อ 6" for the letter."""
    return clause.number if clause.number.startswith("หมวด") else f"ข้อ {clause.number}"


def step_number(step: Concept) -> str:
    """A guideline step's number as the seed prints it: "org-1" -> "Org 1"."""
    level, number = step.code.split("-")
    return f"{level.capitalize()} {number}"


def short_title(instrument: Instrument) -> str:
    """An instrument's title without its subject: "มติคณะรัฐมนตรี วันที่ 26 กันยายน 2560"."""
    return instrument.title_th.split(" เรื่อง")[0]


def open_corrections(catalog: Catalog) -> list[dict]:
    """Every place the project departs from what the seed prints, with the page that shows it."""
    out = [{"label": f"{r.code} {r.title_th}", "path": role_path(r), "correction": r.correction}
           for r in catalog.roles if r.correction]
    out += [{"label": f"{short_title(inst)} {clause_label(c)}", "path": "framework/index.md", "correction": c.correction}
            for inst in catalog.instruments for c in inst.clauses if c.correction]
    return out


def assessment_context(catalog: Catalog) -> dict:
    """Everything the self-assessment page renders at build time, so people can answer before Python has loaded."""
    import datetime

    from ..core.answers.record import CHOICES_TH, OUTCOMES, PLAN_STATUSES, role_table
    from ..core.display.thaidate import fiscal_year

    questions = []
    for component in catalog.components:
        records = catalog.units if component.code == "ability" else \
            [i for i in catalog.items if i.component == component.code]
        entries = []
        for record in records:
            roles = [r.code for r in catalog.roles if record.code in catalog.requirement(r.code).codes(component.code)]
            if roles:
                entries.append({"record": record, "roles": " ".join(roles)})
        questions.append({"component": component, "entries": entries})
    # The role look-up comes from the catalog ("</" escaped so the JSON cannot end its <script> element); the page
    # shows a role's questions with it before Python is ready. Everything else the page draws comes from Python.
    roles = json.dumps(role_table(catalog), ensure_ascii=False).replace("</", "<\\/")
    return {"questions": questions, "roles_json": roles, "statuses": PLAN_STATUSES, "outcomes": OUTCOMES,
            "choices_th": CHOICES_TH, "fiscal_year_example": fiscal_year(datetime.date.today())}


def announcement_context(catalog: Catalog) -> dict:
    """Org 1.5: for each group, the role expected at the agency's stage and its units; goals; yearly themes."""
    agency = catalog.agency
    traits = {t.code: t for t in catalog.traits}
    rows = []
    for group in catalog.groups:
        role = catalog.role_for(group.code, agency.target_stage)
        rows.append({"group": group, "role": role, "units": catalog.units_of_role(role.code),
                     "themes": [t for t in agency.themes if group.code in t.groups]})
    goals = [{"goal": g, "trait": traits[g.trait]} for g in sorted(agency.goals, key=lambda g: g.horizon)]
    return {"agency": agency, "stage": catalog.stage(agency.target_stage), "rows": rows, "goals": goals}


def roles_needing_item(catalog: Catalog, item: Item) -> list[tuple]:
    """Per stage, the roles whose requirements list the item (an item page's "roles that need it")."""
    needing = [r for r in catalog.roles if item.code in catalog.requirement(r.code).codes(item.component)]
    return [(s, [r for r in needing if r.stage == s.code]) for s in catalog.stages]


def retired_unit_pages(catalog: Catalog, base: Catalog | None) -> list[Page]:
    """Pages of the units an agency removed or replaced, from the base catalog, so that addresses and QR codes printed
    from the national site keep working; the page says the agency does not use the unit (and what replaces it)."""
    if not (catalog.agency and base):
        return []
    return [Page(unit_path(base.unit(code)), "unit.md.j2", {"unit": base.unit(code), "by_stage": [], "retired": True},
                 catalog.agency.source) for code in catalog.agency.removed_units]


def page_list(catalog: Catalog, extra: dict | None = None, base: Catalog | None = None) -> list[Page]:
    """Every generated page. `extra` is merged into each context (site options such as the QR base URL); `base` is
    the catalog before the agency's changes (for the pages of the units it removed)."""
    common = {"catalog": catalog, **(extra or {})}
    pages = [
        Page("framework/index.md", "framework.md.j2", source="framework.yaml"),
        Page("stages/index.md", "stages.md.j2", {"comparison": stage_comparison(catalog)}, "stages.yaml"),
        Page("groups/index.md", "groups.md.j2", source="groups.yaml"),
        Page("roles/index.md", "roles.md.j2", source="roles.yaml"),
        Page("skills/index.md", "skills.md.j2", source="domains.yaml"),
        Page("matrix/index.md", "matrix.md.j2",
             {"matrices": [stage_matrix(catalog, s.code) for s in catalog.stages]}, "requirements.yaml"),
        Page("tools/index.md", "tools.md.j2", source="development.yaml"),
        Page("data/index.md", "data.md.j2", source="framework.yaml"),
        Page("about-data/index.md", "about-data.md.j2",
             {"summary": provenance_summary(catalog), "corrections": open_corrections(catalog)}, "requirements.yaml"),
        Page("assessment/index.md", "assessment.md.j2", assessment_context(catalog), "requirements.yaml"),
        Page("gap-analysis/index.md", "gap-analysis.md.j2", source="requirements.yaml"),
        Page("supervisor/index.md", "supervisor.md.j2", {}, "forms.yaml"),
    ]
    if catalog.agency:
        pages.append(Page("announcement/index.md", "announcement.md.j2", announcement_context(catalog),
                          catalog.agency.source))
    for form in catalog.forms:
        pages.append(Page(f"forms/{form.code.replace('_', '-')}.md", "form.md.j2", {"form": form}, "forms.yaml"))
    for group in catalog.groups:
        roles = [catalog.role_for(group.code, s.code) for s in catalog.stages]
        pages.append(Page(group_path(group.code), "group.md.j2", {"group": group, "roles": roles}, "groups.yaml"))
    for role in catalog.roles:
        pages.append(Page(role_path(role), "role.md.j2",
                          {"role": role, "neighbours": neighbours(catalog, role)}, "roles.yaml"))
    for domain in catalog.domains:
        pages.append(Page(domain_path(domain.code), "domain.md.j2",
                          {"domain": domain, "units": catalog.units_of_domain(domain.code)}, "domains.yaml"))
    for unit in catalog.units:
        by_stage = [(s, [r for r in catalog.roles_needing_unit(unit.code) if r.stage == s.code])
                    for s in catalog.stages]
        pages.append(Page(unit_path(unit), "unit.md.j2", {"unit": unit, "by_stage": by_stage, "retired": False},
                          f"units/{unit.domain.lower()}.yaml"))
    pages.append(Page("items/index.md", "items.md.j2", source="items.yaml"))
    for item in catalog.items:
        pages.append(Page(item_path(item), "item.md.j2", {"item": item, "by_stage": roles_needing_item(catalog, item)},
                          "items.yaml"))
    pages += retired_unit_pages(catalog, base)
    return [Page(p.path, p.template, {**common, **p.context}, p.source) for p in pages]


def template_environment(template_dirs: list[Path],
                         bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The page templates' environment; a bytecode cache (build_cache.py) spares compiling them on every build."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader([str(d) for d in template_dirs])]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, auto_reload=False, autoescape=False,
        # Markdown heading anchors are written `{#id}`, so Jinja comments use `{## … ##}` instead of `{# … #}`.
        comment_start_string="{##", comment_end_string="##}", bytecode_cache=bytecode_cache,
    )
    env.filters.update(md=md_escape, clause_label=clause_label, short_title=short_title, step_number=step_number)
    env.globals.update(role_path=role_path, unit_path=unit_path, group_path=group_path, domain_path=domain_path,
                       item_path=item_path, components=COMPONENTS, months_th=MONTHS_TH)
    return env


def relative_href(from_path: str, to_path: str) -> str:
    """A Markdown link from one docs-relative file to another (MkDocs checks and rewrites it)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def render_pages(catalog: Catalog, env: jinja2.Environment, extra: dict | None = None,
                 base: Catalog | None = None) -> dict[str, str]:
    """{path: markdown} for every generated page."""
    out = {}
    for page in page_list(catalog, extra, base):
        def href(to_path: str, _from: str = page.path) -> str:
            return relative_href(_from, to_path)

        markdown = env.get_template(page.template).render(page=page, href=href, **page.context)
        out[page.path] = markdown.lstrip()  # front matter must start on the first line
    return out


def guideline_page(catalog: Catalog, env: jinja2.Environment, md_path: str, markdown: str, step_code: str | None,
                   clause_numbers: list) -> tuple[str, list[str]]:
    """A guideline page (content/guideline/*.md): with `step:`, the step's official title becomes the heading and the
    page's own `# ` heading goes under it as the plain-language summary; with `clauses:`, the clauses the step rests
    on are listed at the end. Returns the Markdown and a message for each thing the catalog or page lacks."""
    def href(to_path: str) -> str:
        return relative_href(md_path, to_path)

    problems = []
    if step_code is not None:
        step = next((s for s in catalog.steps if s.code == str(step_code)), None)
        lines = markdown.split("\n")
        heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        if step is None or heading is None:
            problems.append(f"front matter step: '{step_code}' is not a step in catalog/framework.yaml" if step is None
                           else "the page has no '# ' heading to put under the step's official title")
        else:
            top = env.get_template("_guideline_heading.md.j2").render(
                catalog=catalog, step=step, plain_heading=lines[heading][2:].strip(), href=href)
            markdown = "\n".join(lines[:heading] + [top.strip("\n")] + lines[heading + 1:])
    if clause_numbers:
        known = {cl.number: (inst, cl) for inst in catalog.instruments for cl in inst.clauses}
        problems += [f"front matter clauses: '{n}' is not a clause in catalog/framework.yaml"
                    for n in clause_numbers if str(n) not in known]
        clauses = [known[str(n)] for n in clause_numbers if str(n) in known]
        markdown = markdown.rstrip("\n") + "\n" + env.get_template("_guideline_clauses.md.j2").render(
            catalog=catalog, clauses=clauses, href=href)
    return markdown, problems


def page_url_path(md_path: str) -> str:
    """'skills/dlit100.md' -> 'skills/dlit100/' (directory URLs), 'data/index.md' -> 'data/'."""
    stem = md_path[: -len(".md")]
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def site_context(catalog: Catalog, site_url: str, changelog_file: Path, cache: BuildCache | None = None) -> dict:
    """What every generated page may use besides the catalog (the `extra` of `render_pages`)."""
    from ..core.display.thaidate import thai_date
    from .qr import qr_svg

    return {
        "thai_date": thai_date,
        # a QR code needs the address the site is hosted at
        "qr_svg": (lambda url: qr_svg(url, cache)) if site_url else None,
        "page_url": lambda md_path: site_url.rstrip("/") + "/" + page_url_path(md_path),
        "changelog": read_changelog(changelog_file),
        "default_stage": catalog.agency.target_stage if catalog.agency else "",
    }


def read_changelog(path: Path) -> list[dict]:
    """The "### Catalog content" part of each release in CHANGELOG.md, for the data page."""
    if not path.is_file():
        return []
    releases, current, in_catalog = [], None, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip().strip("[]").replace("][", " ")
            current = {"title": title.replace("Unreleased", "ฉบับที่กำลังจัดทำ (Unreleased)"), "lines": []}
            releases.append(current)
            in_catalog = False
        elif line.startswith("### "):
            in_catalog = line[4:].strip().lower() == "catalog content"
        elif in_catalog and current is not None and line.strip():
            current["lines"].append(line)
    return [r for r in releases if r["lines"]]
