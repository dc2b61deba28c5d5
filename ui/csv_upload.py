"""A validated CSV loader any page can reuse: parse, check, choose columns, keep the last good data.

Two layers:

- pure functions (no Streamlit): :func:`read_table` parses the bytes of an upload and
  :func:`select_xy` turns chosen columns into ``(X, y)``; both raise :class:`CsvError`, whose
  ``key``/``args`` name a message in the text table (``mlp.csv.*``), so the page shows a clear
  sentence instead of a traceback;
- :func:`csv_loader`, the Streamlit control group: an uploader, column pickers and the message.
  The last data set that passed every check stays in ``st.session_state`` and is what the page
  gets back, so a bad file never replaces good data.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from .i18n import t

MAX_ROWS = 100_000
MAX_CLASSES = 10
MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 1_000             # pandas needs seconds per 100,000 header fields: refuse before parsing
MAX_ABS = float(np.finfo(np.float32).max)   # beyond this a value is infinite in the engine's float32


class CsvError(ValueError):
    """A CSV problem described by a text-table key and its format arguments."""

    def __init__(self, key, **fmt):
        self.key, self.fmt = key, fmt
        super().__init__(f"{key} {fmt}")

    def message(self):
        return t(self.key, **self.fmt)


@dataclass
class CsvData:
    """Data that passed every check. ``classes`` holds the label names (classification only)."""

    X: np.ndarray                  # (N, n_features) float64, finite
    y: np.ndarray                  # (N,) int labels 0..C-1, or float targets
    task: str                      # "classification" or "regression"
    features: list = field(default_factory=list)
    target: str = ""
    classes: list = field(default_factory=list)
    name: str = ""
    digest: str = ""


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):   # UTF-32, not UTF-16
        raise CsvError("mlp.csv.encoding")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CsvError("mlp.csv.binary")
    for enc in ("utf-8-sig", "utf-16"):
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CsvError("mlp.csv.encoding")


def read_table(data: bytes, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Parse uploaded bytes into a DataFrame (comma, semicolon or tab separated, UTF-8).

    Raises :class:`CsvError` for an empty or binary file, an encoding other than UTF-8/UTF-16,
    a file pandas cannot parse, no data rows, fewer than two columns, or more than ``max_rows`` rows.
    """
    if data is None or len(data) == 0 or not data.strip():
        raise CsvError("mlp.csv.empty")
    if len(data) > max_bytes:
        raise CsvError("mlp.csv.too_big", mb=len(data) / 2**20, limit=max_bytes / 2**20)
    text = _decode(data)
    header = text.lstrip().split("\n", 1)[0]
    sep = max([",", ";", "\t"], key=header.count)  # comma unless the header has more ; or tabs
    names = [n.strip() for n in next(csv.reader([header], delimiter=sep), [])]
    if len(names) > MAX_COLUMNS:
        raise CsvError("mlp.csv.unparsable", msg=f"{len(names):,} columns > {MAX_COLUMNS:,}")
    if len(set(names)) != len(names):   # pandas would rename a repeated name to "x.1"
        raise CsvError("mlp.csv.duplicate_columns")
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, nrows=max_rows + 1, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError, ValueError, csv.Error) as exc:
        raise CsvError("mlp.csv.unparsable", msg=str(exc).splitlines()[0][:160]) from None
    df.columns = [str(c).strip() for c in df.columns]
    if len(df) > max_rows:
        raise CsvError("mlp.csv.too_many_rows", limit=max_rows)
    if len(df) == 0:
        raise CsvError("mlp.csv.no_rows")
    if df.shape[1] < 2:
        raise CsvError("mlp.csv.too_few_columns", n=df.shape[1])
    if len(set(df.columns)) != len(df.columns):
        raise CsvError("mlp.csv.duplicate_columns")
    return df


def numeric_columns(df: pd.DataFrame) -> list:
    """Columns whose every value parses as a number (NaN/inf included; they are checked later)."""
    return [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]


def guess_task(y: pd.Series, max_classes: int = MAX_CLASSES) -> str:
    """Classification for text labels or a few integer values; regression for other numbers."""
    if not pd.api.types.is_numeric_dtype(y) or pd.api.types.is_bool_dtype(y):
        return "classification"
    v = pd.to_numeric(y, errors="coerce").to_numpy(dtype=np.float64)
    v = v[np.isfinite(v)]
    if len(v) and np.all(v == np.round(v)) and len(np.unique(v)) <= max_classes:
        return "classification"
    return "regression"


