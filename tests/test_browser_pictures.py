"""The timeline and the map in a real browser: headless Chromium over file://, network
blocked, as in test_browser.py. Each page draws what the graph holds, its filters change
what is drawn as the data says they should, and a click opens the evidence.
Screenshots go to tests/artifacts/browser/pictures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzgraph import events, views_map, views_timeline
from kzgraph.namespaces import KZD
from kzgraph.stores import load_graph
from test_browser import DRAW_TIMEOUT_MS, GRAPHS, SAMPLE, screenshot, visit
from test_views_pictures import HOSTILE, extended_fixture

pytestmark = pytest.mark.browser

KZ_STATE = str(KZD["state/KZ"])
SHOWN_IDS = "() => [...new Set([...document.querySelectorAll('.kz-event')].map(g => g.dataset.id))].sort()"


@pytest.fixture(scope="module")
def fixture_map(tmp_path_factory) -> tuple[Path, dict]:
    rows, actors = events.read_events(extended_fixture())
    path = tmp_path_factory.mktemp("pictures") / "map.html"
    path.write_text(views_map.render_map(rows, actors), encoding="utf-8")
    return path, views_map.map_data(rows, actors)


@pytest.fixture(scope="module")
def fixture_timeline(tmp_path_factory) -> tuple[Path, list[dict], dict]:
    rows, actors = events.read_events(extended_fixture())
    path = tmp_path_factory.mktemp("pictures") / "timeline.html"
    path.write_text(views_timeline.render_timeline(rows, actors), encoding="utf-8")
    return path, rows, actors


def open_timeline(seen):
    seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
    return seen.page


def test_browser_timeline_draws_filters_and_opens_evidence(browser, fixture_timeline, record_property):
    path, rows, actors = fixture_timeline
    with visit(browser, path) as seen:
        page = open_timeline(seen)
        assert page.evaluate(SHOWN_IDS) == sorted(e["id"] for e in rows)
        # honest dates: a dot for a day, bars for the month and the year, a hollow mark undated
        shape = "(id) => document.querySelector(`.kz-event[data-id='${id}'] > :first-child`).tagName"
        assert page.evaluate(shape, str(KZD["visit/v1"])) == "circle"
        assert page.evaluate(shape, str(KZD["visit/v3"])) == "rect"
        assert page.evaluate(shape, str(KZD["visit/v2"])) == "rect"
        undated = page.locator(f".kz-event[data-id='{KZD['meeting/m3']}'] circle")
        assert undated.get_attribute("fill") == "#fff"
        month = page.locator(f".kz-event[data-id='{KZD['visit/v3']}'] rect").bounding_box()
        year = page.locator(f".kz-event[data-id='{KZD['visit/v2']}'] rect").bounding_box()
        assert 5 * month["width"] < year["width"]  # a month is drawn as a twelfth of a year
        lanes = page.eval_on_selector_all(".kz-lane-label", "els => els.map(e => e.textContent)")
        assert sorted(lanes) == ["Kazakhstan only (2)", "Norway (5)"]
        screenshot(page, "pictures", "timeline.html", record_property)

        page.check("input[name='kz-lane'][value='relation']")
        lanes = page.eval_on_selector_all(".kz-lane-label", "els => els.map(e => e.textContent)")
        assert sorted(lanes) == ["agreements (1)", "meetings (3)", "visits (3)"]

        page.uncheck("#kz-kinds input[data-relation='visit']")
        assert page.evaluate(SHOWN_IDS) == sorted(e["id"] for e in rows if e["relation"] != "visit")
        page.check("#kz-kinds input[data-relation='visit']")

        holm = str(KZD["person/lars-holm"])
        page.select_option("#kz-person", holm)
        assert page.evaluate(SHOWN_IDS) == sorted(e["id"] for e in rows if holm in e["actors"])
        assert page.inner_text("#kz-status").startswith("3 of 7 events shown")
        page.select_option("#kz-person", "")
        page.select_option("#kz-state", str(KZD["state/NO"]))
        assert page.evaluate(SHOWN_IDS) == sorted(e["id"] for e in rows if str(KZD["state/NO"]) in e["states"])
        page.select_option("#kz-state", "")

        page.click(f".kz-event[data-id='{KZD['visit/v3']}']")
        panel = page.locator("#kz-evidence")
        assert panel.is_visible()
        text = panel.inner_text()
        assert "Visit of Lars Holm to Kazakhstan" in text and "2024-02 (month known, not the day)" in text
        assert HOSTILE in text and "Holm in Astana" in text and "c.txt" in text  # markup stays text
        assert page.locator("#kz-evidence img").count() == 0
        screenshot(page, "pictures", "timeline-evidence.html", record_property)
        page.keyboard.press("Escape")
        assert not panel.is_visible()
        seen.assert_clean()


def test_browser_committed_timeline_shows_the_sample_events(browser, record_property):
    rows, _ = events.read_events(load_graph(SAMPLE))
    assert rows, "the sample graph has no events"
    with visit(browser, GRAPHS / "timeline.html") as seen:
        page = open_timeline(seen)
        assert page.evaluate(SHOWN_IDS) == sorted(e["id"] for e in rows)
        dated = sum(1 for e in rows if e["start"])
        assert f"{len(rows)} of {len(rows)} events shown ({dated} dated)" in page.inner_text("#kz-status")
        first = rows[0]
        page.locator(f".kz-event[data-id='{first['id']}']").first.click()
        assert first["sources"][0]["sentence"][:60] in " ".join(page.inner_text("#kz-evidence").split())
        screenshot(page, "graphs", "timeline.html", record_property)
        seen.assert_clean()


SHADED = """() => [...document.querySelectorAll('.kz-state.kz-contact, .kz-marker')]
  .map(p => p.dataset.code + ':' + p.dataset.count)
  .sort()"""

INSIDE = """(code) => {
  const r = document.querySelector(`.kz-state[data-code='${code}']`).getBoundingClientRect();
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.dataset && hit.dataset.code === code) return {x, y};
  }
  return null; }"""


def test_browser_map_shades_filters_and_lists_evidence(browser, fixture_map, record_property):
    path, data = fixture_map
    with visit(browser, path) as seen:
        page = seen.page
        page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        assert page.evaluate(SHADED) == ["NO:5"]
        assert page.locator(".kz-state.kz-home").get_attribute("data-code") == "KZ"
        norway = page.locator(".kz-state[data-code='NO']")
        other = page.locator(".kz-state[data-code='FR']")
        assert norway.evaluate("p => getComputedStyle(p).fill") != other.evaluate("p => getComputedStyle(p).fill")
        assert "1 states · 5 of 5 contacts shown" in page.inner_text("#kz-status")
        screenshot(page, "pictures", "map.html", record_property)

        page.select_option("#kz-year", "2025")
        assert page.evaluate(SHADED) == ["NO:3"]
        page.select_option("#kz-year", "2024")
        assert page.evaluate(SHADED) == ["NO:1"]  # the visit of February 2024
        page.select_option("#kz-year", "")
        page.uncheck("#kz-kinds input[data-contact='meeting']")
        assert page.evaluate(SHADED) == ["NO:3"]
        page.uncheck("#kz-kinds input[data-contact='visit by Kazakhstan']")
        page.uncheck("#kz-kinds input[data-contact='visit to Kazakhstan']")
        page.uncheck("#kz-kinds input[data-contact='agreement']")
        assert page.evaluate(SHADED) == []
        assert "0 states" in page.inner_text("#kz-status")
        for box in page.locator("#kz-kinds input").all():
            box.check()

        point = page.evaluate(INSIDE, "NO")
        assert point, "no point of Norway is on screen"
        page.mouse.click(point["x"], point["y"])
        panel = page.locator("#kz-evidence")
        assert panel.is_visible()
        text = " ".join(panel.inner_text().split())
        assert page.inner_text("#kz-evidence-title") == "Norway" and "5 contacts with Kazakhstan" in text
        assert page.locator("#kz-evidence .kz-ev").count() == 5
        assert "The two countries signed a mutual visa exemption agreement." in text
        assert "Ministers meet in Oslo — 2025-05-02 — a.txt" in text
        assert HOSTILE in text
        screenshot(page, "pictures", "map-evidence.html", record_property)
        seen.assert_clean()


def test_browser_committed_map_shows_the_sample_partners(browser, record_property):
    rows, actors = events.read_events(load_graph(SAMPLE))
    data = views_map.map_data(rows, actors)
    assert data["names"], "the sample graph has no partner states"
    with visit(browser, GRAPHS / "map.html") as seen:
        page = seen.page
        page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        counts = {}
        for contact in data["contacts"]:
            for code in contact["states"]:
                counts[code] = counts.get(code, 0) + 1
        assert page.evaluate("window.kzShownStates") == sorted(counts)
        drawn = {item.split(":")[0]: int(item.split(":")[1]) for item in page.evaluate(SHADED)}
        missing = page.inner_text("#kz-missing")
        assert {code: n for code, n in counts.items() if code in drawn} == drawn
        assert all(data["names"][code] in missing for code in counts if code not in drawn)
        code = max(counts, key=lambda c: (counts[c], c))
        page.evaluate("(code) => window.kzSelectState(code)", code)
        assert page.locator("#kz-evidence .kz-ev").count() == counts[code]
        screenshot(page, "graphs", "map.html", record_property)
        seen.assert_clean()


def test_browser_pictures_of_a_graph_without_events(browser, tmp_path):
    (tmp_path / "timeline.html").write_text(views_timeline.render_timeline([], {}), encoding="utf-8")
    (tmp_path / "map.html").write_text(views_map.render_map([], {}), encoding="utf-8")
    with visit(browser, tmp_path / "timeline.html") as seen:
        seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        assert seen.page.evaluate(SHOWN_IDS) == []
        assert seen.page.inner_text("#kz-status").startswith("0 of 0 events shown")
        seen.assert_clean()
    with visit(browser, tmp_path / "map.html") as seen:
        seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        assert seen.page.evaluate(SHADED) == []
        assert seen.page.locator(".kz-state").count() > 200  # the world is still drawn
        seen.assert_clean()
