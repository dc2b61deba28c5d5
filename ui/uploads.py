"""User files, one reader: CSV tables and digit images, checked whole before anything is replaced.

Every page that takes a file uses this module (MLP Playground and vs scikit-learn: CSV; CNN: images).

Three layers:

- pure readers (no Streamlit): :func:`decode_text` → :func:`read_table` → :func:`select_xy`, joined
  by :func:`read_csv`; and :func:`read_digit_image`. What a page accepts is a parameter
  (:class:`CsvRules`, :class:`ImageRules`); each refusal is an :class:`UploadError` whose ``key``
  (``upload.*``) and ``params`` name a message in the text table;
- :class:`CsvLoader`, the state of one CSV control group, also free of Streamlit: the last table that
  passed every check, and the one message that belongs to the latest event (an upload or a choice
  of columns);
- :func:`csv_loader`, the Streamlit control group (uploader, column pickers, message), whose
  callbacks go through the page guard (``ui.page.callback``).

What the reader does with text: it accepts UTF-8 (with or without a byte-order mark) and UTF-16 LE/BE
with a byte-order mark; it refuses, naming the problem, UTF-32, UTF-16 without a mark, 8-bit code
pages (Latin-1/Windows-1252, GBK …: the first byte that is not UTF-8 and its line), and binary files
(images, spreadsheets, archives). Line endings ``\\r\\n`` and old-Mac ``\\r`` become ``\\n``.

The two CSV pages used to read files with two readers that disagreed; they now share this one and
differ only in :data:`PLAYGROUND` and :data:`COMPARE` (see there for why).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .i18n import t
from .safe import user_text

MAX_ABS = float(np.finfo(np.float32).max)    # beyond this a value is infinite in float32 (and overflows scaling)


class UploadError(ValueError):
    """A refused file or choice: ``key`` names the message (``upload.*``), ``params`` fill it in.

    String parameters come from the file (names, cells, parser output), so :meth:`message` escapes
    them (``ui.safe.user_text``) before they meet Markdown.
    """

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params

    def message(self) -> str:
        """The message in the current language (call it in the page, where the language is known)."""
        return t(self.key, **{k: user_text(v) if isinstance(v, str) else v for k, v in self.params.items()})


# -- what a page accepts ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CsvRules:
    """What a page accepts from a CSV file.

    ``n_features``: input columns picked by the user (the first numeric ones by default), or None
    for "every column but the last". ``task``: "auto" (text or ≤ ``max_classes`` whole numbers →
    classes, other numbers → regression) or "classification".
    """

    max_bytes: int = 5_000_000      # MB as the uploader shows sizes (10⁶ bytes)
    max_rows: int = 100_000
    min_rows: int = 2
    max_columns: int = 1_000         # pandas needs seconds per 100,000 header fields: refuse before parsing
    min_columns: int = 3
    max_classes: int = 10
    min_per_class: int = 1
    n_features: int | None = 2
    task: str = "auto"


# The Playground trains live, a slice at a time, so 100k rows stay interactive; its plane colours at
# most 10 classes. vs scikit-learn fits both engines at once on first load (and k seeds on request),
# so 5,000 rows keep a fit to seconds; its stratified 70/30 split needs 20 rows and 4 per class, and
# its confusion matrix reads up to 20 classes. Both read the same encodings and give the same messages.
PLAYGROUND = CsvRules()
COMPARE = CsvRules(max_bytes=2_000_000, max_rows=5_000, min_rows=20, min_columns=2, max_classes=20,
                   min_per_class=4, n_features=None, task="classification")


@dataclass(frozen=True)
class ImageRules:
    max_bytes: int = 8_000_000
    max_pixels: int = 16_000_000     # 16 megapixels; far below Pillow's bomb limit (≈ 89 MP)


IMAGE = ImageRules()

# The server's cap on one upload (.streamlit/config.toml server.maxUploadSize must be at least this). Every
# uploader lets files through up to it (``max_upload_size=UPLOAD_MB``), above its reader's own smaller limit,
# so a file too big for the reader reaches the reader, which refuses it with our message in the page's
# language naming the limit in MB (``upload.too_big``), the table or drawing in use kept. Above the cap the
# browser stops the file before sending it: Streamlit 1.67 shows its own red chip with an English tooltip
# ("File must be 20.0MB or smaller.", worded in its front end) and tells the server nothing, so no code here
# can word that one; the uploader's help says so in both languages (:func:`uploader_help`). The price: the
# box under each uploader shows Streamlit's "20MB per file" (the browser's cap), which the help explains.
# (Until this round each uploader showed and enforced its reader's limit, so every too-big file got the
# English chip and only the few a Windows browser let through, counting 2²⁰ bytes to the megabyte, got ours.)
UPLOAD_MB = 20


def uploader_help(max_bytes: int, help: str | None = None) -> str:
    """An uploader's help: the page's own (``help``), then its reader's size limit in MB and what happens to a
    file over it, or over the browser's cap (``upload.size_help``), in the current language."""
    size = t("upload.size_help", limit=max_bytes / 1e6, cap=UPLOAD_MB)
    return f"{help}\n\n{size}" if help else size


