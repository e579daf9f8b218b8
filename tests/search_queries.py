"""The search query set (#26): what staff, supervisors, HR and trainers type into the site's search, each with the
page(s) that should come first. Used by tests/test_browser_search_ranking.py (real Chromium, the built site's own
search) and by bench/bench_search.py (the same queries against the lunr index and against Pagefind).

A query passes when one of its expected pages is among the first three distinct pages shown. Paths are relative to
the site's root, as the site's addresses are (/skills/<unit-code>/, /roles/<code>/, /items/<code>/)."""
from __future__ import annotations

# (who types it, the query, pages that should come first)
QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    # Staff: their own tool, in their words
    ("staff", "ประเมินตนเอง", ("assessment/",)),
    ("staff", "แผนพัฒนารายบุคคล", ("assessment/", "forms/idp/")),
    ("staff", "IDP", ("assessment/", "forms/idp/")),
    ("staff", "ร่าง IDP", ("assessment/", "forms/idp/")),
    ("staff", "ทบทวนความก้าวหน้า", ("assessment/", "guideline/ind-4/", "guideline/ind-5/")),
    ("staff", "ความเสี่ยง", ("skills/dg500/",)),
    ("staff", "สถาปัตยกรรมองค์กร", ("skills/dt200/", "skills/dg-exkt-012/", "items/k07/")),
    ("staff", "ความมั่นคงปลอดภัยไซเบอร์", ("items/k02/", "skills/dt500/")),
    ("staff", "วิเคราะห์ข้อมูล", ("items/k05/",)),
    ("staff", "ไร้กระดาษ", ("items/x01/",)),
    ("staff", "อีเมลหลอกลวง", ("items/k02/",)),                       # a word only the item's description holds
    ("trainer", "แผนรับมือ", ("skills/dt500/",)),                     # a word only the unit's description holds
    ("staff", "บทบาท A2", ("roles/a2/",)),
    ("staff", "ผู้บริหารระดับสูง", ("groups/e/",)),
    # Codes, as printed on handouts and forms
    ("staff", "DLit100", ("skills/dlit100/",)),
    ("staff", "dlit200", ("skills/dlit200/",)),
    ("trainer", "K05", ("items/k05/",)),
    ("trainer", "AT03", ("items/at03/",)),
    ("trainer", "X07", ("items/x07/",)),
    ("hr", "Org 3", ("guideline/org-3/",)),
    ("staff", "Ind 3", ("guideline/ind-3/",)),
    # Supervisors
    ("supervisor", "ความเห็นผู้บังคับบัญชา", ("supervisor/",)),
    ("supervisor", "เห็นชอบแผน IDP", ("supervisor/",)),
    ("supervisor", "ลงนาม", ("supervisor/",)),
    # HR
    ("hr", "วิเคราะห์ช่องว่าง", ("gap-analysis/",)),
    ("hr", "ภาพรวมหน่วยงาน", ("gap-analysis/",)),
    ("hr", "Gap Analysis", ("gap-analysis/",)),
    ("hr", "แผนระดับองค์กร", ("forms/org-plan/", "gap-analysis/", "guideline/org-3/")),
    ("hr", "ระยะพัฒนาการ", ("stages/",)),
    ("hr", "กลุ่มบุคลากร", ("groups/",)),
    ("hr", "ตาราง บทบาท หน่วยความสามารถ", ("matrix/",)),
    ("hr", "ดาวน์โหลดข้อมูล CSV", ("data/",)),
    ("hr", "ข้อมูลทางการ ร่าง", ("about-data/",)),
    ("hr", "application/wasm", ("hosting/",)),
    # Trainers
    ("trainer", "70:20:10", ("guideline/70-20-10/", "tools/")),
    ("trainer", "SMART", ("guideline/smart-goals/",)),
    ("trainer", "เครื่องมือการพัฒนา", ("tools/",)),
    ("trainer", "สอนงาน", ("items/x07/", "tools/")),
    ("trainer", "นวัตกรรมบริการ", ("skills/ds300/", "skills/ds500/")),
    ("trainer", "Digital DNA", ("skills/dl100/",)),
    ("trainer", "ข้อตกลงระดับการให้บริการ", ("skills/cec-acjv-037/",)),
    ("trainer", "Minimum Viable Service", ("skills/ds500/",)),
    ("trainer", "Enterprise Architecture", ("skills/dt200/",)),
]

# Queries whose expected page must be first: a description word above the pages that only list it, a code, the
# words people use for a tool.
MUST_BE_FIRST = ["อีเมลหลอกลวง", "K05", "DLit100", "ประเมินตนเอง", "ความเห็นผู้บังคับบัญชา", "วิเคราะห์ช่องว่าง",
                 "ภาพรวมหน่วยงาน"]

# An agency build (examples/agencies/developing-data): the agency's added unit comes first for its own title words.
AGENCY_QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("staff", "บัญชีข้อมูล", ("skills/bcy-data-001/",)),
    ("staff", "จัดทำบัญชีข้อมูลของกอง", ("skills/bcy-data-001/",)),
]
