"""A small organisation over two years and three divisions, built from the core records, for exact HR figures
(coverage, progress, trend, enrolment, suppression). The expected numbers in test_hr_follow_up.py are worked out by
hand from the table below.

This year (fiscal 2570):
    กองกลาง   A2 ×6: c1–c4 lack DLit100 (c4 also DLit200); c1–c3 plans agreed; progress: c1 met + applied,
                     c2 not yet, c4 re-answers DLit200 "have it"
    กองแผนงาน A2 ×5: p1 lacks DLit100 (agreed); p2–p5 lack DLit200 (online course, Q3)
    กองคลัง   S2 ×3: k1, k2 lack DLit100 (classroom, Q2)
Last year (fiscal 2569):
    กองกลาง   A2 ×6: five lack DLit100;  กองแผนงาน A2 ×4: three lack DLit100;  กองคลัง S2 ×3: all lack DLit100
"""
from __future__ import annotations

import json

from digiskill.core.answers.record import (Assessment, ItemAnswer, Period, PlanEntry, ProgressLine, ProgressReview,
                                           Review, Signer)

DIVISIONS = ("กองกลาง", "กองแผนงาน", "กองคลัง")
HEADCOUNT_CSV = "group,division,headcount\r\nA,กองกลาง,8\r\nA,กองแผนงาน,5\r\nS,กองคลัง,4\r\n"


def staff(catalog, name, role, division, lacking=(), plan=None, agreed=False, progress=None, reanswers=None,
          fiscal_year=2570) -> str:
    """`plan`: {code: (method, target date)}; `progress`: {code: (status, outcome, applied)}."""
    answers = {code: ItemAnswer(has=code not in lacking) for code in catalog.required_codes(role)}
    r = catalog.role(role)
    a = Assessment(role=role, group=r.group, stage=r.stage, framework_id=catalog.framework.id,
                   data_version=catalog.framework.data_version,
                   person={"name": name, "position": "นักวิเคราะห์", "division": division}, answers=answers,
                   plan={code: PlanEntry(priority=1, methods=[method], target_date=date)
                         for code, (method, date) in (plan or {}).items()},
                   period=Period(fiscal_year=fiscal_year), saved_at="2026-11-24T10:00:00Z")
    if agreed:
        a.review = Review(role_decision="agreed", supervisor=Signer("ผู้อำนวยการ", "ผอ.", "2026-11-30"))
    if progress or reanswers:
        a.progress = [ProgressReview(date="2027-03-31", lines={
            code: ProgressLine(status=s, outcome=o, applied=applied) for code, (s, o, applied) in (progress or {}).items()},
            reanswers=dict(reanswers or {}))]
    return json.dumps(a.to_dict(), ensure_ascii=False)


def this_year(catalog) -> list[tuple[str, str]]:
    g, p, k = DIVISIONS
    files = [
        ("c1.json", staff(catalog, "สมชาย หนึ่ง", "A2", g, {"DLit100"}, {"DLit100": ("classroom", "2026-11-15")}, True,
                          {"DLit100": ("on_plan", "met", "ใช้ทำรายงานประจำเดือน")})),
        ("c2.json", staff(catalog, "สมหญิง สอง", "A2", g, {"DLit100"}, {"DLit100": ("classroom", "2027-02-10")}, True,
                          {"DLit100": ("on_plan", "not_yet", "")})),
        ("c3.json", staff(catalog, "วิชัย สาม", "A2", g, {"DLit100"}, {"DLit100": ("coaching", "2027-02-10")}, True)),
        ("c4.json", staff(catalog, "มาลี สี่", "A2", g, {"DLit100", "DLit200"},
                          {"DLit200": ("online-course", "2027-05-01")}, False,
                          {"DLit200": ("on_plan", "not_yet", "")}, {"DLit200": True})),
        ("c5.json", staff(catalog, "ประเสริฐ ห้า", "A2", g)),
        ("c6.json", staff(catalog, "อรุณี หก", "A2", g)),
        ("p1.json", staff(catalog, "กิตติ เจ็ด", "A2", p, {"DLit100"}, {"DLit100": ("classroom", "2026-12-01")}, True)),
        *[(f"p{i}.json", staff(catalog, f"สุดา {i}", "A2", p, {"DLit200"}, {"DLit200": ("online-course", "2027-05-01")}))
          for i in range(2, 6)],
        ("k1.json", staff(catalog, "ธนา เก้า", "S2", k, {"DLit100"}, {"DLit100": ("classroom", "2027-02-10")})),
        ("k2.json", staff(catalog, "พรทิพย์ สิบ", "S2", k, {"DLit100"}, {"DLit100": ("classroom", "2027-02-10")})),
        ("k3.json", staff(catalog, "ธนา สิบเอ็ด", "S2", k)),
    ]
    return files


def last_year(catalog) -> list[tuple[str, str]]:
    g, p, k = DIVISIONS
    files = [(f"old-c{i}.json", staff(catalog, f"เก่า ก{i}", "A2", g, {"DLit100"} if i < 5 else set(),
                                      fiscal_year=2569)) for i in range(6)]
    files += [(f"old-p{i}.json", staff(catalog, f"เก่า ผ{i}", "A2", p, {"DLit100"} if i < 3 else set(),
                                       fiscal_year=2569)) for i in range(4)]
    files += [(f"old-k{i}.json", staff(catalog, f"เก่า ค{i}", "S2", k, {"DLit100"}, fiscal_year=2569))
              for i in range(3)]
    return files
