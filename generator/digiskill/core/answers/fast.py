"""Fast paths of the answers checker for the common, clean case: an "answers" or "plan" object whose every line is
already exactly what the full checks would return unchanged. Each function returns the clean records, or None to
say "let the full checks judge" (which then report each problem or warning with its key path). So a file gets the
same result either way (tests/test_answers_fast.py compares both on generated files); aggregating 100,000 files
simply skips re-checking what is plainly fine.
"""
from __future__ import annotations

import datetime

from .record import MAX_ENTRIES, MAX_TEXT_CHARS, PLAN_TEXT_FIELDS, PRIORITY_RANGE, ItemAnswer, Period, PlanEntry
from .fields import ISO_DATE_SHAPE, XML_FORBIDDEN

ANSWER_KEYS = frozenset(("has", "note"))
PLAN_KEYS = frozenset(("priority", "methods", "target_date", *PLAN_TEXT_FIELDS))
assert PLAN_TEXT_FIELDS == ("goal", "indicator", "application", "support")  # spelled out in plain_plan
_GOOD_DATES: set = set()  # ISO dates already found valid (a pure check: safe to remember)


def _plain_text(value) -> bool:
    return value is None or value == "" or (type(value) is str and len(value) <= MAX_TEXT_CHARS and
                                            not XML_FORBIDDEN.search(value))


def _plain_date(value) -> bool:
    if value is None or value == "":
        return True
    if type(value) is not str:
        return False
    if value in _GOOD_DATES:
        return True
    shape = ISO_DATE_SHAPE.match(value)
    if not shape or int(shape.group(1)) >= 2400:
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    if len(_GOOD_DATES) < 10_000:
        _GOOD_DATES.add(value)
    return True


def plain_answers(value, allowed: frozenset) -> dict | None:
    """The whole "answers" object, when it is an object of at most MAX_ENTRIES lines whose codes are all in `allowed`
    (the role's codes: nothing to warn about) and whose every line is plainly fine; else None. One loop over the
    lines, without the full checks' per-line key paths, is most of what makes 100,000 files quick to aggregate."""
    if type(value) is not dict or len(value) > MAX_ENTRIES or not allowed.issuperset(value):
        return None
    answers = {}
    for code, raw in value.items():
        if type(raw) is not dict or not ANSWER_KEYS.issuperset(raw):
            return None
        has, note = raw.get("has"), raw.get("note")
        if (has is not None and has is not True and has is not False) or not _plain_text(note):
            return None
        answers[code] = ItemAnswer(has, note or "")
    return answers


def plain_plan(value, allowed: frozenset, has_tool, max_methods: int) -> dict | None:
    """The whole "plan" object (or a plan inside a review), under the same conditions as `plain_answers`."""
    if type(value) is not dict or len(value) > MAX_ENTRIES or not allowed.issuperset(value):
        return None
    plan = {}
    for code, raw in value.items():
        if type(raw) is not dict or not PLAN_KEYS.issuperset(raw):
            return None
        priority, methods, date = raw.get("priority"), raw.get("methods"), raw.get("target_date")
        if priority is not None and (type(priority) is not int or
                                     not PRIORITY_RANGE[0] <= priority <= PRIORITY_RANGE[1]):
            return None
        if methods is None:
            methods = []
        elif type(methods) is not list or len(methods) > max_methods:
            return None
        else:
            for method in methods:
                if type(method) is not str or not has_tool(method):
                    return None
            if len(set(methods)) != len(methods):
                return None
        goal, indicator, application, support = raw.get("goal"), raw.get("indicator"), raw.get("application"), \
            raw.get("support")  # PLAN_TEXT_FIELDS, spelled out: a generator here costs a tenth of the whole check
        if not (_plain_date(date) and _plain_text(goal) and _plain_text(indicator) and _plain_text(application)
                and _plain_text(support)):
            return None
        plan[code] = PlanEntry(priority=priority, methods=list(methods), target_date=date or "", goal=goal or "",
                               indicator=indicator or "", application=application or "", support=support or "")
    return plan


def no_cycle(data: dict) -> dict | None:
    """The yearly-cycle parts of a file that has none of them (a version-1 file, or one saved before the cycle's
    keys were written): exactly what the cycle checks return for nothing at all, without running them; None when
    any of them is there. Version-1 files are checked as fast as version-2 ones (#24)."""
    if data.get("period") is None and data.get("future") is None and data.get("review") is None and \
            data.get("progress") is None and data.get("history") is None:
        return {"period": Period(), "future_role": None, "future_plan": {}, "review": None, "progress": [],
                "history": []}
    return None