def _bad_rows(mask):
    rows = np.flatnonzero(mask)
    listed = ", ".join(str(r + 2) for r in rows[:5])  # +2: 1-based, after the header line
    return len(rows), listed + (" …" if len(rows) > 5 else "")


def select_xy(df: pd.DataFrame, features, target, task="auto", max_classes: int = MAX_CLASSES,
              name: str = "", digest: str = "") -> CsvData:
    """Check the chosen columns and return :class:`CsvData`.

    Feature columns must be numeric and finite. A classification target may be text or integers
    (2 to ``max_classes`` distinct values, mapped to 0..C-1 in sorted order); a regression target
    must be numeric and finite.
    """
    features = list(features)
    for c in features + [target]:
        if c not in df.columns:
            raise CsvError("mlp.csv.no_column", col=c)
    if len(set(features)) != len(features):
        raise CsvError("mlp.csv.same_column")
    if target in features:
        raise CsvError("mlp.csv.target_is_feature", col=target)
    cols = []
    for c in features:
        if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            bad = pd.to_numeric(df[c], errors="coerce").isna() & df[c].notna()
            if pd.api.types.is_bool_dtype(df[c]):   # True/False: every row is text
                bad = df[c].notna()
            n, rows = _bad_rows(bad.to_numpy())
            raise CsvError("mlp.csv.text_in_column", col=c, n=n, rows=rows)
        v = df[c].to_numpy(dtype=np.float64)
        if not (np.abs(v) <= MAX_ABS).all():
            n, rows = _bad_rows(~(np.abs(v) <= MAX_ABS))
            raise CsvError("mlp.csv.nan_in_column", col=c, n=n, rows=rows)
        cols.append(v)
    X = np.column_stack(cols)
    ys = df[target]
    if task == "auto":
        task = guess_task(ys, max_classes)
    if ys.isna().any():
        n, rows = _bad_rows(ys.isna().to_numpy())
        raise CsvError("mlp.csv.nan_in_column", col=target, n=n, rows=rows)
    if task == "classification":
        if pd.api.types.is_numeric_dtype(ys) and not np.isfinite(ys.to_numpy(dtype=np.float64)).all():
            n, rows = _bad_rows(~np.isfinite(ys.to_numpy(dtype=np.float64)))
            raise CsvError("mlp.csv.nan_in_column", col=target, n=n, rows=rows)
        keys = ys.astype(str).str.strip() if not pd.api.types.is_numeric_dtype(ys) else ys
        classes, y = np.unique(keys.to_numpy(), return_inverse=True)
        if len(classes) < 2:
            raise CsvError("mlp.csv.one_class", col=target, value=str(classes[0]) if len(classes) else "")
        if len(classes) > max_classes:
            raise CsvError("mlp.csv.too_many_classes", col=target, n=len(classes), limit=max_classes)
        labels = [(str(int(c)) if isinstance(c, (float, np.floating)) and float(c).is_integer() else str(c))
                  for c in classes]
        return CsvData(X, y.astype(np.intp), task, features, target, labels, name, digest)
    if not pd.api.types.is_numeric_dtype(ys) or pd.api.types.is_bool_dtype(ys):
        bad = pd.to_numeric(ys, errors="coerce").isna()
        n, rows = _bad_rows(bad.to_numpy())
        raise CsvError("mlp.csv.text_target", col=target, n=n, rows=rows)
    v = ys.to_numpy(dtype=np.float64)
    if not (np.abs(v) <= MAX_ABS).all():
        n, rows = _bad_rows(~(np.abs(v) <= MAX_ABS))
        raise CsvError("mlp.csv.nan_in_column", col=target, n=n, rows=rows)
    if np.ptp(v) == 0:
        raise CsvError("mlp.csv.constant_target", col=target)
    return CsvData(X, v, task, features, target, [], name, digest)


def default_columns(df: pd.DataFrame, n_features: int = 2):
    """The target is the last column; the inputs are the first numeric columns before it, topped
    up with other columns if there are too few (so the check can say which column holds text)."""
    target = df.columns[-1]
    nums = [c for c in numeric_columns(df) if c != target]
    others = [c for c in df.columns if c != target and c not in nums]
    return (nums + others)[:n_features], target


