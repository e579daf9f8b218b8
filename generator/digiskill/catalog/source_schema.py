"""JSON Schemas of the catalog's YAML source files, one per file.

Validation uses the `jsonschema` library; `x-expected` and `x-expected-th` are our own keywords (ignored by
jsonschema) holding the plain-words description that error messages show, e.g. "a unit code such as 'DLit100'" (and
its Thai, which the agency file's messages show: catalog/messages.py).
"""
from __future__ import annotations

THAI_LETTER = "[\u0e00-\u0e7f]"


def text(expected: str = "text", expected_th: str = "ข้อความ") -> dict:
    return {"type": "string", "pattern": r"\S", "x-expected": expected, "x-expected-th": expected_th}


def thai(expected: str = "Thai text", expected_th: str = "ข้อความภาษาไทย") -> dict:
    return {"type": "string", "pattern": THAI_LETTER, "x-expected": expected, "x-expected-th": expected_th}


def code(pattern: str, expected: str, expected_th: str = "รหัสที่ถูกต้อง") -> dict:
    return {"type": "string", "pattern": pattern, "x-expected": expected, "x-expected-th": expected_th}


def one_of(*values: str) -> dict:
    return {"enum": list(values)}


def list_of(schema: dict, min_items: int = 0) -> dict:
    return {"type": "array", "items": schema, "minItems": min_items}


def record(required: dict, optional: dict | None = None) -> dict:
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
        "additionalProperties": False,
    }


STATUS = one_of("official", "provisional")
SOURCE = text("where this comes from: a seed section such as \"seed: Org 1.3\", or a URL")
PROVENANCE = {"source": SOURCE, "status": STATUS}
URL = code(r"^https?://\S+$", "a web address starting with http:// or https://",
           "ที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https://")
SLUG = code(r"^[a-z][a-z0-9-]*$", "a short code in lower-case letters, digits and '-' (e.g. \"early\")",
            "รหัสสั้นตัวพิมพ์เล็ก เช่น \"early\"")
GROUP_CODE = code(r"^[A-Z]$", "a group code: one capital letter such as \"A\"",
                  "รหัสกลุ่ม: อักษรตัวใหญ่ 1 ตัว เช่น \"A\"")
ROLE_CODE = code(r"^[A-Z][0-9]$", "a role code: a group letter and a stage number such as \"A1\"",
                 "รหัสบทบาท: อักษรกลุ่มและเลขระยะ เช่น \"A1\"")
UNIT_CODE = code(r"^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$",
                 "a unit code such as \"DLit100\" or \"CEC-AMHU-031\" (letters, digits and '-')",
                 "รหัสหน่วยความสามารถ เช่น \"DLit100\" หรือ \"KTY-DATA-001\" (ตัวอักษร ตัวเลข และ -)")
DOMAIN_CODE = code(r"^[A-Za-z]+$", "a domain code such as \"DLit\"", "รหัสด้าน เช่น \"DLit\"")
ITEM_CODE = code(r"^[A-Z]+[0-9]+$", "an item code such as \"K01\"")
COMPONENT = one_of("ability", "knowledge", "experience", "attribute")
ISO_DATE = code(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date in quotes as \"YYYY-MM-DD\" (Gregorian), e.g. \"2017-09-26\"")
TITLES = {"title_th": thai(), "title_en": text("an English title")}
CORRECTION = record({"seed_th": thai("the seed's text exactly as printed"),
                     "note_th": thai("what the project changed and why, in Thai")})
OTHER_NAMES = list_of(record({**TITLES, "source": SOURCE}))
CONCEPT = record({"code": SLUG, **TITLES, **PROVENANCE}, {"description_th": thai()})

FRAMEWORK = record({
    "framework": record({
        "id": SLUG,
        "data_version": text("a version in quotes, e.g. \"2561.1\""),
        **TITLES,
        "publisher_th": thai(),
        "publisher_en": text(),
        **PROVENANCE,
    }),
    "instruments": list_of(record({
        "id": SLUG, **TITLES, "date": ISO_DATE,
        "clauses": list_of(record({"number": text("a clause number in quotes, e.g. \"4.6.1\""),
                                   "summary_th": thai(), "source": SOURCE}, {"correction": CORRECTION}), 1),
        **PROVENANCE,
    }), 1),
    "traits": list_of(CONCEPT, 1),
    "components": list_of(CONCEPT, 1),
    "learning_model": record({
        **TITLES, "description_th": thai(),
        "parts": list_of(record({
            "share": {"type": "integer", "minimum": 0, "maximum": 100, "x-expected": "a whole number from 0 to 100"},
            "code": code(r"^[0-9]+$", "the share as text, e.g. \"70\""),
            **TITLES,
        }), 1),
        **PROVENANCE,
    }),
    "development_themes": list_of(CONCEPT, 1),
    "learning_sources": list_of(record({"code": SLUG, **TITLES, "url": URL, **PROVENANCE})),
    "steps": list_of(CONCEPT, 1),
})

