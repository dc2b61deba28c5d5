"""Learning rules page: every view renders clean in English and 中文, each Start runs to a result, controls live
in the URL, and the numbers on screen are the lab's own."""
import pytest

from lab import learning_rules as lr
from tests.conftest import assert_clean, open_page
from ui import fig_rules, i18n
from ui.i18n import TABLES

PAGE = "learning_rules.py"
VIEW_LABEL = {lang: {v: TABLES[lang][f"rules.view_{v}"] for v in ("stdp", "hebb", "fa")} for lang in ("en", "zh")}


def metrics(at):
    return {m.label: m.value for m in at.metric}


def open_view(view, lang="en", **query):
    q = {"rules_view": VIEW_LABEL[lang][view], **query}
    if lang != "en":
        q["lang"] = lang
    return open_page(PAGE, query=q)


def same_language_in_the_test(monkeypatch, lang):
    """AppTest formats choice widgets (the view, the data) in the test's own thread, where there is no session
    and ``t()`` speaks English; a click would then not find the Chinese option. Make both threads speak ``lang``."""
    monkeypatch.setattr(i18n, "current_lang", lambda: lang)


def start_and_finish(at, key, max_runs=120):
    next(b for b in at.button if b.key == f"{key}_start").click().run()
    runs = 0
    while any(b.key == f"{key}_pause" for b in at.button) and runs < max_runs:
        at.run()
        runs += 1
    assert not any(b.key == f"{key}_pause" for b in at.button), "the run did not finish"
    return at


def all_text(at):
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", ["stdp", "hebb", "fa"])
def test_every_view_renders_clean_in_both_languages(view, lang):
    at = open_view(view, lang)
    assert_clean(at)
    assert at.title[0].value == TABLES[lang]["rules.title"]
    assert at.session_state["rules_view"] == view
    labels = set(metrics(at))
    assert {TABLES[lang][k] for k in {"stdp": ["rules.m_time", "rules.m_rate"], "hebb": ["rules.m_cos"],
                                     "fa": ["rules.m_acc_bp", "rules.m_angle"]}[view]} <= labels


def test_default_view_is_the_stdp_neuron_at_the_scene_settings():
    at = open_page(PAGE)
    assert_clean(at)
    assert at.session_state["rules_view"] == "stdp"
    m = metrics(at)
    assert m["Simulated time"] == "0 s"
    assert 0.35 < float(m[TABLES["en"]["rules.m_w_corr"]]) < 0.65        # uniform start: mean ≈ 0.5 gₘₐₓ


@pytest.mark.slow
def test_stdp_start_runs_fast_settings_to_a_result():
    at = start_and_finish(open_view("stdp", rules_duration="10"), "rules_stdp")
    assert_clean(at)
    m = metrics(at)
    assert m["Simulated time"] == "10 s"
    r = lr.run_stdp(lr.STDPConfig(duration_s=10))
    assert float(m[TABLES["en"]["rules.m_w_corr"]]) == pytest.approx(r.w_corr_mean[-1], abs=0.006)
    assert float(m[TABLES["en"]["rules.m_w_free"]]) == pytest.approx(r.w_uncorr_mean[-1], abs=0.006)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stdp_start_at_the_defaults_shows_the_scene_claim(lang, monkeypatch):
    same_language_in_the_test(monkeypatch, lang)
    at = start_and_finish(open_view("stdp", lang), "rules_stdp")
    assert_clean(at)
    ok, numbers = lr.SCENE_CLAIMS["fire_together"](0)
    assert ok
    m = metrics(at)
    assert float(m[TABLES[lang]["rules.m_w_corr"]]) == pytest.approx(numbers["w_correlated"], abs=0.006)
    assert float(m[TABLES[lang]["rules.m_w_free"]]) == pytest.approx(numbers["w_uncorrelated"], abs=0.006)
    assert at.success and TABLES[lang]["rules.verdict_won"][:8] in at.success[0].value


def test_fa_start_runs_fast_settings_to_a_result():
    at = start_and_finish(open_view("fa", rules_fa_epochs="5"), "rules_fa")
    assert_clean(at)
    m = metrics(at)
    bp = float(m["Test accuracy, backprop"].rstrip("%")) / 100
    fa = float(m["Test accuracy, feedback alignment"].rstrip("%")) / 100
    r = lr.run_feedback_alignment(lr.FeedbackAlignmentConfig(epochs=5))
    assert bp == pytest.approx(r.test_acc["backprop"][-1], abs=0.0006)
    assert fa == pytest.approx(r.test_acc["feedback_alignment"][-1], abs=0.0006)
    assert float(m["Angle to the true gradient"].rstrip("°")) == pytest.approx(r.angle_deg[-1], abs=0.6)
    assert at.info, "the verdict is shown at the end"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fa_start_at_the_defaults_comes_close_to_backprop(lang, monkeypatch):
    same_language_in_the_test(monkeypatch, lang)
    at = start_and_finish(open_view("fa", lang), "rules_fa")
    assert_clean(at)
    m = metrics(at)
    bp = float(m[TABLES[lang]["rules.m_acc_bp"]].rstrip("%")) / 100
    fa = float(m[TABLES[lang]["rules.m_acc_fa"]].rstrip("%")) / 100
    assert fa >= bp - 0.05 and float(m[TABLES[lang]["rules.m_angle"]].rstrip("°")) < 90


