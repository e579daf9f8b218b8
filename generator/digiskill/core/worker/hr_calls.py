"""The worker calls of the HR pages (gap analysis and follow-up, Org 3–5), mixed into `hr_session.HrSession`.

    session.aggregate(names, sizes, data, anonymise)  -> JSON of the whole organisation (zips are unpacked here)
    session.hr_start(anonymise) -> {"run": n}; session.hr_add(n, names, sizes, data) for each batch;
    session.hr_done(n)                                -> the same, with the files given in batches: the page reads
                                                         the next batch while Python checks this one. A new
                                                         hr_start ends the run before it (its calls are refused)
    session.hr_headcount(csv_text)                    -> the view again, with the response rates, or the problems
    session.hr_last_year(names, sizes, data)          -> last year's staff files or gap CSV, for the trend
    session.hr_view(filter_json)                      -> the view of one division / group / stage / role ("*": all)
    session.hr_table(kind, unit)                      -> one table of that view (the enrolment list of one unit)
    session.hr_download(call, kind)                   -> the name and type of the file `call` makes, or why not
    session.hr_csv(kind, unit)                        -> a CSV of the current view (gaps, coverage, progress, trend,
                                                         enrolment), byte for byte what `digiskill aggregate` writes

Every call answers in the one reply shape (`page_reply`): what the page draws is `hr.tables.page_view` (tables with
Thai headers, texts, charts, the filters' choices); problems in Thai; an unexpected error becomes a Thai message with
the traceback in `detail` (`guarded`). A file call returns the file's bytes, or that reply's text.
"""
from __future__ import annotations

import dataclasses
import datetime
import json

from ...errors import InputError
from ..display.thaidate import BE_OFFSET
from ..hr.aggregate import Filter, combine
from ..hr.coverage import read_headcount
from ..hr.report import TABLES, table_csv
from ..hr.tables import ALL, DONE_TH, TABLES as SHOWN, page_view
from ..hr.staff_facts import collector_paused, read_staff_file
from ..hr.trend import Baseline, read_gap_csv
from ..hr.zip_input import zip_files
from .page_reply import guarded, problem, reply


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


# What to do when something nobody planned for goes wrong on this page.
UNEXPECTED_TH = ("ระบบประมวลผลขัดข้องโดยไม่คาดคิด ไฟล์ของบุคลากรไม่ได้ถูกส่งไปที่ใด ลองเลือกไฟล์อีกครั้ง "
                 "ถ้ายังไม่ได้ ให้เปิดหน้านี้ใหม่ หรือใช้คำสั่ง digiskill aggregate")
hr_guarded = guarded(message_th=UNEXPECTED_TH)
NO_FILES_TH = "ยังไม่มีผลการวิเคราะห์ เลือกไฟล์ผลประเมินของบุคลากรก่อน"
FILE_NAMES = {"gaps": "gap-analysis", "coverage": "coverage", "progress": "progress", "trend": "trend",
              "enrolment": "enrolment", "org_plan_xlsx": "org-plan", "org_plan_docx": "org-plan"}
FILE_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def input_problems(err: InputError, field: str | None = None) -> list[dict]:
    """A file HR gave that cannot be used: each problem in Thai, with its line."""
    return [problem((f"บรรทัด {p.line}: " if p.line else "") + p.ctx.get("th", p.message), field=field,
                    code=p.code, message=str(p)) for p in err.problems]


def today() -> datetime.date:
    return datetime.date.today()


@dataclasses.dataclass
class Batches:
    """The files of one run of the gap analysis, read so far."""
    run: int
    anonymise: bool
    reads: list = dataclasses.field(default_factory=list)
    rejected: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)
    files: int = 0  # files the page said it would give (for the progress words)
    given: int = 0  # files given so far


# A call of a run that a newer hr_start ended (the person chose other files meanwhile): the page drops it quietly.
STALE = reply(False, [problem("เริ่มวิเคราะห์ชุดไฟล์ใหม่แล้ว", kind="info", code="stale",
                              message="a newer run of the gap analysis has started")], stale=True)


