"""The MkDocs adapter: the only module that knows MkDocs. Loads the catalog on every build, adds the generated pages,
assets and downloads, and makes Thai search work. The page logic itself lives in `pages.py`."""
from __future__ import annotations

import logging
from pathlib import Path

import jinja2

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .browser_bundle import bundle
from . import pages
from .build_cache import BuildCache, source_of
from .csp import write_csp
from .kit_files import kit_path, project_catalog
from .precompress import precompress
from ..errors import DigiskillError
from ..catalog.loader import load_catalog
from ..catalog.agency import read_agency
from ..catalog.messages import warning_lines
from .navigation import default_nav
from .pages import guideline_page, render_pages, site_context, template_environment
from .qr import points_to_this_computer
from .site_assets import data_files, font_files, static_files
from .thai_search import segment_search_index

log = logging.getLogger("mkdocs.plugins.digiskill")
# Advice that must not fail a strict build (the default mkdocs.yml is strict and points to this computer).
advice = logging.getLogger("digiskill.build")


class DigiskillConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""
    catalog_dir = c.Optional(c.Dir(exists=True))
    """The catalog folder (YAML), relative to mkdocs.yml. Default: `catalog/` beside mkdocs.yml if there is one, else
    the kit's (the checkout's or the installed package's)."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """Templates of the generated pages (`pages/`), Material overrides (`overrides/`) and the site's CSS/JS
    (`assets/`). Default: the kit's."""
    node_modules_dir = c.Optional(c.Type(str))
    """Where `npm ci` installed the pinned Thai font and Pyodide, relative to mkdocs.yml. Default: the kit's."""
    browser_wheels_dir = c.Optional(c.Type(str))
    """Where scripts/setup downloaded the hash-pinned wheels the browser's Python needs (openpyxl), relative to
    mkdocs.yml. Default: the kit's."""
    changelog_file = c.Optional(c.Type(str))
    """Changelog whose "Catalog content" sections appear on the data page. Default: the kit's."""
    agency_file = c.Optional(c.Type(str))
    """An agency settings file (agency.yaml) laid over the catalog, relative to mkdocs.yml. `digiskill build
    --agency FILE` sets it for one build."""
    thai_search = c.Type(bool, default=True)
    """Segment Thai words in the search index so that words in the middle of a sentence are found."""


