"""Numbers on screen: ratios as percentages a class can read, with the unit, never Python's "9e-02"."""
import pytest

from tests.conftest import parse_percent
from ui import figures


@pytest.mark.parametrize("fraction, text", [(0.61, "61 %"), (0.093, "9.3 %"), (0.0035, "0.35 %"), (0.01, "1 %"),
                                            (2.3e-7, "2 × 10⁻⁵ %"), (1e-9, "10⁻⁷ %"), (9.97e-6, "10⁻³ %"),
                                            (0.0, "0 %"), (float("nan"), "—"), (None, "—")])
def test_percent_reads_aloud_with_its_unit(fraction, text):
    assert figures.percent(fraction) == text


@pytest.mark.parametrize("fraction", [0.61, 0.093, 0.0035, 2.3e-7, 4e-12])
def test_percent_keeps_the_size_within_rounding(fraction):
    back = parse_percent(figures.percent(fraction))
    assert back == pytest.approx(fraction, rel=0.25)
