"""The site's default navigation (used when mkdocs.yml has no `nav:`). Unit and item pages are reached from domain,
role, matrix and item-index pages rather than listed, to keep the menu short."""
from __future__ import annotations

from ..model import Catalog
from .pages import domain_path, group_path, role_path

GUIDELINE = ["guideline/index.md", *(f"guideline/org-{n}.md" for n in range(1, 6)),
             *(f"guideline/ind-{n}.md" for n in range(1, 6)), "guideline/70-20-10.md", "guideline/smart-goals.md",
             "framework/index.md", "stages/index.md"]


def default_nav(catalog: Catalog, files) -> list:
    def present(paths):
        return [p for p in paths if files.get_file_from_path(p) is not None]

    sections = [
        ("หน้าแรก", ["index.md", "announcement/index.md"]),
        ("แนวทางการนำไปใช้", GUIDELINE),
        ("กลุ่มบุคลากร", ["groups/index.md", *(group_path(g.code) for g in catalog.groups)]),
        ("บทบาทที่คาดหวัง", ["roles/index.md", *(role_path(r) for r in catalog.roles)]),
        ("ทักษะ", ["skills/index.md", "matrix/index.md", *(domain_path(d.code) for d in catalog.domains),
                   "items/index.md"]),
        ("ประเมินตนเองและวางแผน", ["assessment/index.md", "supervisor/index.md", "gap-analysis/index.md", "tools/index.md",
                                   "forms/idp.md",
                                   "forms/org-plan.md"]),
        ("ข้อมูล", ["data/index.md", "about-data/index.md", "hosting.md"]),
    ]
    nav = []
    for title, paths in sections:
        found = present(paths)
        if len(found) == 1 and title == "หน้าแรก":  # no agency announcement: a plain link
            nav.append({title: found[0]})
        elif found:
            nav.append({title: found})
    return nav
