"""The worker calls of the HR pages (gap analysis and follow-up, Org 3–5), mixed into `hr_session.HrSession`.

    session.aggregate(names, sizes, data, anonymise)  -> JSON of the whole organisation (zips are unpacked here)
    session.hr_start(anonymise) -> {"run": n}; session.hr_add(n, names, sizes, data) for each batch;
    session.hr_done(n)                                -> the same, with the files given in batches: the page reads
                                                         the next batch while Python checks this one. A new
                                                         hr_start ends the run before it (its calls are refused)
    session.hr_headcount(csv_text)                    -> '{"ok": true, "rows": N}' or the problems, in Thai
    session.hr_last_year(names, sizes, data)          -> last year's staff files or gap CSV, for the trend
    session.hr_view(filter_json)                      -> the same JSON for one division / group / stage / role
    session.hr_table(kind, unit)                      -> '{"header": [...], "rows": [...]}' of the same table
    session.hr_csv(kind, unit)                        -> a CSV of the current view (gaps, coverage, progress, trend,
                                                         enrolment), byte for byte what `digiskill aggregate` writes
"""
from __future__ import annotations

import dataclasses
import json

from ...errors import InputError
from ..hr.aggregate import Filter, combine
from ..hr.coverage import read_headcount
from ..hr.report import table, table_csv, view_json
from ..hr.staff_facts import collector_paused, read_staff_file
from ..hr.trend import Baseline, read_gap_csv
from ..hr.zip_input import zip_files


def split_files(names_json: str, sizes_json: str, data) -> tuple[list, list, list]:
    """Many files in one piece: `data` is every file's bytes back to back, `sizes_json` their byte lengths (the
    browser reads all the files as one Blob, far faster than one by one). Zips are unpacked.
    Returns ((name, bytes) files, set-aside Rejected, skipped (name, why))."""
    if hasattr(data, "to_bytes"):  # in Pyodide a JavaScript Uint8Array arrives as a JsProxy
        data = data.to_bytes()
    files, rejected, skipped, offset = [], [], [], 0
    for name, size in zip(json.loads(names_json), json.loads(sizes_json)):
        content = data[offset:offset + size]
        offset += size
        if name.lower().endswith(".zip"):
            inner, set_aside, passed = zip_files(bytes(content), name)
            files += inner
            rejected += set_aside
            skipped += passed
        else:
            files.append((name, content))
    return files, rejected, skipped


@dataclasses.dataclass
class Batches:
    """The files of one run of the gap analysis, read so far."""
    run: int
    anonymise: bool
    reads: list = dataclasses.field(default_factory=list)
    rejected: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)


# A call of a run that a newer hr_start ended (the person chose other files meanwhile): the page drops it quietly.
STALE = json.dumps({"ok": False, "stale": True, "errors": [{"message": "a newer run of the gap analysis has started",
                                                            "message_th": "เริ่มวิเคราะห์ชุดไฟล์ใหม่แล้ว"}]},
                   ensure_ascii=False)


class HrCalls:
    HR_CALLS = ("hr_start", "hr_add", "hr_done", "hr_headcount", "hr_last_year", "hr_view", "hr_csv", "hr_table")
    _batches = None  # the run being read (hr_start … hr_done)
    _runs = 0  # runs started so far
    _all = None  # the whole organisation's aggregation
    _last = None  # the view the page shows (and the downloads use)
    _headcount = None
    _last_year = None

    def _show(self, agg) -> str:
        self._last = agg
        return json.dumps(view_json(agg), ensure_ascii=False)

    def _with_settings(self, agg):
        return dataclasses.replace(agg, headcount=self._headcount, last_year=self._last_year)

    def aggregate(self, names_json: str, sizes_json: str, data, anonymise: bool = True) -> str:
        """All the files in one call."""
        run = json.loads(self.hr_start(anonymise))["run"]
        added = self.hr_add(run, names_json, sizes_json, data)
        return self.hr_done(run) if json.loads(added)["ok"] else added

    def hr_start(self, anonymise: bool = True) -> str:
        run = self._runs + 1
        self._runs, self._batches = run, Batches(run=run, anonymise=bool(anonymise))
        return json.dumps({"ok": True, "run": run})

    def _current(self, run) -> Batches | None:
        return self._batches if self._batches is not None and self._batches.run == run else None

    def hr_add(self, run: int, names_json: str, sizes_json: str, data) -> str:
        """One batch: read and checked now, counted with the others by `hr_done` (the CLI gets the same result in
        one go: `combine` orders every file by name and content before judging duplicates)."""
        batches = self._current(run)
        if batches is None:
            return STALE
        try:
            files, rejected, skipped = split_files(names_json, sizes_json, data)
        except InputError as err:
            self._batches = None  # a zip that cannot be used stops the run, as it stops `digiskill aggregate`
            return json.dumps(err.as_json(), ensure_ascii=False)
        with collector_paused():
            batches.reads += [read_staff_file(self.catalog, name, content, keep_names=not batches.anonymise)
                              for name, content in files]
        batches.rejected += rejected
        batches.skipped += skipped
        return json.dumps({"ok": True, "read": len(batches.reads)})

    def hr_done(self, run: int) -> str:
        batches = self._current(run)
        if batches is None:
            return STALE
        self._batches = None
        agg = combine(self.catalog, batches.reads, batches.anonymise)
        agg.rejected = sorted(agg.rejected + batches.rejected, key=lambda r: r.file)
        self._all = self._last = self._with_settings(agg)
        result = view_json(self._all)
        result["skipped"] = [{"file": name, "why": why} for name, why in batches.skipped]
        return json.dumps(result, ensure_ascii=False)

    def hr_headcount(self, csv_text: str) -> str:
        if not csv_text.strip():
            self._headcount = None
        else:
            try:
                self._headcount = read_headcount(csv_text, self.catalog)
            except InputError as err:
                return json.dumps(err.as_json(), ensure_ascii=False)
        if self._all is not None:
            self._all = self._with_settings(self._all)
        return json.dumps({"ok": True, "rows": len(self._headcount.counts) if self._headcount else 0})

    def hr_last_year(self, names_json: str, sizes_json: str, data) -> str:
        names = json.loads(names_json)
        try:
            if len(names) == 1 and names[0].lower().endswith(".csv"):
                if hasattr(data, "to_bytes"):
                    data = data.to_bytes()
                baseline = read_gap_csv(bytes(data), names[0])
                used = len(baseline.csv_rows)
            else:
                files, rejected, _skipped = split_files(names_json, sizes_json, data)
                anonymise = self._all.anonymised if self._all is not None else True
                last = combine(self.catalog, [read_staff_file(self.catalog, n, c) for n, c in files], anonymise)
                baseline, used = Baseline(agg=last, label=f"{len(files)} files"), last.used
        except InputError as err:
            return json.dumps(err.as_json(), ensure_ascii=False)
        self._last_year = baseline
        if self._all is not None:
            self._all = self._with_settings(self._all)
        return json.dumps({"ok": True, "used": used}, ensure_ascii=False)

    def hr_view(self, filter_json: str) -> str:
        return self._show(self._all.view(Filter.from_dict(json.loads(filter_json))))

    def hr_csv(self, kind: str, unit: str | None = None) -> bytes:
        return table_csv(self._last, kind, unit or None)

    def hr_table(self, kind: str, unit: str | None = None) -> str:
        header, rows = table(self._last, kind, unit or None)
        return json.dumps({"header": header, "rows": rows}, ensure_ascii=False)
