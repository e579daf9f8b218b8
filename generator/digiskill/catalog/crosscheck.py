"""Checks that span records and files: duplicate codes, dangling references, codes that contradict their fields.

Runs on the raw data of files that passed their schema, so every access here is to a known shape.
"""
from __future__ import annotations

import difflib

import re

from ..errors import Problem
from .messages import WHAT_TH, WHERE_TH, hint_th
from .yamlsource import YamlDocument, format_path


class CrossChecker:
    def __init__(self, docs: dict[str, YamlDocument]):
        self.docs = docs
        self.problems: list[Problem] = []

    def add(self, doc: YamlDocument, path: tuple, code: str, message: str, **ctx) -> None:
        self.problems.append(Problem(doc.file, doc.line_of(path), format_path(path, doc.data), code, message, ctx))

    def records(self, name: str, key: str):
        """Yield (doc, path, record) for each record under `key` in file `name` (or every unit file)."""
        for doc_name, doc in self.docs.items():
            if doc_name == name or (name == "units" and doc_name.startswith("units/")):
                for index, record in enumerate(doc.data[key]):
                    yield doc, (key, index), record

    def codes(self, name: str, key: str, field: str = "code") -> set:
        return {r[field] for _doc, _path, r in self.records(name, key)}

    def unique(self, name: str, key: str, what: str, field: str = "code") -> None:
        seen: dict[str, tuple] = {}
        for doc, path, record in self.records(name, key):
            folded = str(record[field]).lower()
            if folded in seen:
                first_doc, first_path = seen[folded]
                self.add(doc, path + (field,), "duplicate_code",
                         f"the {what} code '{record[field]}' is used twice (first at {first_doc.file}:"
                         f"{first_doc.line_of(first_path)}); codes must be unique, ignoring case")
            else:
                seen[folded] = (doc, path)

    def refers(self, doc, path, value, known: set, what: str, where: str) -> None:
        if value not in known:
            shown = ", ".join(sorted(known)) if len(known) <= 12 else f"see {where}"
            guess = did_you_mean(value, known)
            hint = f"; did you mean '{guess}'?" if guess else ""
            self.add(doc, path, "unknown_reference",
                     f"'{value}' is not a {what} defined in {where}{hint} (known: {shown})",
                     value=value, guess=guess, what_th=WHAT_TH.get(what, what), where_th=WHERE_TH.get(where, f" {where}"),
                     hint_th=hint_th(guess, sorted(known) if len(known) <= 12 else None))


def did_you_mean(value, known: set) -> str | None:
    """The known code a slip most likely meant: the same letters in another case ('ds700' -> 'DS700'), else the
    closest spelling (difflib, the standard library's own matcher)."""
    if not isinstance(value, str):
        return None
    same = [k for k in known if isinstance(k, str) and k.casefold() == value.casefold()]
    if same:
        return same[0]
    close = difflib.get_close_matches(value, [k for k in known if isinstance(k, str)], n=1, cutoff=0.75)
    return close[0] if close else None


def cross_check(docs: dict[str, YamlDocument]) -> list[Problem]:
    c = CrossChecker(docs)
    have = set(docs)
    for name, key, what in [("stages.yaml", "stages", "stage"), ("groups.yaml", "groups", "group"),
                            ("roles.yaml", "roles", "role"), ("domains.yaml", "domains", "domain"),
                            ("units", "units", "unit"), ("items.yaml", "items", "item"),
                            ("development.yaml", "tools", "tool"), ("framework.yaml", "traits", "trait"),
                            ("framework.yaml", "components", "component"),
                            ("framework.yaml", "instruments", "instrument")]:
        if name in have or name == "units":
            c.unique(name, key, what, "id" if key == "instruments" else "code")
    if "stages.yaml" in have:
        c.unique("stages.yaml", "stages", "stage number", "number")
        c.unique("stages.yaml", "stages", "stage letter", "letter")
    stages = {r["code"]: r for _d, _p, r in c.records("stages.yaml", "stages")}
    groups = c.codes("groups.yaml", "groups")
    if {"roles.yaml", "stages.yaml", "groups.yaml"} <= have:
        _check_roles(c, stages, groups)
    units = c.codes("units", "units")
    if "domains.yaml" in have:
        _check_units(c, groups if "groups.yaml" in have else None)
    if {"requirements.yaml", "roles.yaml", "items.yaml"} <= have:
        _check_requirements(c, units)
    if {"development.yaml", "framework.yaml"} <= have:
        parts = {p["code"] for p in docs["framework.yaml"].data["learning_model"]["parts"]}
        for doc, path, tool in c.records("development.yaml", "tools"):
            c.refers(doc, path + ("part",), tool["part"], parts, "70:20:10 part", "framework.yaml learning_model")
    return c.problems


