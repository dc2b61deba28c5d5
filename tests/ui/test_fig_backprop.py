"""ui.fig_backprop and the activation pickers: every activation in nncore's registry can be shown."""
import pytest

from nncore.layers import ACTIVATION_NAMES
from ui import fig_backprop as fb
from ui.i18n import t


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_every_registered_activation_has_a_formula_and_labels(name):
    f, df = fb.ACT_TEX[name]
    assert f and df
    assert t(f"backprop.act.{name}") and t(f"mlp.act.{name}")      # a missing English key raises KeyError
