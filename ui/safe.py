"""One way to show text that came from a user: file names, CSV headers, class labels, query values.

Streamlit renders ``st.markdown``, ``st.caption``, ``st.error`` … and widget labels as Markdown (with
GitHub extensions, colour directives, ``:emoji:`` and ``:material/…:`` icons); Plotly renders its
labels as pseudo-HTML (``<a href>``, ``<b>``, ``<br>``). A column named ``[x](https://e.com)`` would
become a link in a caption, and a class ``<a href='…'>B</a>`` a link in a heatmap's tick. So every
user string goes through one of these before it meets a renderer:

- :func:`user_text` for Markdown contexts (``t(...)`` parameters, captions, errors, labels);
- :func:`plotly_text` for Plotly text (tick labels, trace names, hover text);
- :func:`plain_text` where nothing renders markup (code blocks, ``st.code``) but the string should
  still be one short line.

All three first make the string one printable line of at most ``max_len`` characters: control and
format characters (newlines, NUL, bidirectional overrides that could reorder what a reader sees)
become spaces or disappear. Plain data (numbers) needs none of this.
"""
from __future__ import annotations

import string
import unicodedata

MAX_LEN = 80
_PUNCT = frozenset(string.punctuation)       # every ASCII punctuation character may be backslash-escaped
_WORD_JOINER = "\u2060"                      # invisible; breaks ":name:" emoji and ":material/…:" patterns


def plain_text(s, max_len: int = MAX_LEN) -> str:
    """``s`` as one line of printable characters, at most ``max_len`` long (``…`` marks a cut)."""
    out = []
    for ch in str(s):
        cat = unicodedata.category(ch)
        if ch.isspace() or cat in ("Zl", "Zp"):
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(ch)
    text = " ".join("".join(out).split())
    return text if len(text) <= max_len else text[:max_len - 1] + "…"


def user_text(s, max_len: int = MAX_LEN) -> str:
    """``s`` escaped for Streamlit Markdown: it renders as exactly its characters, never as markup.

    Every ASCII punctuation character gets a backslash (CommonMark renders ``\\*`` as ``*``), which
    stops emphasis, links, images, autolinks (``https\\://``), raw HTML, tables, maths (``\\$``) and
    Streamlit's ``:colour[…]`` directives. Streamlit's emoji and icon shortcodes are matched on the
    text after escapes are resolved, so a word joiner follows every colon as well.
    """
    out = []
    for ch in plain_text(s, max_len):
        if ch in _PUNCT:
            out.append("\\" + ch)
            if ch == ":":
                out.append(_WORD_JOINER)
        else:
            out.append(ch)
    return "".join(out)


def plotly_text(s, max_len: int = MAX_LEN) -> str:
    """``s`` escaped for Plotly's pseudo-HTML: ``<``, ``>`` and ``&`` become entities Plotly shows
    as characters, so ``<a href=…>`` is drawn as text, not as a link."""
    return plain_text(s, max_len).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
