"""The workbench in a real browser: log in, search in English and Arabic, read a hit,
follow an entity, the graph and the findings; every asset comes from this server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.browser import screenshot
from tests.web.conftest import USERS, Server


class Visit:
    """A logged-in browser tab that records every URL it asks for."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
        self.page = self.context.new_page()
        self.requested: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requested.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def login(self, name: str = "eve") -> None:
        self.page.goto(self.server.url + "/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", USERS[name][1])
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.server.url + "/")

    def outside(self) -> list[str]:
        """Requests that did not go to this server."""
        return [u for u in self.requested if not u.startswith((self.server.url + "/", "data:", "blob:"))]


@pytest.fixture
def visit(chromium: Any, server: Server) -> Iterator[Visit]:
    v = Visit(chromium, server)
    yield v
    v.context.close()


def test_log_in_and_see_the_case_overview(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.server.url + "/")
    assert "/login" in page.url
    screenshot(page, "login")
    visit.login()
    page.wait_for_selector(".overview .big")
    documents = int(page.inner_text(".overview .big").replace(",", ""))
    assert documents > 300
    assert page.locator(".problems tbody tr").count() >= 1  # the demo's broken files, with reasons
    screenshot(page, "overview")
    assert not visit.errors
    assert visit.outside() == []


def test_search_in_english_marks_the_words(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/search?q=" + "oil AND fertiliser")
    page.wait_for_selector(".hit mark")
    assert "documents match" in page.inner_text(".summary")
    marks = {m.lower() for m in page.locator(".hit mark").all_inner_texts()}
    assert {"oil", "fertiliser"} <= marks
    assert page.locator(".facet-group").count() >= 2
    screenshot(page, "search-english")
    # a facet narrows the search
    before = page.locator(".hits > li").count()
    page.locator(".facet", has_text="email").first.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q').includes('type:email')")
    page.wait_for_function("() => document.querySelector('.hit') && "
                           "!document.querySelector('.hit:not([data-kind=email])')")
    assert 0 < page.locator(".hits > li").count() <= before
    assert not visit.errors and visit.outside() == []


def test_search_in_arabic_reads_right_to_left(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/search?q=" + "تدمر")
    page.wait_for_selector(".hit mark")
    marks = page.locator(".hit mark").all_inner_texts()
    assert any("تدمر" in m or "تَدْمُر" in m for m in marks)
    arabic = page.locator(".snippet .text", has_text="تدمر").first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    screenshot(page, "search-arabic")
    assert not visit.errors and visit.outside() == []


def test_batch_search_gives_hits_per_term(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/search")
    page.fill(".batch-search textarea", "Palmyra\nتدمر\nno such name anywhere")
    page.click(".batch-search button:has-text('Search each')")
    page.wait_for_selector("table.batch tbody tr")
    rows = page.locator("table.batch tbody tr")
    assert rows.count() == 3
    assert int(rows.nth(0).locator("td.num").inner_text()) > 0
    assert rows.nth(2).locator("td.num").inner_text() == "0"
    screenshot(page, "batch-search")


def test_open_a_hit_and_see_the_words_marked_on_the_page_image(visit: Visit) -> None:
    visit.login()
    page = visit.page
    query = '"Border Administration" type:image'
    page.goto(visit.server.url + "/search?q=" + query)
    page.wait_for_selector(".hit .hit-head .doc-link")
    page.locator(".hit .hit-head .doc-link").first.click()
    page.wait_for_url("**/documents/**")
    page.wait_for_selector(".page-frame img")
    page.wait_for_selector(".page-frame .word-box", timeout=30_000)
    page.wait_for_function("() => { const i = document.querySelector('.page-frame img');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
    boxes = page.locator(".page-frame .word-box")
    assert boxes.count() >= 2  # both words of the phrase
    image = page.locator(".page-frame img").first.bounding_box()
    first = boxes.first.bounding_box()
    assert image and first
    assert image["x"] <= first["x"] <= image["x"] + image["width"]
    assert image["y"] <= first["y"] <= image["y"] + image["height"]
    titles = {t.lower() for t in boxes.evaluate_all("bs => bs.map(b => b.title)")}
    assert titles >= {"border", "administration"}
    assert page.locator(".page-text mark").count() >= 1  # and in the OCR text beside it
    boxes.first.scroll_into_view_if_needed()
    screenshot(page, "document")
    assert not visit.errors and visit.outside() == []


def test_findings_lead_to_their_evidence_in_one_click(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/findings")
    page.wait_for_selector(".finding")
    text = page.inner_text(".findings")
    assert "Palmyra" in text
    screenshot(page, "findings")
    link = page.locator(".finding .handover .doc-link").first
    href = link.get_attribute("href")
    assert href and "#page-" in href
    link.click()
    page.wait_for_url("**/documents/**")
    number = href.split("#page-")[1]
    page.wait_for_selector(f"#page-{number}")
    assert not visit.errors and visit.outside() == []


def test_timeline_shows_cooperation_above_and_conflict_below(visit: Visit) -> None:
    visit.login()
    page = visit.page
    query = "actor=Islamic+State&actor=Syrian+government&from=2016-01&to=2016-04"
    page.goto(visit.server.url + "/timeline?" + query)
    page.wait_for_selector("svg.timeline-chart g.month")
    assert page.locator("svg.timeline-chart g.month").count() == 4
    screenshot(page, "timeline")
    page.locator("svg.timeline-chart g.month").nth(2).click()  # March 2016: Palmyra
    page.wait_for_selector(".month-detail .events li")
    assert page.locator(".month-detail .doc-link").count() >= 1
    assert not visit.errors and visit.outside() == []


def test_open_an_entity_by_its_arabic_name(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/entities?q=" + "داعش")
    page.wait_for_selector("table.entities tbody .entity-link")
    screenshot(page, "entities")
    page.locator("table.entities tbody .entity-link").first.click()
    page.wait_for_url("**/entities/*")
    page.wait_for_selector(".entity h1, .entity .headline, .headline")
    assert "Islamic State" in page.inner_text("main")
    page.wait_for_selector(".alias[lang=ar]")
    assert page.locator(".alias[lang=ar]").count() >= 1  # names in both scripts
    assert page.locator(".sentences .sentence mark").count() >= 1
    screenshot(page, "entity")
    assert not visit.errors and visit.outside() == []


def test_the_graph_renders_nodes_and_shows_evidence(visit: Visit) -> None:
    visit.login()
    page = visit.page
    page.goto(visit.server.url + "/graph")
    page.wait_for_function("() => Number(document.getElementById('graph')?.dataset.nodes) > 0",
                           timeout=60_000)
    nodes = int(page.get_attribute("#graph", "data-nodes") or 0)
    edges = int(page.get_attribute("#graph", "data-edges") or 0)
    assert nodes >= 20 and edges >= 20
    # the canvas really drew something: some layer has pixels that are not transparent
    page.wait_for_function("""() => [...document.querySelectorAll('#graph canvas')].some(c => {
        if (!c.width || !c.height) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
        return ink > 1000; })""", timeout=30_000)
    screenshot(page, "graph")
    # click the biggest node: its panel lists documents
    page.evaluate("""() => { const cy = document.getElementById('graph')._cyreg.cy;
        const n = cy.nodes().max(n => n.data('mentions') || 0).ele; n.emit('tap'); }""")
    page.wait_for_selector(".graph-panel .node-documents .doc-link, .graph-panel .node-documents a")
    assert not visit.errors and visit.outside() == []


def test_an_admin_reads_the_audit_log(visit: Visit) -> None:
    visit.login("vic")
    visit.page.goto(visit.server.url + "/search?q=" + "Maskanah")
    visit.page.wait_for_selector(".summary:has-text('documents match')")
    assert visit.page.locator("nav a[href='/audit']").count() == 0  # not for a viewer
    visit.page.goto(visit.server.url + "/audit")
    assert "needs the admin role" in visit.page.inner_text("main")
    visit.errors.clear()  # the refused page's 403, which the console reports
    visit.context.clear_cookies()
    visit.login("ada")
    page = visit.page
    page.goto(visit.server.url + "/audit")
    page.wait_for_selector("table tbody tr")
    assert page.locator("table tbody tr", has_text="Maskanah").filter(has_text="vic").count() >= 1
    screenshot(page, "audit")
    assert not visit.errors and visit.outside() == []
