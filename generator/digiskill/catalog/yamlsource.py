"""Read a YAML file into plain data while keeping the line of every key and list item.

PyYAML's `safe_load` forgets positions and silently keeps the last of two duplicate keys, so we compose the node
tree ourselves (`yaml.compose`), construct scalars with the safe constructor (so `1.10` is still a float and `no`
still False, and the schema can say "put it in quotes"), and record `path -> line` for every key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..errors import Problem
from .messages import describe_th

Path = tuple  # of str keys and int list indexes


@dataclass
class YamlDocument:
    file: str
    data: object
    lines: dict = field(default_factory=dict)  # Path -> 1-based line

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(text: str, file: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse `text`; return the document (data None when unreadable) and the problems found while reading."""
    doc = YamlDocument(file=file, data=None)
    problems: list[Problem] = []
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # the reader already rejects control characters here
        node = loader.get_single_node()
        if node is not None:
            doc.lines[()] = node.start_mark.line + 1
            doc.data = _construct(loader, node, (), doc, problems)
    except yaml.MarkedYAMLError as err:
        problems.append(syntax_problem(err, text, file))
        doc.data = None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        problems.append(Problem(file, line, "", "yaml_syntax",
                                f"not valid YAML: the character #x{err.character:04x} is not allowed in YAML text",
                                {"kind": "char", "char": f"{err.character:04x}"}))
        doc.data = None
    except yaml.YAMLError as err:  # any other reader or parser error without a position
        problems.append(Problem(file, None, "", "yaml_syntax", f"not valid YAML: {err}"))
        doc.data = None
    finally:
        if loader is not None:
            loader.dispose()
    return doc, problems


# PyYAML's words for the common slips -> (kind, what to do in plain English). The Thai is catalog/messages.py's.
_SYNTAX_EN = {
    "indent": "the indentation does not match the lines before; indent with the same number of spaces as the other "
              "keys at this level (no tabs)",
    "deeper": "this line is indented deeper than the keys at its level (or has a ':' where none can be); indent it "
              "with as many spaces as the line before (no tabs)",
    "colon": "the text holds ': ', which YAML reads as a new key; put the whole text in quotes",
    "tab": "a tab is used to indent, which YAML does not accept; indent with spaces",
    "quote": "the quote opened on this line is never closed; close it with {quote} at the end of the text",
    "bracket": "the {open} opened on this line is not closed (or a ',' is missing); close it with {close} and put a "
               "',' between entries",
}


def syntax_problem(err: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A YAML syntax error as a person would say it: the line to look at, what is wrong and how to fix it.

    PyYAML reports where it noticed (often the line after the slip); for an unclosed quote or bracket the line where
    it was opened (its context mark) is the one to fix."""
    problem = err.problem or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    ctx: dict = {}
    opened = _unclosed_quote(text, mark.line if mark else len(text))
    if opened is not None:  # a quoted text runs on over the next lines until PyYAML trips over something else
        line_index, quote = opened
        return Problem(file, line_index + 1, "", "yaml_syntax", f"not valid YAML: {problem or context} — "
                       + _SYNTAX_EN["quote"].format(quote=quote), {"kind": "quote", "quote": quote})
    if "'\\t'" in problem:  # PyYAML: "found character '\\t' that cannot start any token"
        ctx["kind"] = "tab"
    elif "quoted scalar" in context and err.context_mark:
        mark = err.context_mark
        quote = text.splitlines()[mark.line][mark.column] if mark.line < len(text.splitlines()) else '"'
        ctx.update(kind="quote", quote=quote if quote in "'\"" else '"')
    elif "flow sequence" in context or "flow mapping" in context:
        mark = err.context_mark or mark
        ctx.update(kind="bracket", **({"open": "[", "close": "]"} if "sequence" in context
                                      else {"open": "{", "close": "}"}))
    elif problem.startswith("expected <block end>"):
        ctx["kind"] = "indent"
    elif problem.startswith("mapping values are not allowed"):
        lines = text.splitlines()
        before = lines[mark.line][:mark.column] if mark and mark.line < len(lines) else ""
        ctx["kind"] = "colon" if ": " in before or before.rstrip().endswith(":") else "deeper"
    line = mark.line + 1 if mark else None
    reason = problem or context or "cannot be read"
    plain = _SYNTAX_EN.get(ctx.get("kind", ""), "")
    message = f"not valid YAML: {reason}" + (f" — {plain.format(**ctx)}" if plain else "")
    return Problem(file, line, "", "yaml_syntax", message, ctx)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'][^#"']*?:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, last: int) -> tuple[int, str] | None:
    """(line index, quote) of the first value up to line `last` that opens a quote and does not close it on its line.
    A settings file's texts are one line each, so a quote left open there is the slip (YAML would let it run on)."""
    for index, line in enumerate(text.splitlines()[: last + 1]):
        found = _QUOTED_VALUE.match(line)
        if not found:
            continue
        quote, rest = found.groups()
        closed = re.search(r'(?<!\\)"' if quote == '"' else "'", rest)
        if not closed:
            return index, quote
    return None


def _construct(loader, node, path, doc, problems):
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True) if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append(Problem(doc.file, line, format_path(path), "key_not_text",
                                        f"expected a key name as text, found {describe(key)}",
                                        {"found_th": describe_th(key)}))
                continue
            if key in result:
                problems.append(Problem(doc.file, line, format_path(path + (key,)), "duplicate_key",
                                        f"the key '{key}' appears twice in the same block (first on line "
                                        f"{doc.lines[path + (key,)]}); keep one",
                                        {"key": key, "first": doc.lines[path + (key,)]}))
                continue
            doc.lines[path + (key,)] = line
            result[key] = _construct(loader, value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            doc.lines[path + (index,)] = item_node.start_mark.line + 1
            items.append(_construct(loader, item_node, path + (index,), doc, problems))
        return items
    return loader.construct_object(node, deep=True)


def format_path(path: Path, data: object = None) -> str:
    """`roles[A1].behaviour.text_th`: list items are named by their `code` when they have one."""
    out = ""
    current = data
    for part in path:
        if isinstance(part, int):
            label = str(part)
            if isinstance(current, list) and part < len(current):
                item = current[part]
                if isinstance(item, dict) and isinstance(item.get("code"), str) and item["code"]:
                    label = item["code"]
                current = item
            else:
                current = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
            current = current.get(part) if isinstance(current, dict) else None
    return out


def describe(value: object) -> str:
    """Say what a YAML value was read as, in words a non-programmer understands."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return f"a {type(value).__name__} value ({value})"
