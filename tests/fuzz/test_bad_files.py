"""Bad uploads through the real pages: each refused with a message that says what is wrong, no
exception, and the page keeps what it had (the data, the trained epochs, the weights).

The corpus and the page drivers live in ``tests/fuzz/bad_files.py`` (generated in code);
``benchmarks/bad_files.py`` prints the same outcomes as a table.
"""
import pytest

from tests.fuzz import bad_files as B

_drivers = {}


def driver(page):
    """One AppTest session per page and worker, reused; reopened when a case left it changed."""
    if page not in _drivers:
        _drivers[page] = B.DRIVERS[page]()
    return _drivers[page].ready()


PAIRS = [(page, bad) for page in (B.MLP, B.CMP, B.CNN) for bad in B.cases(page)]


def test_the_corpus_is_big_distinct_and_covers_every_upload():
    ids = [b.id for b in B.CORPUS]
    assert len(ids) == len(set(ids)) >= 30
    datas = [b.data() for b in B.CORPUS]
    assert len({d for d in datas}) >= len(datas) - 2          # empty files may coincide, nothing else
    for page in (B.MLP, B.CMP, B.CNN):
        assert len(B.cases(page)) >= 15, page
    for bad in B.CORPUS:                                   # every fault has a message on every page
        for page in bad.pages:
            assert any(w in B.MESSAGES[page] for w in bad.why), (bad.id, page)


def test_the_good_files_are_accepted_first():
    """The reference state each case starts from is a real accepted upload (else 'kept' means nothing)."""
    mlp = driver(B.MLP)
    assert mlp.before[0] == "csv" and mlp.before[1][0] == "good.csv" and mlp.before[3] == "1"
    cmp = driver(B.CMP)
    assert cmp.before[0] == "csv" and cmp.before[1][0] == "good.csv" and cmp.before[2][2][0] == "csv"
    cnn = driver(B.CNN)
    assert cnn.before[0][0] == 1 and cnn.before[1] == 5


@pytest.mark.parametrize("page,bad", PAIRS, ids=[f"{p}-{b.id}" for p, b in PAIRS])
def test_bad_file_is_refused_with_a_reason_and_the_page_keeps_its_state(page, bad):
    out = driver(page).upload(bad)
    assert not out.exceptions, out.exceptions
    assert out.messages, "no error or warning shown"
    assert out.says_why, (bad.why, out.messages)
    assert out.kept, (out.before, out.after)
