"""ui/uploads.py on its own: what the CSV reader accepts, how it names what it refuses, and the
loader state that keeps the last good table. (Bad files: tests/fuzz/test_bad_files.py; images:
tests/pages/test_cnn.py; the pages: tests/pages/.)"""
import numpy as np
import pandas as pd
import pytest

from tests.fuzz.bad_files import good_csv
from ui import uploads
from ui.safe import user_text
from ui.uploads import PLAYGROUND, UploadError

GOOD = good_csv()
VARIANTS = {
    "lf": GOOD,
    "crlf": GOOD.replace(b"\n", b"\r\n"),
    "old_mac_cr": GOOD.replace(b"\n", b"\r"),
    "utf8_bom": b"\xef\xbb\xbf" + GOOD,
    "utf16le_bom": GOOD.decode().encode("utf-16-le").join([b"\xff\xfe", b""]),
    "utf16be_bom": GOOD.decode().encode("utf-16-be").join([b"\xfe\xff", b""]),
    "utf16_crlf": GOOD.replace(b"\n", b"\r\n").decode().encode("utf-16"),
    "semicolons": GOOD.replace(b",", b";"),
    "tabs_no_final_newline": GOOD.replace(b",", b"\t").rstrip(b"\n"),
}


@pytest.mark.parametrize("rules", [uploads.PLAYGROUND, uploads.COMPARE], ids=["playground", "compare"])
def test_every_supported_encoding_and_line_ending_reads_the_same_table(rules):
    _, ref = uploads.read_csv(GOOD, rules)
    for name, data in VARIANTS.items():
        _, got = uploads.read_csv(data, rules)
        assert got.features == ref.features and got.target == ref.target and got.classes == ref.classes, name
        np.testing.assert_array_equal(got.X, ref.X, err_msg=name)
        np.testing.assert_array_equal(got.y, ref.y, err_msg=name)


def test_line_endings_become_newlines():
    assert uploads.decode_text(b"a,b\r1,2\r\n3,4\n") == "a,b\n1,2\n3,4\n"


@pytest.mark.parametrize("data, byte, line, guess", [
    ("x1,x2,label\r1,2,a\r3,4,café\r".encode("latin-1"), "0xE9", 3, "Latin-1"),
    ("特征一,特征二,标签\n1,2,甲\n".encode("gbk"), "0xCC", 1, "GBK"),
])
def test_a_file_that_is_not_utf8_is_named_with_its_first_bad_byte_line_and_likely_code_page(data, byte, line, guess):
    with pytest.raises(UploadError) as err:
        uploads.decode_text(data)
    p = err.value.params
    assert err.value.key == "upload.not_utf8" and (p["byte"], p["line"]) == (byte, line) and guess in p["guess"]


def test_read_table_sniffs_semicolons_and_strips_headers():
    df = uploads.read_table(uploads.decode_text(b" x ; y ;cls\n1;2;a\n3;4;b\n"))
    assert list(df.columns) == ["x", "y", "cls"] and len(df) == 2


def test_limits_are_parameters():
    data = b"a,b,c\n" + b"1,2,0\n" * 12
    with pytest.raises(UploadError) as err:
        uploads.read_csv(data, uploads.CsvRules(max_rows=10))
    assert err.value.key == "upload.too_many_rows" and err.value.params == {"limit": 10}
    with pytest.raises(UploadError) as err:
        uploads.read_csv(data, uploads.CsvRules(max_bytes=20))
    assert err.value.key == "upload.too_big"
    with pytest.raises(UploadError) as err:
        uploads.read_csv(b"a,b,c\n1,2,0\n", uploads.CsvRules(min_rows=5))
    assert err.value.key == "upload.too_few_rows" and err.value.params == {"n": 1, "need": 5}


def test_a_row_longer_than_the_header_is_refused_not_shifted_into_an_index():
    with pytest.raises(UploadError) as err:
        uploads.read_csv(b"a,b\n1,2,3\n4,5,6\n", uploads.CsvRules(min_columns=2))
    assert err.value.key == "upload.unparsable"


def test_select_xy_classes_from_text_labels():
    df = pd.DataFrame({"a": [0.1, 0.2, 0.3], "b": [1, 2, 3], "y": ["cat", "dog", "cat"]})
    d = uploads.select_xy(df, ["a", "b"], "y")
    assert d.task == "classification" and d.classes == ["cat", "dog"]
    np.testing.assert_array_equal(d.y, [0, 1, 0])
    assert d.X.dtype == np.float64 and d.X.shape == (3, 2)


