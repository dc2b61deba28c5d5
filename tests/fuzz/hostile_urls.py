"""The hostile-URL corpus, shared by the AppTest suite (``tests/fuzz/test_hostile_query.py``) and the
real-browser suite (``tests/e2e/test_hostile_urls.py``).

Each page's own URL-bound widget keys (found in its source: ``key="..."`` on a call with
``bind="query-params"`` or ``**Q``) and the sidebar's get huge numbers, NaN, inf, HTML/script text,
very long values, repeated keys; unknown keys come along. The corpus grows with what
``test_random_query_strings`` turns up (issue 22; see ``ui/url_params.py``).
"""
from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
MARK = "__pwned"
SCRIPT = f"<script>window.{MARK}=1</script>"
IMG = f'<img src=x onerror="window.{MARK}=1">'
SVG = f"<svg onload=window.{MARK}=1>"
HOSTILE = ["1e308", "-1e308", "99999999999", "NaN", "inf", "-inf", SCRIPT, IMG, SVG, "-0", "",
           f'"><script>window.{MARK}=1</script>', "%00", "[1,2", "1;2;3",
           # issue 22, case 6: a number too big for a float parses to inf, and an integer control's
           # int(inf) raised OverflowError while the widget registered (ui/url_params.py)
           "1e400", "-1e400", "Infinity",
           # found by the property test: any digit string of 309+ digits does the same
           "9" * 418,
           # regressions: spellings Python's int()/float() accept that a reader might not expect
           "١٢", "1_000", " 7 ", "+5", "0x1F", "TRUE", "**bold**", "[link](https://example.org)"]
LONG = "9" * 3000


def bound_keys(path):
    """String keys of calls that bind to the URL (``bind="query-params"`` or a ``**`` dict of it)."""
    tree = ast.parse(Path(path).read_text())
    keys = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        kw = {k.arg: k.value for k in node.keywords}
        key = kw.get("key")
        bound = (isinstance(kw.get("bind"), ast.Constant) and kw["bind"].value == "query-params") or None in kw
        if isinstance(key, ast.JoinedStr):            # f"mlp_units_{i}" → "mlp_units_0"
            key = ast.Constant("".join(str(v.value) if isinstance(v, ast.Constant) else "0" for v in key.values))
        if bound and isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value not in keys:
            keys.append(key.value)
    return keys


SIDEBAR = bound_keys(ROOT / "ui" / "lecture.py")


def urls_for(keys):
    """Two query strings. Both give every real key a hostile value (rotated, so each key sees two
    different ones); the first adds unknown keys and very long values, the second repeated keys."""
    def rotated(shift):
        return [(k, HOSTILE[(i + shift) % len(HOSTILE)]) for i, k in enumerate(keys)]

    unknown = [("no_such_key", SCRIPT), (SCRIPT, "1"), ("__proto__", "x"), ("x" * 500, LONG),
               ("embed_options", IMG), ("page", "../../etc/passwd")] + ([(keys[-1], LONG)] if keys else [])
    repeated = [(k, v) for k in keys[:3] for v in (SCRIPT, "1e308", IMG)]
    return [urlencode(rotated(0) + unknown), urlencode(rotated(len(HOSTILE) // 2) + repeated)]


def as_query_dict(query: str) -> dict:
    """A query string as AppTest's ``query_params`` (repeated keys become lists)."""
    from urllib.parse import parse_qs

    return {k: (v[0] if len(v) == 1 else v) for k, v in parse_qs(query, keep_blank_values=True).items()}


def _inner_state(at):
    return at.session_state._state._state          # AppTest → SafeSessionState → SessionState


def rendered_bound_keys(at) -> list[str]:
    """The user keys of the widgets bound to the URL that registered in the last run."""
    inner = _inner_state(at)
    ids = inner._query_param_bound_widget_ids
    return [k for k, wid in inner._key_id_mapper._key_id_mapping.items() if wid in ids]


def _declared(at):
    """(key, metadata, serde) of every rendered bound widget."""
    inner = _inner_state(at)
    meta = inner._new_widget_state.widget_metadata
    for key in rendered_bound_keys(at):
        m = meta.get(inner._key_id_mapper._key_id_mapping[key])
        if m is not None:
            yield key, m, getattr(m.deserializer, "__self__", None)


def largest_texts(at) -> dict[str, str]:
    """For each rendered bound key with a range or options, the URL text of its top end (or last option)."""
    out = {}
    for key, m, serde in _declared(at):
        options = m.formatted_options or list(getattr(serde, "formatted_option_to_index", {}))
        hi = getattr(serde, "max_value", None)
        if options:
            out[key] = str(options[-1])
        elif isinstance(hi, int | float) and not isinstance(hi, bool):
            out[key] = str(hi)
    return out


def valid_texts(at) -> dict[str, list[str]]:
    """For each rendered bound key, URL texts it accepts: its default's own spelling first, then its
    options, or its range's ends and middle."""
    from streamlit.runtime.state.query_params import _coerce_value_for_query_url

    out = {}
    for key, m, serde in _declared(at):
        options = m.formatted_options or list(getattr(serde, "formatted_option_to_index", {}))
        lo, hi = getattr(serde, "min_value", None), getattr(serde, "max_value", None)
        default = _coerce_value_for_query_url(m.serializer(m.deserializer(None)), m.value_type)
        texts = (default if isinstance(default, list) else [default]) + [str(o) for o in options]
        if isinstance(lo, int | float) and isinstance(hi, int | float):
            texts += [str(lo), str(hi), str((lo + hi) / 2 if isinstance(lo, float) else (lo + hi) // 2)]
        if m.value_type == "bool_value":
            texts += ["true", "false"]
        out[key] = [x for x in dict.fromkeys(texts) if x]
    return out
