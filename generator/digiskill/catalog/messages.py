"""What the checks of YAML files say in Thai, for the agency's settings file (agency.yaml), whose reader is an
agency's IT or HR officer: its comments are Thai, so are its messages (with the English beside them for the CLI's
logs, as the answers-file checker does: core/answers/messages.py).

Each problem keeps its English `message` (written where it is found) and carries the facts of its `ctx`; the Thai is
`MESSAGES_TH[code]` (or `MESSAGES_TH["code.kind"]` for a variant) filled from those facts. A problem whose facts are
missing still gets a Thai sentence: the code's `GENERIC_TH`, never raw Python or PyYAML text.
"""
from __future__ import annotations

from ..errors import Problem

MESSAGES_TH = {
    "missing_file": "ไม่พบไฟล์นี้ ตรวจชื่อไฟล์และโฟลเดอร์ (สร้างไฟล์ตั้งต้นได้ด้วยคำสั่ง digiskill new-agency)",
    "missing_file.logo": "ไม่พบไฟล์โลโก้ '{logo}' ในโฟลเดอร์เดียวกับไฟล์ตั้งค่า วางไฟล์โลโก้ไว้ข้างไฟล์นี้ "
                         "หรือแก้ชื่อให้ตรงกับไฟล์",
    "not_utf8": "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (ไบต์ที่ {position}) เปิดไฟล์ในโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่แบบ UTF-8",
    "empty_file": "ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล เริ่มจากไฟล์ตั้งต้นที่ได้จากคำสั่ง digiskill new-agency",
    "yaml_syntax": "อ่านไฟล์ตามรูปแบบ YAML ไม่ได้ที่บรรทัดนี้ ตรวจการย่อหน้า (ใช้ช่องว่าง ไม่ใช้แท็บ) "
                   "เครื่องหมาย : และเครื่องหมายคำพูดให้ครบคู่",
    "yaml_syntax.indent": "การย่อหน้าไม่ตรงกับบรรทัดก่อนหน้า ให้ย่อหน้าด้วยช่องว่างเท่ากันกับคีย์อื่นในระดับเดียวกัน "
                          "(ไม่ใช้แท็บ)",
    "yaml_syntax.deeper": "บรรทัดนี้ย่อหน้าลึกกว่าคีย์อื่นในระดับเดียวกัน (หรือมีเครื่องหมาย : ในที่ที่ใช้ไม่ได้) "
                          "ให้ย่อหน้าด้วยช่องว่างเท่ากันกับบรรทัดก่อนหน้า (ไม่ใช้แท็บ)",
    "yaml_syntax.colon": "ข้อความมีเครื่องหมาย ': ' ซึ่ง YAML อ่านเป็นคีย์ใหม่ ให้ครอบทั้งข้อความด้วยเครื่องหมายคำพูด "
                         "เช่น \"ภายในปี 2571: …\"",
    "yaml_syntax.tab": "ใช้แท็บ (Tab) ย่อหน้า ซึ่ง YAML ไม่รับ ให้ลบแท็บแล้วย่อหน้าด้วยช่องว่าง (เว้นวรรค) แทน",
    "yaml_syntax.quote": "เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่ได้ปิด ให้ใส่เครื่องหมายคำพูดปิด ({quote}) ท้ายข้อความ",
    "yaml_syntax.bracket": "วงเล็บ {open} ที่เปิดในบรรทัดนี้ไม่ได้ปิด หรือรายการขาดเครื่องหมายจุลภาค ให้ปิดด้วย {close} "
                           "และคั่นแต่ละรายการด้วย ,",
    "yaml_syntax.char": "มีอักขระที่ใช้ในไฟล์ YAML ไม่ได้ (รหัส #x{char}) ลบอักขระนั้นออกแล้วบันทึกใหม่",
    "duplicate_key": "คีย์ '{key}' ซ้ำในกลุ่มเดียวกัน (ครั้งแรกที่บรรทัด {first}) ให้เหลือไว้เพียงอันเดียว",
    "key_not_text": "ชื่อคีย์ต้องเป็นข้อความ แต่พบ {found_th}",
    "unknown_key": "ไม่รู้จักคีย์ '{key}'{hint_th}",
    "missing_key": "ขาดคีย์ '{key}' ซึ่งต้องมี เพิ่มบรรทัด {key}: ในตำแหน่งนี้",
    "bad_key": "คีย์ต้องเป็น{expected_th} แต่พบ {found_th}",
    "wrong_type": "ค่านี้ต้องเป็น{expected_th} แต่พบ {found_th}{tip_th}",
    "not_allowed": "ค่านี้ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {allowed} แต่พบ {found_th}",
    "bad_value": "ค่านี้ต้องเป็น{expected_th} แต่พบ {found_th}",
    "empty": "ต้องมีอย่างน้อย {least} รายการ แต่ไม่มีเลย",
    "out_of_range": "ค่านี้ต้องเป็น{expected_th} แต่พบ {found_th}",
    "unknown_reference": "ไม่มี{what_th} '{value}' ใน{where_th}{hint_th}",
    "duplicate_code": "รหัสหน่วยความสามารถ '{value}' มีอยู่แล้ว ตั้งรหัสของหน่วยงานเองที่ไม่ซ้ำ",
    "duplicate_code.division": "ส่วนราชการ '{value}' ซ้ำ (ครั้งแรกที่ divisions[{first}]) ใส่แต่ละชื่อครั้งเดียว",
    "no_units": "เมื่อตัดหน่วยเหล่านี้แล้ว บทบาท {role} ไม่เหลือหน่วยความสามารถที่ต้องมีเลย ตัดให้น้อยลง "
                "หรือเพิ่มหน่วยของหน่วยงาน (added_units) ให้บทบาทนี้",
    "needs_announcement": "การประกาศใช้ร่าง (adopt) ต้องมีประกาศของหน่วยงานเป็นที่มา เพิ่ม announcement: "
                          "พร้อม title_th, date และ number",
    # warnings (catalog/leftovers.py): the file is used, and the agency told what is still the template's
    "template_leftover.name": "ยังเป็นค่าตัวอย่างจากไฟล์ตั้งต้น ('{value}') ใส่ของหน่วยงานเอง",
    "template_leftover.vision": "วิสัยทัศน์ยังเป็นข้อความตัวอย่างจากไฟล์ตั้งต้น เขียนวิสัยทัศน์ของหน่วยงานเอง",
    "template_leftover.goal": "เป้าหมายนี้ยังเป็นข้อความตัวอย่างจากไฟล์ตั้งต้น เขียนเป้าหมายของหน่วยงานเอง",
    "template_leftover.theme_year": "จุดเน้นปี {year} อยู่ก่อนปีงบประมาณปัจจุบัน ({current}) เว็บไซต์จะแสดงว่า "
                                    "\"จุดเน้นปี {year}\" แก้เป็นปีปัจจุบันหรือปีถัดไป หรือลบจุดเน้นนี้",
    "template_leftover.target_year": "ปีเป้าหมาย {year} อยู่ก่อนปีงบประมาณปัจจุบัน ({current}) ตั้งปีที่ยังมาไม่ถึง",
    "template_leftover.example_link": "{value} เป็นที่อยู่ตัวอย่าง ใส่ที่อยู่จริงของหน่วยงาน",
}
GENERIC_TH = "ค่านี้ไม่ถูกต้อง ดูคำอธิบายภาษาอังกฤษในบรรทัดถัดไป"

