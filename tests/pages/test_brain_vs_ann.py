"""Brain vs ANN page: LIF and artificial neuron respond to their controls; tables and errata carry sources."""
import numpy as np
import pytest

from nncore import brain
from tests.conftest import assert_clean, open_page


def metrics(at):
    return {m.label: m.value for m in at.metric}


def markdown(at):
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture(scope="module")
def default_page():
    at = open_page("brain_vs_ann.py")
    assert_clean(at)
    return at


def test_default_view_shows_both_neurons_and_all_sections(default_page):
    at = default_page
    assert at.title[0].value == "A real neuron beside an artificial one"
    m = metrics(at)
    assert m["Rheobase"] == "0.20 nA"
    assert m["Firing rate"].endswith(" Hz") and float(m["Firing rate"].split()[0]) > 0
    assert m["ReLU units active per input"].endswith(" %")
    assert m["LIF neurons spiking per window"].endswith(" %")
    subheaders = [s.value for s in at.subheader]
    for key in ("A spiking neuron", "An artificial neuron", "The bridge", "Scale and energy", "Sparsity meter",
                "The article says"):
        assert any(s.startswith(key) for s in subheaders), key


@pytest.mark.parametrize("current, fires", [(0.1, False), (0.19, False), (0.3, True), (0.6, True)])
def test_noise_free_lif_fires_only_above_rheobase(current, fires):
    at = open_page("brain_vs_ann.py", query={"brain_current": str(current), "brain_noise": "0.0"})
    assert_clean(at)
    rate = float(metrics(at)["Firing rate"].split()[0])
    assert (rate > 0) == fires
    if fires:  # 500 ms of simulation: within one spike (2 Hz) of the formula, plus the first interval's offset
        assert rate == pytest.approx(brain.lif_rate(current), abs=2.0 + 0.2 * brain.lif_rate(current))


@pytest.mark.parametrize("act, expected", [("relu", max(0.0, 0.8 * 1.0 + 0.5 * -0.6 + -0.4 * 0.7 + 0.1)),
                                           ("step", 1.0),
                                           ("sigmoid", 1 / (1 + np.exp(-(0.8 - 0.3 - 0.28 + 0.1))))])
def test_artificial_neuron_output(act, expected):
    at = open_page("brain_vs_ann.py", query={"brain_act": act})
    assert_clean(at)
    md = markdown(at)
    assert f"y = f(z) = {expected:.3f}" in md
    assert "z = 0.32" in md


def test_changing_a_weight_changes_z():
    at = open_page("brain_vs_ann.py")
    next(s for s in at.slider if s.key == "brain_w1").set_value(-1.0).run()
    assert_clean(at)
    assert "z = -1.28" in markdown(at)


def test_scale_table_and_errata_cite_sources(default_page):
    md = markdown(default_page)
    # the scale table's sources sit in a caption right below it: a fifth column was cut off on a phone
    table = next(m.value for m in default_page.markdown if m.value.lstrip().startswith("| quantity"))
    assert all(line.count("|") == 5 for line in table.strip().splitlines())        # four columns
    sources = next(c.value for c in default_page.caption if c.value.startswith("Sources"))
    for source in ("Azevedo et al. 2009", "Pakkenberg et al. 2003", "Raichle & Gusnard 2002", "Lennie 2003",
                   "Attwell & Laughlin 2001", "Brown et al. 2020", "Patterson et al. 2021", "Gerstner et al. 2014"):
        assert source in sources, source
    assert "loosely analogous" in "\n".join(i.value for i in default_page.info)
    captions = "\n".join(c.value for c in default_page.caption)
    for source in ("Singer 1999", "Fries 2015", "Azevedo et al. 2009"):
        assert source in captions
    assert "100亿" in md and "Actually" in md


def test_sparsity_window_changes_the_brain_fraction():
    at = open_page("brain_vs_ann.py")
    before = metrics(at)["LIF neurons spiking per window"]
    next(s for s in at.select_slider if s.key == "brain_window").set_value(100).run()
    assert_clean(at)
    after = metrics(at)["LIF neurons spiking per window"]
    assert float(after.split()[0]) > float(before.split()[0])


def test_nonsense_in_the_url_falls_back_to_defaults():
    at = open_page("brain_vs_ann.py", query={"brain_current": "99", "brain_act": "softmax", "brain_noise": "nan"})
    assert_clean(at)
    assert next(s for s in at.slider if s.key == "brain_current").value == pytest.approx(0.25)
    assert at.selectbox[0].value == "relu"


def test_a_phone_gets_the_scale_table_as_a_list_with_every_cell(default_page, monkeypatch):
    """Four columns of sentences scrolled sideways on a 390 px phone: a phone's browser (its User-Agent) gets each
    row as a bold name and one line per column, every cell kept; a laptop keeps the table (above)."""
    from ui import figures
    laptop = next(m.value for m in default_page.markdown if m.value.lstrip().startswith("| quantity"))
    monkeypatch.setattr(figures, "on_phone", lambda: True)
    at = open_page("brain_vs_ann.py")
    assert_clean(at)
    shown = next(m.value for m in at.markdown if m.value.startswith("**units**"))
    assert "|" not in shown
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in laptop.strip().splitlines()]
    head, body = rows[0], rows[2:]
    for row in body:
        assert f"**{row[0]}**" in shown
        for name, cell in zip(head[1:], row[1:]):
            assert f"- *{name}:* {cell}" in shown, (name, cell)            # brain.scale_cell, in English
