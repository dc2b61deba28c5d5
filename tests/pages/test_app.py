"""The app shell: every registered page renders with its defaults and shows no exception."""
import pytest

from tests.conftest import assert_clean, controls_without_help, open_page
from ui.nav import PAGES, existing_pages

REGISTERED = [row[1] for row in existing_pages()]


@pytest.mark.parametrize("file", REGISTERED)
def test_page_renders_clean_and_every_control_explains_itself(file):
    at = open_page(file)
    assert_clean(at)
    assert at.title, f"{file} has no title"
    assert not controls_without_help(at)


def test_pages_folder_holds_only_registered_scripts_home_first():
    from ui.nav import ROOT
    scripts = {p.name for p in (ROOT / "pages").glob("*.py")}
    assert scripts == set(REGISTERED), "every file in pages/ becomes a URL: register it in ui/nav.py or move it"
    assert PAGES[0][1] == "home.py"


def test_home_runs_the_article_example():
    at = open_page("home.py")
    at.button[0].click().run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    held_out = float(metrics["Held-out accuracy"].rstrip("%")) / 100
    assert 0.40 <= held_out <= 0.60  # random labels: chance


def test_home_says_nncore_is_a_few_thousand_lines_of_numpy():
    from pathlib import Path

    from ui.i18n import TABLES
    root = Path(__file__).resolve().parents[2] / "nncore"
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in root.rglob("*.py"))
    assert 2_000 <= lines < 10_000, lines
    assert "a few thousand lines of NumPy" in TABLES["en"]["home.explain"]


def test_the_help_check_sees_each_kind_of_control_without_help():
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_string(
        "import streamlit as st\n"
        "st.slider('explained', 0, 10, help='what it sets')\n"
        "st.toggle('t'); st.button('b'); st.selectbox('s', ['x']); st.number_input('n')\n"
        "st.segmented_control('g', ['x', 'y']); st.file_uploader('u')\n").run()
    kinds = {kind for kind, _ in controls_without_help(at)}
    assert {"toggle", "button", "selectbox", "number_input", "segmented_control", "file_uploader"} <= kinds
    assert "explained" not in {label for _, label in controls_without_help(at)}
