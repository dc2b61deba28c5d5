"""The Memory page: every view renders clean; controls change what is shown; bad input gives a message."""
import pytest

from tests.conftest import ROOT, assert_clean

# URL values of the view selector are its (English) labels, as Streamlit writes them.
VIEW = {"patterns": "Store & recall", "capacity": "Capacity", "hebb_vs_bp": "Hebbian vs backprop",
        "memorise": "Memorising vs generalising", "timescales": "Timescales"}


def open_page(file, query=None, timeout=60):
    """Open ``pages/<file>`` as the first page of a session, so URL query parameters reach its widgets
    (the way a shared link opens the page in a browser)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    at.switch_page(f"pages/{file}")
    for k, v in (query or {}).items():
        at.query_params[k] = VIEW.get(v, v) if k == "mem_view" else v
    at.run()
    return at


def metrics(at):
    return {m.label: m.value for m in at.metric}


def charts(at):
    return len(at.get("plotly_chart"))


@pytest.fixture(scope="module")
def memory_page():
    return open_page("memory.py")


def test_default_view_recalls_the_cue(memory_page):
    at = memory_page
    assert_clean(at)
    assert at.title[0].value.startswith("Memory")
    m = metrics(at)
    assert m["Recalled"] == "A"                # cue A with 20 % damage is cleaned up
    assert m["Wrong cells"] == "0 / 100"
    assert charts(at) == 4                     # stored row, recall animation, overlaps, weights


@pytest.mark.parametrize("view, n_charts", [("capacity", 2), ("hebb_vs_bp", 2), ("memorise", 0), ("timescales", 3)])
def test_each_view_renders_clean(view, n_charts):
    at = open_page("memory.py", query={"mem_view": view})
    assert_clean(at)
    assert at.segmented_control(key="mem_view").value == view
    assert charts(at) == n_charts


def test_capacity_view_shows_breakdown_above_capacity():
    at = open_page("memory.py", query={"mem_view": "capacity", "mem_cap_trials": "5"})
    assert_clean(at)
    m = metrics(at)
    assert float(m["Overlap at α ≈ 0.06"]) > 0.99
    assert float(m["Overlap at α ≈ 0.30"]) < 0.8


def test_hebbian_needs_one_step_backprop_many():
    at = open_page("memory.py", query={"mem_view": "hebb_vs_bp"})
    assert_clean(at)
    m = metrics(at)
    assert m["Hebbian: learning steps"] == "1"
    assert int(m["Backprop: learning steps"]) > 1


def test_memorise_runs_behind_a_button():
    at = open_page("memory.py", query={"mem_view": "memorise", "mem_memo_n": "100", "mem_memo_epochs": "40"})
    assert charts(at) == 0
    at.button(key="mem_memo_run").click().run()
    assert_clean(at)
    assert charts(at) == 2
    at.run()                                   # the result stays on a rerun with the same settings
    assert charts(at) == 2


def test_empty_selection_warns_instead_of_failing(memory_page):
    at = memory_page
    at.multiselect(key="mem_store_letters").set_value([]).run()
    assert_clean(at)
    assert any("at least one pattern" in w.value for w in at.warning)
    at.multiselect(key="mem_store_letters").set_value(["A", "C", "H", "X"]).run()
    assert not at.warning


@pytest.mark.parametrize("source", ["digits", "random"])
def test_other_pattern_sources(source):
    at = open_page("memory.py", query={"mem_src": source})
    assert_clean(at)
    assert charts(at) == 4


def test_overloaded_random_network_ends_in_spurious_states():
    at = open_page("memory.py", query={"mem_src": "random", "mem_n_random": "30", "mem_noise": "30"})
    assert_clean(at)
    assert metrics(at)["Wrong cells"] != "0 / 100"


def test_synchronous_mode_and_hand_editing(memory_page):
    at = memory_page
    at.radio(key="mem_mode").set_value("sync").run()
    assert_clean(at)
    assert metrics(at)["Recalled"] == "A"
    at.toggle(key="mem_edit_on").set_value(True).run()
    assert_clean(at)
    assert charts(at) == 4


def test_noise_slider_changes_the_damage(memory_page):
    at = memory_page
    at.slider(key="mem_noise").set_value(0).run()
    assert_clean(at)
    assert metrics(at)["Units flipped"] == "0"


def test_timescales_view_links_to_the_rnn_page():
    at = open_page("memory.py", query={"mem_view": "timescales"})
    assert_clean(at)
    assert [link.proto.page for link in at.get("page_link")] == ["rnn"]          # the RNN page's url path
