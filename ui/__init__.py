"""Streamlit + Plotly pieces shared by the pages: text table, theme, figures, live training.

Importing this package warms the process first (``warm.py``): every heavy library and every module
of ``ui`` and ``nncore`` is imported once, under a lock, before any page code can use them. Every
page run passes through here, including a deep link on a freshly started server, which Streamlit
runs without the app shell (see ``page.ensure_shell``); other threads importing ``ui`` meanwhile
wait for the warm-up to finish.

It also checks query strings from then on (``url_params.install``): a link's value that a control
cannot take is dropped with a note as the widget registers, on every path into a page.
"""
from .url_params import install as _check_query_strings
from .warm import warm_imports

warm_imports()
_check_query_strings()