WHAT_TH = {"unit": "หน่วยความสามารถ", "role": "บทบาท", "stage": "ระยะพัฒนาการ", "group": "กลุ่มบุคลากร",
           "trait": "เป้าหมายรัฐบาลดิจิทัล", "domain": "ด้าน", "item": "รายการทักษะ",
           "K/X/AT item": "รายการความรู้ ประสบการณ์ หรือคุณลักษณะ", "70:20:10 part": "ส่วนของ 70:20:10"}
WHERE_TH = {"the catalog": "แคตตาล็อก", "the catalog (after the agency's changes)": "แคตตาล็อก (หลังการเพิ่มและตัดของหน่วยงาน)",
            "the catalog or added_units": "แคตตาล็อกหรือ added_units"}

# jsonschema types in plain Thai: what a value should have been
TYPES_TH = {"string": "ข้อความ", "integer": "ตัวเลขจำนวนเต็ม", "number": "ตัวเลข", "array": "รายการ",
            "object": "กลุ่มคีย์", "boolean": "ค่าใช่หรือไม่ใช่"}


def describe_th(value: object) -> str:
    """What a YAML value was read as, in plain Thai (the Thai of yamlsource.describe)."""
    if value is None:
        return "ค่าว่าง (ไม่มีข้อมูล)"
    if isinstance(value, bool):
        return f"ค่าใช่/ไม่ใช่ ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"ตัวเลข {value}"
    if isinstance(value, str):
        return f"ข้อความ '{value}'" if value.strip() else "ข้อความว่าง"
    if isinstance(value, list):
        return "รายการ"
    if isinstance(value, dict):
        return "กลุ่มคีย์"
    return f"ค่า {value}"


def hint_th(guess: str | None, known: list | None = None) -> str:
    """'did you mean' in Thai, else the known codes when they are few."""
    if guess:
        return f" หมายถึง '{guess}' หรือไม่"
    if known:
        return f" (ที่ใช้ได้: {', '.join(str(k) for k in known)})"
    return ""


def message_th(problem: Problem) -> str:
    ctx = problem.ctx
    template = MESSAGES_TH.get(f"{problem.code}.{ctx.get('kind')}") or MESSAGES_TH.get(problem.code)
    if template is None:
        return GENERIC_TH
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):  # a producer that gave no facts: the plain sentence of its kind
        return GENERIC_TH


def report_th_en(what_th: str, what_en: str, problems: list[Problem]) -> str:
    """Every problem in Thai (file, line, key path) then in English (file:line: path: message, as the other
    reports, so a log searched for 'agency.yaml:12:' finds it)."""
    count = len(problems)
    head = f"พบปัญหา {count} รายการใน{what_th} ({count} problem{'s' if count != 1 else ''} in the {what_en}):"
    lines = [head]
    for p in problems:
        where = f"{p.file} บรรทัด {p.line}" if p.line else p.file
        lines.append(f"  {where}: {p.path + ': ' if p.path else ''}{message_th(p)}")
        lines.append(f"    {p}")
    return "\n".join(lines)


def warning_lines(problems: list[Problem]) -> list[str]:
    """Each warning in Thai, then in English (as `report_th_en`), for the CLI and the build's log."""
    lines = []
    for p in problems:
        where = f"{p.file} บรรทัด {p.line}" if p.line else p.file
        lines.append(f"คำเตือน (warning): {where}: {p.path + ': ' if p.path else ''}{message_th(p)}\n    {p}")
    return lines
