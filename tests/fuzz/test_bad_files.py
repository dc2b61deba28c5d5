"""Bad uploads: each refused with a message that says what is wrong, shows the file's own text as
text, belongs to that file, and leaves the previous data in place.

The whole corpus (``tests/fuzz/bad_files.py``) runs against the reader each page uses
(``ui/uploads.py`` with the page's rules): milliseconds a file, one test listing every failure. A few
cases per page then go through the real page (AppTest): no exception, the page's own message, the
state before the upload (data, trained epochs, weights) kept. ``benchmarks/bad_files.py`` runs the
whole corpus through the pages and prints a table.
"""
import pytest

from tests.fuzz import bad_files as B
from tests.ui.markup import markdown_markup
from ui import i18n, uploads
from ui.safe import user_text

PAIRS = [(page, bad) for page in (B.MLP, B.CMP, B.CNN) for bad in B.cases(page)]
CSV_PAIRS = [(page, bad) for page, bad in PAIRS if page != B.CNN]


def test_the_corpus_is_big_distinct_and_covers_every_upload():
    ids = [b.id for b in B.CORPUS]
    assert len(ids) == len(set(ids)) >= 60
    datas = [b.data() for b in B.CORPUS]
    assert len({d for d in datas}) >= len(datas) - 3      # empty files and two blank white PNGs may coincide
    for page in (B.MLP, B.CMP, B.CNN):
        assert len(B.cases(page)) >= 15, page
    for bad in B.CORPUS:                                   # every fault has a message key
        assert all(w in B.KINDS for w in bad.why), (bad.id, bad.why)
    for key in {k for keys in B.KINDS.values() for k in keys}:
        assert key in i18n.TABLES["en"] and key in i18n.TABLES["zh"], key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_bad_file_is_refused_by_the_reader_with_its_reason_as_plain_text(monkeypatch, lang):
    """One pass over the corpus; the failure lists every case that went wrong, not the first."""
    monkeypatch.setattr(i18n, "current_lang", lambda: lang)
    failures = []
    for page, bad in PAIRS:
        try:
            B.read(page, bad)
        except uploads.UploadError as exc:
            keys = [k for w in bad.why for k in B.KINDS[w]]
            if exc.key not in keys:
                failures.append(f"{page} {bad.id}: {exc.key}, expected one of {keys}")
            try:
                text = exc.message()
            except (KeyError, ValueError, IndexError) as fmt:
                failures.append(f"{page} {bad.id}: {exc.key} does not format in {lang}: {fmt!r}")
                continue
            if markdown_markup(text):
                failures.append(f"{page} {bad.id}: markup {markdown_markup(text)} in {text!r}")
            if any(h in text for h in B.HOSTILE):
                failures.append(f"{page} {bad.id}: raw user text in {text!r}")
        except Exception as exc:  # noqa: BLE001 - the point is to list them
            failures.append(f"{page} {bad.id}: raised {type(exc).__name__}: {exc}")
        else:
            failures.append(f"{page} {bad.id}: accepted")
    assert not failures, "\n".join(failures)


def test_after_a_good_file_each_bad_one_is_named_and_the_good_data_stays():
    """Issue 22, case 2: the message belongs to the file just uploaded, the data to the last good one."""
    failures = []
    for page, bad in CSV_PAIRS:
        loader = uploads.CsvLoader(B.rules(page))
        assert loader.upload("good-id", "good.csv", B.good_csv())
        good = loader.data
        loader.upload("bad-id", bad.filename, bad.data())
        text = uploads._message(loader, "bad-id") or ""
        if loader.data is not good or loader.frame is None:
            failures.append(f"{page} {bad.id}: the good data was replaced")
        if user_text(bad.filename) not in text or i18n.t("upload.kept", name=user_text("good.csv")) not in text:
            failures.append(f"{page} {bad.id}: message {text!r} does not name the file or the data kept")
        if uploads._message(loader, "good-id") is not None or uploads._message(loader, None) is not None:
            failures.append(f"{page} {bad.id}: the message shows while another file (or none) is in the uploader")
    assert not failures, "\n".join(failures)


def test_each_message_is_replaced_by_the_next_file_and_cleared_by_a_good_one():
    for page in (B.MLP, B.CMP):
        loader = uploads.CsvLoader(B.rules(page))
        cases = B.cases(page)
        for i, (first, second) in enumerate(zip(cases, cases[1:])):
            loader.upload(f"{i}a", first.filename, first.data())
            loader.upload(f"{i}b", second.filename, second.data())
            assert (loader.notice.source, loader.notice.name) == (f"{i}b", second.filename), (first.id, second.id)
        assert loader.data is None
        assert loader.upload("good-id", "good.csv", B.good_csv()) and loader.notice is None


# -- a few cases through the real pages (AppTest) ---------------------------------------------------

PAGE_CASES = {
    B.MLP: ["csv_cr_only_text_cell", "csv_latin1", "csv_hostile_one_class"],
    B.CMP: ["csv_gbk_chinese", "csv_hostile_rare_class", "csv_utf16be_bom_one_class"],
    B.CNN: ["img_bomb_20000x20000_png", "img_hostile_name"],
}
PAGE_PAIRS = [(page, next(b for b in B.CORPUS if b.id == i)) for page, ids in PAGE_CASES.items() for i in ids]
_drivers = {}


def driver(page):
    """One AppTest session per page and worker, reused; reopened when a case left it changed."""
    if page not in _drivers:
        _drivers[page] = B.DRIVERS[page]()
    return _drivers[page].ready()


def test_the_good_files_are_accepted_first():
    """The reference state each case starts from is a real accepted upload (else 'kept' means nothing)."""
    mlp = driver(B.MLP)
    assert mlp.before[0] == "csv" and mlp.before[1][0] == "good.csv" and mlp.before[3] == "1"
    cmp = driver(B.CMP)
    assert cmp.before[0] == "csv" and cmp.before[1][0] == "good.csv" and cmp.before[2][2][0] == "csv"
    cnn = driver(B.CNN)
    assert cnn.before[0][0] == 1 and cnn.before[1] == 5


@pytest.mark.parametrize("page,bad", PAGE_PAIRS, ids=[f"{p}-{b.id}" for p, b in PAGE_PAIRS])
def test_bad_file_through_the_page_is_refused_with_a_reason_and_the_page_keeps_its_state(page, bad):
    out = driver(page).upload(bad)
    assert not out.exceptions, out.exceptions
    assert out.messages, "no error or warning shown"
    assert out.says_why, (bad.why, out.messages)
    assert out.kept, (out.before, out.after)
    assert not [m for m in out.messages if markdown_markup(m)], out.messages
    if page != B.CNN:                                       # the CSV pages name the file they refused
        assert any(user_text(bad.filename) in m for m in out.messages), out.messages
