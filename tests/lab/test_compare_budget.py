"""lab.compare's work budget: what a twin fit asks for, and the epochs it may run under the cap."""
import pytest

from lab.compare import AUTO_WORK, MAX_WORK, epoch_work, twin_budget

ADAM = dict(hidden_layer_sizes=(16, 16), solver="adam", batch_size="auto", max_iter=100)


def test_work_grows_with_rows_units_and_layers_and_shrinks_with_the_batch():
    base = epoch_work(280, 2, (16, 16), 2)
    assert epoch_work(560, 2, (16, 16), 2) > base
    assert epoch_work(280, 2, (64, 64), 2) > base
    assert epoch_work(280, 2, (16, 16, 16), 2) > base
    assert epoch_work(280, 2, (16, 16), 2, batch_size=8) > epoch_work(280, 2, (16, 16), 2, batch_size=64)
    assert epoch_work(280, 2, (16, 16), 2, batch_size=8, solver="lbfgs") < epoch_work(280, 2, (16, 16), 2, 8)


@pytest.mark.parametrize("rows, features, classes", [(280, 2, 2), (1257, 64, 10)])   # moons 400, digits
def test_every_built_in_default_trains_on_opening(rows, features, classes):
    b = twin_budget(rows, features, classes, ADAM, ADAM)
    assert b.auto and not b.capped and b.work <= AUTO_WORK <= MAX_WORK


def test_the_issue_link_cannot_run_even_one_epoch():
    p = dict(hidden_layer_sizes=(512,) * 4, batch_size=8, max_iter=500, solver="adam")
    b = twin_budget(1257, 64, 10, p, p)
    assert b.allowed == 0 and not b.auto and b.per_epoch > MAX_WORK


def test_a_heavy_run_is_cut_to_the_most_epochs_under_the_cap_for_both_sides():
    sk = dict(hidden_layer_sizes=(64, 64), batch_size=8, max_iter=500, solver="adam")
    nn = {**sk, "solver": "sgd"}
    b = twin_budget(1257, 64, 10, sk, nn)
    assert b.capped and not b.auto and 1 <= b.allowed < 500
    assert b.allowed * b.per_epoch <= MAX_WORK < (b.allowed + 1) * b.per_epoch
    lbfgs = twin_budget(1257, 64, 10, {**sk, "solver": "lbfgs"}, nn)           # the heavier side sets the pace
    assert lbfgs.per_epoch == b.per_epoch
