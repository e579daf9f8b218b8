"""The sessions the browser's Web Worker starts, JSON text in and out, and the page states behind them: the form
pages share `page_state` (`PageState`: start, events, the stored file, downloads; `PageSession`: the worker's calls),
the self-assessment page's `AssessmentSession` (`assessment_session`; its state and events in `staff_page`, what it
draws in `staff_draw`), the supervisor page's `ReviewSession` (`review_session`; `review_page`, `review_draw`) and
`HrSession` for the gap-analysis page (`hr_session`, with its calls in `hr_calls`). Every session reads the catalog
and answers in one reply shape (`page_reply`). It may import every other core room and the root modules; nothing in
core imports it.
"""
