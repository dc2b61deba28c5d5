"""Real browser: switching the language keeps every setting and the trained run, through the next click.

A browser holds a choice control's value as the label it shows. Before the fix, after a switch to 中文
the next click sent the English label back, which was no longer an option: the control fell back to its
default, and on the Playground the scene picker's callback reset every control and the trained run.
"""
import urllib.parse

import pytest

from tests.e2e.conftest import screenshot, wait_ready
from ui.i18n import TABLES

pytestmark = pytest.mark.e2e
EN, ZH = TABLES["en"], TABLES["zh"]


def progress(page) -> str:
    return page.locator("[data-testid=stProgress]").first.inner_text()


def query(page) -> dict:
    return urllib.parse.parse_qs(page.evaluate("window.location.search").lstrip("?"))


def switch_language(page, label):
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_ready(page)


def start_and_finish(page):
    page.get_by_role("button", name=EN["live.start"], exact=True).first.click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stProgress]')]"
                           ".some(e => /finished/.test(e.innerText))", timeout=120_000)
    wait_ready(page)


def finished_text(table, epochs):
    return table["live.progress"].format(epoch=epochs, target=epochs, status=table["live.status_finished"])


def test_playground_keeps_data_and_run_after_switching_language(server, new_page):
    page = new_page()
    page.goto(f"{server}/mlp_playground?mlp_data=Spiral")
    wait_ready(page)
    start_and_finish(page)
    epochs = int(progress(page).split("/")[1].split()[0])
    switch_language(page, "中文")
    assert progress(page) == finished_text(ZH, epochs)
    page.get_by_text(ZH["mlp.show_test"], exact=True).first.click()      # any click: a rerun from the browser
    wait_ready(page)
    screenshot(page, "language-switch-playground")
    assert progress(page) == finished_text(ZH, epochs), "the trained run was reset"
    assert query(page).get("mlp_data") == [ZH["mlp.ds.spiral"]], "the data set fell back to its default"
    switch_language(page, "English")
    page.get_by_text(EN["mlp.show_test"], exact=True).first.click()
    wait_ready(page)
    assert progress(page) == finished_text(EN, epochs)
    assert query(page).get("mlp_data") == ["Spiral"]


def test_forgetting_keeps_methods_and_run_after_switching_language(server, new_page):
    page = new_page()
    page.goto(f"{server}/forgetting")
    wait_ready(page)
    start_and_finish(page)
    before = progress(page)
    epochs = int(before.split("/")[1].split()[0])
    switch_language(page, "中文")
    page.get_by_text(ZH["lecture.reveal"], exact=True).filter(visible=True).first.click()  # (the errata's is folded)
    wait_ready(page)
    assert progress(page) == finished_text(ZH, epochs), "the trained run was reset"
    methods = page.locator("[data-testid=stMultiSelect]").first.inner_text()
    for m in ("naive", "ewc", "replay"):          # lab.forgetting.DEFAULT_METHODS, shown by their labels
        assert ZH[f"forgetting.method_{m}"] in methods, f"{m} dropped from the methods"
