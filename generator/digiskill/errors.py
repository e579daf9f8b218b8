"""What can go wrong, as data.

Exception tree::

    DigiskillError            base class; the CLI turns it into a message and exit code 2
     ├── InputError           a user file is wrong; holds every Problem found, not only the first
     │    └── CatalogError    catalog/*.yaml
     ├── UsageError           the command was asked for something it cannot do: a wrong option or file
     │                        name, a path that cannot be read or written, no usable staff file
     └── SiteBuildError       MkDocs refused to build the site (its message names the cause)

A `Problem` names the file, the line, the key path, what was expected and what was found. Each has a stable
`code` so the browser can show the same problem in Thai from a message table.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    code: str
    message: str
    ctx: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DigiskillError(Exception):
    """Base class of every error digiskill raises on purpose."""

    exit_code = 2


class InputError(DigiskillError):
    """A user file is wrong. `problems` holds every problem found, sorted by file and line."""

    what = "input"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.path))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the {self.what}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class CatalogError(InputError):
    what = "catalog"


class UsageError(DigiskillError):
    """The command line was used in a way that cannot work: an option value or file name of the wrong kind, a path
    that does not exist or cannot be read or written, an output that already exists, or inputs with no usable staff
    file. The message names the path or option and what to do instead. (Was `ExportError`: it was never only about
    exports.)"""


class SiteBuildError(DigiskillError):
    """MkDocs refused to build the site; the message carries MkDocs' own explanation."""
