"""The text table: every user-facing string goes through ``t(key)``.

Catalogues are TOML files, one per language and area: ``ui/texts/en/<area>.toml`` and
``ui/texts/zh/<area>.toml`` (read with ``tomllib``; every file in those folders is loaded, so a page
adds its strings by adding a file). Keys are the full dotted names, quoted (``"mlp.scene"`` and
``"mlp.scene.playground"`` both exist, so bare dotted keys would clash)::

    # ui/texts/en/mlp.toml: one string per key
    "mlp.scene" = "Scene"
    "mlp.lead" = \"\"\"
    Train a small neural network live on 2-D points and watch its **decision surface** — the \\
    colour under the points — bend to fit them.\"\"\"

    # ui/texts/zh/mlp.toml: an inline table per key, src = the hash of the English it translates
    "mlp.scene" = { src = "33446003", text = "场景" }
    "mlp.feat.x1" = { src = "cd01707b" }  # no text: the English is used as is (symbols, names, sources)

Long texts are TOML multi-line strings: the newline after the opening ``\"\"\"`` is dropped, a
line ending in ``\\`` joins the next line (the spaces before the ``\\`` are kept, the indentation
after it is not), and any other newline is a real one (Markdown lists, paragraphs).

``src`` is :func:`src_hash` of the English text, the first 8 hex digits of its SHA-1: when the
English changes, the Chinese entry is *stale* until a translator updates it and re-stamps it.
``python ui/i18n.py check [area ...]`` lists missing, stale, orphaned and ill-formatted entries
(with the hash to write in a new entry); ``python ui/i18n.py stamp <area> <key> ...`` writes the
current hash into reviewed entries. ``tests/ui/test_i18n.py`` runs the same check and fails on any
problem.

A key missing from the current language falls back to English; a key missing from English is a bug
and raises ``KeyError`` (the tests render every page, so it cannot ship). A file that is not valid
TOML, an entry of the wrong shape, or a key defined in two files raises :class:`CatalogueError`
naming the file, at import time.
"""
from __future__ import annotations

import hashlib
import re
import string
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT_LANG = "en"
TEXTS_DIR = Path(__file__).resolve().parent / "texts"


class CatalogueError(RuntimeError):
    """A text catalogue cannot be read: bad TOML, a malformed entry, or a key defined twice."""


@dataclass(frozen=True)
class Entry:
    """One key of one catalogue file. ``text`` is None for a translation that keeps the English;
    ``src`` is the recorded hash of the English text (translations only)."""
    lang: str
    area: str
    key: str
    text: str | None
    src: str | None = None


def src_hash(english: str) -> str:
    """The short hash a translation records of the English text it translates."""
    return hashlib.sha1(english.encode("utf-8")).hexdigest()[:8]


def _entry(path: Path, lang: str, key: str, value) -> Entry:
    area = path.stem
    if lang == DEFAULT_LANG:
        if not isinstance(value, str):
            raise CatalogueError(f"{path}: {key!r} must be a string")
        return Entry(lang, area, key, value)
    if not (isinstance(value, dict) and isinstance(value.get("src"), str) and set(value) <= {"src", "text"}
            and isinstance(value.get("text", ""), str)):
        raise CatalogueError(f'{path}: {key!r} must be {{ src = "<hash of the English>", text = "…" }}')
    return Entry(lang, area, key, value.get("text"), value["src"])


def read_catalogues(root: Path = TEXTS_DIR) -> list[Entry]:
    """Every entry of every catalogue under ``root`` (``<lang>/<area>.toml``), in file order."""
    entries = []
    for lang in LANGUAGES:
        for path in sorted((root / lang).glob("*.toml")):
            try:
                with path.open("rb") as f:
                    data = tomllib.load(f)
            except tomllib.TOMLDecodeError as err:
                raise CatalogueError(f"text catalogue {path} is not valid TOML: {err}") from None
            entries += [_entry(path, lang, key, value) for key, value in data.items()]
    return entries


def _duplicates(entries: list[Entry]) -> list[str]:
    seen, out = {}, []
    for e in entries:
        where = seen.setdefault((e.lang, e.key), e.area)
        if where != e.area:
            out.append(f"{e.key} defined twice in {e.lang}: {where}.toml and {e.area}.toml")
    return out


