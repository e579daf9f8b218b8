"""The catalog room: read, check, overlay and export the framework data.

It turns the YAML files of `catalog/` (and an agency's `agency.yaml`) into one checked `model.Catalog`, reporting
every problem with its file, line and key path, and writes the catalog out as JSON, JSON Schema, CSV and XLSX.
It may import `core`, `model`, `agency_records`, `errors` and `dataclass_dict`; it never imports `site` or `cli`.
"""
