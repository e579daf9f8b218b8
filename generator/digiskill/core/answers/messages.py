"""What the answers-file checker says, in English (CLI, logs) and Thai (the pages, the gap-analysis reasons).

Each problem or warning has a stable code; {…} placeholders come from the problem's context. Thai messages never carry
raw Python exception text. README "Answers file: what each kind of bad file gets" lists them for users.
"""
from __future__ import annotations

MESSAGES = {  # code: (English, Thai)
    "unreadable": ("cannot read the file ({detail})", "เปิดอ่านไฟล์ไม่ได้ ({detail_th})"),
    "empty_file": ("the file is empty", "ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล"),
    "too_large": ("the file is {size:,} bytes; an answers file is at most {limit:,} bytes",
                  "ไฟล์ใหญ่เกินไป ({size:,} ไบต์) ไฟล์ผลการประเมินต้องไม่เกิน {limit:,} ไบต์"),
    "not_text": ("the file is not UTF-8 text and not Thai TIS-620 either (byte {position})",
                 "อ่านไฟล์เป็นข้อความไม่ได้: ไม่ใช่ UTF-8 และไม่ใช่รหัสภาษาไทย TIS-620 (ไบต์ที่ {position})"),
    "truncated": ("the file is incomplete: it stops at byte {position} before its end (a download or copy that did "
                  "not finish); ask for a new copy",
                  "ไฟล์นี้ไม่ครบ ถูกตัดจบกลางทางที่ไบต์ที่ {position} (ดาวน์โหลดหรือคัดลอกไม่เสร็จ) "
                  "ขอสำเนาใหม่จากเจ้าของไฟล์"),
    "not_json": ("not JSON: {detail} at line {line}, column {column}",
                 "ไฟล์นี้ไม่ใช่ไฟล์ JSON ที่ถูกต้อง: รูปแบบผิดที่บรรทัด {line} คอลัมน์ {column}"),
    "too_deep": ("the JSON is nested too deeply to be an answers file",
                 "ข้อมูลในไฟล์ซ้อนกันลึกผิดปกติ จึงไม่ใช่ไฟล์ผลการประเมิน"),
    "not_object": ("expected a JSON object at the top, found {found}",
                   "ไฟล์นี้ไม่ใช่ไฟล์ผลการประเมินของ digiskill (ข้อมูลชั้นนอกสุดต้องเป็นกลุ่มข้อมูล ไม่ใช่ {found_th})"),
    "format_missing": ("\"format\" is missing; expected \"format\": \"digiskill-assessment\"",
                       "ไม่พบ \"format\" ในไฟล์ ไฟล์นี้อาจไม่ใช่ไฟล์ผลการประเมินของ digiskill"),
    "foreign_file": ("\"format\" is {found}, not \"digiskill-assessment\": this is not a digiskill answers file",
                     "ไฟล์นี้ไม่ใช่ไฟล์ผลการประเมินของ digiskill (format เป็น {found})"),
    "version_missing": ("\"schema_version\" is missing", "ไม่พบเลขรุ่นของไฟล์ (schema_version) ในไฟล์"),
    "bad_version": ("\"schema_version\" must be a whole number from 1, found {found}",
                    "เลขรุ่นของไฟล์ (schema_version) ไม่ถูกต้อง: {found}"),
    "newer_version": ("schema_version {found} is newer than this tool reads (up to {supported})",
                      "ไฟล์นี้สร้างจากเครื่องมือรุ่นใหม่กว่า (รุ่นไฟล์ {found}) เครื่องมือนี้อ่านได้ถึงรุ่น {supported} "
                      "กรุณาใช้เว็บไซต์รุ่นล่าสุด"),
    "other_framework": ("the file is for framework {found}, not {expected}",
                        "ไฟล์นี้เป็นของกรอบทักษะ {found} ไม่ใช่ {expected} ที่เว็บไซต์นี้ใช้"),
    "other_data_version": ("the file uses catalog data version {found}, this site {expected}",
                           "ไฟล์นี้ใช้ข้อมูลกรอบทักษะฉบับ {found} ไม่ตรงกับฉบับ {expected} ของเว็บไซต์นี้"),
    "role_missing": ("no role chosen (\"role\" is empty)", "ยังไม่ได้เลือกกลุ่มและระยะ (ไม่มีบทบาทในไฟล์)"),
    "unknown_role": ("unknown role {found}", "ไม่รู้จักบทบาท {found} ในไฟล์"),
    "unknown_group": ("unknown group {found}", "ไม่รู้จักกลุ่ม {found} ในไฟล์"),
    "unknown_stage": ("unknown stage {found}", "ไม่รู้จักระยะ {found} ในไฟล์"),
    "role_mismatch": ("role {role} does not belong to group {group} and stage {stage}",
                      "บทบาท {role} ไม่ตรงกับกลุ่ม {group} และระยะ {stage} ในไฟล์"),
    "wrong_type": ("expected {expected_en}, found {found}", "ข้อมูล {where} ควรเป็น{expected} แต่พบ {found}"),
    "too_long": ("text of {size:,} characters; at most {limit:,}",
                 "ข้อความใน {where} ยาวเกินไป ({size:,} ตัวอักษร ไม่เกิน {limit:,})"),
    "bad_char": ("character U+{char} at position {position} is not allowed in Word or Excel files",
                 "ข้อความใน {where} มีอักขระที่ใช้ในไฟล์ Word/Excel ไม่ได้ (U+{char}) ที่ตำแหน่ง {position} "
                 "ลบอักขระนั้นแล้วลองใหม่"),
    "too_many": ("{size} entries; at most {limit}", "{where} มีรายการมากเกินไป ({size} รายการ ไม่เกิน {limit})"),
    "unknown_item": ("{found} is not a unit or item of this framework",
                     "ไม่รู้จักทักษะ {found} ในกรอบทักษะนี้"),
    "unknown_method": ("unknown development method {found}", "ไม่รู้จักวิธีการพัฒนา {found}"),
    "priority_range": ("priority must be from {low} to {high}, found {found}",
                       "ลำดับความสำคัญต้องอยู่ระหว่าง {low} ถึง {high} แต่พบ {found}"),
    "bad_date": ("expected a date YYYY-MM-DD, found {found}",
                 "วันที่ {found} ไม่ถูกต้อง ควรเป็นรูปแบบ ปปปป-ดด-วว (ปี ค.ศ.)"),
    "buddhist_year": ("{found} looks like a Buddhist-era year; this field takes the Common Era year ({suggest})",
                      "วันที่ {found} ใช้ปี พ.ศ. ช่องนี้ใช้ปี ค.ศ. (เช่น {suggest})"),
    "bad_datetime": ("expected a date and time such as 2026-11-24T10:00:00Z, found {found}",
                     "เวลาที่บันทึก {found} ไม่ถูกต้อง"),
    "duplicate": ("same answers as {other}", "ซ้ำกับไฟล์ {other}"),
    # a file made on an agency's site (core/hr/staff_facts.py other_agency; the CLI adds which --agency file to give)
    "agency_file_needed": ("made on the site of {name} ({id}); read it with that agency's settings (agency.yaml)",
                           "ไฟล์นี้ทำจากเว็บไซต์ของ{name} ({id}) ต้องอ่านด้วยการตั้งค่าของหน่วยงานนั้น: ใช้หน้าวิเคราะห์"
                           "ช่องว่างบนเว็บไซต์ของหน่วยงานนั้น หรือคำสั่งที่ระบุ --agency ไฟล์ agency.yaml ของหน่วยงานนั้น"),
    "other_agency": ("made on the site of {name} ({id}), not of {here}",
                     "ไฟล์นี้ทำจากเว็บไซต์ของ{name} ({id}) ไม่ใช่ของ{here} ต้องวิเคราะห์ด้วยการตั้งค่าของหน่วยงานนั้น"),
    # one person's files (core/hr/aggregate.py set_aside_reason; the identity rule: staff_facts.person_key)
    "older_copy": ("an older file of the same person ({stage}, saved {saved}); {other} is used ({kept_stage}, "
                   "saved {kept_saved})",
                   "ฉบับเก่ากว่าของบุคคลเดียวกัน ({stage} บันทึก {saved}) ใช้ไฟล์ {other} แทน ({kept_stage} "
                   "บันทึก {kept_saved})"),
    "draft_after_agreed": ("a draft of the same person saved after the file the supervisor agreed; {other} is used "
                           "({kept_stage}, saved {kept_saved})",
                           "ฉบับเก่ากว่าในรอบการพัฒนา: เป็นร่างของบุคคลเดียวกันที่บันทึกหลังแผนที่หัวหน้าเห็นชอบ "
                           "({saved}) ร่างไม่แทนแผนที่เห็นชอบแล้ว ใช้ไฟล์ {other} แทน ({kept_stage} บันทึก {kept_saved})"),
    "same_person_same_time": ("the same person, saved at the same time as {other}; {other} is used (its name sorts "
                              "first)",
                              "ไฟล์ของบุคคลเดียวกันที่บันทึกเวลาเดียวกับไฟล์ {other} ใช้ไฟล์ {other} "
                              "(ชื่อไฟล์เรียงก่อน)"),
    "internal_error": ("the checker failed unexpectedly ({detail})", "ตรวจไฟล์ไม่สำเร็จ (ข้อผิดพลาดภายในโปรแกรม)"),
    "not_a_choice": ("{found} is not one of: {allowed}", "{where} เป็น {found} ซึ่งไม่ใช่ค่าที่ใช้ได้ ({allowed})"),
    "out_of_range": ("must be from {low} to {high}, found {found}", "{where} ต้องอยู่ระหว่าง {low} ถึง {high} แต่พบ {found}"),
    "unknown_code": ("unknown code {found}", "ไม่รู้จัก{what} {found} ใน {where}"),
    "period_order": ("the period ends ({end}) before it starts ({start})",
                     "ช่วงเวลาของแผนสิ้นสุด ({end}) ก่อนวันเริ่ม ({start})"),
    # warnings: the file is used, and the user is told
    "data_version_converted": ("made under catalog data version {found}; answers carried over to {expected}",
                               "ไฟล์นี้ทำจากข้อมูลกรอบทักษะฉบับ {found} ยกคำตอบมาใช้กับฉบับ {expected} แล้ว"),
    "not_carried_over": ("{found} no longer exists in the catalog; its answer and plan line were not carried over",
                         "ทักษะ {found} ไม่มีในกรอบทักษะฉบับนี้แล้ว จึงไม่ได้ยกคำตอบและแผนของทักษะนี้มา"),
    "migrated": ("converted from file version {found} to {supported}",
                 "แปลงจากไฟล์รุ่นเก่า (รุ่น {found}) เป็นรุ่น {supported} แล้ว"),
    "unknown_key": ("unknown key, not kept", "ไม่รู้จักข้อมูล {where} ในไฟล์ จึงไม่ได้เก็บไว้"),
    "not_for_role": ("{found} is not part of role {role}; kept, but not counted for this role",
                     "ทักษะ {found} ไม่อยู่ในบทบาท {role} เก็บไว้แต่ไม่นับในแผนของบทบาทนี้"),
    "converted_encoding": ("read as {encoding} and converted to UTF-8",
                           "ไฟล์นี้บันทึกด้วยรหัสอักษร {encoding} แปลงเป็น UTF-8 แล้ว"),
    "duplicate_method": ("method {found} listed twice; kept once", "วิธีการพัฒนา {found} ซ้ำกัน เก็บไว้ครั้งเดียว"),
}


def message_en(code: str, ctx: dict) -> str:
    return MESSAGES[code][0].format(**ctx)


def message_th(code: str, ctx: dict) -> str:
    return MESSAGES[code][1].format(**ctx)
