"""The page map: sections, files, titles. Only files that exist are registered."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (section key, file under pages/, title key, icon, url path).
# The url path is the file's stem: on the first visit after the server starts, Streamlit resolves a
# deep link against the pages/ folder before st.navigation has run (streamlit/streamlit#8860, #9992),
# so any other path shows a spurious "Page not found" dialog to the first student.
PAGES = [
    ("nav.start", "home.py", "home.nav", ":material/home:", "home"),
    ("nav.brain", "brain_vs_ann.py", "brain.nav", ":material/neurology:", "brain_vs_ann"),
    ("nav.brain", "synchrony.py", "sync.nav", ":material/graphic_eq:", "synchrony"),
    ("nav.brain", "memory.py", "memory.nav", ":material/memory:", "memory"),
    ("nav.brain", "forgetting.py", "forgetting.nav", ":material/history:", "forgetting"),
    ("nav.brain", "learning_rules.py", "rules.nav", ":material/model_training:", "learning_rules"),
    ("nav.networks", "backprop.py", "backprop.nav", ":material/account_tree:", "backprop"),
    ("nav.networks", "mlp_playground.py", "mlp.nav", ":material/scatter_plot:", "mlp_playground"),
    ("nav.networks", "cnn.py", "cnn.nav", ":material/grid_on:", "cnn"),
    ("nav.networks", "rnn.py", "rnn.nav", ":material/replay:", "rnn"),
    ("nav.networks", "challenges.py", "challenges.nav", ":material/warning:", "challenges"),
    ("nav.compare", "vs_sklearn.py", "compare.nav", ":material/compare_arrows:", "vs_sklearn"),
]


def existing_pages():
    """The PAGES rows whose script exists, in map order."""
    return [row for row in PAGES if (ROOT / "pages" / row[1]).exists()]
