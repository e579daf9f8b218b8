"""Reading the yearly-cycle parts of an answers file (version 2): the period, the future role's plan, the supervisor's
review, the progress reviews and past years. Mixed into the file checker (`checker._Checker`), which provides
`entries` and `plan` for plan lines; the field checks come from `fields.FieldReader`.
"""
from __future__ import annotations

from .record import (LINE_DECISIONS, MAX_HISTORY_YEARS, MAX_PROGRESS_REVIEWS, NEXT_LEVEL_OPINIONS, OUTCOMES,
                     PLAN_STATUSES, ROLE_DECISIONS, PastYear, Period, ProgressLine, ProgressReview, Review, ReviewLine,
                     Signer)
from .fast import no_cycle
from .fields import FieldReader

FISCAL_YEARS = (2500, 2800)  # Buddhist era


class CycleReader(FieldReader):
    def cycle(self, data: dict, role: str | None) -> dict:
        fast = no_cycle(data)
        if fast is not None:
            return fast
        future = self.mapping(data.get("future"), "future")
        self.known_keys(future, "future", ("role", "plan"))
        roles = {r.code for r in self.catalog.roles}
        future_role = self.code(future.get("role"), "future.role", roles, "บทบาท")
        return {"period": self.period(data.get("period")), "future_role": future_role,
                "future_plan": self.plan(future.get("plan"), future_role, "future.plan"),
                "review": self.review(data.get("review"), roles),
                "progress": self.progress(data.get("progress")), "history": self.history(data.get("history"), roles)}

    def signer(self, value, path: str) -> Signer:
        raw = self.mapping(value, path)
        self.known_keys(raw, path, ("name", "position", "date"))
        return Signer(self.text(raw.get("name"), f"{path}.name"), self.text(raw.get("position"), f"{path}.position"),
                      self.date(raw.get("date"), f"{path}.date"))

    def period(self, value) -> Period:
        raw = self.mapping(value, "period")
        self.known_keys(raw, "period", ("fiscal_year", "start", "end"))
        period = Period(self.whole_number(raw.get("fiscal_year"), "period.fiscal_year", *FISCAL_YEARS),
                        self.date(raw.get("start"), "period.start"), self.date(raw.get("end"), "period.end"))
        if period.start and period.end and period.end < period.start:
            self.problem("period.end", "period_order", start=period.start, end=period.end)
        return period

    def review(self, value, roles) -> Review | None:
        if value is None:
            return None
        raw = self.mapping(value, "review")
        keys = ("role_decision", "proposed_role", "reason", "multi_group", "lines", "support", "opinion", "supervisor",
                "next_level", "next_level_opinion", "next_level_comment", "acknowledged")
        self.known_keys(raw, "review", keys)
        lines = {}
        for code, path, line in self.entries(raw.get("lines"), "review.lines", None):
            self.known_keys(line, path, ("decision", "priority", "methods", "target_date", "comment"))
            methods = line.get("methods")
            lines[code] = ReviewLine(
                decision=self.choice(line.get("decision"), path + ".decision", LINE_DECISIONS, "agreed"),
                priority=self.priority(line.get("priority"), path + ".priority"),
                methods=None if methods is None else self.methods(methods, path + ".methods"),
                target_date=self.date(line.get("target_date"), path + ".target_date"),
                comment=self.text(line.get("comment"), path + ".comment"))
        return Review(
            role_decision=self.choice(raw.get("role_decision"), "review.role_decision", ROLE_DECISIONS),
            proposed_role=self.code(raw.get("proposed_role"), "review.proposed_role", roles, "บทบาท"),
            reason=self.text(raw.get("reason"), "review.reason"),
            multi_group=bool(self.flag(raw.get("multi_group"), "review.multi_group")),
            lines=lines, support=self.text(raw.get("support"), "review.support"),
            opinion=self.text(raw.get("opinion"), "review.opinion"),
            supervisor=self.signer(raw.get("supervisor"), "review.supervisor"),
            next_level=self.signer(raw.get("next_level"), "review.next_level"),
            next_level_opinion=self.choice(raw.get("next_level_opinion"), "review.next_level_opinion",
                                           NEXT_LEVEL_OPINIONS),
            next_level_comment=self.text(raw.get("next_level_comment"), "review.next_level_comment"),
            acknowledged=self.signer(raw.get("acknowledged"), "review.acknowledged"))

    def progress(self, value) -> list:
        reviews = []
        for index, item in enumerate(self.a_list(value, "progress", MAX_PROGRESS_REVIEWS)):
            where = f"progress[{index}]"
            raw = self.mapping(item, where)
            self.known_keys(raw, where, ("date", "lines", "reanswers", "feedback", "supervisor"))
            lines = {}
            for code, path, line in self.entries(raw.get("lines"), where + ".lines", None):
                self.known_keys(line, path, ("status", "reason", "outcome", "evidence", "applied"))
                lines[code] = ProgressLine(
                    status=self.choice(line.get("status"), path + ".status", PLAN_STATUSES),
                    reason=self.text(line.get("reason"), path + ".reason"),
                    outcome=self.choice(line.get("outcome"), path + ".outcome", OUTCOMES),
                    evidence=self.text(line.get("evidence"), path + ".evidence"),
                    applied=self.text(line.get("applied"), path + ".applied"))
            reanswers = {code: has for code, path, has in self.entries(raw.get("reanswers"), where + ".reanswers",
                                                                       None, plain=True)
                         if self.flag(has, path) is not None}
            reviews.append(ProgressReview(date=self.date(raw.get("date"), where + ".date"), lines=lines,
                                          reanswers=reanswers, feedback=self.text(raw.get("feedback"),
                                                                                  where + ".feedback"),
                                          supervisor=self.signer(raw.get("supervisor"), where + ".supervisor")))
        return reviews

    def history(self, value, roles) -> list:
        years = []
        for index, item in enumerate(self.a_list(value, "history", MAX_HISTORY_YEARS)):
            where = f"history[{index}]"
            raw = self.mapping(item, where)
            self.known_keys(raw, where, ("fiscal_year", "role", "data_version", "answers", "open_lines", "deferred"))
            answers = {code: self.flag(has, path) for code, path, has in
                       self.entries(raw.get("answers"), where + ".answers", None, plain=True)}
            open_lines = [c for i, c in enumerate(self.a_list(raw.get("open_lines"), where + ".open_lines", 200))
                          if self.code(c, f"{where}.open_lines[{i}]", self.codes, "ทักษะ")]
            deferred = {code: self.text(reason, path) for code, path, reason in
                        self.entries(raw.get("deferred"), where + ".deferred", None, plain=True)}
            years.append(PastYear(
                fiscal_year=self.whole_number(raw.get("fiscal_year"), where + ".fiscal_year", *FISCAL_YEARS),
                role=self.code(raw.get("role"), where + ".role", roles, "บทบาท"),
                data_version=self.text(raw.get("data_version"), where + ".data_version"),
                answers=answers, open_lines=open_lines, deferred=deferred))
        return years
