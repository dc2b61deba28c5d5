"""Presenter view: answers wait behind Reveal; outside it they show at once."""
from tests.conftest import assert_clean, open_page
from ui.i18n import t


def run_example(at):
    next(b for b in at.button if b.label == t("home.article_run")).click()
    return at.run()


def test_presenter_view_hides_the_answer_until_revealed():
    at = run_example(open_page("home.py", query={"presenter": "true"}))
    assert_clean(at)
    assert at.session_state["presenter"] is True
    assert not at.info and any(c.value == t("lecture.hidden") for c in at.caption)
    next(tg for tg in at.toggle if tg.key == "reveal_home_lesson").set_value(True)
    at.run()
    assert at.info and at.info[0].value == t("home.article_lesson")


def test_normal_view_shows_the_answer():
    at = run_example(open_page("home.py"))
    assert at.info and at.info[0].value == t("home.article_lesson")


def test_errata_answers_follow_reveal_on_the_brain_pages():
    for file, key in (("brain_vs_ann.py", "reveal_brain_errata"), ("synchrony.py", "reveal_sync_errata")):
        at = open_page(file, query={"presenter": "true"})
        assert_clean(at)
        assert any(c.value == t("lecture.hidden") for c in at.caption), file
        next(tg for tg in at.toggle if tg.key == key).set_value(True)
        at.run()
        assert not any(c.value == t("lecture.hidden") for c in at.caption), file
