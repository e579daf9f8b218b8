"""The organisation follow-up HR runs on many staff files (Org 3–5): one file's facts (`staff_facts`), zips
(`zip_input`), the aggregation with primary and secondary small-number suppression (`aggregate`, `privacy`),
coverage, progress, trend and enrolment tables, charts, the page's report (`report`) and the organisation plan
(`org_plan`). It may import `core/documents`, `core/cycle`, `core/answers`, `core/display` and the root modules.
"""
