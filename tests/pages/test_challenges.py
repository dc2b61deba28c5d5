"""The Challenges page: every view renders clean in English and Chinese; the ε slider, the attack switch and
presenter view change what is shown; the numbers on screen are the lab's."""
import pytest

from lab import challenges as ch
from lab.cnn import CnnConfig
from tests.conftest import ROOT, assert_clean

# URL values of the view selector are its labels, as Streamlit writes them.
VIEW = {"en": {"fooled": "Can it be fooled?", "looks": "What does it look at?", "data": "How much data?",
               "overfit": "Overfitting with little data"},
        "zh": {"fooled": "它会被骗吗？", "looks": "它在看哪里？", "data": "需要多少数据？",
               "overfit": "数据少时的过拟合"}}


def open_page(query=None, lang="en", timeout=120):
    """Open the page as the first page of a session, so URL query parameters reach its widgets."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    at.switch_page("pages/challenges.py")
    if lang != "en":
        at.query_params["lang"] = lang
    for k, v in (query or {}).items():
        at.query_params[k] = VIEW[lang].get(v, v) if k == "ch_view" else v
    return at.run()


def metrics(at):
    return {m.label: m.value for m in at.metric}


def charts(at):
    return len(at.get("plotly_chart"))


@pytest.fixture(scope="module")
def default_page():
    return open_page()


def test_default_view_is_the_fooling_experiment_at_the_scenes_eps(default_page):
    at = default_page
    assert_clean(at)
    assert at.segmented_control(key="ch_view").value == "fooled"
    assert at.select_slider(key="ch_eps").value == ch.NUDGE_EPS == 0.1
    assert charts(at) == 2                        # the digit row and accuracy against ε
    result = ch.adversarial(ch.AdversarialConfig(epsilons=(0.1,), noise_seed=0), ch.train_models(CnnConfig()))
    m = metrics(at)
    assert m["Test accuracy"] == f"{result.acc_clean:.1%}"
    assert m["FGSM, ε = 0.1"] == f"{result.acc_fgsm[0.1]:.1%}"
    assert m["Noise, ε = 0.1"] == f"{result.acc_noise[0.1]:.1%}"
    clean, fgsm, noise = (float(m[k].rstrip("%")) for k in ("Test accuracy", "FGSM, ε = 0.1", "Noise, ε = 0.1"))
    assert fgsm < clean - 25 and noise > clean - 5
    # the page opens on a digit the nudge fools
    assert any("Before the change the network answered" in md.value for md in at.markdown)


def test_a_smaller_eps_fools_less(default_page):
    at = default_page
    fgsm_default = float(metrics(at)["FGSM, ε = 0.1"].rstrip("%"))
    at.select_slider(key="ch_eps").set_value(0.05).run()
    assert_clean(at)
    assert float(metrics(at)["FGSM, ε = 0.05"].rstrip("%")) > fgsm_default


def test_the_attack_switch_changes_the_shown_change(default_page):
    at = default_page
    at.radio(key="ch_attack").set_value("noise").run()
    assert_clean(at)
    assert any("True label" in md.value for md in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view, n_charts", [("fooled", 2), ("looks", 1)])
def test_quick_views_render_clean_in_both_languages(view, n_charts, lang):
    at = open_page({"ch_view": view}, lang=lang)
    assert_clean(at)
    assert at.segmented_control(key="ch_view").value == view
    assert charts(at) == n_charts
    if lang == "zh":
        assert at.title[0].value.startswith("神经网络的挑战")


def test_looks_view_shows_the_deletion_check():
    at = open_page({"ch_view": "looks", "ch_look_digit": "5"})
    assert_clean(at)
    m = metrics(at)
    check = ch.deletion_check(ch.DeletionConfig(), ch.train_models(CnnConfig()))
    assert m["Confidence drop, top 4 pixels blanked"] == f"{100 * check.drop_salient:.0f} pp"
    assert at.number_input(key="ch_look_digit").value == 5
    # the deletion check is a test-set mean among this digit's numbers: the page says so beside it
    assert any(f"Mean over the first {check.n_digits} test digits" in c.value for c in at.caption)
    assert _panel_titles(at)[0] == "test digit (label 5)"


def _panel_titles(at):
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [a["text"] for a in spec["layout"]["annotations"] if a.get("xref") == "paper" and a.get("yref") == "paper"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_data_and_overfit_views_render_clean(lang):
    # each view from its own URL: AppTest formats a changed widget's value outside the session, in English
    at = open_page({"ch_view": "data", "ch_repeats": "1"}, lang=lang)
    assert_clean(at)
    assert charts(at) == 1
    at = open_page({"ch_view": "overfit", "ch_repeats": "1"}, lang=lang)
    assert_clean(at)
    assert charts(at) == 1
    links = [el.proto for el in at.get("page_link")]
    assert any(link.page.endswith("mlp_playground") or "mlp_playground" in link.page for link in links)


def test_presenter_view_locks_the_seed_and_hides_the_answers():
    at = open_page({"presenter": "true"})
    assert_clean(at)
    assert at.number_input(key="ch_seed").disabled
    assert not at.toggle(key="reveal_challenges_errata").value
    assert not any(md.value.startswith("**Actually**") for md in at.markdown)
    at.toggle(key="reveal_challenges_errata").set_value(True).run()
    assert sum(md.value.startswith("**Actually**") for md in at.markdown) == 3


def test_a_bad_url_value_gives_no_traceback():
    at = open_page({"ch_eps": "banana", "ch_fool_digit": "99999"})
    assert not at.exception


# -- your own drawing in "What does it look at?" ------------------------------------------------------------

def _own(query=None):
    return open_page({"ch_view": "looks", "ch_look_source": "your own drawing", **(query or {})})


def test_own_drawing_before_an_upload_says_what_to_do_and_shows_no_maps():
    at = _own()
    assert_clean(at)
    assert at.radio(key="ch_look_source").value == "own"
    assert any("No image yet" in c.value for c in at.caption)
    assert charts(at) == 0 and not metrics(at)


@pytest.mark.parametrize("which", [None, 3])
def test_an_uploaded_drawing_gets_the_lab_maps_and_verdict(which):
    from tests.fuzz.bad_files import drawn_digit, png
    from ui import uploads

    data = png(drawn_digit())
    at = _own()
    at.get_by_key("ch_upload").set_value(("seven.png", data, "image/png"))
    if which is not None:
        at.selectbox(key="ch_own_class").set_value(which)
    at.run()
    assert_clean(at)
    digit, _, _ = uploads.read_digit_image(data)
    want = ch.saliency_of(digit[None], None if which is None else [which], ch.SaliencyConfig(),
                          ch.train_models(CnnConfig()))
    assert charts(at) == 1
    assert metrics(at)["Gradient vs occlusion (r)"] == f"{want.agreement[0]:+.2f}"
    verdict = next(m.value for m in at.markdown if "reads your drawing as" in m.value)
    assert f"**{int(want.predicted[0])}**" in verdict and f"class **{int(want.labels[0])}**" in verdict
    # a drawing has no label: its panel names the network's answer, or the class the student chose
    title = _panel_titles(at)[0]
    assert "test digit" not in title and "label" not in title
    assert title == (f"your drawing<br>network's answer: {int(want.predicted[0])}" if which is None
                     else f"your drawing<br>class {which} explained")


def test_a_file_that_is_not_a_digit_image_gets_a_message_and_the_view_stays():
    at = _own()
    at.get_by_key("ch_upload").set_value(("notes.png", b"label,x\n1,2\n", "image/png"))
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and charts(at) == 0
    assert at.radio(key="ch_look_source").value == "own" and at.get_by_key("ch_upload") is not None


def test_a_refused_drawing_is_named_and_the_last_good_one_keeps_its_maps():
    from tests.fuzz.bad_files import drawn_digit, png
    from ui import uploads

    at = _own()
    at.get_by_key("ch_upload").set_value(("seven.png", png(drawn_digit()), "image/png"))
    at.run()
    assert_clean(at)
    before = metrics(at)
    at.get_by_key("ch_upload").set_value(("photo.jpg", png(drawn_digit()) + bytes(uploads.IMAGE.max_bytes),
                                          "image/jpeg"))
    at.run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    from ui.safe import user_text

    assert user_text("photo.jpg") in error and user_text("seven.png") in error and "8 MB" in error
    assert charts(at) == 1 and metrics(at) == before           # still the maps of seven.png
