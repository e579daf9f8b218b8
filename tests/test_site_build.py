"""Real MkDocs builds of the default site: pages exist at stable URLs, links go both ways, nothing is broken."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from digiskill.cli import build_site, main
from digiskill.errors import SiteBuildError
from digiskill.site.thai_search import ZWSP
from linkcheck import broken_links, external_resources, parse


def links_of(page) -> set[str]:
    return {a["href"] for a in parse(page).select("article a[href]")}


def test_stable_urls(built_site, catalog):
    assert (built_site / "roles" / "a1" / "index.html").is_file()
    assert (built_site / "skills" / "dlit100" / "index.html").is_file()
    for role in catalog.roles:
        assert (built_site / "roles" / role.slug / "index.html").is_file()
    for unit in catalog.units:
        assert (built_site / "skills" / unit.slug / "index.html").is_file()
    assert (built_site / "items" / "k05" / "index.html").is_file()
    for item in catalog.items:
        assert (built_site / "items" / item.code.lower() / "index.html").is_file()
    for path in ["items", "groups/e", "domains/dlit", "matrix", "stages", "tools", "forms/idp", "forms/org-plan", "data",
                 "about-data", "framework", "guideline/org-1", "guideline/ind-5"]:
        assert (built_site / path / "index.html").is_file(), path


def test_every_role_links_to_its_units_and_back(built_site, catalog):
    for role in catalog.roles:
        hrefs = links_of(built_site / "roles" / role.slug / "index.html")
        for code in catalog.requirement(role.code).ability:
            assert f"../../skills/{code.lower()}/" in hrefs, (role.code, code)
    for unit in catalog.units:
        hrefs = links_of(built_site / "skills" / unit.slug / "index.html")
        for role in catalog.roles_needing_unit(unit.code):
            assert f"../../roles/{role.slug}/" in hrefs, (unit.code, role.code)


def test_every_item_has_a_page_that_links_to_its_roles_and_back(built_site, catalog):
    """K, X and AT items (#26): the page shows the text, component, status and source, and links to each role that
    needs the item; each role page links to the item's page."""
    role_links = {role.slug: links_of(built_site / "roles" / role.slug / "index.html") for role in catalog.roles}
    for item in catalog.items:
        page = parse(built_site / "items" / item.code.lower() / "index.html")
        text = page.select_one("article").get_text(" ")
        for shown in (item.code, item.title_th, item.title_en, item.description_th, item.source):
            assert shown in text, (item.code, shown)
        assert page.select_one(f".ds-badge--{item.status}"), item.code
        hrefs = {a["href"] for a in page.select("article a[href]")}
        for role in catalog.roles:
            needs = item.code in catalog.requirement(role.code).codes(item.component)
            assert (f"../../roles/{role.slug}/" in hrefs) == needs, (item.code, role.code)
            if needs:
                assert f"../../items/{item.code.lower()}/" in role_links[role.slug]
    index = links_of(built_site / "items" / "index.html")
    assert {f"{i.code.lower()}/" for i in catalog.items} <= index


def test_no_broken_internal_link_or_anchor(built_site):
    assert broken_links(built_site) == []


def test_no_resource_from_another_host(built_site):
    assert external_resources(built_site) == []


def test_provisional_items_carry_a_badge(built_site, catalog):
    a2 = parse(built_site / "roles" / "a2" / "index.html")
    behaviour = a2.select_one("#behaviour").find_next("span", class_="ds-badge")
    assert "provisional" in behaviour.get_text()
    a1 = parse(built_site / "roles" / "a1" / "index.html")
    assert "official" in a1.select_one("#behaviour").find_next("span", class_="ds-badge").get_text()
    assert a2.select(".ds-badge--provisional")  # items are provisional too


def test_unit_page_has_anchors_qr_copy_link_and_tpqi(built_site):
    page = parse(built_site / "skills" / "dlit100" / "index.html")
    for anchor in ("description", "roles", "aliases", "early", "developing", "mature"):
        assert page.find(id=anchor), anchor
    assert page.select_one(".ds-qr svg")
    assert page.select_one("button.ds-copy")
    assert page.select_one('a[href="https://tpqi-net.tpqi.go.th/qualifications/unitinfo/22810"]')


def test_role_page_has_an_anchor_per_component_and_neighbours(built_site):
    page = parse(built_site / "roles" / "a2" / "index.html")
    for anchor in ("ability", "knowledge", "experience", "attribute", "neighbours"):
        assert page.find(id=anchor), anchor
    hrefs = links_of(built_site / "roles" / "a2" / "index.html")
    assert "../a1/" in hrefs and "../a3/" in hrefs


def test_search_index_has_thai_words_separated(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    assert f"ความ{ZWSP}เสี่ยง" in text
    assert "DLit100" in text


def test_data_downloads_are_in_the_site(built_site):
    for name in ("catalog.json", "catalog.schema.json", "catalog.csv", "catalog.xlsx"):
        assert (built_site / "data" / name).stat().st_size > 100


def test_clauses_from_front_matter_are_listed(built_site):
    text = parse(built_site / "guideline" / "org-3" / "index.html").get_text()
    assert "ข้อ 4.8.1" in text and "ข้อ 4.8.4" in text


def test_thai_font_is_self_hosted(built_site):
    fonts = list((built_site / "assets" / "fonts").glob("*.woff2"))
    assert any("thai" in f.name for f in fonts)
    css = (built_site / "assets" / "digiskill" / "digiskill.css").read_text(encoding="utf-8")
    assert "../fonts/sarabun-thai-400-normal.woff2" in css


def test_broken_catalog_fails_the_build_with_the_catalog_message(tmp_path, capsys):
    project = tmp_path / "project"
    for name in ("catalog", "content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    roles = project / "catalog" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("    stage: early\n", "    stage: erly\n", 1),
                     encoding="utf-8")
    with pytest.raises(SiteBuildError) as caught:
        build_site(str(project / "mkdocs.yml"), str(tmp_path / "out"))
    assert "roles.yaml:" in str(caught.value) and "roles[E1].stage" in str(caught.value)
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--out", str(tmp_path / "out")]) == 2
    assert "'erly' is not a stage" in capsys.readouterr().err


def test_serve_watches_the_catalog_and_templates():
    from mkdocs.config import load_config

    from digiskill.site.plugin import DigiskillPlugin

    class FakeServer:
        def __init__(self):
            self.watched = []

        def watch(self, path):
            self.watched.append(path)

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, DigiskillPlugin))
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    assert {str(ROOT / "catalog"), str(ROOT / "site_templates")} <= set(server.watched)