def build_tables(entries: list[Entry]) -> dict[str, dict[str, str]]:
    """``{lang: {key: text}}``; translations that keep the English are left out (they fall back)."""
    clash = _duplicates(entries)
    if clash:
        raise CatalogueError("; ".join(clash))
    tables = {lang: {} for lang in LANGUAGES}
    for e in entries:
        if e.text is not None:
            tables[e.lang][e.key] = e.text
    return tables


def _fields(text: str) -> tuple[list[str], str | None]:
    """The format fields of ``text`` and, if its braces do not parse, why."""
    try:
        return sorted({f for _, f, _, _ in string.Formatter().parse(text) if f is not None}), None
    except ValueError as err:
        return [], str(err)


def problems(entries: list[Entry]) -> list[str]:
    """Everything wrong with a set of catalogues, one line each (empty when all is well)."""
    out = _duplicates(entries)
    en = {e.key: e.text for e in entries if e.lang == DEFAULT_LANG}
    for e in entries:
        if e.text is not None and not e.text.strip():
            out.append(f"{e.lang}/{e.area}: {e.key} is empty")
        if e.text is not None and _fields(e.text)[1]:
            out.append(f"{e.lang}/{e.area}: {e.key} has ill-formatted braces ({_fields(e.text)[1]})")
    for lang in LANGUAGES:
        if lang == DEFAULT_LANG:
            continue
        mine = {e.key: e for e in entries if e.lang == lang}
        for key in en.keys() - mine.keys():
            out.append(f"{lang}: {key} missing (src = \"{src_hash(en[key])}\"; English: {en[key][:60]!r})")
        for key, e in mine.items():
            if key not in en:
                out.append(f"{lang}/{e.area}: {key} has no English")
                continue
            if e.src != src_hash(en[key]):
                out.append(f"{lang}/{e.area}: {key} is stale (src {e.src}, English now {src_hash(en[key])})")
            if e.text is not None and _fields(e.text)[0] != _fields(en[key])[0]:
                out.append(f"{lang}/{e.area}: {key} has placeholders {_fields(e.text)[0]}, "
                           f"English has {_fields(en[key])[0]}")
    return sorted(out)


def stamp(area: str, keys: list[str], lang: str = "zh", root: Path = TEXTS_DIR) -> None:
    """Write the current English hash into the reviewed entries ``keys`` of ``<lang>/<area>.toml``."""
    en = build_tables(read_catalogues(root))[DEFAULT_LANG]
    path = root / lang / f"{area}.toml"
    text = path.read_text(encoding="utf-8")
    for key in keys:
        pattern = re.compile(r'^(\s*"' + re.escape(key) + r'"\s*=\s*\{\s*src\s*=\s*")[^"]*(")', re.M)
        text, n = pattern.subn(lambda m, k=key: m.group(1) + src_hash(en[k]) + m.group(2), text)
        if n != 1:
            raise CatalogueError(f'{path}: no entry "{key}" = {{ src = … }} to stamp')
    path.write_text(text, encoding="utf-8")


TABLES = build_tables(read_catalogues())


def current_lang() -> str:
    try:
        import streamlit as st
        lang = st.session_state.get("lang", DEFAULT_LANG)
    except Exception:  # outside a Streamlit run
        lang = DEFAULT_LANG
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, /, **fmt) -> str:
    """The string for ``key`` in the current language, formatted with ``fmt``."""
    text = TABLES[current_lang()].get(key)
    if text is None:
        text = TABLES[DEFAULT_LANG][key]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in TABLES[DEFAULT_LANG]


def main(argv: list[str]) -> int:
    """``check [area ...]``: list problems, exit 1 if any; ``stamp <area> <key> ...``: re-stamp."""
    if argv[:1] == ["stamp"] and len(argv) >= 3:
        stamp(argv[1], argv[2:])
        return 0
    if argv[:1] == ["check"]:
        entries = [e for e in read_catalogues() if len(argv) == 1 or e.area in argv[1:]]
        found = problems(entries)
        print("\n".join(found) or "all catalogues complete")
        return 1 if found else 0
    print("usage: python ui/i18n.py check [area ...] | stamp <area> <key> ...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
