"""ui/safe.py: user text renders as its own characters in Markdown and in Plotly, never as markup."""
import pytest

from tests.fuzz.bad_files import HOSTILE
from tests.ui.markup import markdown_markup, plotly_markup, unescaped
from ui.safe import plain_text, plotly_text, user_text

MORE = [":smile: :material/home: :red[x]", "$x^2$ and `code`", "www.e.com a@b.com", "# title\n- item\n1. one",
        "| a | b |", "~~gone~~ __u__", "&lt;b&gt; &#60;", "x\\*y", "a\u202eb\u0000c\td"]


@pytest.mark.parametrize("s", list(HOSTILE) + MORE)
def test_user_text_leaves_no_markup_and_keeps_every_character(s):
    out = user_text(s)
    assert markdown_markup(s) or s in MORE[-2:]            # the input does hold markup (the check can fail)
    assert not markdown_markup(out), (s, out)
    assert "\n" not in out
    # removing the escapes gives back the text (printable, one line) minus its punctuation
    assert unescaped(out).replace("\u2060", "") == "".join(c for c in plain_text(s) if c.isalnum() or c in " “”…")


@pytest.mark.parametrize("s", HOSTILE)
def test_plotly_text_shows_tags_as_text(s):
    out = plotly_text(s)
    assert plotly_markup(s) or "<" not in s
    assert not plotly_markup(out) and "<" not in out and ">" not in out


def test_plain_text_is_one_short_printable_line():
    assert plain_text("a\r\nb\t\tc\u202e\u0000") == "a b c"
    long = plain_text("x" * 500, max_len=80)
    assert len(long) == 80 and long.endswith("…")
    assert plain_text("数据 ①") == "数据 ①"                  # letters of every script stay
