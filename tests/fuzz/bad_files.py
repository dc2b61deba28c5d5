"""A corpus of malformed uploads, generated in code (no binary file is committed), the reader call
each page makes, and drivers that push a file through the real page with AppTest.

Every :class:`Bad` names the pages it is fed to and what is wrong with it (``why``: one or more
message kinds, see :data:`KINDS`). Some also carry markup in their name, headers or labels
(``**bold**``, links, HTML): the message about them must show it as text.

Two ways to run a case:

- :func:`read` gives the file to ``ui/uploads.py`` with the page's rules (milliseconds): the
  whole corpus runs this way in ``tests/fuzz/test_bad_files.py``;
- a :class:`Driver` opens the page, loads a GOOD file first (and trains one epoch where the page
  trains), records a marker of the page state, uploads the bad file and reruns. The outcome records
  whether an exception showed, the error/warning text, whether that text is one of the page's own
  messages for ``why`` (not the generic "something went wrong"), and whether the marker is
  unchanged. The tests run a few cases per page this way; ``benchmarks/bad_files.py`` runs them all
  and prints a table.
"""
from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np

MLP, CMP, CNN = "mlp_playground", "vs_sklearn", "cnn"
CSV_PAGES = (MLP, CMP)


@dataclass(frozen=True)
class Bad:
    id: str
    filename: str
    make: object          # () -> bytes (built lazily: some are megabytes)
    why: tuple            # message kinds that describe the fault; see MESSAGES
    pages: tuple = CSV_PAGES
    mime: str = "text/csv"

    def data(self) -> bytes:
        return self.make()


# -- builders --------------------------------------------------------------------------------------

