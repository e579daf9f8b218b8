"""Charts as plain SVG text (standard library): they work offline, print well and need no charting library.

Each chart has a <title> and a <desc>; the page also shows the same numbers as a table for screen readers. Figures
hidden for privacy (primary or secondary, `privacy`) show as "ซ่อน" in a grey cell.
"""
from __future__ import annotations

from .aggregate import Aggregation
from ..display.columns import HIDDEN_TH
from ..display.markup import escape
from ..display.percent import percent
from ..display.svg_text import wrapped_label
from .trend import biggest_changes

LEVELS = ["#ffffff", "#fde0dd", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"]
HIDDEN_FILL = "#d9d9d9"
COMPONENT_TITLES = {"ability": "หน่วยความสามารถ (Ability)", "knowledge": "ความรู้ (Knowledge)",
                    "experience": "ประสบการณ์ (Experience)", "attribute": "คุณลักษณะ (Attribute)"}
LABEL_CHARS = 26  # a column label is the code and the start of the title; the cell's tooltip has the whole title


def _level(share: float) -> int:
    """White (0 %) to deep red (100 %) in seven steps that stay readable with dark or light text."""
    return min(int(share * (len(LEVELS) - 1) + 0.5), len(LEVELS) - 1)


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _legend(x: int, y: int) -> list[str]:
    """The colour scale: which range of shares each colour stands for, and the grey of hidden cells."""
    out = [f'<text x="{x}" y="{y - 6}" font-size="11">สัดส่วนที่ยังไม่มี</text>']
    step = 100 / (len(LEVELS) - 1)
    for i, colour in enumerate(LEVELS):
        low = 0 if i == 0 else round((i - 0.5) * step)
        high = 100 if i == len(LEVELS) - 1 else round((i + 0.5) * step) - 1
        out.append(f'<rect x="{x + i * 58}" y="{y}" width="56" height="14" fill="{colour}" stroke="#999"/>'
                   f'<text x="{x + i * 58 + 28}" y="{y + 28}" text-anchor="middle" font-size="10">{low}–{high}%</text>')
    hx = x + len(LEVELS) * 58 + 10
    out.append(f'<rect x="{hx}" y="{y}" width="56" height="14" fill="{HIDDEN_FILL}" stroke="#999"/>'
               f'<text x="{hx + 28}" y="{y + 28}" text-anchor="middle" font-size="10">ซ่อน</text>')
    return out


def heatmap_svg(agg: Aggregation, component: str = "ability") -> str:
    """Groups × the codes of one component: the share of the group's staff (whose role needs it) who lack it."""
    catalog = agg.catalog
    codes = [(u.code, u.title_th) for u in catalog.units] if component == "ability" else \
        [(i.code, i.title_th) for i in catalog.items if i.component == component]
    groups = [g for g in catalog.groups if agg.staff_by_group.get(g.code)]
    codes = [(c, t) for c, t in codes if any((g.code, c) in agg.rows for g in groups)]
    cell, left, top = 34, 230, 190
    width = max(left + cell * len(codes) + 40, 560)
    height = top + cell * len(groups) + 60
    ident = f"hm-{component}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc" class="ds-chart">',
           f'<title id="{ident}-title">สัดส่วนบุคลากรที่ยังไม่มี{escape(COMPONENT_TITLES[component])} แยกตามกลุ่ม</title>',
           f'<desc id="{ident}-desc">แถวคือกลุ่มบุคลากร คอลัมน์คือรหัสและชื่อ สีเข้มคือสัดส่วนที่ยังไม่มีมาก '
           'ช่องว่างคือรายการที่บทบาทของกลุ่มนั้นไม่ต้องมี ช่องสีเทาคือตัวเลขที่ซ่อนไว้ (บุคลากรน้อยกว่าเกณฑ์ หรือซ่อนประกอบ)</desc>']
    for x, (code, title) in enumerate(codes):
        cx = left + x * cell + cell / 2
        out.append(f'<text x="{cx}" y="{top - 6}" transform="rotate(-60 {cx} {top - 6})" font-size="10">'
                   f'{escape(code)} {escape(_short(title))}<title>{escape(code)} {escape(title)}</title></text>')
    for y, group in enumerate(groups):
        cy = top + y * cell
        out.append(f'<text x="{left - 6}" y="{cy + cell / 2 + 4}" text-anchor="end" font-size="12">'
                   f'{escape(group.title_th)}</text>')
        for x, (code, title) in enumerate(codes):
            row = agg.rows.get((group.code, code))
            if row is None:
                continue
            rx = left + x * cell
            if ("g", group.code, code) in agg.hidden:
                out.append(f'<rect x="{rx}" y="{cy}" width="{cell - 2}" height="{cell - 2}" fill="{HIDDEN_FILL}" '
                           f'stroke="#999"><title>{escape(group.title_th)} · {escape(code)} {escape(title)}: '
                           f'ไม่แสดงตัวเลข</title></rect>'
                           f'<text x="{rx + (cell - 2) / 2}" y="{cy + cell / 2 + 3}" text-anchor="middle" '
                           f'font-size="9">{HIDDEN_TH}</text>')
                continue
            level = _level(row.share)
            out.append(f'<rect x="{rx}" y="{cy}" width="{cell - 2}" height="{cell - 2}" fill="{LEVELS[level]}" '
                       f'stroke="#999"><title>{escape(group.title_th)} · {escape(code)} {escape(title)}: '
                       f'{row.lacking}/{row.required} คน ({percent(row.share)}%)</title></rect>')
            colour = "#fff" if level >= 4 else "#000"
            out.append(f'<text x="{rx + (cell - 2) / 2}" y="{cy + cell / 2 + 3}" text-anchor="middle" '
                       f'font-size="10" fill="{colour}">{percent(row.share)}</text>')
    out += _legend(left, top + cell * len(groups) + 24)
    out.append("</svg>")
    return "".join(out)


