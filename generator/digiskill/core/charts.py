"""Charts as plain SVG text (standard library): they work offline, print well and need no charting library.

Each chart has a <title> and a <desc>; the page also shows the same numbers as a table for screen readers.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from .aggregate import Aggregation
from .percent import percent


def _shade(share: float) -> str:
    """White (0 %) to deep red (100 %), in steps that stay readable with dark or light text."""
    levels = ["#ffffff", "#fde0dd", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"]
    return levels[min(int(share * (len(levels) - 1) + 0.5), len(levels) - 1)]


def heatmap_svg(agg: Aggregation) -> str:
    """Groups × ability units: the share of the group's staff (whose role needs the unit) who lack it."""
    units = [u for u in agg.catalog.units if any((g.code, u.code) in agg.rows for g in agg.catalog.groups)]
    groups = [g for g in agg.catalog.groups if agg.staff_by_group.get(g.code)]
    cell, left, top = 34, 270, 120
    width, height = left + cell * len(units) + 10, top + cell * len(groups) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="hm-title hm-desc" class="ds-chart">',
           '<title id="hm-title">สัดส่วนบุคลากรที่ยังไม่มีหน่วยความสามารถ แยกตามกลุ่ม</title>',
           '<desc id="hm-desc">แถวคือกลุ่มบุคลากร คอลัมน์คือหน่วยความสามารถ สีเข้มคือสัดส่วนที่ยังไม่มีมาก '
           'ช่องว่างคือหน่วยที่บทบาทของกลุ่มนั้นไม่ต้องมี</desc>']
    for x, unit in enumerate(units):
        cx = left + x * cell + cell / 2
        out.append(f'<text x="{cx}" y="{top - 6}" transform="rotate(-60 {cx} {top - 6})" font-size="11">'
                   f'{escape(unit.code)}</text>')
    for y, group in enumerate(groups):
        cy = top + y * cell
        out.append(f'<text x="{left - 6}" y="{cy + cell / 2 + 4}" text-anchor="end" font-size="12">'
                   f'{escape(group.title_th)}</text>')
        for x, unit in enumerate(units):
            row = agg.rows.get((group.code, unit.code))
            if row is None:
                continue
            share = row.share
            out.append(f'<rect x="{left + x * cell}" y="{cy}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="{_shade(share)}" stroke="#999"><title>{escape(group.title_th)} · {escape(unit.code)}: '
                       f'{row.lacking}/{row.required} คน ({percent(share)}%)</title></rect>')
            colour = "#fff" if share >= 0.6 else "#000"
            out.append(f'<text x="{left + x * cell + (cell - 2) / 2}" y="{cy + cell / 2 + 3}" text-anchor="middle" '
                       f'font-size="10" fill="{colour}">{percent(share)}</text>')
    out.append("</svg>")
    return "".join(out)


def top_gaps_svg(agg: Aggregation) -> str:
    rows = agg.urgent()
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    bar_left, bar_width, line = 330, 300, 26
    height = line * len(rows) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {bar_left + bar_width + 90} {height}" '
           f'width="{bar_left + bar_width + 90}" height="{height}" role="img" aria-labelledby="tg-title" '
           'class="ds-chart">', '<title id="tg-title">ช่องว่างทักษะที่เร่งด่วนที่สุด (สัดส่วนที่ยังไม่มี)</title>']
    for i, row in enumerate(rows):
        y = 10 + i * line
        label = f"{groups[row.group]} · {row.code}"
        out.append(f'<text x="{bar_left - 8}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>')
        out.append(f'<rect x="{bar_left}" y="{y + 3}" width="{max(row.share * bar_width, 1):.1f}" height="{line - 8}" '
                   f'fill="#de2d26"/>')
        out.append(f'<text x="{bar_left + row.share * bar_width + 6:.1f}" y="{y + 15}" font-size="12">'
                   f'{percent(row.share)}% ({row.lacking}/{row.required})</text>')
    out.append("</svg>")
    return "".join(out)
