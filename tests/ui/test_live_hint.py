"""ui/live.py's learning-rate hint: it shows for a learning rate too high (the loss worse than a constant
guess, or a network that learns stuck at chance) and never on a page's default run or a run meant to stay
at guessing level, at any epoch, seeds 0..5."""
from dataclasses import replace

import pytest

from lab import cnn
from lab import playground as pg
from lab import sequences as sm
from tests.conftest import open_page
from ui import live
from ui.i18n import t

SEEDS = range(6)


def _hints(trainer, epochs, learns=False):
    """The hint after each epoch (None where there is none)."""
    out = []
    for _ in range(epochs):
        trainer.run(epochs=1)
        out.append(live.lr_hint(trainer, learns))
    return out


def _playground(cfg):
    return pg.Playground(cfg, pg.PlaygroundData.builtin(cfg))


# the page's default and every Playground scene; random labels and XOR without a hidden layer stay at
# guessing level by design, the spiral with 8 units near it
QUIET = {"default": pg.PlaygroundConfig(), **{k: v for k, v in pg.SCENES.items() if k != "playground"},
         "xor_hidden": pg.XOR_HIDDEN}


@pytest.mark.parametrize("name", list(QUIET))
def test_no_hint_on_the_playground_default_or_its_scenes(name):
    for seed in SEEDS:
        cfg = replace(QUIET[name], seed=seed)
        hints = _hints(_playground(cfg), cfg.epochs)
        assert not any(hints), (name, seed, next(h for h in hints if h))


@pytest.mark.parametrize("optimizer, lr", [("adam", 10.0), ("sgd", 10.0)])
def test_a_playground_learning_rate_too_high_gets_the_hint_by_the_end(optimizer, lr):
    for seed in SEEDS:
        cfg = replace(pg.PlaygroundConfig(), optimizer=optimizer, lr=lr, seed=seed)
        trainer = _playground(cfg)
        hints = _hints(trainer, cfg.epochs)
        assert trainer.history.status != "diverged"           # no NaN: the diverged message never comes
        key, params = hints[-1]
        assert key == "live.lr_worse" and params["loss"] > live.HINT_LOSS_RATIO * params["guess"]
        assert "10× smaller" in t(key, **params)


def test_no_hint_before_the_hint_epochs():
    cfg = replace(pg.PlaygroundConfig(), lr=10.0)
    assert not any(_hints(_playground(cfg), live.HINT_EPOCHS - 1))


def test_the_guess_is_the_entropy_of_the_training_classes_and_chance_the_commonest_test_class():
    import numpy as np

    trainer = _playground(pg.SCENES["keras"])
    guess, chance = live.guess_baseline(live._engine(trainer))
    y, y_test = trainer.trainer.y, trainer.trainer.val[1]
    p = np.bincount(y) / len(y)
    assert guess == pytest.approx(-(p * np.log(p)).sum()) and chance == np.bincount(y_test).max() / len(y_test)
    assert live.guess_baseline(live._engine(sm.make_trainer(sm.RnnConfig(task="sine"),
                                                            sm.page_task(sm.RnnConfig(task="sine"))))) is None


def test_no_hint_on_the_rnn_default():
    for seed in SEEDS:
        cfg = sm.RnnConfig(seed=seed)
        assert not any(_hints(sm.make_trainer(cfg, sm.page_task(cfg)), cfg.epochs)), seed


@pytest.mark.slow
def test_cnn_default_never_gets_the_hint_and_lr_0_1_gets_it_where_the_network_dies_at_chance():
    stuck_seeds = 0
    for seed in SEEDS:
        cfg = cnn.CnnConfig(seed=seed)
        assert not any(_hints(cnn.TwinTrainer(cfg, cnn.page_data(seed)), cfg.epochs, learns=True)), seed
        fast = replace(cfg, lr=0.1)
        twin = cnn.TwinTrainer(fast, cnn.page_data(seed))
        hints = _hints(twin, fast.epochs, learns=True)
        stuck = max(twin.history["val_accuracy"]) < 0.2           # never above 20 % (chance: 10 %)
        stuck_seeds += stuck
        assert (hints[-1] is not None) == stuck, seed
        assert not any(hints[:live.HINT_EPOCHS - 1]), seed
    assert stuck_seeds >= 3           # lr 0.1 kills the CNN on most seeds (4 of 6 when measured)


@pytest.mark.slow
def test_the_cnn_page_shows_the_hint_in_its_panel():
    at = open_page("cnn.py", query={"cnn_lr": "0.1", "cnn_epochs": "6"}, timeout=180)
    next(b for b in at.button if b.key == "cnn_start").click().run()
    runs = 0
    while any(b.key == "cnn_pause" for b in at.button) and runs < 80:
        at.run()
        runs += 1
    assert not at.exception
    assert any("learning rate may be too high" in w.value for w in at.warning)


# -- the note "Settings from the link" ---------------------------------------------------------------------

def test_a_link_has_settings_only_beyond_the_language_and_presenter_view():
    assert not live.link_has_settings({}) and not live.link_has_settings({"lang": "zh"})
    assert not live.link_has_settings({"lang": "zh", "presenter": "true"})
    assert live.link_has_settings({"lang": "zh", "cnn_epochs": "7"})


def test_a_link_with_only_the_language_does_not_say_settings_from_the_link():
    from ui.i18n import TABLES

    note = TABLES["zh"]["live.from_link"]
    at = open_page("cnn.py", query={"lang": "zh"})
    assert not at.exception and note not in [c.value for c in at.caption]
    at = open_page("cnn.py", query={"lang": "zh", "cnn_epochs": "7"})
    assert not at.exception and note in [c.value for c in at.caption]
