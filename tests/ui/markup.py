"""What Streamlit Markdown or Plotly would turn into markup, found in a string shown to the user.

Used by the tests of ``ui.safe``, the bad-file corpus and the hostile-name page tests: user text is
backslash-escaped (``ui.safe.user_text``), so after removing every ``\\X`` pair nothing that starts
a link, emphasis, code, an HTML element, an autolink, maths or a Streamlit directive may be left.
"""
from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]")
_MARKUP = re.compile(
    r"\]\(|\[[^\]]*\]|<[A-Za-z/!]|\*|__|`|\$|~~|https?:|www\.|:[\w+-]+:|:material/|:[a-z-]+\[|&[#\w]+;")


def unescaped(text: str) -> str:
    """``text`` with every backslash-escaped punctuation character removed."""
    return _ESCAPED.sub("", text)


_BLOCK = re.compile(r"^ {0,3}(?:#{1,6}\s|[-+*]\s|\d+[.)]\s|>)|\|", re.M)


def markdown_markup(text: str) -> list:
    """The pieces of ``text`` that Streamlit would render as markup (outside escapes): inline
    (links, emphasis, code, HTML, autolinks, maths, directives) and block (headings, lists, quotes,
    table pipes)."""
    plain = unescaped(text)
    return _MARKUP.findall(plain) + _BLOCK.findall(plain)


def plotly_markup(text: str) -> list:
    """HTML tags Plotly would render in a figure's JSON (escaped labels hold ``&lt;`` instead)."""
    return re.findall(r"<(?:a|img|b|i|em|sup|sub|span|br|script)\b", text, flags=re.I)