# -- Streamlit control group ------------------------------------------------------------

def _keys(key):
    return {"file": f"{key}_file", "table": f"_{key}_table", "data": f"_{key}_data", "err": f"_{key}_error",
            "task": f"{key}_task", "target": f"{key}_target"} | {f"x{i}": f"{key}_x{i}" for i in range(8)}


def accepted(key):
    """The last :class:`CsvData` that passed every check for this loader, or None."""
    return st.session_state.get(_keys(key)["data"])


def _on_upload(key, on_accept):
    k = _keys(key)
    up = st.session_state.get(k["file"])
    st.session_state[k["err"]] = None
    if up is None:
        return
    try:
        raw = up.getvalue()
        df = read_table(raw)
    except CsvError as exc:
        st.session_state[k["err"]] = exc.message()
        return
    digest = hashlib.sha1(raw).hexdigest()[:12]
    st.session_state[k["table"]] = (df, up.name, digest)
    feats, target = default_columns(df)
    for i, c in enumerate(feats):
        st.session_state[k[f"x{i}"]] = c
    st.session_state[k["target"]] = target
    st.session_state[k["task"]] = "auto"
    _validate(key, on_accept)


def _validate(key, on_accept=None, n_features=2):
    k = _keys(key)
    table = st.session_state.get(k["table"])
    if table is None:
        return
    df, name, digest = table
    feats = [st.session_state.get(k[f"x{i}"]) for i in range(n_features)]
    try:
        if any(f is None for f in feats):
            raise CsvError("mlp.csv.need_numeric", n=n_features)
        data = select_xy(df, feats, st.session_state.get(k["target"]), st.session_state.get(k["task"]) or "auto",
                         name=name, digest=digest)
    except CsvError as exc:
        st.session_state[k["err"]] = exc.message()
        return
    st.session_state[k["err"]] = None
    st.session_state[k["data"]] = data
    if on_accept is not None:
        on_accept(data)


def csv_loader(key, *, n_features=2, on_accept=None, help=None, disabled=False):
    """Uploader + column pickers; returns the last accepted :class:`CsvData` (or None).

    ``on_accept(data)`` runs inside the widget callback when new data passes every check
    (a page can switch its data selector to the CSV there). Errors show as ``st.error``
    and leave the previous data in place.
    """
    k = _keys(key)
    st.file_uploader(t("mlp.csv.upload"), type=["csv", "txt", "tsv"], key=k["file"], disabled=disabled,
                     help=help or t("mlp.csv.upload_help", rows=MAX_ROWS), on_change=_on_upload,
                     args=(key, on_accept))
    table = st.session_state.get(k["table"])
    if table is not None and st.session_state.get(k["file"]) is not None:
        df = table[0]
        cols = list(df.columns)
        nums = numeric_columns(df)
        c = st.columns(n_features + 1)
        for i in range(n_features):
            c[i].selectbox(t("mlp.csv.feature", i=i + 1), cols, key=k[f"x{i}"], on_change=_validate,
                           args=(key, on_accept, n_features), help=t("mlp.csv.feature_help"), disabled=disabled)
        c[-1].selectbox(t("mlp.csv.target"), cols, key=k["target"], on_change=_validate,
                        args=(key, on_accept, n_features), help=t("mlp.csv.target_help"), disabled=disabled)
        st.segmented_control(t("mlp.csv.task"), ["auto", "classification", "regression"], key=k["task"],
                             format_func=lambda v: t(f"mlp.csv.task_{v}"), on_change=_validate,
                             args=(key, on_accept, n_features), help=t("mlp.csv.task_help"), disabled=disabled)
        if len(nums) < n_features:
            st.caption(t("mlp.csv.need_numeric", n=n_features))
    err = st.session_state.get(k["err"])
    data = accepted(key)
    if err:
        st.error(err + (" " + t("mlp.csv.kept", name=data.name) if data is not None else ""),
                 icon=":material/error:")
    elif data is not None:
        st.caption(t("mlp.csv.loaded", name=data.name, n=len(data.y), task=t(f"mlp.csv.task_{data.task}"),
                     k=len(data.classes)))
    return data