def _check_roles(c: CrossChecker, stages: dict, groups: set) -> None:
    for doc, path, role in c.records("roles.yaml", "roles"):
        c.refers(doc, path + ("group",), role["group"], groups, "group", "groups.yaml")
        c.refers(doc, path + ("stage",), role["stage"], set(stages), "stage", "stages.yaml")
        stage = stages.get(role["stage"])
        expected = f"{role['group']}{stage['number']}" if stage else None
        if expected and role["code"] != expected:
            c.add(doc, path + ("code",), "role_code_mismatch",
                  f"the role code '{role['code']}' does not match its group '{role['group']}' and stage "
                  f"'{role['stage']}' (stage number {stage['number']}); expected '{expected}'")


def _check_units(c: CrossChecker, groups: set | None) -> None:
    domains = c.codes("domains.yaml", "domains")
    for name, doc in c.docs.items():
        if not name.startswith("units/"):
            continue
        c.refers(doc, ("domain",), doc.data["domain"], domains, "domain", "domains.yaml")
        for index, unit in enumerate(doc.data["units"]):
            path = ("units", index)
            prefix = re.fullmatch(r"([A-Za-z]+)[0-9]{3}", unit["code"])
            if prefix and prefix.group(1) != doc.data["domain"]:
                c.add(doc, path + ("code",), "unit_domain_mismatch",
                      f"the unit code '{unit['code']}' starts with '{prefix.group(1)}' but this file is for the "
                      f"domain '{doc.data['domain']}'; move the unit to the right file or fix its code")
            for g_index, group in enumerate(unit["groups"] if groups is not None else []):
                c.refers(doc, path + ("groups", g_index), group, groups, "group", "groups.yaml")


def _check_requirements(c: CrossChecker, units: set) -> None:
    doc = c.docs["requirements.yaml"]
    roles = c.codes("roles.yaml", "roles")
    items = {r["code"]: r["component"] for _d, _p, r in c.records("items.yaml", "items")}
    table = doc.data["requirements"]
    for role in sorted(roles - set(table)):
        c.add(doc, ("requirements",), "missing_requirement",
              f"the role '{role}' has no entry; add '{role}:' with its ability, knowledge, experience and attribute lists")
    for role, req in table.items():
        base = ("requirements", role)
        c.refers(doc, base, role, roles, "role", "roles.yaml")
        if not req["ability"]:
            c.add(doc, base + ("ability",), "no_units", f"the role '{role}' requires no unit; list at least one")
        for component in ("ability", "knowledge", "experience", "attribute"):
            seen = set()
            for index, value in enumerate(req[component]):
                path = base + (component, index)
                if value in seen:
                    c.add(doc, path, "duplicate_entry", f"'{value}' is listed twice")
                seen.add(value)
                if component == "ability":
                    c.refers(doc, path, value, units, "unit", "units/*.yaml")
                elif value not in items:
                    c.refers(doc, path, value, set(items), "item", "items.yaml")
                elif items[value] != component:
                    c.add(doc, path, "wrong_component",
                          f"'{value}' is a {items[value]} item (items.yaml), not a {component} item; move it")
