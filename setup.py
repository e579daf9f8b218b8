"""The wheel's build step (everything else is in pyproject.toml).

A wheel must let an agency build its site with Python alone, so it carries the catalog, the default pages, the
templates, the Thai font, the Pyodide runtime and the browser's wheels. They stay where they are in the repository
(the source of truth); this build step copies exactly the files a build needs into `digiskill/_bundled/` of the
wheel, with their licences. `generator/digiskill/site/kit_files.py` lists them and is also what finds them at run
time, so the list lives in one place. Run `scripts/setup` first (the font and Pyodide come from `npm ci`, the browser
wheels from `pip download --require-hashes`); without it the build stops and says so.

An editable install (`pip install -e .`, as scripts/setup does) copies nothing: it reads the checkout's folders.
An sdist carries the same files in the checkout layout, so `python -m build` (sdist, then a wheel from it) works too.
"""
import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.errors import SetupError

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("kit_files", HERE / "generator" / "digiskill" / "site" / "kit_files.py")
kit_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit_files)


class BuildPyWithKit(build_py):
    """build_py, then copy the kit's data into the wheel's digiskill/_bundled/."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        try:
            kit_files.copy_kit(HERE, Path(self.build_lib) / "digiskill" / "_bundled")
        except kit_files.KitFilesMissing as err:
            raise SetupError(str(err)) from None


class SdistWithKit(sdist):
    """sdist, plus the kit's data files in their checkout layout (so a wheel can be built from the sdist)."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        try:
            sources = kit_files.kit_source_files(HERE)
        except kit_files.KitFilesMissing as err:
            raise SetupError(str(err)) from None
        for source in sources.values():
            target = Path(base_dir) / source.relative_to(HERE)
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))


setup(cmdclass={"build_py": BuildPyWithKit, "sdist": SdistWithKit})
