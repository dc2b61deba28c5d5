"""Every scene opens its page from its URL in the promised state (AppTest; the browser twin is in e2e)."""
import pytest

from tests.conftest import assert_clean, open_page
from ui.i18n import t
from ui.nav import existing_pages
from ui.scenes import SCENES, available

PAGES = {row[1] for row in existing_pages()}
LIVE = available(PAGES)


def test_scene_ids_are_unique_and_pages_are_mapped():
    from ui.nav import PAGES as MAP
    assert len({s.id for s in SCENES}) == len(SCENES)
    assert {s.page for s in SCENES} <= {row[1] for row in MAP}


@pytest.mark.parametrize("scene", LIVE, ids=[s.id for s in LIVE])
def test_scene_opens_in_its_state(scene):
    at = open_page(scene.page, query=scene.query())
    assert_clean(at)
    assert not [w.value for w in at.warning if w.value.startswith(t("url.notes_title"))]   # every value taken
    for key, expected in scene.expected_state().items():
        got = at.session_state[key]
        assert got == expected or (isinstance(expected, float) and got == pytest.approx(expected)), (key, got)


def test_home_lists_the_scenes_in_lecture_order():
    at = open_page("home.py")
    labels = [el.proto.label for el in at.get("page_link")]
    titles = [s.title for s in LIVE]
    assert [label.split(". ", 1)[1] for label in labels] == titles
