"""Forgetting figures: drawn from partial runs (before, during, after a task) without gaps or errors."""
import re
from dataclasses import replace

import numpy as np
import pytest

from lab import forgetting as fg
from ui import fig_forgetting as ff
from ui.i18n import t

SMALL = fg.ForgettingConfig(hidden=16, depth=1, epochs=2, n_tasks=3, scenario="split")


def test_figures_follow_a_run_from_empty_to_finished():
    cmp = fg.Comparison(SMALL, ("naive", "ewc", "joint"))
    for stop in (0, 2, 3, None):              # nothing yet, A done, mid-B, all three tasks done
        cmp.run(max_epochs=stop) if stop is not None else cmp.run()
        results = cmp.results()
        chart = ff.curves(results)
        assert chart.startswith("<svg") and chart.count("<path") >= (3 * 3 if stop else 0)
        for k in range(3):
            assert ff.task_label(results["naive"], k) in chart
        if stop:
            matrices = ff.accuracy_matrices(results)
            assert matrices.startswith("<svg") and t("forgetting.method_ewc") in matrices
            for r in results.values():                   # every reached cell has its percentage written in
                assert all(f">{ff.pct(v)}<" in matrices for v in r.R[np.isfinite(r.R)])
            assert matrices.count("<rect") == 3 * 9 + 1      # three methods × 3 × 3 cells (+ the background)
    assert "digits 7–9" in ff.task_label(results["naive"], 2)


def test_importance_chart_and_diagram():
    r = fg.run(replace(SMALL, n_tasks=2, scenario="permuted", method="ewc"))
    groups = {"ewc": fg.change_by_importance(r.fisher_a, r.delta, 5)}
    chart = ff.importance_chart(groups, 5)
    assert chart.startswith("<svg") and t("forgetting.method_ewc") in chart
    assert chart.count("<circle") == 5                   # one marker per group
    diagram = ff.cls_diagram(scale=1.3)
    assert t("forgetting.cls_hc") in diagram and t("forgetting.cls_buffer") in diagram


def _marker_ys(chart):
    return [float(m) for m in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', chart)]


def test_importance_chart_is_a_log_axis_labelled_at_whole_decades():
    """Equal ratios are equal heights; ticks at 10^k only; values that a log axis cannot show break the line."""
    groups = {"naive": {"rms_change": np.array([1e-3, 1e-2, 1e-1, 0.0, 1e-2])},
              "ewc": {"rms_change": np.array([2e-3, 2e-2, 2e-1, 2e-1, np.nan])}}
    chart = ff.importance_chart(groups, 5)
    ticks = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', chart)
    assert ticks == ["10⁻³", "10⁻²", "10⁻¹", "1"]          # 10^-3 ... 10^0, nothing between decades
    naive, ewc = _marker_ys(chart)[:4], _marker_ys(chart)[4:]
    assert len(naive) == 4 and len(ewc) == 4                  # 0 and NaN are left out
    assert naive[0] - naive[1] == pytest.approx(naive[1] - naive[2], abs=0.2)      # ×10 is one step up
    assert naive[0] - ewc[0] == pytest.approx(naive[1] - ewc[1], abs=0.2)        # ×2 is the same shift anywhere
    path = re.findall(r'<path d="([^"]+)" fill="none" stroke="' + ff.METHOD_COLORS["naive"], chart)[0]
    assert path.count("M") == 2                              # the line breaks at the 0


def test_decades_span_the_values():
    assert ff.log_decades([0.004, 0.3]) == (-3, 0)
    assert ff.log_decades([0.01]) == (-2, -1)                  # at least one decade
    assert ff.log_decades([0.0, np.nan]) == (-1, 0)           # nothing to show: a plain decade
    assert [ff.decade_label(k) for k in (-12, -1, 0, 1, 2)] == ["10⁻¹²", "10⁻¹", "1", "10", "10²"]
