"""A file too big for its reader reaches the reader, which refuses it in the page's language naming the limit
in MB, the data in use kept (ui/uploads.py). Every uploader lets files through up to the server's cap (20 MB),
the point where the browser stops a file with Streamlit's own English note, and its help says both, in both
languages. The server's cap itself: tests/ui/test_uploads.py."""
import pytest

from tests.conftest import assert_clean, open_page
from ui import uploads
from ui.i18n import TABLES, t
from ui.safe import user_text

# (page, query opening its uploader, uploader key, reader rules)
UPLOADERS = [
    ("mlp_playground.py", {}, "mlp_csv_file", uploads.PLAYGROUND),
    ("vs_sklearn.py", {"cmp_data": t("compare.data_csv")}, "cmp_csv_file", uploads.COMPARE),
    ("cnn.py", {}, "cnn_upload", uploads.IMAGE),
    ("challenges.py", {"ch_view": t("challenges.view_looks"), "ch_look_source": t("challenges.look_source_own")},
     "ch_upload", uploads.IMAGE),
]
POINTS = [(x / 10, (x * 7 % 11) / 10 - 0.5) for x in range(-10, 11)]
GOOD_CSV = b"a,b,label\n" + b"".join(f"{x:.3f},{y:.3f},{'yes' if x * y > 0 else 'no'}\n".encode() for x, y in POINTS)


def _uploader(at, key):
    [el] = [el for el in at.get("file_uploader") if el.proto.id.endswith(key) or key in el.proto.id]
    return el.proto


@pytest.mark.parametrize("file, query, key, rules", UPLOADERS)
def test_every_uploader_lets_a_file_over_its_readers_limit_through_and_its_help_names_both_limits(
        file, query, key, rules):
    """The browser stops only files over the server's cap; one over the reader's own limit is sent, so the
    page can name it. The help gives the reader's limit in MB and says what the browser does above the cap."""
    assert rules.max_bytes / 1e6 < uploads.UPLOAD_MB
    at = open_page(file, query=query, timeout=120)
    assert_clean(at)
    proto = _uploader(at, key)
    assert proto.max_upload_size_mb == uploads.UPLOAD_MB
    assert proto.help.endswith(t("upload.size_help", limit=rules.max_bytes / 1e6, cap=uploads.UPLOAD_MB))
    assert f"{rules.max_bytes // 1_000_000} MB" in proto.help and f"{uploads.UPLOAD_MB}.0MB" in proto.help


@pytest.mark.parametrize("file, key, rules", [("mlp_playground.py", "mlp_csv_file", uploads.PLAYGROUND),
                                              ("cnn.py", "cnn_upload", uploads.IMAGE)])
def test_the_size_help_is_in_chinese_on_a_chinese_page(file, key, rules):
    at = open_page(file, query={"lang": "zh"}, timeout=120)
    assert_clean(at)
    help_text = _uploader(at, key).help
    zh = TABLES["zh"]["upload.size_help"].format(limit=rules.max_bytes / 1e6, cap=uploads.UPLOAD_MB)
    assert help_text.endswith(zh) and "文件最大" in help_text
    assert TABLES["en"]["upload.size_help"].split(":")[0] not in help_text


def _big_csv():
    big = GOOD_CSV + b"0.5,0.5,yes\n" * (uploads.PLAYGROUND.max_bytes // 12 + 20_000)
    assert uploads.PLAYGROUND.max_bytes < len(big) < uploads.UPLOAD_MB * 1_000_000
    return big


def _refusal(lang, big):
    too_big = TABLES[lang]["upload.too_big"].format(mb=len(big) / 1e6, limit=uploads.PLAYGROUND.max_bytes / 1e6)
    return (TABLES[lang]["upload.refused"].format(name=user_text("big.csv"), msg=too_big) + " "
            + TABLES[lang]["upload.kept"].format(name=user_text("points.csv")))


def test_a_csv_over_the_readers_limit_is_named_on_the_page_and_nothing_is_lost():
    """A 5.2 MB CSV on the Playground (limit 5 MB, under the 20 MB cap): our message, naming the file, its size
    and the limit, and the table, its columns, the data choice and the other settings stay as they were."""
    at = open_page("mlp_playground.py", query={"mlp_epochs": "50"}, timeout=120)
    at.get_by_key("mlp_csv_file").set_value(("points.csv", GOOD_CSV, "text/csv")).run()
    assert not at.exception and uploads.accepted("mlp_csv", at.session_state).name == "points.csv"
    before = {k: at.session_state[k] for k in ("mlp_data", "mlp_epochs", "mlp_csv_x0", "mlp_csv_x1",
                                                "mlp_csv_target")}
    big = _big_csv()
    at.get_by_key("mlp_csv_file").set_value(("big.csv", big, "text/csv")).run()
    assert not at.exception
    want = _refusal("en", big)
    assert [e.value for e in at.error] == [want]
    assert "the limit is 5 MB" in want and f"{len(big) / 1e6:.1f} MB" in want
    assert uploads.accepted("mlp_csv", at.session_state).name == "points.csv"
    assert {k: at.session_state[k] for k in before} == before


def test_the_refusal_of_a_file_too_big_is_in_chinese_on_a_chinese_page(monkeypatch):
    """The same refusal as the page shows it in Chinese (AppTest cannot rerun the Playground's translated
    selectboxes, so the loader and message that csv_loader draws are driven directly)."""
    from ui import i18n

    monkeypatch.setattr(i18n, "current_lang", lambda: "zh")
    loader = uploads.CsvLoader(uploads.PLAYGROUND)
    assert loader.upload("f1", "points.csv", GOOD_CSV)
    big = _big_csv()
    assert not loader.upload("f2", "big.csv", big)
    assert loader.data.name == "points.csv"
    text = uploads._message(loader, "f2")
    assert text == _refusal("zh", big) and "上限是 5 MB" in text


def test_nginx_in_front_of_replicas_lets_every_file_the_uploaders_accept_through():
    """deploy/replicas.sh's nginx must pass a body as large as the server's cap (plus its multipart framing),
    or a file between the two limits gets nginx's bare 413 instead of the page's own refusal."""
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    [mb] = re.findall(r"client_max_body_size (\d+)m;", (root / "deploy" / "replicas.sh").read_text())
    cap = tomllib.loads((root / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert cap == uploads.UPLOAD_MB
    assert int(mb) > cap
