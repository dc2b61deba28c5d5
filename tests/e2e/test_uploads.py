"""Real browser: the upload cases of issue 22 as a student meets them.

1. an old-Mac CSV (``\\r`` line endings) loads instead of replacing the page with a traceback;
2. a Latin-1 file after a good one shows its own message at once, and still after Step — never a
   complaint about the columns of the data in use;
3./4. markup in a file's name, headers and labels renders as text: no link, no bold, no element the
   app did not write, in captions, errors and the Plotly confusion matrices.
"""
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import screenshot, wait_ready
from tests.fuzz.bad_files import HOSTILE, good_csv, hostile_rows, table
from ui.i18n import t

pytestmark = pytest.mark.e2e


def upload(page, name, data, index=0):
    page.locator("[data-testid=stFileUploaderDropzoneInput]").nth(index).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    wait_ready(page)


def alerts(page):
    return page.locator("[data-testid=stAlertContainer]").all_inner_texts()


def foreign_elements(page):
    """Links, bold text and images inside the app's text that the app did not write."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid=stMain]');
        const hits = [];
        for (const a of main.querySelectorAll('a[href]')) if (a.href.includes('e.com')) hits.push(a.outerHTML);
        for (const b of main.querySelectorAll('strong, b')) if (b.innerText.includes('bold')) hits.push(b.outerHTML);
        for (const i of main.querySelectorAll('img')) if (i.getAttribute('src') === 'x') hits.push(i.outerHTML);
        return hits;
    }""")


def test_playground_old_mac_file_then_latin1_then_step(server, new_page):
    page = new_page()
    page.goto(f"{server}/mlp_playground")
    wait_ready(page)
    upload(page, "oldmac.csv", good_csv().replace(b"\n", b"\r"))
    assert page.locator("[data-testid=stException]").count() == 0
    page.get_by_text("Using oldmac.csv", exact=False).first.wait_for()
    upload(page, "latin.csv", "a,b,label\n1,2,é\n".encode("latin-1"))
    for _ in range(2):
        texts = alerts(page)
        assert any("latin.csv was not used" in a and "0xE9" in a for a in texts), texts
        assert not any(t("upload.same_column")[:30] in a for a in texts), texts
        page.get_by_role("button", name="Step", exact=True).first.click()
        wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, "uploads-latin1-after-good")


def test_markup_in_a_file_renders_as_text(server, new_page):
    page = new_page()
    page.goto(f"{server}/mlp_playground")
    wait_ready(page)
    upload(page, HOSTILE[2] + ".csv", table(hostile_rows()))
    page.get_by_text("Using <a href=", exact=False).first.wait_for()
    upload(page, HOSTILE[0] + ".csv", b"")                  # refused: its name in the error
    page.get_by_text("**bold**.csv was not used", exact=False).first.wait_for()
    assert not foreign_elements(page)
    screenshot(page, "uploads-hostile-playground")

    query = urlencode({"cmp_data": t("compare.data_csv"), "cmp_epochs": 10, "cmp_layers": 4})
    page.goto(f"{server}/vs_sklearn?{query}")
    wait_ready(page)
    rows = [[HOSTILE[1], "b", "c", HOSTILE[0]]] + [[i % 7 * 0.5, i % 5 * 0.25, i % 3, HOSTILE[i % 4]]
                                                     for i in range(80)]
    upload(page, HOSTILE[3] + ".csv", table(rows))
    page.locator(".js-plotly-plot").first.wait_for()
    assert not foreign_elements(page)
    ticks = page.evaluate("""() => [...document.querySelectorAll(
        '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text')]
        .map(e => [e.textContent, e.querySelectorAll('a').length])""")
    assert any(text == HOSTILE[2] for text, _ in ticks), ticks      # drawn as its own characters
    assert all(links == 0 for _, links in ticks), ticks
    screenshot(page, "uploads-hostile-compare")
