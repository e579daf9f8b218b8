"""The command line (`digiskill build | export | idp | aggregate | …`, in `commands`) and what only it needs: reading
staff files from disk in several processes (`staff_reading`), `aggregate` (`hr_commands`), an agency's files
(`agency_files`) and serving a built folder (`static_server`). The entry point: it may import every room and root
module; no other room imports it.
"""
from .commands import build_parser, build_site, main  # noqa: F401  (the entry point `digiskill.cli:main`)
