"""Seeded toy data: 2-D sets, 8×8 digits (shipped with scikit-learn), sequence tasks."""
from .digits import digits_split, load_digits
from .patterns import GLYPH_NAMES, corrupt, glyph, glyphs, random_patterns  # noqa: F401  (Hopfield patterns)
from .sequences import copy_task, delayed_recall, parity, sine
from .toy2d import (
                    CLASSIFICATION,
                    REGRESSION,
                    blobs,
                    bump,
                    circles,
                    gaussians,
                    make_2d,
                    moons,
                    plane,
                    random_labels,
                    spiral,
                    train_test_split,
                    xor,
)

__all__ = ["make_2d", "CLASSIFICATION", "REGRESSION", "circles", "xor", "gaussians", "spiral", "moons",
           "blobs", "random_labels", "plane", "bump", "train_test_split", "load_digits", "digits_split",
           "delayed_recall", "copy_task", "parity", "sine"]
