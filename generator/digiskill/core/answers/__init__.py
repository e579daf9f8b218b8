"""The answers file, defined once: its record (`record`: dataclasses and limits), the checker behind the page, the
worker, the CLI and the aggregation (`checker`, with `fields`, `cycle_fields` and the fast paths in `fast`), its
messages in English and Thai (`messages`), its JSON Schema (`schema`) and the carry-over from older catalog data
versions (`versions`). It may import `core/display` and the root modules, nothing else in core.
"""
