"""Headless Chromium for the browser tests: Playwright from PyPI driving Debian's `chromium` (Playwright cannot
download its own browser here). Every page opened through `open_page` records the requests it makes."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def launch(playwright):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed; scripts/test installs it (scripts/setup browser)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@dataclass
class RecordedPage:
    page: object
    requests: list = field(default_factory=list)

    def foreign(self, base_url: str) -> list[str]:
        """Requests the page made to anywhere but the serving origin."""
        return [u for u in self.requests if not u.startswith((base_url, "data:", "blob:", "about:"))]


def open_page(browser, url: str, **context_options) -> RecordedPage:
    context = browser.new_context(**context_options)
    page = context.new_page()
    recorded = RecordedPage(page)
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.goto(url)
    return recorded


def axe_violations(page, impacts=("serious", "critical"), within: str | None = None) -> list[dict]:
    """Run axe-core (self-hosted from node_modules, injected as a script, not fetched) and keep serious ones;
    `within`: a CSS selector to check only part of the page (a view a test has just built)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (within) => await axe.run(within ? document.querySelector(within) : document, "
                           "{resultTypes: ['violations']})", within)
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def search(page, query: str) -> list[str]:
    """Type a query into Material's search as a person would; return the result links (without query or anchor).

    Material reads the query on keydown. Playwright types Thai characters with insertText, which fires no keydown
    (a real Thai keyboard does), so a final End key stands in for the keystrokes of a real keyboard."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=5)
    box.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    page.wait_for_timeout(200)
    return [h.split("#")[0].split("?")[0] for h in results.evaluate_all("links => links.map(a => a.href)")]


def type_with_a_pause(page, selector: str, first: str, second: str, pause_s: float = 0.7) -> str:
    """Type as a person does (#22): some words, a pause well past the autosave and Python's redraw, then the caret
    moved into the middle of what was typed and more typed there quickly (a fast typist's keys arrive while Python's
    answer to the earlier ones is on its way back). Checks that the text is whole and the caret stayed where the
    person put it; returns the text."""
    import re
    import time

    reach(page, selector)
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press("Delete")
    field.press_sequentially(first, delay=25)
    time.sleep(pause_s)
    middle = len(first) // 2
    while middle < len(first) and re.match("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", first[middle]):
        middle += 1  # a caret goes between letters, never between a Thai letter and its vowel or tone mark
    page.evaluate("([s, at]) => { const el = document.querySelector(s); el.setSelectionRange(at, at); }",
                  [selector, middle])
    field.press_sequentially(second, delay=0)
    time.sleep(0.5)
    expected = first[:middle] + second + first[middle:]
    state = page.evaluate("""(s) => { const el = document.querySelector(s);
        return {focused: document.activeElement === el, caret: el.selectionStart, value: el.value}; }""", selector)
    assert state == {"focused": True, "caret": middle + len(second), "value": expected}, (selector, state)
    return expected


def settled(page, root: str = "#ds-assessment") -> None:
    """Wait until Python has answered every event the page sent (page-kit.js keeps the unanswered ones in
    localStorage under the page's key + ".pending"), so what is stored and shown is Python's latest."""
    page.wait_for_function("""(root) => { const el = document.querySelector(root);
        return el.dataset.pythonReady === "true" &&
               (localStorage.getItem(el.dataset.storageKey + ".pending") || "[]") === "[]"; }""", arg=root,
                           timeout=60_000)


def fill_date(page, path: str, iso: str, year: str | None = None) -> None:
    """Type a date into the page's day / month / year (พ.ศ.) controls as a person does: choose the day and the month,
    then type the year (`year`: what is typed, e.g. a Common-Era year; the Buddhist-era year by default)."""
    import datetime

    day = datetime.date.fromisoformat(iso)
    group = page.locator(f'[data-together][data-path="{path}"]')
    group.locator('[data-part="day"]').select_option(str(day.day))
    group.locator('[data-part="month"]').select_option(str(day.month))
    group.locator('[data-part="year"]').fill(year or str(day.year + 543))


def date_shown(page, path: str) -> tuple[str, str, str]:
    """What a date's three controls show: (day, month number, year)."""
    group = page.locator(f'[data-together][data-path="{path}"]')
    return tuple(group.locator(f'[data-part="{part}"]').input_value() for part in ("day", "month", "year"))


def step(page, name: str) -> None:
    """Go to a step of the self-assessment as a person does: its entry in the stepper (role, ability, knowledge,
    experience, attribute, plan, details, preview, download, progress)."""
    page.click(f'.ds-stepper [data-step-link="{name}"]')
    page.wait_for_selector(f'.ds-stepper [data-step-link="{name}"][aria-current="step"]')


def step_of(page, selector: str) -> None:
    """Go to the step that holds `selector` (a question, a plan line…) through the stepper."""
    name = page.eval_on_selector(selector, 'el => el.closest("[data-step]").dataset.step.split(" ")[0]')
    step(page, name)


def reach(page, selector: str) -> None:
    """Make sure the step holding `selector` is the one shown (a person clicks its entry in the stepper first)."""
    page.wait_for_selector(selector, state="attached")  # drawn by Python: it may come a moment after the event
    if not page.is_visible(selector):
        step_of(page, selector)
def search_pages(page, query: str, settle_ms: int = 300, timeout_ms: int = 6000) -> list[str]:
    """Put a query into the site's search as Thai text arrives from an input method or a paste: one input event, no
    key press (a query typed letter by letter is `test_results_appear_without_a_key_press`'s and search()'s), and
    return the distinct pages shown, in order, as paths relative to the site (`skills/dlit100/`). Waits until the
    list has stayed the same for `settle_ms`. Reuses the page: the box is emptied first, so one page serves a whole
    query set."""
    import time

    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.fill(query)
    base = page.evaluate("() => new URL(JSON.parse(document.getElementById('__config').textContent).base + '/',"
                         " location.href).pathname")
    read = """(base) => [...document.querySelectorAll('.md-search-result__item > a')]
        .map(a => new URL(a.href).pathname).map(p => p.startsWith(base) ? p.slice(base.length) : p)"""
    last, since, deadline = None, time.monotonic(), time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        shown = list(dict.fromkeys(page.evaluate(read, base)))
        if shown != last:
            last, since = shown, time.monotonic()
        elif shown and time.monotonic() - since >= settle_ms / 1000:
            break
        page.wait_for_timeout(50)
    return last or []
