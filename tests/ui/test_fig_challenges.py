"""ui/fig_challenges.py on its own: the figures' titles read in both languages."""
import numpy as np
import pytest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_fooled_row_titles_fit_their_panels(lang, monkeypatch):
    """Each title line fits its image's width (three images in ~60 % of a 1280 px page, one line each
    overlapped): at most 16 characters a line, a Chinese character counted twice."""
    from ui import fig_challenges as fc
    from ui import i18n

    monkeypatch.setattr(i18n, "current_lang", lambda: lang)
    example = dict(pred=7, conf=1.0, pred_adv=3, conf_adv=0.87, original=np.zeros((8, 8)), change=np.zeros((8, 8)),
                   perturbed=np.zeros((8, 8)))
    fig = fc.fooled_row(example, 0.1)
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == 3
    for line in (line for title in titles for line in title.split("<br>")):
        assert sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) <= 16, line