def table(rows, sep=",") -> bytes:
    """Rows → CSV text (UTF-8) with the csv module's quoting."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode()


def good_rows(n=60, seed=0, header=("x1", "x2", "label")):
    """Two numeric columns and a two-class label that both CSV pages accept (≥ 20 rows, ≥ 4 per class)."""
    rng = np.random.default_rng(seed)
    X = np.round(rng.standard_normal((n, 2)), 4)
    y = np.where(X[:, 0] * X[:, 1] > 0, "a", "b")
    y[:4], y[4:8] = "a", "b"
    return [list(header)] + [[float(a), float(b), c] for (a, b), c in zip(X, y)]


def good_csv(seed=0) -> bytes:
    return table(good_rows(seed=seed))


def with_cell(row, col, value, n=60, seed=0):
    """The good table with one cell replaced (row counts data rows from 0)."""
    rows = good_rows(n, seed)
    rows[row + 1][col] = value
    return table(rows)


def png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def image_bytes(img, fmt, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def drawn_digit(size=96):
    """A '7' drawn dark on light, as a student would on paper (a good upload)."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (size, size), 255)
    d = ImageDraw.Draw(img)
    d.line([(size // 5, size // 5), (size * 4 // 5, size // 5), (size * 2 // 5, size * 5 // 6)], fill=0,
           width=size // 10)
    return img


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bilevel_png(width, height) -> bytes:
    """A real, complete single-colour PNG of ``width`` × ``height`` 1-bit pixels, compressed row by row
    (a decompression bomb: 20000 × 20000 is 400 megapixels in about 50 kB; Pillow never holds it)."""
    row = b"\x00" + bytes((width + 7) // 8)          # filter byte 0, then all-black bits
    comp = zlib.compressobj(9)
    parts, block = [], row * 256
    for _ in range(height // 256):
        parts.append(comp.compress(block))
    parts.append(comp.compress(row * (height % 256)))
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b"")


def png_claiming(width, height) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` (the CRC fixed, so only the size lies)."""
    from PIL import Image

    raw = png(Image.new("L", (1, 1)))
    ihdr = struct.pack(">II", width, height) + raw[24:29]
    return raw[:8] + _chunk(b"IHDR", ihdr) + raw[33:]


def jpeg_claiming(width, height) -> bytes:
    """A small real JPEG whose start-of-frame marker is patched to claim ``width`` × ``height``."""
    data = bytearray(image_bytes(drawn_digit(), "JPEG", quality=80))
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):              # SOF0/1/2: [len][precision][height][width]
            data[i + 5:i + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        i += 2 + length
    raise AssertionError("no SOF marker in Pillow's JPEG")


def bad_crc_png() -> bytes:
    data = bytearray(png(drawn_digit()))
    data[29] ^= 0xFF                                   # the IHDR chunk's CRC
    return bytes(data)


def xlsx_like() -> bytes:
    """A zip archive with an Excel-like member, as a spreadsheet saved with a .csv name would be."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buf.getvalue()


def rows_repeated(line: bytes, n: int, header=b"x1,x2,label\n") -> bytes:
    return header + line * n


# markup a user might put in a file name, a header or a label (see tests/ui/markup.py)
HOSTILE = ("**bold**", "[x](https://e.com)", "<a href='https://e.com'>B</a>", "<img src=x onerror=alert(1)>")


def hostile_rows(n=60, seed=0):
    """The good table with a hostile header for x1 and each hostile string as one class (15 rows each)."""
    rows = good_rows(n, seed, header=(HOSTILE[1], "x2", HOSTILE[0]))
    for i, r in enumerate(rows[1:]):
        r[2] = HOSTILE[i % len(HOSTILE)]
    return rows


def _junk(n=4096, seed=11) -> bytes:
    return np.random.default_rng(seed).integers(0, 256, n, dtype=np.uint8).tobytes()


def _pil(mode, size, colour, fmt, **kw):
    from PIL import Image

    return image_bytes(Image.new(mode, size, colour), fmt, **kw)


def _with_script_header():
    rows = good_rows(header=("<script>window.__pwned=1</script>", "x2", "label"))
    rows[3][0] = "<img src=x onerror=alert(1)>"
    return table(rows)


def _regression_huge():
    rng = np.random.default_rng(3)
    rows = [["x1", "x2", "y"]] + [[float(a), float(b), float(c)] for a, b, c in np.round(rng.random((40, 3)), 3)]
    rows[7][2] = "1e308"
    return table(rows)


def _constant_target():
    rng = np.random.default_rng(4)
    return table([["x1", "x2", "y"]] + [[float(a), float(b), 0.5] for a, b in np.round(rng.random((40, 2)), 3)])


def _many_classes():
    rng = np.random.default_rng(5)
    return table([["x1", "x2", "label"]] + [[float(a), float(b), f"class_{i % 60}"]
                                            for i, (a, b) in enumerate(np.round(rng.random((240, 2)), 3))])


def _nul_after_4k():
    good = good_csv()
    body = good + b"".join(f"{i % 5}.5,{i % 3}.25,{'ab'[i % 2]}\n".encode() for i in range(400))
    return body[:5000] + b"\x00\x00\x00" + body[5000:]


# -- the corpus ------------------------------------------------------------------------------------

G = good_rows()


def _lines(data: bytes, newline: bytes) -> bytes:
    return data.replace(b"\n", newline)


def _hostile_text_cell():
    rows = hostile_rows()
    rows[5][0] = "twelve"
    return table(rows)


def _hostile_one_class():
    return table([G[0]] + [r[:2] + [HOSTILE[2]] for r in G[1:]])


def _hostile_rare_class():
    rows = good_rows()
    rows[9][2] = HOSTILE[3]
    return table(rows)


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


CORPUS = [
    # CSV: empty, truncated, structure
    Bad("csv_empty", "empty.csv", lambda: b"", ("empty",)),
    Bad("csv_whitespace_only", "blank.csv", lambda: b"  \n\n\t \r\n", ("empty",)),
    Bad("csv_header_only", "header.csv", lambda: b"x1,x2,label\n", ("no_rows",)),
    Bad("csv_one_column", "one_col.csv", lambda: table([["x"]] + [[i % 7] for i in range(40)]), ("columns",)),
    Bad("csv_ragged_rows", "ragged.csv", lambda: good_csv() + b"1,2,a,4,5,6\n" + good_csv()[12:], ("unparsable",)),
    Bad("csv_unclosed_quote", "quote.csv", lambda: good_csv() + b'"1.5,2,a\n' + b"1,2,b\n" * 5, ("unparsable",)),
    Bad("csv_semicolon_decimal_comma", "excel_eu.csv",
        lambda: b"x1;x2;label\n" + b"".join(f"{i % 7},5;{i % 3},25;{'ab'[i % 2]}\n".encode() for i in range(40)),
        ("decimal_comma",)),
    Bad("csv_duplicate_headers", "dupes.csv", lambda: table([["x", "x", "label"]] + G[1:]), ("duplicate",)),
    Bad("csv_trailing_separator", "trailing.csv", lambda: table([G[0] + [""]] + [r + [""] for r in G[1:]]),
        ("unnamed",)),
    Bad("csv_wide_header_only", "wide.csv", lambda: ",".join(f"c{i}" for i in range(100_000)).encode() + b"\n",
        ("no_rows", "unparsable")),
    Bad("csv_three_rows", "tiny.csv", lambda: b"x1,x2,label\n1,2,a\n3,4,b\n5,6,a\n", ("few_rows",), (CMP,)),
    Bad("csv_rare_class", "rare.csv", lambda: with_cell(9, 2, "z"), ("rare",), (CMP,)),
    # CSV: values
    Bad("csv_text_in_feature", "text.csv", lambda: with_cell(5, 1, "twelve"), ("text",)),
    Bad("csv_nan", "nan.csv", lambda: with_cell(2, 0, "NaN"), ("nan",)),
    Bad("csv_empty_cell", "hole.csv", lambda: with_cell(2, 1, ""), ("nan",)),
    Bad("csv_inf", "inf.csv", lambda: with_cell(8, 0, "inf"), ("nan",)),
    Bad("csv_minus_inf", "minf.csv", lambda: with_cell(8, 1, "-inf"), ("nan",)),
    Bad("csv_1e308", "huge.csv", lambda: table([G[0]] + [[1e308 * (-1) ** i, r[1], r[2]] for i, r in enumerate(G[1:])]),
        ("nan",)),
    Bad("csv_1e400_overflow", "over.csv", lambda: with_cell(3, 0, "1e400"), ("nan",)),
    Bad("csv_booleans", "bools.csv",
        lambda: table([["x1", "x2", "label"]] + [[bool(i % 2), bool(i % 3), "ab"[i % 2]] for i in range(40)]),
        ("text",)),
    Bad("csv_one_class", "one_class.csv", lambda: table([G[0]] + [r[:2] + ["a"] for r in G[1:]]), ("one_class",)),
    Bad("csv_nan_label", "nolabel.csv", lambda: with_cell(6, 2, ""), ("nan",)),
    Bad("csv_60_classes", "classes.csv", _many_classes, ("many_classes",)),
    Bad("csv_constant_target", "flat.csv", _constant_target, ("constant", "one_class")),
    Bad("csv_regression_1e308", "reg_huge.csv", _regression_huge, ("nan",), (MLP,)),
    Bad("csv_script_header_text", "script.csv", _with_script_header, ("text",)),
    # CSV: line endings (issue 22, case 1: \r alone raised csv.Error in the Playground's callback)
    Bad("csv_cr_only_text_cell", "oldmac.csv", lambda: _lines(with_cell(5, 1, "twelve"), b"\r"), ("text",)),
    Bad("csv_cr_only_one_class", "oldmac1.csv",
        lambda: _lines(table([G[0]] + [r[:2] + ["a"] for r in G[1:]]), b"\r"), ("one_class",)),
    Bad("csv_crlf_nan", "windows.csv", lambda: _lines(with_cell(2, 0, "NaN"), b"\r\n"), ("nan",)),
    # CSV: markup in the file name, headers and labels (issue 22, cases 3 and 4): shown as text
    Bad("csv_hostile_header_text", HOSTILE[0] + ".csv", _hostile_text_cell, ("text",)),
    Bad("csv_hostile_one_class", HOSTILE[3] + ".csv", _hostile_one_class, ("one_class",)),
    Bad("csv_hostile_rare_class", HOSTILE[1] + ".csv", _hostile_rare_class, ("rare",), (CMP,)),
    Bad("csv_hostile_duplicate_header", HOSTILE[2] + ".csv",
        lambda: table([[HOSTILE[2], HOSTILE[2], "label"]] + G[1:]), ("duplicate",)),
    # CSV: size
    Bad("csv_1e6_rows", "million.csv", lambda: rows_repeated(b"1,2,0\n", 1_000_000), ("too_big", "too_many_rows")),
    Bad("csv_200k_rows", "200k.csv", lambda: rows_repeated(b"1,2,0\n", 200_000), ("too_big", "too_many_rows")),
    # CSV: not text / an encoding the reader does not take (UTF-16 with a byte-order mark it does take)
    Bad("csv_utf16_bom", "utf16.csv", lambda: with_cell(5, 1, "twelve").decode().encode("utf-16"), ("text",)),
    Bad("csv_utf16be_bom_one_class", "utf16be.csv",
        lambda: b"\xfe\xff" + table([G[0]] + [r[:2] + ["a"] for r in G[1:]]).decode().encode("utf-16-be"),
        ("one_class",)),
    Bad("csv_utf16le_no_bom", "utf16le.csv", lambda: good_csv().decode().encode("utf-16-le"), ("utf16_no_bom",)),
    Bad("csv_utf32", "utf32.csv", lambda: good_csv().decode().encode("utf-32"), ("utf32",)),
    Bad("csv_latin1", "latin1.csv", lambda: with_cell(1, 2, "café").decode().encode("latin-1"), ("not_utf8",)),
    Bad("csv_latin1_header", "latin1_head.csv",
        lambda: table([["Température", "x2", "label"]] + G[1:]).decode().encode("latin-1"), ("not_utf8",)),
    Bad("csv_cp1252_quotes", "cp1252.csv", lambda: "“x1”,“x2”,label\n1,2,a\n".encode("cp1252"), ("not_utf8",)),
    Bad("csv_gbk_chinese", "gbk.csv", lambda: table([["特征一", "特征二", "标签"]] + G[1:]).decode().encode("gbk"),
        ("not_utf8",)),
    Bad("csv_binary_junk", "junk.csv", _junk, ("binary",)),
    Bad("csv_nul_after_4k", "nul.csv", _nul_after_4k, ("binary",)),
    Bad("csv_png_named_csv", "picture.csv", lambda: png(drawn_digit()), ("binary",)),
    Bad("csv_xlsx_named_csv", "sheet.csv", xlsx_like, ("workbook",)),
    Bad("csv_gzip_named_csv", "packed.csv", lambda: _gzip(good_csv()), ("binary",)),
    # images
    Bad("img_zero_bytes", "zero.png", lambda: b"", ("empty",), (CNN,), "image/png"),
    Bad("img_text", "note.png", lambda: b"this is my digit: 7\n" * 10, ("not_image",), (CNN,), "image/png"),
    Bad("img_csv", "data.png", good_csv, ("not_image",), (CNN,), "image/png"),
    Bad("img_html", "page.jpg", lambda: b"<html><body><img src=x onerror=alert(1)></body></html>", ("not_image",),
        (CNN,), "image/jpeg"),
    Bad("img_svg", "vector.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><circle r="4"/></svg>',
        ("not_image",), (CNN,), "image/png"),
    Bad("img_gif_named_png", "anim.png", lambda: _pil("L", (32, 32), 0, "GIF"), ("not_image",), (CNN,), "image/png"),
    Bad("img_bmp_named_png", "paint.png", lambda: _pil("RGB", (32, 32), (0, 0, 0), "BMP"), ("not_image",), (CNN,),
        "image/png"),
    Bad("img_tiff_named_jpg", "scan.jpg", lambda: _pil("L", (32, 32), 0, "TIFF"), ("not_image",), (CNN,),
        "image/jpeg"),
    Bad("img_png_signature_only", "sig.png", lambda: b"\x89PNG\r\n\x1a\n", ("broken", "not_image"), (CNN,),
        "image/png"),
    Bad("img_truncated_png", "cut.png", lambda: png(drawn_digit())[:120], ("broken",), (CNN,), "image/png"),
    Bad("img_truncated_jpeg", "cut.jpg", lambda: image_bytes(drawn_digit(), "JPEG")[:400], ("broken",), (CNN,),
        "image/jpeg"),
    Bad("img_bad_crc_png", "crc.png", bad_crc_png, ("broken", "not_image"), (CNN,), "image/png"),
    Bad("img_bomb_20000x20000_png", "bomb.png", lambda: bilevel_png(20000, 20000), ("bomb", "pixels"), (CNN,),
        "image/png"),
    Bad("img_20mp_png", "big.png", lambda: bilevel_png(5000, 4000), ("pixels",), (CNN,), "image/png"),
    Bad("img_png_header_claims_1e9px", "liar.png", lambda: png_claiming(40000, 30000), ("bomb", "pixels"), (CNN,),
        "image/png"),
    Bad("img_jpeg_header_65000px", "huge.jpg", lambda: jpeg_claiming(65000, 65000), ("bomb", "pixels"), (CNN,),
        "image/jpeg"),
    Bad("img_9mb", "heavy.png", lambda: png(drawn_digit()) + bytes(9 * 2**20), ("too_big",), (CNN,), "image/png"),
    Bad("img_blank_white", "white.png", lambda: _pil("L", (64, 64), 255, "PNG"), ("blank",), (CNN,), "image/png"),
    Bad("img_blank_black_jpeg", "black.jpg", lambda: _pil("RGB", (64, 64), (0, 0, 0), "JPEG"), ("blank",), (CNN,),
        "image/jpeg"),
    Bad("img_one_pixel", "dot.png", lambda: _pil("L", (1, 1), 0, "PNG"), ("blank",), (CNN,), "image/png"),
    Bad("img_transparent", "clear.png", lambda: _pil("RGBA", (48, 48), (0, 0, 0, 0), "PNG"), ("blank",), (CNN,),
        "image/png"),
    Bad("img_hostile_name", HOSTILE[1] + ".png", lambda: _pil("L", (64, 64), 255, "PNG"), ("blank",), (CNN,),
        "image/png"),
]


# -- messages: each kind of fault → the text-table keys that describe it (every page reads with
#    ui/uploads.py, so the keys are the same on every page; what differs is the rules) ------------

KINDS = {
    "empty": ["upload.empty"], "no_rows": ["upload.no_rows"], "few_rows": ["upload.too_few_rows"],
    "columns": ["upload.too_few_columns"], "unparsable": ["upload.unparsable", "upload.too_many_columns"],
    "duplicate": ["upload.duplicate_columns"], "unnamed": ["upload.unnamed_column"],
    "text": ["upload.text_in_column", "upload.text_target"], "decimal_comma": ["upload.decimal_comma"],
    "nan": ["upload.nan_in_column"], "one_class": ["upload.one_class"], "many_classes": ["upload.too_many_classes"],
    "constant": ["upload.constant_target"], "rare": ["upload.rare_class"], "too_big": ["upload.too_big"],
    "too_many_rows": ["upload.too_many_rows"], "not_utf8": ["upload.not_utf8"], "utf32": ["upload.utf32"],
    "utf16_no_bom": ["upload.utf16_no_bom"],
    "binary": ["upload.binary", "upload.binary_image", "upload.binary_format"],
    "workbook": ["upload.binary_workbook"],
    "not_image": ["upload.not_image"], "broken": ["upload.broken"], "bomb": ["upload.bomb"],
    "pixels": ["upload.too_many_pixels"], "blank": ["upload.blank"],
}
MESSAGES = {MLP: KINDS, CMP: KINDS, CNN: KINDS}


def rules(page):
    from ui import uploads

    return {MLP: uploads.PLAYGROUND, CMP: uploads.COMPARE, CNN: uploads.IMAGE}[page]


def read(page, bad: Bad):
    """The reader call ``page`` makes on the file (``ui/uploads.py`` with the page's rules)."""
    from ui import uploads

    if page == CNN:
        return uploads.read_digit_image(bad.data(), rules=rules(page))
    return uploads.read_csv(bad.data(), rules(page), name=bad.filename)


def template_pattern(key) -> re.Pattern:
    """The English template of ``key`` as a regex: literal text kept, every ``{field}`` matches anything."""
    from ui.i18n import DEFAULT_LANG, TABLES

    raw = TABLES[DEFAULT_LANG][key]
    parts = re.split(r"\{[^{}]*\}", raw)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


def says_why(texts, page, why) -> bool:
    """Does one of the messages match one of the page's templates for ``why``?"""
    keys = [k for w in why for k in MESSAGES[page].get(w, [])]
    pats = [template_pattern(k) for k in keys]
    return any(p.search(m) for p in pats for m in texts)


def cases(page):
    return [b for b in CORPUS if page in b.pages]


# -- drivers: the real pages through AppTest -----------------------------------------------------

@dataclass
class Outcome:
    case: str
    page: str
    exceptions: list
    messages: list         # error and warning texts on the page after the upload
    says_why: bool         # one of them is the page's own message for this fault
    kept: bool             # the marker of the previous state is unchanged
    before: tuple
    after: tuple

    @property
    def ok(self):
        return not self.exceptions and self.says_why and self.kept


def _digest(arrays) -> str:
    import hashlib

    h = hashlib.sha1()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()[:12]


def _weights(model) -> str:
    return _digest([p for layer in model.layers for p in layer.params.values()])


def _state(at, key, default=None):
    return at.session_state[key] if key in at.session_state else default


class Driver:
    """One AppTest session of a page, opened once and reused for many bad files (reopened if a
    case left it broken, so one failure does not cascade)."""

    page = ""
    uploader = ""

    def __init__(self):
        self.at, self.before = None, None

    def open(self):
        raise NotImplementedError

    def marker(self) -> tuple:
        raise NotImplementedError

    def healthy(self) -> bool:
        return (self.at is not None and not self.at.exception and self.before is not None
                and self.marker() == self.before)

    def ready(self):
        if not self.healthy():
            self.open()
            assert not self.at.exception, [e.value for e in self.at.exception]
            self.before = self.marker()
        return self

    def messages(self):
        return [e.value for e in self.at.error] + [w.value for w in self.at.warning]

    def upload(self, bad: Bad) -> Outcome:
        self.ready()
        before = self.before
        self.at.get_by_key(self.uploader).set_value((bad.filename, bad.data(), bad.mime))
        self.at.run()
        exc = [e.value for e in self.at.exception]
        msgs = self.messages()
        after = self.marker()
        return Outcome(bad.id, self.page, exc, msgs, says_why(msgs, self.page, bad.why), after == before,
                       before, after)


def _button(at, key):
    return next(b for b in at.button if b.key == key)


class MlpDriver(Driver):
    """MLP Playground: good CSV uploaded, one epoch trained on it. Marker: the data in use, the epoch,
    the history length and the weights."""

    page, uploader = MLP, "mlp_csv_file"

    def open(self):
        from tests.conftest import open_page

        self.at = open_page("mlp_playground.py")
        self.at.get_by_key(self.uploader).set_value(("good.csv", good_csv(), "text/csv"))
        self.at.run()
        _button(self.at, "mlp_live_step").click().run()

    def marker(self):
        from ui import uploads

        data = uploads.accepted("mlp_csv", self.at.session_state)
        run = _state(self.at, "_live_mlp_live")
        progress = [p.proto.text for p in self.at.get("progress")]          # "Epoch 1 / 100 — paused"
        epoch = progress[0].split(" / ")[0].split()[-1] if progress else None
        return (_state(self.at, "mlp_data"), data and (data.name, data.digest, len(data.y)),
                run and (run.epoch, len(run.trainer.history["loss"]), _weights(run.trainer.model)), epoch)


class CompareDriver(Driver):
    """vs scikit-learn: CSV data chosen, good CSV uploaded and trained on. Marker: the data in use,
    the trained result's signature and the test accuracies shown."""

    page, uploader = CMP, "cmp_csv_file"

    def open(self):
        from tests.conftest import open_page

        self.at = open_page("vs_sklearn.py", query={"cmp_epochs": "10", "cmp_layers": "4"})
        self.at.selectbox(key="cmp_data").set_value("csv").run()
        self.at.get_by_key(self.uploader).set_value(("good.csv", good_csv(), "text/csv"))
        self.at.run()
        _button(self.at, "cmp_train").click().run()

    def marker(self):
        from ui import uploads

        data = uploads.accepted("cmp_csv", self.at.session_state)
        result = _state(self.at, "_cmp_result")
        shown = tuple(m.value for m in self.at.metric)
        return (_state(self.at, "cmp_data"), data and (data.name, data.digest, len(data.y)),
                result and result[0], shown)


class CnnDriver(Driver):
    """CNN: a small network trained one epoch (Step), a good digit uploaded and read. Marker: the
    epoch, the weights, the number of tabs."""

    page, uploader = CNN, "cnn_upload"

    def open(self):
        from tests.conftest import open_page

        self.at = open_page("cnn.py", query={"cnn_blocks": "1", "cnn_channels": "2", "cnn_epochs": "1"})
        _button(self.at, "cnn_step").click().run()
        self.at.get_by_key(self.uploader).set_value(("seven.png", png(drawn_digit()), "image/png"))
        self.at.run()
        assert "The CNN reads" in [m.label for m in self.at.metric]

    def marker(self):
        run = _state(self.at, "_live_cnn")
        return (run and (run.epoch, _weights(run.trainer.cnn), len(run.trainer.cnn_trainer.history["loss"])),
                len(self.at.tabs))


DRIVERS = {MLP: MlpDriver, CMP: CompareDriver, CNN: CnnDriver}
