"""Streamlit + Plotly pieces shared by the pages: text table, theme, figures, live training.

Importing this package warms the process first (``warm.py``): every heavy library and every module
of ``ui`` and ``nncore`` is imported once, under a lock, before any page code can use them. Every
page run passes through here, including a deep link on a freshly started server, which Streamlit
runs without the app shell (see ``page.ensure_shell``); other threads importing ``ui`` meanwhile
wait for the warm-up to finish.
"""
from .warm import warm_imports

warm_imports()
