"""Carry an answers file over from an older data version of the catalog (catalog/changes.yaml), before it is checked.

Codes renamed or merged are moved to their new code (an answer already given under the new code wins); codes removed
are dropped and returned, so the user is told what could not be carried over. Works on the raw JSON (the checker
validates the result), so it only follows what has the expected shape and leaves the rest for the checker to report.
"""
from __future__ import annotations

from ...model import DataChange


def change_path(changes: tuple[DataChange, ...], start: str, goal: str) -> list[DataChange] | None:
    """The chain of changes leading from data version `start` to `goal`, or None when there is none."""
    path, version = [], start
    while version != goal:
        step = next((c for c in changes if c.from_version == version), None)
        if step is None or len(path) > len(changes):
            return None
        path.append(step)
        version = step.to_version
    return path


def _move(book, renames: dict, removed: set, dropped: list) -> None:
    """Re-key one {code: …} object in place."""
    if not isinstance(book, dict):
        return
    for code in list(book):
        if code in removed:
            dropped.append(code)
            del book[code]
        elif code in renames:
            value = book.pop(code)
            book.setdefault(renames[code], value)


def carry_over(data: dict, path: list[DataChange]) -> tuple[dict, list[str]]:
    """(the file with codes carried over, the codes that could not be: removed from the catalog)."""
    dropped: list[str] = []
    for change in path:
        renames = {r.old: r.new for r in change.renamed}
        removed = set(change.removed)
        books = [data.get("answers"), data.get("plan")]
        future = data.get("future")
        if isinstance(future, dict):
            books.append(future.get("plan"))
        review = data.get("review")
        if isinstance(review, dict):
            books.append(review.get("lines"))
        for entry in data.get("progress") or []:
            if isinstance(entry, dict):
                books += [entry.get("lines"), entry.get("reanswers")]
        for year in data.get("history") or []:
            if isinstance(year, dict):
                books += [year.get("answers"), year.get("deferred")]
                if isinstance(year.get("open_lines"), list):
                    year["open_lines"] = [renames.get(c, c) for c in year["open_lines"] if c not in removed]
        for book in books:
            _move(book, renames, removed, dropped)
    return data, sorted(set(dropped))