class HrCalls:
    HR_CALLS = ("hr_start", "hr_add", "hr_done", "hr_headcount", "hr_last_year", "hr_view", "hr_csv", "hr_table",
                "hr_download")
    _batches = None  # the run being read (hr_start … hr_done)
    _runs = 0  # runs started so far
    _all = None  # the whole organisation's aggregation
    _last = None  # the view the page shows (and the downloads use)
    _headcount = None
    _last_year = None
    _unit = None  # the unit whose enrolment list the page shows (None: all)

    def _view(self, problems=(), **parts) -> str:
        """The page's whole view again (after a filter, the headcount or last year changed), or only `parts`
        before any files were read."""
        if self._all is None:
            return reply(True, problems, **parts)
        self._last = self._all.view(self._last.filter if self._last is not None else Filter())
        return reply(True, problems, **{**page_view(self._last, self._unit), **parts})

    def _with_settings(self, agg):
        return dataclasses.replace(agg, headcount=self._headcount, last_year=self._last_year)

    def aggregate(self, names_json: str, sizes_json: str, data, anonymise: bool = True) -> str:
        """All the files in one call."""
        run = json.loads(self.hr_start(anonymise))["run"]
        added = self.hr_add(run, names_json, sizes_json, data)
        return self.hr_done(run) if json.loads(added)["ok"] else added

    @hr_guarded
    def hr_start(self, anonymise: bool = True, files: int = 0) -> str:
        """A new run of `files` files (the count only words the progress)."""
        run = self._runs + 1
        self._runs, self._batches = run, Batches(run=run, anonymise=bool(anonymise), files=int(files or 0))
        return reply(True, run=run, say={"text_th": f"กำลังอ่านและวิเคราะห์ {files} ไฟล์ในเครื่องนี้…", "kind": "info"}
                     if files else None)

    def _current(self, run) -> Batches | None:
        return self._batches if self._batches is not None and self._batches.run == run else None

    @hr_guarded
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
            return reply(False, input_problems(err))
        with collector_paused():
            batches.reads += [read_staff_file(self.catalog, name, content, keep_names=not batches.anonymise)
                              for name, content in files]
        batches.rejected += rejected
        batches.skipped += skipped
        batches.given += len(json.loads(names_json))
        return reply(True, read=len(batches.reads), say={
            "text_th": f"วิเคราะห์แล้ว {batches.given} จาก {batches.files} ไฟล์…", "kind": "info"}
            if batches.files else None)

    @hr_guarded
    def hr_done(self, run: int) -> str:
        batches = self._current(run)
        if batches is None:
            return STALE
        self._batches = None
        agg = combine(self.catalog, batches.reads, batches.anonymise)
        agg.rejected = sorted(agg.rejected + batches.rejected, key=lambda r: r.file)
        self._all = self._last = self._with_settings(agg)
        self._unit = None
        return self._view(say={"text_th": DONE_TH, "kind": "ok"},
                          skipped=[{"file": name, "why": why} for name, why in batches.skipped])

    def _settings_changed(self):
        if self._all is not None:
            self._all = self._with_settings(self._all)

    @hr_guarded
    def hr_headcount(self, csv_text: str) -> str:
        if not csv_text.strip():
            self._headcount = None
        else:
            try:
                self._headcount = read_headcount(csv_text, self.catalog)
            except InputError as err:
                return reply(False, input_problems(err, "headcount"))
        self._settings_changed()
        rows = len(self._headcount.counts) if self._headcount else 0
        return self._view(text={"headcount-status": f"ใช้จำนวนบุคลากรแล้ว ({rows} แถว)"},
                          kind={"headcount-status": "ok"})

    @hr_guarded
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
            return reply(False, input_problems(err, "last-year"))
        self._last_year = baseline
        self._settings_changed()
        return self._view(text={"last-year-status": f"ใช้ผลของปีที่แล้วแล้ว ({used} รายการ)"},
                          kind={"last-year-status": "ok"})

    @hr_guarded
    def hr_view(self, filter_json: str) -> str:
        """The page's filters as they are ({"division": "*", …}; "*" is everyone)."""
        if self._all is None:
            return reply(False, [problem(NO_FILES_TH, code="no_files")])
        chosen = {k: v for k, v in json.loads(filter_json).items() if v != ALL}
        self._last, self._unit = self._all.view(Filter.from_dict(chosen)), unit_of(chosen.get("unit"))
        return reply(True, **page_view(self._last, self._unit))

    @hr_guarded
    def hr_table(self, kind: str, unit: str | None = None) -> str:
        if self._last is None:
            return reply(False, [problem(NO_FILES_TH, code="no_files")])
        if kind not in SHOWN:
            return reply(False, [problem("ไม่รู้จักตารางนี้", code="unknown_table", message=f"unknown table {kind!r}")])
        if kind == "enrolment":
            self._unit = unit_of(unit)
        shown = SHOWN[kind](self._last, self._unit) if kind == "enrolment" else SHOWN[kind](self._last)
        return reply(True, tables=[shown])

    @hr_guarded
    def hr_download(self, call: str, kind: str = "") -> str:
        """What the page needs before it asks `call` for the file's bytes: its name and type."""
        if self._last is None:
            return reply(False, [problem(NO_FILES_TH, code="no_files")])
        what = kind if call == "hr_csv" else call
        if what not in FILE_NAMES or (call == "hr_csv" and kind not in TABLES):
            return reply(False, [problem("ไม่รู้จักไฟล์นี้", code="unknown_file", message=f"unknown file {call} {kind}")])
        ext = "csv" if call == "hr_csv" else call.split("_")[-1]
        day = today()
        return reply(True, download={"name": f"{FILE_NAMES[what]}-{day.year + BE_OFFSET}-{day:%m-%d}.{ext}",
                                     "type": FILE_TYPES[ext]})

    @hr_guarded
    def hr_csv(self, kind: str, unit: str | None = None) -> bytes | str:
        if self._last is None:
            return reply(False, [problem(NO_FILES_TH, code="no_files")])
        return table_csv(self._last, kind, unit_of(unit))


def unit_of(unit: str | None) -> str | None:
    return None if not unit or unit == ALL else unit