def top_gaps_svg(agg: Aggregation) -> str:
    rows = agg.urgent()
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    bar_left, bar_width, line = 380, 260, 36  # a row: room for a two-line label
    height = line * len(rows) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {bar_left + bar_width + 90} {height}" '
           f'width="{bar_left + bar_width + 90}" height="{height}" role="img" aria-labelledby="tg-title" '
           'class="ds-chart">', '<title id="tg-title">ช่องว่างทักษะที่เร่งด่วนที่สุด (ตามจำนวนและสัดส่วนที่ยังไม่มี)</title>']
    for i, row in enumerate(rows):
        y = 10 + i * line
        label = f"{groups[row.group]} · {row.code} {row.title_th}"
        out.append(wrapped_label(0, y, bar_left - 8, label, align="end", title=label))
        out.append(f'<rect x="{bar_left}" y="{y + 3}" width="{max(row.share * bar_width, 1):.1f}" height="{line - 8}" '
                   f'fill="#de2d26"/>')
        out.append(f'<text x="{bar_left + row.share * bar_width + 6:.1f}" y="{y + 15}" font-size="12">'
                   f'{percent(row.share)}% ({row.lacking}/{row.required})</text>')
    out.append("</svg>")
    return "".join(out)


def trend_svg(agg: Aggregation) -> str:
    """Last year and this year side by side for the rows that changed most: a grey bar for last year, a coloured one
    for now (green when fewer lack it, red when more)."""
    rows = biggest_changes(agg)
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    bar_left, bar_width, line = 380, 240, 34
    height = line * len(rows) + 50
    width = bar_left + bar_width + 120
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="tr-title tr-desc" class="ds-chart">',
           '<title id="tr-title">เทียบกับปีที่แล้ว: สัดส่วนที่ยังไม่มี รายการที่เปลี่ยนมากที่สุด</title>',
           '<desc id="tr-desc">แถบสีเทาคือปีที่แล้ว แถบสีเขียวคือปีนี้ลดลง (ดีขึ้น) แถบสีแดงคือปีนี้เพิ่มขึ้น</desc>']
    for i, row in enumerate(rows):
        y = 10 + i * line
        before = row.before[1] / row.before[0]
        now = row.now[1] / row.now[0]
        label = f"{groups[row.group]} · {row.code} {row.title_th}"
        out.append(wrapped_label(0, y, bar_left - 8, label, align="end", title=label))
        out.append(f'<rect x="{bar_left}" y="{y + 2}" width="{max(before * bar_width, 1):.1f}" height="12" '
                   f'fill="#969696"/>')
        out.append(f'<rect x="{bar_left}" y="{y + 15}" width="{max(now * bar_width, 1):.1f}" height="12" '
                   f'fill="{"#238b45" if row.change < 0 else "#de2d26"}"/>')
        out.append(f'<text x="{bar_left + max(before, now) * bar_width + 6:.1f}" y="{y + 20}" font-size="12">'
                   f'{percent(before)}% → {percent(now)}% ({row.change:+d})</text>')
    y = 14 + len(rows) * line
    out.append(f'<rect x="{bar_left}" y="{y}" width="14" height="10" fill="#969696"/><text x="{bar_left + 18}" '
               f'y="{y + 9}" font-size="11">ปีที่แล้ว</text><rect x="{bar_left + 90}" y="{y}" width="14" height="10" '
               f'fill="#238b45"/><text x="{bar_left + 108}" y="{y + 9}" font-size="11">ปีนี้ (ลดลง)</text>'
               f'<rect x="{bar_left + 190}" y="{y}" width="14" height="10" fill="#de2d26"/><text '
               f'x="{bar_left + 208}" y="{y + 9}" font-size="11">ปีนี้ (เพิ่มขึ้น)</text>')
    out.append("</svg>")
    return "".join(out)