class DigiskillPlugin(BasePlugin[DigiskillConfig]):
    def on_config(self, config, **kwargs):
        if not self.config.enabled:
            return config
        self.locate_kit_files(config)
        self.use_kit_overrides(config)
        try:
            catalog = self.base_catalog = load_catalog(self.catalog_dir)  # reloaded on every build (serve)
            if self.config.agency_file:
                catalog, leftovers = read_agency(self.root / self.config.agency_file, catalog)
                for line in warning_lines(leftovers):  # as `digiskill validate` says them; they do not stop the build
                    advice.warning(line)
        except DigiskillError as err:
            raise PluginError(str(err)) from err
        self.catalog = catalog
        if points_to_this_computer(config.site_url or ""):
            advice.warning("site_url is %s: the QR codes on unit pages will only open on this computer; set site_url "
                           "in mkdocs.yml or build with `digiskill build --site-url URL` (where the site will be "
                           "hosted) before printing handouts", config.site_url)
        if catalog.agency:
            config.site_name = f"{catalog.agency.name_th} · ทักษะด้านดิจิทัล"
            if catalog.agency.logo:
                config.theme["logo"] = f"assets/agency/{Path(catalog.agency.logo).name}"
        config.extra_css.append("assets/digiskill/digiskill.css")
        config.extra_javascript.append("assets/digiskill/digiskill.js")
        return config

    def locate_kit_files(self, config) -> None:
        """Each folder the build reads: the one set in mkdocs.yml, else the kit's (see kit_files.py)."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        option = self.config
        self.catalog_dir = Path(option.catalog_dir) if option.catalog_dir else project_catalog(self.root)
        self.templates_dir = Path(option.templates_dir) if option.templates_dir else kit_path("site_templates")
        self.node_modules_dir = self.root / option.node_modules_dir if option.node_modules_dir \
            else kit_path("node_modules")
        self.browser_wheels_dir = self.root / option.browser_wheels_dir if option.browser_wheels_dir \
            else kit_path("browser_wheels")
        self.changelog_file = self.root / option.changelog_file if option.changelog_file else kit_path("CHANGELOG.md")
        self.cache = BuildCache(self.root / ".cache")

    def use_kit_overrides(self, config) -> None:
        """Put the kit's Material overrides (the template of the pages that load Python) right after the site's own
        custom_dir, so an agency's mkdocs.yml needs no path into the installed package."""
        overrides = (self.templates_dir / "overrides").resolve()
        dirs = config.theme.dirs
        if not any(Path(d).resolve() == overrides for d in dirs):
            dirs.insert(1 if config.theme.custom_dir else 0, str(overrides))

    def kit_pages(self, files: Files, config) -> None:
        """The kit's default prose pages (guideline, hosting, home); a page at the same path in docs_dir wins."""
        content = kit_path("content")
        for source in sorted(content.rglob("*")):
            path = source.relative_to(content).as_posix()
            if source.is_file() and not source.name.startswith(".") and files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        catalog = self.catalog
        try:
            fonts = font_files(self.node_modules_dir)
            python_copies, python_files = bundle(self.node_modules_dir, self.browser_wheels_dir)
        except DigiskillError as err:
            raise PluginError(str(err)) from err
        self.kit_pages(files, config)
        templates = self.templates_dir
        env = self.env = template_environment([templates / "pages"], self.cache.template_bytecode(
            [source_of(pages), jinja2.__version__.encode()]))
        extra = site_context(catalog, config.site_url or "", self.changelog_file, self.cache)
        for path, markdown in render_pages(catalog, env, extra, self.base_catalog).items():
            if files.get_file_from_path(path) is None:  # a hand-written page in content/ wins
                files.append(File.generated(config, path, content=markdown))
        for path, content in {**data_files(catalog, self.cache), **python_files}.items():
            files.append(File.generated(config, path, content=content))
        agency_files = {}
        if catalog.agency and catalog.agency.logo:
            logo = (self.root / self.config.agency_file).parent / catalog.agency.logo
            agency_files[f"assets/agency/{logo.name}"] = logo
        for path, source in {**static_files(templates), **fonts, **python_copies, **agency_files}.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        if config.nav is None:
            config.nav = default_nav(catalog, files)
        return files

    def on_pre_build(self, *, config) -> None:
        self.search_keywords: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """A page's `search_keywords` (the words people use for a tool) go into the search index (thai_search.py).
        Guideline pages name their step (`step: org-1`) and the clauses they rest on (`clauses: ["4.6.2"]`) in
        front matter: show the step's official title and list the clauses (pages.guideline_page)."""
        if self.config.enabled and page.meta.get("search_keywords"):
            self.search_keywords[page.url] = [str(k) for k in page.meta["search_keywords"]]
        if not self.config.enabled or not ({"step", "clauses"} & set(page.meta)):
            return markdown
        markdown, problems = guideline_page(self.catalog, self.env, page.file.src_uri, markdown,
                                            page.meta.get("step"), page.meta.get("clauses") or [])
        for problem in problems:
            log.warning("%s: %s", page.file.src_path, problem)
        return markdown

    @event_priority(-100)  # after the search plugin has written search_index.json and every page is written
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        if not segment_search_index(Path(config.site_dir), self.search_keywords, self.config.thai_search):
            log.warning("no search/search_index.json: the site's search needs the 'search' plugin")
        write_csp(Path(config.site_dir))
        precompress(Path(config.site_dir), self.cache)
        self.cache.prune()

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            self.locate_kit_files(config)
            for folder in (self.catalog_dir, self.templates_dir):
                server.watch(str(folder))
            if self.config.agency_file:
                server.watch(str((self.root / self.config.agency_file).parent))
        return server

