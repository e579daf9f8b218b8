"""Plain dicts and lists (such as the JSON export) back into a tree of dataclasses, by their type hints.
Standard library only: the browser rebuilds the catalog with it."""
from __future__ import annotations

import dataclasses
import types
import typing


def build_dataclass(cls, data):
    """Rebuild a dataclass tree from plain dicts and lists (the JSON export)."""
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if not f.init or f.name not in data:
            continue
        kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint, value):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):  # `X | None`
        if value is None:
            return None
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        origin = typing.get_origin(hint)
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(hint)
        return tuple(_convert(inner, v) for v in value)
    if dataclasses.is_dataclass(hint):
        return build_dataclass(hint, value)
    return value
