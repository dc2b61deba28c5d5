"""Drive an AppTest page with random widget values.

The random choices are state-free numbers (hypothesis draws them up front): a
widget is picked as a fraction of the current widget list and its new value as a
fraction of its range, so the same draws make sense whatever the page shows now.
"""
from __future__ import annotations

import math

HOSTILE_TEXT = ["", " ", "<script>alert(1)</script>", "1e308", "NaN", "-inf", "'; DROP TABLE x;--",
                "{{7*7}}", "\u202e", "x" * 500, "中文", "0", "<img src=x onerror=alert(1)>"]
KINDS = ("slider", "select_slider", "number_input", "selectbox", "radio", "checkbox", "toggle",
         "multiselect", "text_input", "text_area", "button", "button_group", "color_picker")


def widgets(at):
    """Every widget on the current page (sidebar included) that a user can change, in page order."""
    out = []
    for kind in KINDS:
        try:
            found = list(getattr(at, kind))
        except (AttributeError, KeyError):
            continue
        out.extend((kind, w) for w in found if not getattr(w, "disabled", False))
    return out


def _number(u, lo, hi, step, integer, extreme):
    """A value at fraction u of [lo, hi]; unbounded sides reach ±1e9 (±1e12) — hostile but legal."""
    if integer:
        lo = -(10**9) if lo is None else int(lo)
        hi = 10**9 if hi is None else int(hi)
        step = max(int(step or 1), 1)
        n = max((hi - lo) // step, 0)
        k = n if extreme == "max" else 0 if extreme == "min" else int(u * (n + 1)) if n else 0
        return lo + step * min(k, n)
    lo = -1e12 if lo is None else float(lo)
    hi = 1e12 if hi is None else float(hi)
    v = hi if extreme == "max" else lo if extreme == "min" else lo + u * (hi - lo)
    if step:
        v = lo + round((v - lo) / step) * step
    return min(max(v, lo), hi)


def _option(w, u):
    """Select an option as the browser would: by its displayed string.

    AppTest maps a value back through the widget's format_func; with an identity
    format_func in place for this run, the displayed string goes to the server,
    which maps it to the real option with the page's own format_func.
    """
    from streamlit.testing.v1.element_tree import TESTING_KEY
    w.root.session_state[TESTING_KEY][w.id] = lambda x: x
    return w.options[min(int(u * len(w.options)), len(w.options) - 1)]


def perturb(w, kind, u, v, extreme=None):
    """Set widget ``w`` from the uniform numbers ``u``, ``v`` (or click it). Returns a description."""
    if kind == "slider":
        val = w.value
        integer = isinstance(val[0] if isinstance(val, tuple | list) else val, int)
        if isinstance(val, tuple | list):
            a = _number(u, w.min, w.max, w.step, integer, None)
            b = _number(v, w.min, w.max, w.step, integer, None)
            w.set_range(min(a, b), max(a, b))
        else:
            w.set_value(_number(u, w.min, w.max, w.step, integer, extreme))
    elif kind == "number_input":
        integer = isinstance(w.value, int)
        w.set_value(_number(u, w.min, w.max, w.step, integer, extreme))
    elif kind in ("select_slider", "selectbox", "radio", "button_group"):
        if w.options:
            w.set_value(_option(w, u))
    elif kind in ("checkbox", "toggle"):
        w.set_value(u < 0.5)
    elif kind == "multiselect":
        if w.options:
            opts = [_option(w, (i + 0.5) / len(w.options)) for i in range(len(w.options))]
            mask = int(v * 2 ** len(opts))
            w.set_value([o for i, o in enumerate(opts) if mask >> i & 1])
    elif kind in ("text_input", "text_area"):
        w.input(HOSTILE_TEXT[int(u * len(HOSTILE_TEXT)) % len(HOSTILE_TEXT)])
    elif kind == "button":
        w.click()
    elif kind == "color_picker":
        w.pick(["#000000", "#ffffff", "#ff0000"][int(u * 3) % 3])
    value = getattr(w, "_value", None)
    shown = value if isinstance(value, int | float | str | bool) and not (
        isinstance(value, float) and math.isnan(value)) else ""
    return f"{kind}:{getattr(w, 'label', w.key)}={shown}"