def test_hosting_page_and_workflow(built_site):
    text = parse(built_site / "hosting" / "index.html").get_text()
    for needle in ("application/wasm", "nginx", "Apache", "IIS", "csp.txt", "digiskill serve --site",
                   "pyodide-lock.json"):  # files of two builds mixed: what to do
        assert needle in text, needle
    import yaml
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "scripts/setup" in steps and "digiskill build" in steps
    csp = (built_site / "csp.txt").read_text(encoding="utf-8")
    assert csp.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")


def test_hosting_names_what_each_github_pages_route_really_uses():
    """/hosting/'s GitHub Pages section: the agency project's route (`digiskill init`) names what its own workflow
    uses and no DIGISKILL_AGENCY, which only the kit's repository workflow reads (#25)."""
    page = (ROOT / "content" / "hosting.md").read_text(encoding="utf-8")
    section = page.split("## GitHub Pages", 1)[1].split("\n## ", 1)[0]
    project_route = next(b for b in section.split("\n- ") if "digiskill init" in b)
    kit_route = next(b for b in section.split("\n- ") if "คลังของชุดเครื่องมือ" in b)
    project_workflow = (ROOT / "site_templates" / "agency_project" / "pages.yml").read_text(encoding="utf-8")
    kit_workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "DIGISKILL_AGENCY" not in project_route and "DIGISKILL_AGENCY" not in project_workflow
    for used in ("wheels/", "digiskill validate --agency agency.yaml"):
        assert used in project_route and used in project_workflow, used
    assert "DIGISKILL_AGENCY" in kit_route and "DIGISKILL_AGENCY" in kit_workflow


def test_static_server_sends_the_types_pyodide_needs(site_url):
    import urllib.request

    for path, expected in [("assets/pyodide/pyodide.asm.wasm", "application/wasm"),
                           ("assets/pyodide/pyodide.mjs", "text/javascript"),
                           ("assets/fonts/sarabun-thai-400-normal.woff2", "font/woff2")]:
        with urllib.request.urlopen(site_url + path) as response:
            assert response.headers["Content-Type"] == expected, path
