"""Quantitative sentences on the Networks side that live outside a scene's lab module, computed.

brain.sparsity_* says a trained ReLU network "uses a large fraction of its units for every input", against
cortex's < 1 % strongly active and ≤ 15 % active (Lennie 2003; Attwell & Laughlin 2001): measured with the
Brain vs ANN page's sparsity network (64 → 64 → 32 → 10 ReLU on the digits, 10 epochs).
"""
import pytest

from nncore import brain


@pytest.mark.slow
def test_a_trained_relu_network_uses_over_half_its_units_for_every_input_on_seeds_0_to_5():
    low = {}
    for seed in range(6):
        model, X_test, _, acc, _ = brain.sparsity_network(hidden=(64, 32), epochs=10, seed=seed)
        active = brain.relu_activity(model, X_test)          # share of ReLU units above zero, per input
        if acc < 0.9 or active.min() <= 0.5:
            low[seed] = (acc, float(active.min()))
    assert not low, f"seeds where some input uses half the units or fewer (accuracy, least share): {low}"
