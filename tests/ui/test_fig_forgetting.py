"""Forgetting figures: drawn from partial runs (before, during, after a task) without gaps or errors."""
from dataclasses import replace

import numpy as np

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
    fig = ff.importance_chart(groups, 5)
    assert list(fig.data[0].x) == [1, 2, 3, 4, 5] and fig.layout.yaxis.type == "log"
    diagram = ff.cls_diagram(scale=1.3)
    assert t("forgetting.cls_hc") in diagram and t("forgetting.cls_buffer") in diagram
