"""The framework as plain, frozen dataclasses.

Standard library only: the same module runs under CPython at build time and inside Pyodide in the browser, where the
catalog arrives as the JSON export and is rebuilt with `Catalog.from_dict`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .agency_records import Agency
from .dataclass_dict import build_dataclass

COMPONENTS = ("ability", "knowledge", "experience", "attribute")


@dataclass(frozen=True)
class Framework:
    id: str
    data_version: str
    title_th: str
    title_en: str
    publisher_th: str
    publisher_en: str
    source: str
    status: str


@dataclass(frozen=True)
class Correction:
    """An open correction: the project departs from the seed's printed text, kept here and shown on the page."""

    seed_th: str  # exactly as the seed prints it
    note_th: str  # what the project changed, and why


@dataclass(frozen=True)
class OtherName:
    """Another official wording of a term (the OCSC letter's ระยะเริ่มต้น for ระยะเริ่มแรก), shown and searchable."""

    title_th: str
    title_en: str
    source: str


@dataclass(frozen=True)
class Clause:
    number: str
    summary_th: str  # always the project's own words, never the clause's text
    source: str
    correction: Correction | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    title_th: str
    title_en: str
    date: str
    clauses: tuple[Clause, ...]
    source: str
    status: str


@dataclass(frozen=True)
class Concept:
    """A named idea of the framework: a digital-government trait, a component, a development theme, a guideline step
    (code "org-1" … "ind-5", its page's name)."""

    code: str
    title_th: str
    title_en: str
    source: str
    status: str
    description_th: str = ""


@dataclass(frozen=True)
class LearningPart:
    code: str
    share: int
    title_th: str
    title_en: str


@dataclass(frozen=True)
class LearningModel:
    title_th: str
    title_en: str
    description_th: str
    parts: tuple[LearningPart, ...]
    source: str
    status: str


@dataclass(frozen=True)
class LearningSource:
    code: str
    title_th: str
    title_en: str
    url: str
    source: str
    status: str


@dataclass(frozen=True)
class Stage:
    code: str
    letter: str
    number: int
    title_th: str
    title_en: str
    description_th: str
    example_th: str
    source: str
    status: str
    government_model_en: str = ""
    other_names: tuple[OtherName, ...] = ()


@dataclass(frozen=True)
class Group:
    code: str
    title_th: str
    title_en: str
    definition_th: str
    example_positions_th: tuple[str, ...]
    source: str
    status: str
    other_names: tuple[OtherName, ...] = ()


@dataclass(frozen=True)
class ClassificationRule:
    code: str
    order: int  # the seed's list number (1), (2) of Org 1.4: the seed sets no order of application, no tie-break
    title_th: str
    title_en: str
    description_th: str
    example_th: str
    source: str
    status: str


@dataclass(frozen=True)
class Behaviour:
    text_th: str
    source: str
    status: str


@dataclass(frozen=True)
class Role:
    code: str
    group: str
    stage: str
    title_th: str
    title_en: str
    behaviour: Behaviour
    source: str
    status: str
    correction: Correction | None = None

    @property
    def slug(self) -> str:
        return self.code.lower()


@dataclass(frozen=True)
class Domain:
    code: str
    title_th: str
    title_en: str
    description_th: str
    unknown_codes: tuple[str, ...]
    source: str
    status: str


@dataclass(frozen=True)
class Alias:
    scheme: str
    code: str = ""
    url: str = ""


@dataclass(frozen=True)
class Unit:
    code: str
    domain: str
    title_th: str
    title_en: str
    description_th: str
    groups: tuple[str, ...]
    aliases: tuple[Alias, ...]
    source: str
    status: str
    note_th: str = ""

    @property
    def slug(self) -> str:
        return self.code.lower()


@dataclass(frozen=True)
class Item:
    """A knowledge, experience or attribute item (the three components besides ability)."""

    code: str
    component: str
    title_th: str
    title_en: str
    description_th: str
    source: str
    status: str


@dataclass(frozen=True)
class Requirement:
    """What one role needs, per component. `ability` lists unit codes; the others list item codes."""

    role: str
    ability: tuple[str, ...]
    knowledge: tuple[str, ...]
    experience: tuple[str, ...]
    attribute: tuple[str, ...]
    source: str
    status: str

    def codes(self, component: str) -> tuple[str, ...]:
        return getattr(self, component)


@dataclass(frozen=True)
class Tool:
    code: str
    part: str
    title_th: str
    title_en: str
    description_th: str
    suits: tuple[str, ...]
    source: str
    status: str


