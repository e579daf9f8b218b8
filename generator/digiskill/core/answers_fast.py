"""Fast paths of the answers checker for the common, clean case: a plan line or an answer whose every field is
already exactly what the full checks would return unchanged. Each function returns the clean record, or None to
say "let the full checks judge" (which then report the problem or warning with its key path). So a file gets the
same result either way; aggregating 100,000 files simply skips re-checking what is plainly fine.
"""
from __future__ import annotations

import datetime

from .answers import MAX_TEXT_CHARS, PLAN_TEXT_FIELDS, PRIORITY_RANGE, ItemAnswer, PlanEntry
from .answers_fields import ISO_DATE_SHAPE, XML_FORBIDDEN

ANSWER_KEYS = frozenset(("has", "note"))
PLAN_KEYS = frozenset(("priority", "methods", "target_date", *PLAN_TEXT_FIELDS))
_GOOD_DATES: set = set()  # ISO dates already found valid (a pure check: safe to remember)


def _plain_text(value) -> bool:
    return value is None or value == "" or (type(value) is str and len(value) <= MAX_TEXT_CHARS and
                                            not XML_FORBIDDEN.search(value))


def _plain_date(value) -> bool:
    if value is None or value == "" or value in _GOOD_DATES:
        return True
    if type(value) is not str:
        return False
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


def plain_answer(raw) -> ItemAnswer | None:
    if type(raw) is not dict or not ANSWER_KEYS.issuperset(raw):
        return None
    has, note = raw.get("has"), raw.get("note")
    if (has is not None and has is not True and has is not False) or not _plain_text(note):
        return None
    return ItemAnswer(has=has, note=note or "")


def plain_plan_entry(raw, has_tool, max_methods: int) -> PlanEntry | None:
    if type(raw) is not dict or not PLAN_KEYS.issuperset(raw):
        return None
    priority, methods, date = raw.get("priority"), raw.get("methods"), raw.get("target_date")
    if priority is not None and (type(priority) is not int or not PRIORITY_RANGE[0] <= priority <= PRIORITY_RANGE[1]):
        return None
    if methods is None:
        methods = []
    elif type(methods) is not list or len(methods) > max_methods or \
            not all(type(m) is str and has_tool(m) for m in methods) or len(set(methods)) != len(methods):
        return None
    if not _plain_date(date) or not all(_plain_text(raw.get(k)) for k in PLAN_TEXT_FIELDS):
        return None
    return PlanEntry(priority=priority, methods=list(methods), target_date=date or "",
                     **{k: raw.get(k) or "" for k in PLAN_TEXT_FIELDS})
