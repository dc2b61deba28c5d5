"""Markup in a user's file — its name, headers and class labels — shows as text on every page that
takes a file (issue 22, cases 3 and 4): no link, no bold, no element the app did not write.

A valid file whose name, input header, label header and four class labels are ``**bold**``,
``[x](https://e.com)``, ``<a href='https://e.com'>B</a>`` and ``<img src=x onerror=alert(1)>`` goes
through each page; then every Markdown body on the page (markdown, captions, alerts) is checked:
the escaped text is there, the raw text is not, and nothing outside escapes is markup. Plotly
figures (the confusion matrices on vs scikit-learn) must hold no raw tag, only ``&lt;…``.
"""
import json

import numpy as np

from tests.conftest import open_page
from tests.fuzz.bad_files import HOSTILE, drawn_digit, hostile_rows, png, table
from tests.ui.markup import markdown_markup, plotly_markup
from ui.i18n import t
from ui.safe import plotly_text, user_text

NAME = HOSTILE[2] + ".csv"
KINDS = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader")


def bodies(at):
    return [e.value for kind in KINDS for e in at.get(kind) if isinstance(e.value, str)]


def figures(at):
    """Each Plotly figure's JSON with its strings decoded (the spec writes ``<`` as ``\\u003c``)."""
    return [json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart")]


def check_markdown(at, must_show):
    """No raw hostile string, no markup where user text is shown, and each of ``must_show`` escaped."""
    assert not at.exception, [e.value for e in at.exception]
    texts = bodies(at)
    raw = [(h, b) for b in texts for h in HOSTILE if h in b]
    assert not raw, raw
    with_user_text = [b for b in texts if any(user_text(h) in b or user_text(NAME) in b for h in HOSTILE)]
    marked = [(markdown_markup(b), b) for b in with_user_text if markdown_markup(b)]
    assert not marked, marked
    for s in must_show:
        assert any(user_text(s) in b for b in texts), (s, texts)


def test_playground_shows_the_name_headers_and_labels_as_text():
    at = open_page("mlp_playground.py")
    at.get_by_key("mlp_csv_file").set_value((NAME, table(hostile_rows()), "text/csv")).run()
    assert at.selectbox(key="mlp_data").value == "csv"
    # the caption names the file and label column; the plane's caption its axes and the class legend
    check_markdown(at, [NAME, HOSTILE[0], HOSTILE[1], *HOSTILE])
    at.get_by_key("mlp_csv_file").set_value((HOSTILE[3] + ".csv", b"", "text/csv")).run()
    check_markdown(at, [HOSTILE[3] + ".csv", NAME])        # refused: both file names in the message


def _compare_rows():
    """Three inputs (so the page draws confusion matrices, not a 2-D surface), four hostile classes."""
    rng = np.random.default_rng(0)
    X = np.round(rng.standard_normal((80, 3)), 3)
    y = [HOSTILE[i % 4] for i in range(80)]
    return [[HOSTILE[1], "b", "c", HOSTILE[0]]] + [[*map(float, x), lab] for x, lab in zip(X, y)]


def test_compare_shows_labels_as_text_in_captions_and_confusion_matrix_ticks():
    at = open_page("vs_sklearn.py", query={"cmp_data": t("compare.data_csv"), "cmp_epochs": "10",
                                          "cmp_layers": "4"})
    at.get_by_key("cmp_csv_file").set_value((NAME, table(_compare_rows()), "text/csv")).run()
    check_markdown(at, [NAME, HOSTILE[0]])
    specs = figures(at)
    matrices = [s for s in specs if json.loads(s)["data"][0].get("type") == "heatmap"]
    assert len(matrices) == 2, "expected the two confusion matrices"
    for spec in specs:
        assert not plotly_markup(spec), plotly_markup(spec)
    for spec in matrices:
        ticks = json.loads(spec)["data"][0]["x"]
        assert sorted(ticks) == sorted(plotly_text(h) for h in HOSTILE)


def test_cnn_names_a_hostile_file_only_as_text():
    """A refused image is named in its message, as CSVs are, with the drawing still in use: both as text."""
    at = open_page("cnn.py")
    good, bad = HOSTILE[1] + ".png", HOSTILE[2] + ".png"
    at.get_by_key("cnn_upload").set_value((good, png(drawn_digit()), "image/png")).run()
    check_markdown(at, [])
    at.get_by_key("cnn_upload").set_value((bad, b"not an image", "image/png")).run()
    check_markdown(at, [good, bad])
