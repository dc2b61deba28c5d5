"""The text catalogues: one check that lists every problem at once, the loader's errors, and every page in Chinese."""
import shutil

import pytest

from ui import i18n
from ui.i18n import CatalogueError, Entry, src_hash
from ui.nav import existing_pages


def test_catalogues_have_no_missing_stale_or_malformed_entries():
    found = i18n.problems(i18n.read_catalogues())
    assert not found, f"{len(found)} catalogue problems (fix, then `python ui/i18n.py check`):\n" + "\n".join(found)


def test_the_check_reports_each_kind_of_problem():
    hello = "Hello {name}"
    entries = [
        Entry("en", "a", "a.ok", hello), Entry("zh", "a", "a.ok", "你好 {name}", src_hash(hello)),
        Entry("en", "a", "a.untranslated", "Plain"),
        Entry("zh", "a", "a.orphan", "孤儿", src_hash("x")),
        Entry("en", "a", "a.changed", "New English"), Entry("zh", "a", "a.changed", "旧", src_hash("Old English")),
        Entry("en", "a", "a.fields", "{n} points"), Entry("zh", "a", "a.fields", "{m} 个点", src_hash("{n} points")),
        Entry("en", "a", "a.braces", "a {b"),
        Entry("en", "a", "a.blank", "  "),
        Entry("en", "a", "a.twice", "Twice"), Entry("en", "b", "a.twice", "Twice"),
    ]
    report = "\n".join(i18n.problems(entries))
    for expected in ("a.untranslated missing", "a.orphan has no English", "a.changed is stale",
                     "a.fields has placeholders", "a.braces has ill-formatted braces", "a.blank is empty",
                     "a.twice defined twice in en: a.toml and b.toml"):
        assert expected in report, report
    assert "a.ok is" not in report and "a.ok has" not in report


def test_t_falls_back_to_english_and_formats(monkeypatch):
    assert i18n.t("home.test_acc_help", maj=0.5).endswith("50.0%.")
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
    kept = next(e.key for e in i18n.read_catalogues() if e.lang == "zh" and e.text is None)
    monkeypatch.setattr(i18n, "current_lang", lambda: "zh")
    assert i18n.t(kept) == i18n.TABLES["en"][kept]
    assert i18n.t("mlp.scene") == i18n.TABLES["zh"]["mlp.scene"] != i18n.TABLES["en"]["mlp.scene"]


def _copy(tmp_path):
    shutil.copytree(i18n.TEXTS_DIR, tmp_path / "texts")
    return tmp_path / "texts"


def test_a_broken_file_raises_an_error_naming_it(tmp_path):
    root = _copy(tmp_path)
    with (root / "zh" / "mlp.toml").open("a", encoding="utf-8") as f:
        f.write('"mlp.broken" = { src = "00000000", text = "未闭合 }\n')
    with pytest.raises(CatalogueError, match=r"zh[/\\]mlp\.toml"):
        i18n.read_catalogues(root)


def test_malformed_entries_and_duplicate_keys_are_errors(tmp_path):
    root = _copy(tmp_path)
    (root / "zh" / "extra.toml").write_text('"mlp.scene" = "场景"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"extra\.toml.*mlp\.scene"):
        i18n.read_catalogues(root)
    (root / "zh" / "extra.toml").unlink()
    (root / "en" / "extra.toml").write_text('"mlp.scene" = "Scene"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"mlp\.scene defined twice in en: extra\.toml and mlp\.toml"):
        i18n.build_tables(i18n.read_catalogues(root))


def test_changed_english_is_stale_until_stamped(tmp_path):
    root = _copy(tmp_path)
    en = root / "en" / "mlp.toml"
    en.write_text(en.read_text(encoding="utf-8").replace('"mlp.scene" = "Scene"', '"mlp.scene" = "A scene"'),
                  encoding="utf-8")
    assert [p for p in i18n.problems(i18n.read_catalogues(root)) if "stale" in p] == [
        f"zh/mlp: mlp.scene is stale (src {src_hash('Scene')}, English now {src_hash('A scene')})"]
    before = i18n.build_tables(i18n.read_catalogues(root))
    i18n.stamp("mlp", ["mlp.scene"], root=root)
    assert i18n.problems(i18n.read_catalogues(root)) == []
    assert i18n.build_tables(i18n.read_catalogues(root)) == before


@pytest.mark.parametrize("file", [row[1] for row in existing_pages()])
def test_pages_render_in_chinese_and_every_control_explains_itself(file):
    from tests.conftest import assert_clean, controls_without_help, open_page
    at = open_page(file, query={"lang": "zh"})
    assert_clean(at)
    assert not controls_without_help(at)
    assert at.session_state["lang"] == "zh"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value