STAGES = record({
    "stages": list_of(record({
        "code": SLUG,
        "letter": GROUP_CODE | {"x-expected": "one capital letter such as \"E\""},
        "number": {"type": "integer", "minimum": 1, "maximum": 9, "x-expected": "a whole number such as 1"},
        **TITLES, "description_th": thai(), "example_th": thai(), **PROVENANCE,
    }, {"government_model_en": text(), "other_names": OTHER_NAMES}), 1),
})

GROUPS = record({
    "groups": list_of(record({
        "code": GROUP_CODE, **TITLES, "definition_th": thai(),
        "example_positions_th": list_of(thai()), **PROVENANCE,
    }, {"other_names": OTHER_NAMES}), 1),
    "classification_rules": list_of(record({
        "code": SLUG,
        "order": {"type": "integer", "minimum": 1, "x-expected": "a whole number such as 1"},
        **TITLES, "description_th": thai(), "example_th": {"type": "string", "x-expected": "text (may be empty)"},
        **PROVENANCE,
    })),
})

ROLES = record({
    "roles": list_of(record({
        "code": ROLE_CODE, "group": GROUP_CODE, "stage": SLUG, **TITLES,
        "behaviour": record({"text_th": thai(), **PROVENANCE}),
        **PROVENANCE,
    }, {"correction": CORRECTION}), 1),
})

DOMAINS = record({
    "domains": list_of(record({
        "code": DOMAIN_CODE, **TITLES, "description_th": thai(),
        "unknown_codes": list_of(UNIT_CODE), **PROVENANCE,
    }), 1),
})

UNITS = record({
    "domain": DOMAIN_CODE,
    "units": list_of(record({
        "code": UNIT_CODE, **TITLES, "description_th": thai(),
        "groups": list_of(GROUP_CODE),
        "aliases": list_of(record({"scheme": one_of("tpqi", "ocsc-unconfirmed")}, {"code": UNIT_CODE, "url": URL})),
        **PROVENANCE,
    }, {"note_th": thai()}), 1),
})

ITEMS = record({
    "items": list_of(record({
        "code": ITEM_CODE, "component": one_of("knowledge", "experience", "attribute"),
        **TITLES, "description_th": thai(), **PROVENANCE,
    }), 1),
})

REQUIREMENT = record({
    "ability": list_of(UNIT_CODE),
    "knowledge": list_of(ITEM_CODE),
    "experience": list_of(ITEM_CODE),
    "attribute": list_of(ITEM_CODE),
    **PROVENANCE,
})

REQUIREMENTS = record({
    "rule_th": thai(),
    "requirements": {
        "type": "object",
        "propertyNames": ROLE_CODE,
        "additionalProperties": REQUIREMENT,
        "minProperties": 1,
        "x-expected": "a block with one entry per role code",
    },
})

DEVELOPMENT = record({
    "tools": list_of(record({
        "code": SLUG, "part": code(r"^[0-9]+$", "a 70:20:10 part in quotes: \"70\", \"20\" or \"10\""),
        **TITLES, "description_th": thai(), "suits": list_of(COMPONENT, 1), **PROVENANCE,
    }), 1),
})

FORM = record({
    **TITLES,
    "sections": list_of(record({
        "code": SLUG, **TITLES,
        "fields": list_of(record({
            "code": code(r"^[a-z][a-z0-9_]*$", "a field code in lower-case letters, digits and '_'"),
            "kind": one_of("text", "longtext", "date", "choice", "list", "number"),
            **TITLES,
        }), 1),
    }), 1),
    **PROVENANCE,
})

FORMS = record({"idp": FORM, "org_plan": FORM})

BE_YEAR = {"type": "integer", "minimum": 2500, "maximum": 2700,
           "x-expected": "a Buddhist-era year as a number, e.g. 2570",
           "x-expected-th": "ปี พ.ศ. เป็นตัวเลข เช่น 2570"}

