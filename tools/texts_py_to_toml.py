"""One-off: convert the ui/texts/*.py tables (EN/ZH dicts) into ui/texts/<lang>/<area>.toml catalogues.

Keeps each table's key order and its section comments; a Chinese entry records the hash of the English
text it translates (``ui.i18n.src_hash``); a Chinese entry identical to English keeps only its hash (no
text: English is used). Run from the repository root; then compare the loaded catalogues with the dicts.
"""
from __future__ import annotations

import ast
import hashlib
import importlib
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "ui" / "texts"
WIDTH = 110          # display columns of one line inside a multi-line string
NO_BREAK_BEFORE = set("，。；：、）」』！？,.;:!?)%")


def src_hash(english: str) -> str:
    return hashlib.sha1(english.encode("utf-8")).hexdigest()[:8]


def cols(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def escape(s: str, last: bool) -> str:
    out = []
    for i, ch in enumerate(s):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"' and (last and i == len(s) - 1 or s[i + 1:i + 2] == '"'):
            out.append('\\"')
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def wrap(line: str) -> list[str]:
    """Split one line at spaces (English) or after wide characters (Chinese), never before whitespace."""
    pieces, start, width, cut = [], 0, 0, None
    for i, ch in enumerate(line):
        if i > start and not ch.isspace() and ch not in NO_BREAK_BEFORE and (
                line[i - 1] == " " or cols(line[i - 1]) == 2):
            cut = i
        width += cols(ch)
        if width > WIDTH and cut is not None and cut > start:
            pieces.append(line[start:cut])
            start, cut = cut, None
            width = sum(cols(c) for c in line[start:i + 1])
    pieces.append(line[start:])
    return pieces


def string(s: str, indent: int) -> str:
    one = '"' + "".join('\\"' if c == '"' else "\\\\" if c == "\\" else c for c in s) + '"'
    if "\n" not in s and indent + sum(cols(c) for c in one) <= 120 and not any(ord(c) < 0x20 for c in s):
        return one
    lines = s.split("\n")
    body = []
    for n, line in enumerate(lines):
        segs = wrap(line)
        last_line = n == len(lines) - 1
        esc = [escape(seg, last_line and k == len(segs) - 1) for k, seg in enumerate(segs)]
        body.append("\\\n".join(esc))
    return '"""\n' + "\n".join(body) + '"""'


def layout(path: Path, name: str):
    """(key, comment lines before it) in source order for the dict assigned to ``name``."""
    src = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(src))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:
            prev_end = node.lineno
            seen = set()
            for k, v in zip(node.value.keys, node.value.values):
                key = k.value
                if key in seen:
                    sys.exit(f"{path.name}: {key} twice in one dict")
                seen.add(key)
                between = src[prev_end:k.lineno - 1]
                notes = []
                for line in between:
                    s = line.strip()
                    if s.startswith("#"):
                        notes.append(s)
                    elif not s and notes != [""] and notes and notes[-1] != "":
                        notes.append("")
                    elif not s and not notes:
                        notes.append("")
                while notes and notes[-1] == "":
                    notes.pop()
                yield key, notes
                prev_end = v.end_lineno
    return


def main() -> None:
    files: dict[tuple[str, str], list[str]] = {}
    heads: dict[tuple[str, str], str] = {}
    en_all = {}
    mods = sorted(p for p in TEXTS.glob("*.py") if p.stem != "__init__")
    for p in mods:
        en_all.update(getattr(importlib.import_module(f"ui.texts.{p.stem}"), "EN", {}))
    for p in mods:
        mod = importlib.import_module(f"ui.texts.{p.stem}")
        area = p.stem.removeprefix("zh_")
        doc = (mod.__doc__ or "").strip()
        for lang in ("en", "zh"):
            table = getattr(mod, lang.upper(), None)
            if table is None:
                continue
            out = files.setdefault((lang, area), [])
            heads.setdefault((lang, area), doc)
            for key, notes in layout(p, lang.upper()):
                if notes:
                    out.extend(["" if not n else n for n in notes] if notes[0] == "" else [""] + notes)
                text = table[key]
                if lang == "en":
                    out.append(f'"{key}" = {string(text, len(key) + 5)}')
                else:
                    h = src_hash(en_all[key])
                    if text == en_all[key]:
                        out.append(f'"{key}" = {{ src = "{h}" }}  # as English')
                    else:
                        out.append(f'"{key}" = {{ src = "{h}", text = {string(text, len(key) + 30)} }}')
    fmt = {"en": "", "zh": ('# "key" = { src = "<ui/i18n.py src_hash of the English>", text = "…" }; '
                            'no text: the English is used as is.\n'
                            '# Check and re-stamp with `python ui/i18n.py check` / `stamp` (see ui/i18n.py).\n')}
    for (lang, area), lines in files.items():
        dest = TEXTS / lang / f"{area}.toml"
        dest.parent.mkdir(exist_ok=True)
        doc = heads[(lang, area)].replace(f"``{area}.py`` 的 EN", f"``en/{area}.toml``")
        if lang == "zh" and doc.isascii():
            doc = "简体中文 — " + doc
        head = "".join(f"# {ln}".rstrip() + "\n" for ln in doc.splitlines()) + fmt[lang]
        while lines and lines[0] == "":
            lines.pop(0)
        dest.write_text(head + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def verify() -> None:
    """The catalogues, read by ui.i18n, give byte-identical strings to the dicts, in both languages."""
    from ui import i18n
    old = {"en": {}, "zh": {}}
    for p in sorted(TEXTS.glob("*.py")):
        mod = importlib.import_module(f"ui.texts.{p.stem}")
        for lang in old:
            old[lang].update(getattr(mod, lang.upper(), {}))
    new = i18n.build_tables(i18n.read_catalogues())
    assert old["en"] == new["en"]
    for key, text in old["zh"].items():
        assert new["zh"].get(key, new["en"][key]) == text, key
    assert set(new["zh"]) <= set(old["zh"])
    print(f"identical: {len(new['en'])} English, {len(old['zh'])} Chinese ({len(new['zh'])} translated)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
    verify()
