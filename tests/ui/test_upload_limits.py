"""Each uploader shows and enforces the limit its reader applies ("8MB per file" under the image uploader,
not Streamlit's server-wide 20 MB; ui/uploads.py). The server's cap above them: tests/ui/test_uploads.py."""
import pytest

from tests.conftest import assert_clean, open_page
from ui import uploads
from ui.i18n import t


def shown_limits(at) -> dict[str, int]:
    """The per-file limit (MB) each uploader of the last run shows and lets through, by its label."""
    return {el.proto.label: el.proto.max_upload_size_mb for el in at.get("file_uploader")}


def test_a_readers_limit_becomes_whole_megabytes_for_its_uploader():
    assert [uploads.widget_mb(r.max_bytes) for r in (uploads.PLAYGROUND, uploads.COMPARE, uploads.IMAGE)] == [5, 2, 8]
    for bad in (8_500_000, 0, (uploads.UPLOAD_MB + 1) * 1_000_000):
        with pytest.raises(ValueError):
            uploads.widget_mb(bad)


@pytest.mark.parametrize("file, query, label_key, rules", [
    ("mlp_playground.py", {}, "mlp.csv.upload", uploads.PLAYGROUND),
    ("vs_sklearn.py", {"cmp_data": t("compare.data_csv")}, "compare.csv.upload", uploads.COMPARE),
    ("challenges.py", {"ch_view": t("challenges.view_looks"), "ch_look_source": t("challenges.look_source_own")},
     "challenges.own_upload", uploads.IMAGE),
])
def test_each_uploader_shows_its_readers_limit(file, query, label_key, rules):
    at = open_page(file, query=query, timeout=120)
    assert_clean(at)
    limits = shown_limits(at)
    assert limits == {t(label_key): rules.max_bytes // 1_000_000}, limits