AGENCY = record({
    "agency": record({"name_th": thai(), "short_name": text("a short name, e.g. \"กพร.\"", "ชื่อย่อ เช่น \"กพร.\"")},
                     {"name_en": text(), "logo": text("a logo file next to agency.yaml, e.g. \"logo.svg\"",
                                                        "ชื่อไฟล์โลโก้ข้างไฟล์ agency.yaml เช่น \"logo.svg\""),
                      "contact_th": thai()}),
    "target_stage": SLUG | {"x-expected": "a stage code: early, developing or mature",
                            "x-expected-th": "รหัสระยะพัฒนาการ: early, developing หรือ mature"},
    "target_year": BE_YEAR,
    "vision_th": thai(),
}, {
    "goals": list_of(record({
        "horizon": {"enum": [1, 3, 5]},
        "trait": SLUG | {"x-expected": "a digital-government trait code (framework.yaml traits)",
                         "x-expected-th": "รหัสเป้าหมายรัฐบาลดิจิทัล: open-connected, smart-citizen หรือ digital-culture"},
        "text_th": thai(),
    })),
    "themes": list_of(record({"year": BE_YEAR, "title_th": thai(), "units": list_of(UNIT_CODE, 1)},
                             {"groups": list_of(GROUP_CODE, 1)})),
    "added_units": list_of(record({
        "code": UNIT_CODE, "domain": DOMAIN_CODE, **TITLES, "description_th": thai(),
        "roles": list_of(ROLE_CODE, 1),
    }, {"source": SOURCE})),
    "removed_units": list_of(UNIT_CODE),
    "replaced_units": list_of(record({"old": UNIT_CODE, "new": UNIT_CODE})),
    "role_changes": {
        "type": "object", "propertyNames": ROLE_CODE, "minProperties": 1,
        "additionalProperties": record({"behaviour_th": thai()}),
        "x-expected": "a block with one entry per role code", "x-expected-th": "กลุ่มคีย์ที่ใช้รหัสบทบาทเป็นคีย์",
    },
    "item_changes": {
        "type": "object", "propertyNames": ITEM_CODE, "minProperties": 1,
        "additionalProperties": record({"title_th": thai()}, {"title_en": text(), "description_th": thai()}),
        "x-expected": "a block with one entry per knowledge, experience or attribute item code (K01, X01, AT01)",
        "x-expected-th": "กลุ่มคีย์ที่ใช้รหัสรายการความรู้ ประสบการณ์ หรือคุณลักษณะ (K01, X01, AT01) เป็นคีย์",
    },
    "learning_links": {
        "type": "object", "propertyNames": UNIT_CODE, "minProperties": 1,
        "additionalProperties": list_of(record({"title_th": thai(), "url": URL}), 1),
        "x-expected": "a block with one entry per unit code",
        "x-expected-th": "กลุ่มคีย์ที่ใช้รหัสหน่วยความสามารถเป็นคีย์",
    },
    "divisions": list_of(thai("a division's name in Thai, e.g. \"กองกลาง\"", "ชื่อส่วนราชการภาษาไทย เช่น \"กองกลาง\""), 1),
    "announcement": record({
        "title_th": thai("the announcement's Thai title", "ชื่อประกาศภาษาไทย"),
        "date": code(r"^2[5-6][0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
                     "the date signed, in quotes as \"YYYY-MM-DD\" with the Buddhist-era year, e.g. \"2569-11-15\"",
                     "วันที่ลงนามในเครื่องหมายคำพูด แบบ \"ปปปป-ดด-วว\" ปี พ.ศ. เช่น \"2569-11-15\""),
        "number": text("its reference number, e.g. \"12/2569\"", "เลขที่ประกาศ เช่น \"12/2569\""),
    }),
    "adopt": {"anyOf": [{"enum": ["all"]}, list_of(ROLE_CODE, 1)],
              "x-expected": "all, or a list of role codes such as [A1, S2]",
              "x-expected-th": "all หรือรายการรหัสบทบาท เช่น [A1, S2]"},
    "privacy_threshold": {"type": "integer", "minimum": 5, "maximum": 100,
                          "x-expected": "a whole number of staff from 5 to 100 (figures from fewer staff show as "
                                        "\"< N\"; 5 is the least)",
                          "x-expected-th": "จำนวนบุคลากรเป็นตัวเลข 5 ถึง 100"},
})

ANY_CODE = code(r"^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$", "a unit or item code such as \"DLit100\" or \"K01\"")
CHANGES = record({
    "changes": list_of(record({
        "from": text("the older data version in quotes, e.g. \"2561.1\""),
        "to": text("the newer data version in quotes, e.g. \"2561.2\""),
        "source": SOURCE,
    }, {
        "renamed": list_of(record({"old": ANY_CODE, "new": ANY_CODE})),
        "removed": list_of(ANY_CODE),
        "added": list_of(ANY_CODE),
        "note_th": thai(),
    })),
})

# File name -> schema. Unit files (units/*.yaml) share UNITS.
FILES = {
    "framework.yaml": FRAMEWORK,
    "stages.yaml": STAGES,
    "groups.yaml": GROUPS,
    "roles.yaml": ROLES,
    "domains.yaml": DOMAINS,
    "items.yaml": ITEMS,
    "requirements.yaml": REQUIREMENTS,
    "development.yaml": DEVELOPMENT,
    "forms.yaml": FORMS,
    "changes.yaml": CHANGES,
}
