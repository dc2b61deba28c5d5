"""Real browser at a phone's size (390 × 844 CSS px): chart titles, axis titles and notes lie inside their chart
(the review found the raster's title and the f-I curve's x title cut there), and a wide SVG chart shows its
phone layout. Backprop's diagram is checked at 1280 px too, the width its other layout is made for."""
import pytest

from tests.e2e.conftest import screenshot, wait_ready
from ui.i18n import TABLES

pytestmark = pytest.mark.e2e
PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.0 Mobile/15E148 Safari/604.1")


@pytest.fixture
def phone(browser):
    """A page 390 × 844 CSS px whose browser says it is an iPhone's."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_AGENT)
    context.set_default_timeout(90_000)
    yield context.new_page()
    context.close()

# every text Plotly writes outside the plot, and where it lies against its chart's box (px; tolerance 1)
OUTSIDE = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].flatMap(chart => {
    const r = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('.gtitle, .g-xtitle text, .g-x2title text, .annotation-text, .legendtext')]
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, b]) => b.width > 0 && (b.left < r.left - 1 || b.right > r.right + 1
                                           || b.top < r.top - 1 || b.bottom > r.bottom + 1))
        .map(([e, b]) => `${e.textContent.slice(0, 40)}: x ${Math.round(b.left - r.left)}..`
                         + `${Math.round(b.right - r.left)}, y ${Math.round(b.top - r.top)}..`
                         + `${Math.round(b.bottom - r.top)} in ${Math.round(r.width)} × ${Math.round(r.height)} px`);
})"""


@pytest.mark.parametrize("path, lang, titled", [("brain_vs_ann", "en", 3), ("synchrony", "zh", 2)])
def test_chart_texts_lie_inside_their_charts_on_a_phone(server, phone, path, lang, titled):
    page = phone
    page.goto(f"{server}/{path}" + ("?lang=zh" if lang == "zh" else ""))
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    page.wait_for_function(f"document.querySelectorAll('[data-testid=stPlotlyChart] .gtitle').length >= {titled}")
    cut = page.evaluate(OUTSIDE)
    screenshot(page, f"phone-{path}-{lang}")
    assert not cut, cut


def test_a_wide_svg_shows_its_phone_layout(server, phone):
    """The Forgetting page's diagram is 900 px wide for a laptop; a phone gets the halves stacked, 450 px wide."""
    page = phone
    page.goto(f"{server}/forgetting")
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    img = page.locator(".lab-svg picture img").last
    img.scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('.lab-svg img')].every(i => i.complete)")
    natural, shown = img.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
    assert natural == 450 and shown == pytest.approx(358, abs=2)


# boxes (left, top, right, bottom) of named parts of the first chart that holds ``has``; annotations and texts
# with their text
BOXES = """([has, sel]) => {
    const chart = [...document.querySelectorAll('[data-testid=stPlotlyChart]')].find(c => c.querySelector(has));
    const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
    const out = {chart: box(chart)};
    for (const [name, s] of Object.entries(sel)) out[name] = [...chart.querySelectorAll(s)].map(box);
    out.notes = [...chart.querySelectorAll('.annotation')].map(g => [g.textContent, box(g)]);
    out.texts = [...chart.querySelectorAll('text')].map(e => [e.textContent, box(e)]);
    return out;
}"""


def _meet(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _inside(a, box):
    return a[0] >= box[0] - 1 and a[2] <= box[2] + 1 and a[1] >= box[1] - 1 and a[3] <= box[3] + 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_memory_recall_and_backprop_diagram_read_clear_on_a_phone(server, phone, lang):
    """The review at 390 px found Memory's "energy E" over the state grid and its slider read cut under the ❚❚
    button, and Backprop's weight labels over the input labels (last step: every number shown)."""
    page = phone
    page.goto(f"{server}/memory" + ("?lang=zh" if lang == "zh" else ""))
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    prefix = TABLES[lang]["memory.fig_step_prefix"].strip()
    page.wait_for_function("p => [...document.querySelectorAll('[data-testid=stPlotlyChart] .slider-container')]"
                           ".some(c => [...c.closest('svg').parentNode.querySelectorAll('text')]"
                           ".some(e => e.textContent.startsWith(p)))", arg=prefix)
    parts = {"title": ".g-y2title text", "grid": ".heatmaplayer image", "buttons": ".updatemenu-button"}
    b = page.evaluate(BOXES, [".slider-container", parts])
    b["read"] = [box for text, box in b["texts"] if text.startswith(prefix)]
    screenshot(page, f"phone-memory-{lang}")
    assert b["title"] and b["grid"] and b["read"] and len(b["buttons"]) == 2, [t for t, _ in b["texts"]]
    assert not _meet(b["title"][0], b["grid"][0]), b
    assert _inside(b["read"][0], b["chart"]) and not any(_meet(b["read"][0], x) for x in b["buttons"]), b
    page.goto(f"{server}/backprop?bp_step=16" + ("&lang=zh" if lang == "zh" else ""))
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    page.wait_for_function("document.querySelectorAll('[data-testid=stPlotlyChart] .annotation').length > 10")
    assert_backprop_labels_clear(page, f"phone-backprop-{lang}")


def assert_backprop_labels_clear(page, shot):
    """Backprop's diagram as drawn: no two labels (weights, nodes' numbers, column titles) meet, and each lies inside
    the chart."""
    b = page.evaluate(BOXES, [".annotation", {}])
    notes = b["notes"]
    weights = [(t, box) for t, box in notes if t.startswith("w=")]
    inputs = [(t, box) for t, box in notes if t.startswith(("x1=", "x2="))]
    screenshot(page, shot)
    assert len(weights) >= 6 and len(inputs) == 2
    hit = [(a[:12], c[:12]) for i, (a, ab) in enumerate(notes) for c, cb in notes[i + 1:] if _meet(ab, cb)]
    assert not hit, hit
    out = [t[:12] for t, box in notes if not _inside(box, b["chart"])]
    assert not out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backprop_diagram_reads_clear_at_1280_px(server, browser, lang):
    """At 1280 px (the chart 820 px wide beside the sidebar) the last step's weight labels sat on the hidden units'
    numbers and on each other."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(90_000)
    try:
        page = context.new_page()
        page.goto(f"{server}/backprop?bp_step=16&bp_out=2" + ("&lang=zh" if lang == "zh" else ""))
        wait_ready(page)
        assert page.locator("[data-testid=stException]").count() == 0
        page.wait_for_function("document.querySelectorAll('[data-testid=stPlotlyChart] .annotation').length > 10")
        assert_backprop_labels_clear(page, f"laptop-backprop-{lang}")
    finally:
        context.close()