@pytest.mark.parametrize("data", ["cloud", "digits"])
def test_hebb_view_shows_oja_on_the_first_pc(data):
    label = TABLES["en"][f"rules.hebb_data_{data}"]
    at = open_view("hebb", rules_hebb_data=label)
    assert_clean(at)
    m = metrics(at)
    assert float(m["|cos(Oja's w, PC1)|"]) > 0.99
    assert abs(float(m["|w|, Oja"]) - 1) < 0.05
    r = lr.run_oja(lr.DIGITS_OJA if data == "digits" else lr.OjaConfig())
    assert r.hebb["norm"][-1] > 1e5
    assert m["|w|, plain Hebb"] == fig_rules.fmt_pow10(float(r.hebb["norm"][-1]))
    assert "× 10" in m["|w|, plain Hebb"] and "e+" not in m["|w|, plain Hebb"]


def test_controls_come_from_the_url_and_nonsense_falls_back():
    at = open_view("stdp", rules_rate="30", rules_ratio="1.2", rules_seed="7")
    assert_clean(at)
    assert at.session_state["rules_rate"] == 30 and at.session_state["rules_seed"] == 7
    assert at.session_state["rules_ratio"] == pytest.approx(1.2)
    bad = open_view("stdp", rules_rate="500", rules_ratio="abc", rules_seed="-3", rules_frac="77")
    assert_clean(bad)
    assert bad.session_state["rules_rate"] == int(lr.STDPConfig().rate_hz)
    assert bad.session_state["rules_ratio"] == pytest.approx(lr.STDPConfig().ratio)
    fa = open_view("fa", rules_fa_hidden="64", rules_fa_epochs="10")
    assert fa.session_state["rules_fa_hidden"] == 64 and fa.session_state["rules_fa_epochs"] == 10


def test_presenter_view_renders_clean():
    at = open_page(PAGE, query={"presenter": "true"})
    assert_clean(at)
    assert at.session_state["presenter"] is True


@pytest.mark.parametrize("view,sources", [
    ("stdp", ["Bi & Poo 1998", "Song, Miller & Abbott 2000", "Bi & Poo 2001", "van Rossum, Bi & Turrigiano 2000"]),
    ("hebb", ["Oja 1982", "Turrigiano et al. 1998"]),
    ("fa", ["Lillicrap et al. 2016", "Bartunov et al. 2018", "Grossberg 1987", "Crick"]),
])
def test_sources_are_shown(view, sources):
    at = open_view(view)
    text = all_text(at)
    for source in sources:
        assert source in text, source


def test_stdp_charts_have_fixed_axes_from_before_start():
    """Before Start the raster spans a full 0–0.25 s window (not "0 0 0 0"), and the output-rate axis does not
    jump at the first update of a default run."""
    import re

    run = lr.STDPRun(lr.STDPConfig(duration_s=10))
    ticks = re.findall(r">([0-9.]+)</text>", fig_rules.raster_svg(run.result()))
    assert ticks[0] == "0" and ticks[-1] == "0.25" and len(set(ticks)) == len(ticks)
    before = fig_rules._rate_top(run.result().rate_hz)
    run.run(epochs=1)
    assert fig_rules._rate_top(run.result().rate_hz) == before


def test_fa_angle_has_no_delta_before_the_first_epoch_and_sgd_says_momentum():
    at = open_view("fa")
    angle = next(m for m in at.metric if m.label == TABLES["en"]["rules.m_angle"])
    assert not angle.delta
    assert "SGD + momentum" in at.radio(key="rules_fa_opt").options


def test_numbers_read_as_students_write_them():
    assert fig_rules.fmt_sig(-2.0, 2, signed=True) == "−2.0"
    assert fig_rules.fmt_sig(0.5, 2) == "0.50"
    assert fig_rules.fmt_pow10(1.4e6) == "1.4 × 10⁶"
    assert fig_rules.fmt_pow10(9.96e5) == "1.0 × 10⁶"
    assert fig_rules.fmt_pow10(3.2) == "3.2"
    at = open_view("stdp")
    caption = next(c.value for c in at.caption if "A₊τ₊ − A₋τ₋" in c.value)
    assert "−2.0 %" in caption and "-" not in caption.split("=")[1].split("%")[0]


def test_hebb_chart_says_where_plain_hebb_was_stopped():
    r = lr.run_oja(lr.OjaConfig())
    assert r.hebb["stopped_at"]
    texts = [tx for tr in fig_rules.weight_norm_figure(r).data for tx in (tr.text or ())]
    assert any("10⁶" in tx and str(r.hebb["stopped_at"]) in tx for tx in texts)


def test_stdp_run_notes_count_simulated_seconds_not_epochs():
    """The STDP run counts simulated seconds: its notes say "0 s", not "epoch 0" (ui.live's own words)."""
    def captions(at):
        return [c.value for c in at.caption]

    at = open_view("stdp", rules_duration="10")
    notes = {TABLES["en"]["rules.stdp_from_link"], TABLES["en"]["rules.stdp_replay_ready"]}
    assert notes & set(captions(at))           # from the link (or kept on the server from an earlier test)
    at = start_and_finish(at, "rules_stdp")
    assert TABLES["en"]["rules.stdp_reload_note"] in captions(at)
    assert not any("epoch" in c for c in captions(at))