@dataclass(frozen=True)
class FormField:
    code: str
    kind: str
    title_th: str
    title_en: str


@dataclass(frozen=True)
class FormSection:
    code: str
    title_th: str
    title_en: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Form:
    code: str
    title_th: str
    title_en: str
    sections: tuple[FormSection, ...]
    source: str
    status: str


@dataclass(frozen=True)
class Rename:
    old: str
    new: str


@dataclass(frozen=True)
class DataChange:
    """What changed from one data version of the catalog to the next (changes.yaml), so that answers files made
    under the older version still open, their answers carried over."""
    from_version: str
    to_version: str
    source: str
    renamed: tuple[Rename, ...] = ()
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    note_th: str = ""


@dataclass(frozen=True)
class Catalog:
    framework: Framework
    instruments: tuple[Instrument, ...]
    traits: tuple[Concept, ...]
    components: tuple[Concept, ...]
    learning_model: LearningModel
    development_themes: tuple[Concept, ...]
    learning_sources: tuple[LearningSource, ...]
    stages: tuple[Stage, ...]
    groups: tuple[Group, ...]
    classification_rules: tuple[ClassificationRule, ...]
    roles: tuple[Role, ...]
    domains: tuple[Domain, ...]
    units: tuple[Unit, ...]
    items: tuple[Item, ...]
    requirements_rule_th: str
    requirements: tuple[Requirement, ...]
    tools: tuple[Tool, ...]
    forms: tuple[Form, ...]
    steps: tuple[Concept, ...] = ()
    agency: Agency | None = None
    data_changes: tuple[DataChange, ...] = ()
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {
            "stage": {s.code: s for s in self.stages},
            "group": {g.code: g for g in self.groups},
            "role": {r.code: r for r in self.roles},
            "domain": {d.code: d for d in self.domains},
            "unit": {u.code: u for u in self.units},
            "item": {i.code: i for i in self.items},
            "requirement": {q.role: q for q in self.requirements},
            "tool": {t.code: t for t in self.tools},
            "codes": frozenset(u.code for u in self.units) | frozenset(i.code for i in self.items),
            "form": {f.code: f for f in self.forms},
        }
        object.__setattr__(self, "_index", index)

    # Look-ups by code ---------------------------------------------------------------------------------------------
    def stage(self, code: str) -> Stage:
        return self._index["stage"][code]

    def group(self, code: str) -> Group:
        return self._index["group"][code]

    def role(self, code: str) -> Role:
        return self._index["role"][code]

    def domain(self, code: str) -> Domain:
        return self._index["domain"][code]

    def unit(self, code: str) -> Unit:
        return self._index["unit"][code]

    def item(self, code: str) -> Item:
        return self._index["item"][code]

    def tool(self, code: str) -> Tool:
        return self._index["tool"][code]

    def form(self, code: str) -> Form:
        return self._index["form"][code]

    def requirement(self, role_code: str) -> Requirement:
        return self._index["requirement"][role_code]

    # Relations ----------------------------------------------------------------------------------------------------
    def role_for(self, group: str, stage: str) -> Role:
        return next(r for r in self.roles if r.group == group and r.stage == stage)

    def required_codes(self, role_code: str) -> frozenset:
        """Every unit and item code the role needs, all components together (cached: aggregation asks often)."""
        cache = self._index.setdefault("required", {})
        if role_code not in cache:
            req = self.requirement(role_code)
            cache[role_code] = frozenset(c for component in COMPONENTS for c in req.codes(component))
        return cache[role_code]

    def all_codes(self) -> frozenset:
        """Every unit and item code (indexed once: the answers checker asks once per file)."""
        return self._index["codes"]

    def has_tool(self, code: str) -> bool:
        return code in self._index["tool"]

    def units_of_role(self, role_code: str) -> list[Unit]:
        return [self.unit(c) for c in self.requirement(role_code).ability]

    def items_of_role(self, role_code: str, component: str) -> list[Item]:
        return [self.item(c) for c in self.requirement(role_code).codes(component)]

    def roles_needing_unit(self, unit_code: str) -> list[Role]:
        return [r for r in self.roles if unit_code in self.requirement(r.code).ability]

    def units_of_domain(self, domain_code: str) -> list[Unit]:
        return [u for u in self.units if u.domain == domain_code]

    # Serialisation ------------------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data.pop("_index")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Catalog":
        return build_dataclass(cls, data)
