"""Scenes: named, seeded presets across pages, in lecture order.

A scene is a page plus the values of some of its URL-bound widgets. Home lists them
as links, so a lecturer can put them on slides; opening one puts the page in exactly
that state. A choice widget shows its options through the text table, and Streamlit
writes the *displayed* label into the URL, so those values are given as ``Opt(value,
text_key_pattern)`` and turned into the current language's label when the link is made.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import t


@dataclass(frozen=True)
class Opt:
    """A choice-widget value shown through the text table, e.g. Opt("capacity", "memory.view_{}")."""
    value: str
    label_key: str

    def label(self) -> str:
        return t(self.label_key.format(self.value))


@dataclass(frozen=True)
class Scene:
    id: str
    page: str                     # file under pages/
    params: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return t(f"scene.{self.id}.title")

    @property
    def what(self) -> str:
        return t(f"scene.{self.id}.what")

    def query(self) -> dict:
        """The URL query for this scene in the current language."""
        return {k: (v.label() if isinstance(v, Opt) else _url_value(v)) for k, v in self.params.items()}

    def expected_state(self) -> dict:
        """What each widget's value is once the page has opened from the scene's URL."""
        return {k: (v.value if isinstance(v, Opt) else v) for k, v in self.params.items()}


def _url_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


# Only values that differ from the page's defaults: Streamlit drops a default value from the URL.
SCENES = [
    Scene("rate_code", "brain_vs_ann.py", {"brain_current": 0.15}),
    Scene("sync_shared", "synchrony.py", {"sync_c": 0.6}),
    Scene("backprop_chain", "backprop.py", {"bp_step": 9}),
    Scene("xor_hidden", "mlp_playground.py", {"mlp_scene": Opt("xor", "mlp.scene.{}")}),
    Scene("spiral_depth", "mlp_playground.py", {"mlp_scene": Opt("spiral", "mlp.scene.{}")}),
    Scene("overfit", "mlp_playground.py", {"mlp_scene": Opt("overfit", "mlp.scene.{}")}),
    Scene("article_keras", "mlp_playground.py", {"mlp_scene": Opt("keras", "mlp.scene.{}")}),
    Scene("cnn_edges", "cnn.py", {"cnn_blocks": 1, "cnn_epochs": 20}),
    # lab.sequences.RNN_FORGETS (tests/pages/test_rnn.py checks that this link opens exactly that config)
    Scene("rnn_forgets", "rnn.py", {"rnn_cell": "RNN", "rnn_mem_delayed_recall": 20, "rnn_noise": 0.0,
                                    "rnn_opt": "SGD", "rnn_epochs": 50}),
    Scene("capacity_cliff", "memory.py", {"mem_view": Opt("capacity", "memory.view_{}")}),
    Scene("memorise", "memory.py", {"mem_view": Opt("memorise", "memory.view_{}")}),
    Scene("forget_replay", "forgetting.py", {"fg_scenario": Opt("split", "forgetting.scenario_{}")}),
    Scene("fire_together", "learning_rules.py", {}),   # the STDP view at its defaults (lab.learning_rules claim)
    Scene("tiny_nudge", "challenges.py", {}),        # ε = 0.1 is the page default
    Scene("cnn_looks", "challenges.py", {"ch_view": Opt("looks", "challenges.view_{}")}),
    Scene("twins", "vs_sklearn.py", {}),
]


def available(pages):
    """Scenes whose page exists (``pages``: the registered file names)."""
    return [s for s in SCENES if s.page in pages]
