"""The yearly cycle's rules on a checked assessment: the agreed plan, the next stage's role, starting next year
(`year`), the IDP draft and group finder (`idp`) and what the pages show of the cycle (`views`). It may import
`core/answers`, `core/display` and the root modules.
"""