def test_select_xy_regression_target():
    df = pd.DataFrame({"a": np.arange(30.0), "b": np.ones(30), "y": np.linspace(0, 1, 30)})
    d = uploads.select_xy(df, ["a", "b"], "y")
    assert d.task == "regression" and d.y.dtype == np.float64


@pytest.mark.parametrize("frame, feats, target, key", [
    (pd.DataFrame({"a": [1, 2], "b": [1, 2], "y": [0, 1]}), ["a", "a"], "y", "upload.same_column"),
    (pd.DataFrame({"a": [1, 2], "b": [1, 2], "y": [0, 1]}), ["a", "b"], "b", "upload.target_is_feature"),
    (pd.DataFrame({"a": [1, 2], "b": [1, 2], "y": [0, 1]}), ["a", "c"], "y", "upload.no_column"),
    (pd.DataFrame({"a": range(16), "b": range(16), "y": range(16)}), ["a", "b"], "y", None),
    (pd.DataFrame({"a": range(12), "b": range(12), "y": [str(i) for i in range(12)]}), ["a", "b"], "y",
     "upload.too_many_classes"),
    (pd.DataFrame({"a": [1.0, 2.0], "b": [1, 2], "y": [0.5, 0.5]}), ["a", "b"], "y", "upload.constant_target"),
])
def test_select_xy_rejects_bad_choices(frame, feats, target, key):
    if key is None:  # 16 distinct integers: more than 10 classes, so a regression target, accepted
        assert uploads.select_xy(frame, feats, target).task == "regression"
        return
    with pytest.raises(UploadError) as err:
        uploads.select_xy(frame, feats, target)
    assert err.value.key == key
    assert err.value.message()  # the text table has the message


def test_a_refused_choice_keeps_the_table_and_choice_in_use():
    loader = uploads.CsvLoader(PLAYGROUND)
    assert loader.upload("f1", "good.csv", GOOD)
    data = loader.data
    assert not loader.choose(["x1", "x1"], "label")
    assert loader.data is data and loader.notice.source == "choice"
    assert loader.notice.error.key == "upload.same_column"
    assert loader.choose(["x2", "x1"], "label", "classification")
    assert loader.data.features == ["x2", "x1"] and loader.notice is None and loader.task == "classification"


def test_emptying_the_uploader_keeps_the_data_and_drops_the_file_message():
    loader = uploads.CsvLoader(PLAYGROUND)
    loader.upload("f1", "good.csv", GOOD)
    loader.upload("f2", "bad.csv", b"")
    assert loader.notice.source == "f2"
    loader.cleared()
    assert loader.notice is None and loader.data.name == "good.csv"


def test_an_upload_error_escapes_what_came_from_the_file():
    exc = UploadError("upload.one_class", col="[x](https://e.com)", value="**b**")
    text = exc.message()
    assert "[x](" not in text and "**b**" not in text
    assert "\\[x\\]" in text and "\\*\\*b\\*\\*" in text


# -- images: the uploader's limit and the loader state ------------------------------------------------

def test_the_server_lets_through_every_file_a_reader_refuses_for_size_so_the_page_can_name_it():
    """Streamlit's own refusal (above a widget's or the server's limit) is a bare red chip with an English
    tooltip. Every uploader lets files through up to the server's cap (tests/ui/test_upload_limits.py), which
    is well above each reader's limit even counted as a Windows browser does (2²⁰ bytes to the megabyte), so
    a file too big for a reader reaches it and is named in the page's language."""
    import tomllib

    from tests.conftest import ROOT

    server_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert server_mb >= uploads.UPLOAD_MB
    for rules in (uploads.PLAYGROUND, uploads.COMPARE, uploads.IMAGE):
        assert rules.max_bytes + 2 ** 20 < uploads.UPLOAD_MB * 2 ** 20


def _png_bytes(grey):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.uint8(grey)).save(buf, format="PNG")
    return buf.getvalue()


def test_image_loader_keeps_the_last_good_drawing_and_names_only_the_file_in_the_uploader():
    from tests.fuzz.bad_files import drawn_digit, png

    loader = uploads.ImageLoader()
    assert loader.upload("a", "seven.png", png(drawn_digit())) and loader.message() is None
    kept = loader.drawing
    assert not loader.upload("b", "blank.png", _png_bytes(np.full((30, 30), 255)))
    assert loader.drawing is kept
    msg = loader.message()
    assert user_text("blank.png") in msg and user_text("seven.png") in msg
    assert not loader.upload("c", "notes.png", b"label,x\n1,2\n")
    assert user_text("notes.png") in loader.message() and user_text("blank.png") not in loader.message()
    loader.cleared()
    assert loader.message() is None and loader.drawing is kept

