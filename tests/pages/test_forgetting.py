"""The Forgetting page: renders clean in both languages, trains to a result, and meets bad settings
with a caption instead of an error."""
import base64
import re

import pytest
import streamlit as st

from tests.conftest import assert_clean, open_page
from ui import fig_forgetting as ff
from ui.i18n import TABLES, t


def _svgs(at):
    """The SVG text of every image on the page drawn from SVG."""
    prefix = "data:image/svg+xml;base64,"
    urls = [i.proto.imgs[0].url for i in at.get("image")]
    return [base64.b64decode(u[len(prefix):]).decode() for u in urls if u.startswith(prefix)]


def _start_and_finish(at, max_runs=80):
    at.button(key="fg_start").click().run()
    runs = 0
    while any(b.key == "fg_pause" for b in at.button) and runs < max_runs:
        at.run()
        runs += 1
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_clean_before_training(lang):
    at = open_page("forgetting.py", query={"lang": lang} if lang != "en" else None)
    assert_clean(at)
    assert at.title[0].value == TABLES[lang]["forgetting.title"]
    assert at.button(key="fg_start") is not None
    assert len(at.get("plotly_chart")) == 0                  # results wait for training
    assert any(TABLES[lang]["forgetting.results_after"] in i.value for i in at.info)
    sources = [c.value for c in at.caption if "McCloskey & Cohen 1989" in c.value]
    assert sources and sources[0].startswith({"en": "Sources:", "zh": "来源："}[lang])


def test_start_trains_every_method_to_an_accuracy_matrix():
    at = open_page("forgetting.py", query={"fg_epochs": "2", "fg_hidden": "32"})
    _start_and_finish(at)
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    naive = float(metrics[t("forgetting.metric_a", method=t("forgetting.method_naive"))].rstrip("%"))
    replay = float(metrics[t("forgetting.metric_a", method=t("forgetting.method_replay"))].rstrip("%"))
    assert 0 <= naive < replay <= 100                       # replay keeps more of A
    assert len(at.get("image")) == 4             # the curves, the accuracy matrices, the weight chart, the CLS sketch
    assert any("Fisher" in c.value for c in at.caption)
    assert t("forgetting.finished") in [c.value for c in at.caption]      # a disabled "Train more" is explained
    deltas = [m.delta for m in at.metric if m.delta]
    assert deltas and all(d.endswith(" pp") and not d.startswith("-") for d in deltas)   # one sign, a true minus


def test_the_prediction_is_asked_before_the_run_and_checked_after_it():
    at = open_page("forgetting.py", query={"fg_epochs": "1", "fg_hidden": "16"})
    shown = [m.value for m in at.markdown]
    assert t("forgetting.predict") in shown and t("forgetting.predict_after") not in shown
    _start_and_finish(at)
    shown = [m.value for m in at.markdown]
    assert t("forgetting.predict_after") in shown and t("forgetting.predict") not in shown


def test_bad_settings_give_captions_not_errors():
    at = open_page("forgetting.py", query={"fg_epochs": "1"})
    at.multiselect(key="fg_methods").set_value(["naive", "l2", "replay"])
    at.select_slider(key="fg_buffer").set_value(0)
    at.select_slider(key="fg_l2").set_value(10_000)
    at.run()
    _start_and_finish(at)
    assert_clean(at)
    shown = [c.value for c in at.caption] + [w.value for w in at.warning]
    assert t("forgetting.note_buffer_empty") in shown
    assert any(t("forgetting.method_l2") in s and "10^4" in s for s in shown)          # too stiff to learn B


def test_no_method_is_a_warning_and_presenter_view_renders():
    at = open_page("forgetting.py", query={"presenter": "true", "lang": "zh"})
    assert_clean(at)
    at.multiselect(key="fg_methods").set_value([])
    at.run()
    assert_clean(at)
    assert [w.value for w in at.warning] == [TABLES["zh"]["forgetting.need_method"]]


def test_weight_chart_shows_decades_and_speaks_only_of_the_methods_shown():
    at = open_page("forgetting.py", query={"fg_epochs": "2", "fg_hidden": "32"})
    _start_and_finish(at)
    shown = " ".join(m.value for m in at.markdown)
    assert t("forgetting.imp_m_ewc") in shown and t("forgetting.imp_m_replay") in shown
    assert t("forgetting.imp_m_l2") not in shown                       # L2 is not among the default methods

    chart = [s for s in _svgs(at) if t("forgetting.imp_y") in s]
    assert len(chart) == 1
    ticks = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', chart[0])
    assert len(ticks) >= 2 and all(re.fullmatch("1|10|10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", x) for x in ticks)   # decades only


def test_three_tasks_draw_two_rows_of_curves():
    at = open_page("forgetting.py", query={"fg_epochs": "1", "fg_hidden": "16"})
    at.radio(key="fg_tasks").set_value(3)
    at.multiselect(key="fg_methods").set_value(["naive"])
    at.run()
    _start_and_finish(at)
    assert_clean(at)
    assert len(at.get("image")) == 5      # A and B on one row, C below (readable type), matrices, weights, CLS


# -------------------------------------------------------------------- the end of a run, and replaying sessions
@pytest.fixture
def reruns(monkeypatch):
    """Counts the st.rerun() calls of the runs that follow (the page's and ui.live's)."""
    calls = []
    real = st.rerun

    def counted(*args, **kwargs):
        calls.append(kwargs.get("scope", "app"))
        return real(*args, **kwargs)
    monkeypatch.setattr(st, "rerun", counted)
    return calls


def test_a_short_run_ends_with_its_results_in_the_start_clicks_own_run(replay_cache, reruns):
    """The results, the "finished" note and the disabled button come with the panel: no full-page rerun."""
    at = open_page("forgetting.py", query={"fg_epochs": "2", "fg_hidden": "32"})
    reruns.clear()                                          # opening a page may reroute once (ui.page.ensure_shell)
    at.button(key="fg_start").click().run()
    assert_clean(at)
    assert reruns == []                                     # the run ended, and nothing asked for the whole page
    assert t("forgetting.finished") in [c.value for c in at.caption]
    assert [b.label for b in at.button if b.key == "fg_start"] == [t("live.done")]
    assert [s.value for s in at.subheader][:2] == [t("forgetting.matrix_heading"), t("forgetting.imp_heading")]
    assert not any(t("forgetting.results_after") in i.value for i in at.info)
    assert len(_svgs(at)) == 4                              # curves, matrices, weights, CLS sketch


def test_replaying_sessions_reuse_the_results_drawings(replay_cache, monkeypatch):
    built = []
    for name in ("accuracy_matrices", "importance_chart"):
        real = getattr(ff, name)
        monkeypatch.setattr(ff, name, lambda *a, _real=real, _name=name, **k: (built.append(_name), _real(*a, **k))[1])
    query = {"fg_epochs": "2", "fg_hidden": "32", "fg_seed": "11"}
    first = _start_and_finish(open_page("forgetting.py", query=query))
    assert sorted(built) == ["accuracy_matrices", "importance_chart"]
    second = _start_and_finish(open_page("forgetting.py", query=query))
    assert replay_cache.hits == 1                                  # the second session replayed the first one's run
    assert sorted(built) == ["accuracy_matrices", "importance_chart"]      # and drew nothing of its own
    assert _svgs(second) == _svgs(first)
