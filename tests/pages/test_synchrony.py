"""Synchrony page: shared input synchronises, coupling makes a rhythm at cortical rates; the sweep runs; sources."""
import base64
import json

import numpy as np
import pytest

from tests.conftest import assert_clean, open_page


def array(v):
    """A Plotly JSON array: a plain list or base64 'bdata' with a dtype."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v, dtype=float)


def metrics(at):
    return {m.label: m.value for m in at.metric}


def value(at, label):
    return float(metrics(at)[label].split()[0])


def rates(at):
    """(E, I) mean rates from the two "4.1 Hz" metrics."""
    shown = metrics(at)
    out = []
    for label in ("Excitatory rate", "Inhibitory rate"):
        number, unit = shown[label].split()
        assert unit == "Hz"
        out.append(float(number))
    return tuple(out)


@pytest.fixture(scope="module")
def default_page():
    at = open_page("synchrony.py")
    assert_clean(at)
    return at


def test_default_view(default_page):
    e, i = rates(default_page)
    assert 1.0 < e < 20.0 and 1.0 < i < 20.0
    assert 0.0 <= value(default_page, "Synchrony index χ") <= 1.0
    assert metrics(default_page)["Rhythm from coupling"] == "—"          # uncoupled: nothing to compare
    assert len(default_page.get("plotly_chart")) == 2   # raster and spectrum; the sweep waits for its button


@pytest.mark.parametrize("query", [{"sync_c": "0.6"}, {"sync_c": "0.0", "sync_j": "200"}])
def test_shared_input_or_coupling_raise_synchrony(query):
    base = open_page("synchrony.py", query={"sync_c": "0.0", "sync_j": "0", "sync_n": "1000"})
    more = open_page("synchrony.py", query=query)
    assert_clean(base)
    assert_clean(more)
    assert value(base, "Synchrony index χ") < 0.1
    assert value(more, "Synchrony index χ") > value(base, "Synchrony index χ") + 0.2


@pytest.mark.slow      # ≈ 1.5–2.5 s: the fast loop stays under 90 s; CI runs it
def test_strong_coupling_shows_a_rhythm_at_cortical_rates():
    at = open_page("synchrony.py", query={"sync_c": "0.0", "sync_j": "200", "sync_n": "2000"})
    assert_clean(at)
    e, i = rates(at)
    assert 1.0 <= e <= 40.0 and 1.0 <= i <= 40.0
    rhythm = next(m for m in at.metric if m.label == "Rhythm from coupling")
    assert 10 <= float(rhythm.value.split()[0]) <= 20                   # "15 Hz"
    assert float(rhythm.proto.delta.split()[0].lstrip("×")) >= 10       # "×64.1 vs uncoupled"
    spectrum = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert len(spectrum["data"]) == 2                                   # this run and the same run uncoupled
    assert any(s.get("text", "").startswith("peak") for s in spectrum["layout"].get("annotations", []))
    network = next(c.value for c in at.caption if "This network" in c.value)
    assert "Pakkenberg et al. 2003" in network and "Binzegger et al. 2004" in network    # "thousands of inputs"


@pytest.mark.slow      # ≈ 1.5–2.5 s: the fast loop stays under 90 s; CI runs it
def test_sweep_runs_and_stays_below_the_diagonal():
    at = open_page("synchrony.py")
    next(b for b in at.button if b.key == "sync_sweep_btn").click().run()
    assert_clean(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    fig = json.loads(charts[2].proto.spec)
    corr = next(d for d in fig["data"] if d["name"] == "output spike-count correlation")
    c, y = array(corr["x"]), array(corr["y"])
    assert y[0] < 0.05 and y[-1] > 0.9          # independent → uncorrelated; identical input → synchronous
    assert all(yy < cc for cc, yy in zip(c[1:-1], y[1:-1]))   # output correlation below input correlation


def test_silent_population_warns_instead_of_failing():
    at = open_page("synchrony.py", query={"sync_rate": "6.0", "sync_c": "0.0"})
    assert_clean(at)
    assert at.warning and "hardly fire" in at.warning[0].value


def test_sources_are_shown(default_page):
    text = "\n".join(m.value for m in default_page.markdown) + "\n".join(c.value for c in default_page.caption)
    for source in ("Singer 1999", "Fries 2015", "Shadlen & Movshon 1999", "Brunel 2000", "Brunel & Wang 2003"):
        assert source in text, source


def test_nonsense_in_the_url_falls_back_to_defaults():
    at = open_page("synchrony.py", query={"sync_c": "5", "sync_n": "37", "sync_rate": "abc", "sync_seed": "-4"})
    assert_clean(at)
    assert next(s for s in at.slider if s.key == "sync_c").value == pytest.approx(0.1)
    assert metrics(at)["Excitatory rate"].endswith(" Hz")


@pytest.mark.parametrize("n, lang, expected", [("1000", "en", "1,000 spiking neurons, 800 excitatory and 200"),
                                               ("2000", "en", "2,000 spiking neurons, 1,600 excitatory and 400"),
                                               ("1500", "zh", "1,500 个脉冲神经元（1,200 个兴奋性、300 个抑制性）")])
def test_the_introduction_names_the_population_simulated(n, lang, expected):
    at = open_page("synchrony.py", query={"sync_n": n, "lang": lang})
    assert_clean(at)
    assert any(m.value.startswith(expected) for m in at.main.markdown), [m.value[:60] for m in at.main.markdown]


def test_metric_labels_are_short_enough_to_show_whole():
    """Six metrics in rows of three at 1280 px (presenter type included): a label longer than this is cut."""
    from ui.i18n import TABLES
    keys = ("sync.m_rate_e", "sync.m_rate_i", "sync.m_cv", "sync.m_chi", "sync.m_corr", "sync.m_peak")
    for key in keys:
        assert len(TABLES["en"][key]) <= 24 and len(TABLES["zh"][key]) <= 12, key
