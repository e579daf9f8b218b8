"""Realistic staff self-assessment files for the aggregation tests and bench: several groups, roles and stages,
plus broken, foreign and duplicated files. Deterministic (seeded)."""
from __future__ import annotations

import json
import random

from digiskill.core.answers.record import Assessment, ItemAnswer, PlanEntry
from digiskill.model import COMPONENTS, Catalog

THAI_NAMES = ["สมชาย", "สมหญิง", "วิชัย", "มาลี", "ประเสริฐ", "อรุณี", "กิตติ", "สุดา", "ธนา", "พรทิพย์"]


def staff_file(catalog: Catalog, role_code: str, rng: random.Random, name: str) -> dict:
    requirement = catalog.requirement(role_code)
    answers, plan = {}, {}
    tools = [t.code for t in catalog.tools]
    for component in COMPONENTS:
        for code in requirement.codes(component):
            roll = rng.random()
            if roll < 0.1:
                continue  # unanswered
            has = roll > 0.45
            answers[code] = ItemAnswer(has=has)
            if not has and rng.random() < 0.7:
                plan[code] = PlanEntry(priority=rng.randint(1, 5), methods=rng.sample(tools, rng.randint(1, 2)),
                                       target_date="2027-09-30")
    role = catalog.role(role_code)
    return Assessment(role=role_code, framework_id=catalog.framework.id, data_version=catalog.framework.data_version,
                      group=role.group, stage=role.stage, person={"name": name}, answers=answers, plan=plan,
                      saved_at="2026-11-24T10:00:00Z").to_dict()  # the file format has one definition: core


VERSION_2_KEYS = ("period", "future", "review", "progress", "history")  # what version 2 added at the top


def version_1(data: dict) -> dict:
    """The same file as the version-1 site wrote it (schema_version 1: no yearly cycle, no division, plan lines
    without an indicator), for the tests and the bench of older files."""
    old = {k: v for k, v in data.items() if k not in VERSION_2_KEYS and k != "agency"}
    old["schema_version"] = 1
    old["person"] = {k: v for k, v in data["person"].items() if k != "division"}
    old["plan"] = {code: {k: v for k, v in line.items() if k != "indicator"} for code, line in data["plan"].items()}
    return old


def staff_files(catalog: Catalog, count: int, seed: int = 7, extras: bool = True,
                version: int = 2) -> list[tuple[str, str]]:
    """`count` good files (several roles of a Developing agency and a few of other stages), then the bad ones;
    `version` 1 writes the good ones as the version-1 site did."""
    rng = random.Random(seed)
    roles = [r.code for r in catalog.roles if r.stage == "developing"] + ["A1", "T3"]
    files = []
    for i in range(count):
        data = staff_file(catalog, rng.choice(roles), rng, f"{rng.choice(THAI_NAMES)} ทดสอบ{i:05d}")
        if version == 1:
            data = version_1(data)
        files.append((f"staff-{i:05d}.json", json.dumps(data, ensure_ascii=False)))
    if extras:
        files.append(("broken.json", "{ this is not json"))
        files.append(("foreign.json", json.dumps({"name": "someone else's export"})))
        other = json.loads(files[0][1]) | {"framework": {"id": catalog.framework.id, "data_version": "2567.1"}}
        files.append(("old-version.json", json.dumps(other, ensure_ascii=False)))
        files.append(("copy-of-staff-00001.json", files[1][1]))
        renamed = json.loads(files[2][1]) | {"saved_at": "2026-12-01T00:00:00Z"}
        files.append(("staff-00002-again.json", json.dumps(renamed, ensure_ascii=False)))
    return files