# -- text ---------------------------------------------------------------------------------------------

_MAGIC = [  # (prefix, message key, format named in the message)
    (b"\x89PNG", "upload.binary_image", "PNG"), (b"\xff\xd8\xff", "upload.binary_image", "JPEG"),
    (b"GIF8", "upload.binary_image", "GIF"),
    (b"PK\x03\x04", "upload.binary_workbook", "ZIP (.xlsx, .ods)"),
    (b"\xd0\xcf\x11\xe0", "upload.binary_workbook", "OLE2 (.xls)"),
    (b"%PDF", "upload.binary_format", "PDF"), (b"\x1f\x8b", "upload.binary_format", "gzip"),
]


def _line_of(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _guess_8bit(data: bytes) -> str:
    """A name for the 8-bit code page a non-UTF-8 file was probably saved in."""
    try:
        text = data.decode("gb18030")
        if sum("\u4e00" <= c <= "\u9fff" for c in text) >= 2 and not re.search(r"[\x80-\xff][\x00-\x2f]", text):
            return "GBK / GB18030"
    except UnicodeDecodeError:
        pass
    return "Latin-1 / Windows-1252"


def decode_text(data: bytes, rules: CsvRules = PLAYGROUND) -> str:
    """The uploaded bytes as text with ``\\n`` line endings; :class:`UploadError` if they are not
    text in an encoding this reader supports (the message names what they are instead)."""
    if data is None or len(data) == 0:
        raise UploadError("upload.empty")
    if len(data) > rules.max_bytes:
        raise UploadError("upload.too_big", mb=len(data) / 1e6, limit=rules.max_bytes / 1e6)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise UploadError("upload.utf32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError("upload.bad_utf16") from None
    else:
        for magic, key, fmt in _MAGIC:
            if data.startswith(magic):
                raise UploadError(key, fmt=fmt)
        if b"\x00" in data:
            head = data[:4096]
            even, odd = head[0::2].count(0), head[1::2].count(0)
            if max(even, odd) > 0.4 * len(head) / 2 and min(even, odd) < 0.05 * len(head) / 2:
                raise UploadError("upload.utf16_no_bom")
            if head[1::4].count(0) + head[2::4].count(0) > 0.8 * len(head) / 2:
                raise UploadError("upload.utf32")
            raise UploadError("upload.binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UploadError("upload.not_utf8", byte=f"0x{data[exc.start]:02X}", line=_line_of(data, exc.start),
                              guess=_guess_8bit(data)) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadError("upload.empty")
    return text


def _header_fields(text: str):
    """The header line's fields and the separator (comma unless semicolons or tabs split it more)."""
    header = next(line for line in text.split("\n") if line.strip())
    splits = {}
    for sep in (",", ";", "\t"):
        try:
            splits[sep] = next(csv.reader([header], delimiter=sep), [])
        except csv.Error:             # a field longer than the csv module's limit: not this separator
            splits[sep] = header.split(sep)
    sep = max(splits, key=lambda s: len(splits[s]))
    return [f.strip() for f in splits[sep]], sep


def read_table(text: str, rules: CsvRules = PLAYGROUND) -> pd.DataFrame:
    """Parse decoded text into a DataFrame and check its shape against ``rules``.

    Raises :class:`UploadError` for more columns than allowed, unnamed or repeated column names,
    a file pandas cannot parse (rows longer than the header included), and too many or too few rows
    or columns.
    """
    names, sep = _header_fields(text)
    if len(names) > rules.max_columns:
        raise UploadError("upload.too_many_columns", n=len(names), limit=rules.max_columns)
    for i, name in enumerate(names):
        if not name:
            raise UploadError("upload.unnamed_column", i=i + 1)
    seen = set()
    for name in names:
        if name in seen:                # pandas would rename a repeated name to "x.1"
            raise UploadError("upload.duplicate_columns", col=name)
        seen.add(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)   # a row longer than the header
            df = pd.read_csv(io.StringIO(text), sep=sep, nrows=rules.max_rows + 1, skipinitialspace=True,
                             index_col=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure is one message about this file
        first = str(exc).strip().splitlines()
        raise UploadError("upload.unparsable", msg=first[0][:120] if first else type(exc).__name__) from None
    df.columns = [str(c).strip() for c in df.columns]
    if len(df) > rules.max_rows:
        raise UploadError("upload.too_many_rows", limit=rules.max_rows)
    if len(df) == 0:
        raise UploadError("upload.no_rows")
    if df.shape[1] < rules.min_columns:
        raise UploadError("upload.too_few_columns", n=df.shape[1], need=rules.min_columns)
    if len(df) < rules.min_rows:
        raise UploadError("upload.too_few_rows", n=len(df), need=rules.min_rows)
    return df


# -- columns → (X, y) ---------------------------------------------------------------------------------

@dataclass
class Table:
    """A table that passed every check. ``classes`` holds the label names (classification only)."""

    X: np.ndarray                  # (N, n_features) float64, finite
    y: np.ndarray                  # (N,) int labels 0..C-1, or float targets
    task: str                      # "classification" or "regression"
    features: list = field(default_factory=list)
    target: str = ""
    classes: list = field(default_factory=list)
    name: str = ""
    digest: str = ""


def _is_number_column(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def numeric_columns(df: pd.DataFrame) -> list:
    """Columns whose every value parses as a number (NaN/inf included; they are checked later)."""
    return [c for c in df.columns if _is_number_column(df[c])]


def guess_task(y: pd.Series, max_classes: int) -> str:
    """Classification for text labels or a few whole numbers; regression for other numbers."""
    if not _is_number_column(y):
        return "classification"
    v = pd.to_numeric(y, errors="coerce").to_numpy(dtype=np.float64)
    v = v[np.isfinite(v)]
    if len(v) and np.all(v == np.round(v)) and len(np.unique(v)) <= max_classes:
        return "classification"
    return "regression"


def _rows(mask):
    """(count, "line numbers") of the True rows; +2: 1-based, after the header line."""
    rows = np.flatnonzero(np.asarray(mask))
    listed = ", ".join(str(r + 2) for r in rows[:5])
    return len(rows), listed + (" …" if len(rows) > 5 else "")


_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def _numbers(df, col):
    """A numeric column as finite float64, or the :class:`UploadError` that says which rows are not."""
    s = df[col]
    if not _is_number_column(s):
        bad = s.notna() if pd.api.types.is_bool_dtype(s) else (pd.to_numeric(s, errors="coerce").isna() & s.notna())
        n, rows = _rows(bad.to_numpy())
        texts = s[bad].astype(str)
        if len(texts) and texts.map(lambda v: bool(_DECIMAL_COMMA.match(v))).all():
            raise UploadError("upload.decimal_comma", col=col, example=str(texts.iloc[0]), rows=rows)
        raise UploadError("upload.text_in_column", col=col, n=n, rows=rows)
    v = s.to_numpy(dtype=np.float64)
    bad = ~(np.abs(v) <= MAX_ABS)                 # NaN, ±inf and values float32 cannot hold
    if bad.any():
        n, rows = _rows(bad)
        raise UploadError("upload.nan_in_column", col=col, n=n, rows=rows)
    return v


def _label(c) -> str:
    return str(int(c)) if isinstance(c, (float, np.floating)) and float(c).is_integer() else str(c)


def select_xy(df: pd.DataFrame, features, target, task: str = "auto", rules: CsvRules = PLAYGROUND,
              name: str = "", digest: str = "") -> Table:
    """Check the chosen columns and return a :class:`Table`.

    Inputs must be numeric and finite. A classification target may be text or numbers (2 to
    ``rules.max_classes`` distinct values, at least ``rules.min_per_class`` rows each, mapped to
    0..C-1 in sorted order); a regression target must be numeric, finite and not constant.
    """
    features = list(features)
    for c in features + [target]:
        if c is None or c not in df.columns:
            raise UploadError("upload.no_column", col=str(c))
    if len(set(features)) != len(features):
        raise UploadError("upload.same_column")
    if target in features:
        raise UploadError("upload.target_is_feature", col=target)
    X = np.column_stack([_numbers(df, c) for c in features])
    ys = df[target]
    if ys.isna().any():
        n, rows = _rows(ys.isna().to_numpy())
        raise UploadError("upload.nan_in_column", col=target, n=n, rows=rows)
    if task == "auto":
        task = guess_task(ys, rules.max_classes)
    if task == "classification":
        if _is_number_column(ys):
            v = ys.to_numpy(dtype=np.float64)
            if not np.isfinite(v).all():
                n, rows = _rows(~np.isfinite(v))
                raise UploadError("upload.nan_in_column", col=target, n=n, rows=rows)
            keys = ys.to_numpy()
        else:
            keys = ys.astype(str).str.strip().to_numpy()
        classes, y = np.unique(keys, return_inverse=True)
        if len(classes) < 2:
            raise UploadError("upload.one_class", col=target, value=_label(classes[0]) if len(classes) else "")
        if len(classes) > rules.max_classes:
            raise UploadError("upload.too_many_classes", col=target, n=len(classes), limit=rules.max_classes)
        counts = np.bincount(y, minlength=len(classes))
        if counts.min() < rules.min_per_class:
            raise UploadError("upload.rare_class", value=_label(classes[counts.argmin()]), n=int(counts.min()),
                              need=rules.min_per_class)
        return Table(X, y.astype(np.intp), task, features, target, [_label(c) for c in classes], name, digest)
    if not _is_number_column(ys):
        bad = pd.to_numeric(ys, errors="coerce").isna()
        n, rows = _rows(bad.to_numpy())
        raise UploadError("upload.text_target", col=target, n=n, rows=rows)
    v = _numbers(df, target)
    if np.ptp(v) == 0:
        raise UploadError("upload.constant_target", col=target)
    return Table(X, v, task, features, target, [], name, digest)


def default_columns(df: pd.DataFrame, n_features: int | None):
    """The target is the last column; the inputs are every other column (``n_features`` None) or the
    first numeric ones, topped up with others if there are too few (so the check names the column
    that holds text)."""
    target = df.columns[-1]
    if n_features is None:
        return list(df.columns[:-1]), target
    nums = [c for c in numeric_columns(df) if c != target]
    others = [c for c in df.columns if c != target and c not in nums]
    return (nums + others)[:n_features], target


def read_csv(data: bytes, rules: CsvRules = PLAYGROUND, name: str = ""):
    """The whole check of one uploaded CSV: ``(DataFrame, Table)`` with the default columns, or
    :class:`UploadError`. Nothing is kept from a file that fails any step."""
    df = read_table(decode_text(data, rules), rules)
    features, target = default_columns(df, rules.n_features)
    digest = hashlib.sha1(data).hexdigest()[:12]
    return df, select_xy(df, features, target, rules.task, rules, name=name, digest=digest)


# -- one loader's state -------------------------------------------------------------------------------

@dataclass
class Notice:
    """The message of the latest event: ``source`` is the uploader's file id, or "choice"."""

    source: str
    name: str
    error: UploadError


class CsvLoader:
    """The state of one CSV control group, free of Streamlit.

    ``frame``/``data`` are the last table that passed every check and the columns chosen in it;
    only a file or a choice that passes every check replaces them. ``notice`` is the message of
    the latest event only: an accepted upload or choice clears it, a refused one replaces it.
    """

    def __init__(self, rules: CsvRules = PLAYGROUND):
        self.rules = rules
        self.frame: pd.DataFrame | None = None
        self.data: Table | None = None
        self.notice: Notice | None = None
        self.task = rules.task                  # the task as chosen ("auto" included) for ``data``
        self.seen: str | None = None            # the file id of the last upload handled

    def upload(self, file_id: str, name: str, raw: bytes) -> bool:
        self.seen = file_id
        try:
            frame, data = read_csv(raw, self.rules, name=name)
        except UploadError as exc:
            self.notice = Notice(file_id, name, exc)
            return False
        self.frame, self.data, self.notice, self.task = frame, data, None, self.rules.task
        return True

    def choose(self, features, target, task="auto") -> bool:
        if self.frame is None:
            return False
        try:
            data = select_xy(self.frame, features, target, task or "auto", self.rules, self.data.name,
                             self.data.digest)
        except UploadError as exc:
            self.notice = Notice("choice", self.data.name, exc)
            return False
        self.data, self.notice, self.task = data, None, task or "auto"
        return True

    def cleared(self):
        """The uploader was emptied: the data stays, a message about a file no longer shown goes."""
        self.seen = None
        if self.notice is not None and self.notice.source != "choice":
            self.notice = None


# -- images -------------------------------------------------------------------------------------------

def read_digit_image(data: bytes, invert="auto", rules: ImageRules = IMAGE):
    """Decode a PNG/JPEG and turn it into an 8×8 digit like scikit-learn's (light ink on black).

    Returns (digit (8, 8) float in [0, 1], original grey image as uint8 array, inverted: bool).
    Raises :class:`UploadError` for empty, oversized, non-image, bomb-sized, broken or blank files.
    Steps: greyscale (:func:`read_grey_image`) then :func:`digit_of`.
    """
    grey = read_grey_image(data, rules)
    digit, inverted = digit_of(grey, invert)
    return digit, grey, inverted


def read_grey_image(data: bytes, rules: ImageRules = IMAGE) -> np.ndarray:
    """A PNG/JPEG as a greyscale uint8 array at most 256 px a side (transparency on white), or
    :class:`UploadError` for empty, oversized, non-image, bomb-sized or broken files."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise UploadError("upload.empty")
    if len(data) > rules.max_bytes:
        raise UploadError("upload.too_big", mb=len(data) / 1e6, limit=rules.max_bytes / 1e6)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))        # reads the header only
            if img.format not in ("PNG", "JPEG"):
                raise UploadError("upload.not_image")
            w, h = img.size
            if w * h > rules.max_pixels:
                raise UploadError("upload.too_many_pixels", w=w, h=h, limit=rules.max_pixels / 1e6)
            if img.format == "JPEG":
                img.draft("L", (256, 256))             # decode a reduced size directly
            img.load()
    except UploadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError("upload.bomb", limit=rules.max_pixels / 1e6) from None
    except UnidentifiedImageError:
        raise UploadError("upload.not_image") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise UploadError("upload.broken", why=type(exc).__name__) from None
    img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    img.thumbnail((256, 256))
    return np.asarray(img.convert("L"), dtype=np.uint8)


def digit_of(grey: np.ndarray, invert="auto"):
    """(8×8 digit in [0, 1], inverted) from a greyscale uint8 image; :class:`UploadError` if blank.

    Ink made bright (auto: if the border is light) → crop to the ink's bounding box → pad to a square
    with a margin → area-average down to 8×8 → scale to max 1.
    """
    from PIL import Image

    grey = np.asarray(grey, dtype=np.float64) / 255.0
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    inverted = bool(np.median(border) > 0.5) if invert == "auto" else bool(invert)
    ink = 1.0 - grey if inverted else grey
    ink = np.clip(ink - np.median(np.concatenate([ink[0], ink[-1], ink[:, 0], ink[:, -1]])), 0, None)
    if ink.max() <= 0.05:
        raise UploadError("upload.blank")
    rows, cols = np.nonzero(ink > 0.25 * ink.max())
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    side = int(max(crop.shape) * 1.25) + 1            # a margin like the digits' own
    square = np.zeros((side, side))
    r0, c0 = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[r0:r0 + crop.shape[0], c0:c0 + crop.shape[1]] = crop
    small = Image.fromarray(np.uint8(np.round(square / square.max() * 255))).resize((8, 8), Image.Resampling.BOX)
    digit = np.asarray(small, dtype=np.float64) / 255.0
    digit /= max(digit.max(), 1e-9)
    return digit, inverted


@dataclass
class Drawing:
    """An image that passed every check: its name and its greyscale pixels (at most 256 px a side)."""

    name: str
    grey: np.ndarray


class ImageLoader:
    """The state of one image uploader, free of Streamlit (like :class:`CsvLoader`).

    ``drawing`` is the last image that passed every check; only an image that passes replaces it.
    ``notice`` is the refusal of the file now in the uploader, naming that file; it goes when the
    uploader holds another file or none.
    """

    def __init__(self, rules: ImageRules = IMAGE):
        self.rules = rules
        self.drawing: Drawing | None = None
        self.notice: Notice | None = None
        self.seen: str | None = None

    def upload(self, file_id: str, name: str, raw: bytes) -> bool:
        self.seen = file_id
        try:
            grey = read_grey_image(raw, self.rules)
            digit_of(grey)                              # refuse a blank image now, naming it
        except UploadError as exc:
            self.notice = Notice(file_id, name, exc)
            return False
        self.drawing, self.notice = Drawing(name, grey), None
        return True

    def cleared(self):
        """The uploader was emptied: the drawing stays, a message about a file no longer shown goes."""
        self.seen, self.notice = None, None

    def message(self) -> str | None:
        """The refusal of the file in the uploader, naming it (and the drawing still in use), or None."""
        n = self.notice
        if n is None:
            return None
        kept = (" " + t("upload.kept", name=user_text(self.drawing.name))) if self.drawing is not None else ""
        return t("upload.refused", name=user_text(n.name), msg=n.error.message()) + kept


# -- the Streamlit control group ----------------------------------------------------------------------

def _keys(key):
    return {"file": f"{key}_file", "state": f"_{key}_loader", "target": f"{key}_target", "task": f"{key}_task",
            **{f"x{i}": f"{key}_x{i}" for i in range(8)}}


def loader_state(key, rules: CsvRules = PLAYGROUND, state=None) -> CsvLoader:
    """The :class:`CsvLoader` of control group ``key`` in ``state`` (this session's by default)."""
    import streamlit as st

    state = st.session_state if state is None else state
    k = _keys(key)["state"]
    if k not in state:
        state[k] = CsvLoader(rules)
    return state[k]


def accepted(key, state=None) -> Table | None:
    """The last :class:`Table` of control group ``key`` that passed every check, or None."""
    import streamlit as st

    state = st.session_state if state is None else state
    k = _keys(key)["state"]
    return state[k].data if k in state else None


def _put_choice(key, loader: CsvLoader):
    """Set the column pickers to the choice in use (in a callback, or before they are drawn)."""
    import streamlit as st

    k = _keys(key)
    for i, c in enumerate(loader.data.features):
        st.session_state[k[f"x{i}"]] = c
    st.session_state[k["target"]] = loader.data.target
    st.session_state[k["task"]] = loader.task


def _on_upload(key, rules, on_accept):
    import streamlit as st

    loader = loader_state(key, rules)
    up = st.session_state.get(_keys(key)["file"])
    if up is None:
        loader.cleared()
        return
    if loader.upload(up.file_id, up.name, up.getvalue()):
        if rules.n_features is not None:
            _put_choice(key, loader)
        if on_accept is not None:
            on_accept(loader.data)


def _on_choice(key, rules, on_accept):
    import streamlit as st

    loader = loader_state(key, rules)
    if loader.data is None:
        return
    k = _keys(key)
    feats = [st.session_state.get(k[f"x{i}"]) for i in range(rules.n_features)]
    if loader.choose(feats, st.session_state.get(k["target"]), st.session_state.get(k["task"])):
        if on_accept is not None:
            on_accept(loader.data)
    else:                                   # the pickers go back to what is in use; the message says why
        _put_choice(key, loader)


def _message(loader: CsvLoader, current_file_id):
    """The text of the notice if it belongs to what is on screen now (else None)."""
    n = loader.notice
    if n is None or (n.source != "choice" and n.source != current_file_id):
        return None
    kept = (" " + t("upload.kept", name=user_text(loader.data.name))) if loader.data is not None else ""
    if n.source == "choice":
        return t("upload.choice_refused", msg=n.error.message()) + kept
    return t("upload.refused", name=user_text(n.name), msg=n.error.message()) + kept


def _loaded(data: Table) -> str:
    if data.task == "classification":
        return t("upload.loaded_classes", name=user_text(data.name), n=len(data.y), d=len(data.features),
                 k=len(data.classes), target=user_text(data.target))
    return t("upload.loaded_numbers", name=user_text(data.name), n=len(data.y), d=len(data.features),
             target=user_text(data.target))


def csv_loader(key, rules: CsvRules = PLAYGROUND, *, label, help=None, on_accept=None, disabled=False):
    """Uploader (+ column pickers when ``rules.n_features`` is set); returns the accepted :class:`Table`.

    ``on_accept(table)`` runs inside the widget callback when a new table or choice passes every
    check (a page can switch its data selector to the CSV there). A refusal shows as ``st.error``
    naming the file (or the choice) and leaves the previous table and choice in place. The page's ``help``
    is followed by the size limits (:func:`uploader_help`).
    """
    import streamlit as st

    from .page import callback

    k = _keys(key)
    loader = loader_state(key, rules)
    up = st.file_uploader(label, type=["csv", "txt", "tsv"], key=k["file"], disabled=disabled,
                          help=uploader_help(rules.max_bytes, help), max_upload_size=UPLOAD_MB,
                          on_change=callback(_on_upload), args=(key, rules, on_accept))
    if up is not None and up.file_id != loader.seen:     # a file whose callback did not run: check it now
        loader.upload(up.file_id, up.name, up.getvalue())
    data = loader.data
    if data is not None and rules.n_features is not None:
        df = loader.frame
        cols = list(df.columns)
        _put_choice(key, loader)
        on_choice = callback(_on_choice)
        c = st.columns(rules.n_features + 1)
        for i in range(rules.n_features):
            c[i].selectbox(t("upload.feature", i=i + 1), cols, key=k[f"x{i}"], on_change=on_choice,
                           args=(key, rules, on_accept), help=t("upload.feature_help"), disabled=disabled)
        c[-1].selectbox(t("upload.target"), cols, key=k["target"], on_change=on_choice,
                        args=(key, rules, on_accept), help=t("upload.target_help"), disabled=disabled)
        if rules.task == "auto":
            st.segmented_control(t("upload.task"), ["auto", "classification", "regression"], key=k["task"],
                                 format_func=lambda v: t(f"upload.task_{v}"), on_change=on_choice,
                                 args=(key, rules, on_accept), help=t("upload.task_help", limit=rules.max_classes),
                                 disabled=disabled)
        if len(numeric_columns(df)) < rules.n_features:
            st.caption(t("upload.need_numeric", n=rules.n_features))
    text = _message(loader, up.file_id if up is not None else None)
    if loader.notice is not None and loader.notice.source == "choice":
        loader.notice = None                             # a refused choice is reverted: say so once
    if text:
        st.error(text, icon=":material/error:")
    elif data is not None:
        st.caption(_loaded(data))
    return data


def image_loader(key, label, *, help=None, where=None) -> ImageLoader:
    """An image uploader (drawn in ``where``, the page by default) and its :class:`ImageLoader`.

    The caller shows :meth:`ImageLoader.message` (a refusal naming the file in the uploader) and
    the last accepted ``drawing``, which a refused file leaves in place. The page's ``help`` is followed by
    the size limits (:func:`uploader_help`).
    """
    import streamlit as st

    where = st if where is None else where
    state = st.session_state
    k = f"_{key}_image"
    if k not in state:
        state[k] = ImageLoader()
    loader = state[k]
    up = where.file_uploader(label, type=["png", "jpg", "jpeg"], key=key, help=uploader_help(IMAGE.max_bytes, help),
                             max_upload_size=UPLOAD_MB)
    if up is None:
        loader.cleared()
    elif up.file_id != loader.seen:
        loader.upload(up.file_id, up.name, up.getvalue())
    return loader


def digit_in_use(loader: ImageLoader, invert, none_text: str):
    """What a page shows about its image uploader, and the digit it works on.

    Shows the refusal of the file in the uploader (naming it), or ``none_text`` while no drawing is in
    use; returns (drawing, 8×8 digit, inverted) for the drawing in use, or None — also when that drawing
    is blank with this ink setting (then that message is shown, naming it)."""
    import streamlit as st

    refused = loader.message()
    if refused:
        st.error(refused, icon=":material/block:")
    drawing = loader.drawing
    if drawing is None:
        if not refused:
            st.caption(none_text)
        return None
    try:
        digit, inverted = digit_of(drawing.grey, invert)
    except UploadError as exc:
        st.error(t("upload.refused", name=user_text(drawing.name), msg=exc.message()), icon=":material/block:")
        return None
    return drawing, digit, inverted
