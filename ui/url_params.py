"""Query strings checked as each URL-bound widget registers: a value a control cannot take is
dropped (the control keeps its default) with a translated note, never an exception.

A link is input from anyone: a lecturer's slide, a student's chat, a hostile page. Streamlit 1.67
seeds a ``bind="query-params"`` widget from the URL inside ``SessionState._seed_widget_from_url``: it
parses the text by the widget's value type, runs the widget's own deserializer (which knows its
range or options) and silently drops values it rejects (``ValueError``/``TypeError``/``IndexError``,
out of range, not an option). Two gaps were found (issue 22):

- other exceptions escape while the widget registers: ``mlp_units_1=1e400`` parses to ``inf``,
  ``int(inf)`` raises ``OverflowError``, and the page shows an error instead of its controls;
- every drop is silent, so whoever made the link never learns that a setting was ignored.

:func:`install` wraps that one method for the whole process. The wrapper refuses absurdly long
values before Streamlit parses them, turns *any* exception into a drop, and records a note naming
the key and what the control accepts — read from the widget's own declaration (its serde's
``min_value``/``max_value``, or its ``formatted_options``), so no page keeps a list of its own.
Because it sits where every bound widget registers, it covers every path: the app shell, a deep
link run without the shell (``page.ensure_shell``), widgets inside fragments, and pages added later.
The shell shows the notes above the page (:func:`show_notes`). The text of a rejected value is never
shown: only its key (the app's own name) and its length.

Links work in every language. A choice control writes its option's *label* to the URL, in the language
of whoever made the link (``?mlp_data=同心圆``). Before Streamlit reads a choice, the wrapper looks the
value up in every language's catalogue and, when it names one of the control's options in another
language, hands Streamlit this language's label instead — so a link made in 中文 opens the same settings
for an English reader, and the other way round. A page may also give a key short aliases next to its
widget with :func:`alias` (the sidebar takes ``?lang=zh`` for ``中文``); the URL keeps the value as it was
written, so a reload opens the same page again.
``tests/fuzz/test_hostile_query.py`` throws random strings at every bound key of every page.

One value per key. When a page link is clicked, the browser keeps the bound parameters of the address
it leaves (the sidebar's ``lang`` and ``presenter``) and *appends* the link's own query, so a link that
names the language (``pages/home.py`` and every other page link, ``ui.lecture.page_link``: a copied
link must open in the same language) lands on ``?lang=中文&…&lang=zh``. :func:`install` also wraps
``SessionState.register_widget``: once a single-value bound widget has its value, a URL holding that key
more than once is rewritten to the widget's one value (:func:`_collapse`), so the address bar, a reload
and a copied address all say one thing.

Bindings of a fresh server's first run. Until some run calls ``st.navigation``, Streamlit serves an app
with a ``pages/`` folder in its old pages-folder mode, which runs ``streamlit_app.py`` itself as a page
of a generated navigation; the sidebar's widgets then bind under that page's script hash, not the main
script's, and on the first page change Streamlit drops their parameters as "another page's" and the
language selector starts over in English. The first visitor after the app wakes up is usually the
lecturer. :func:`leave_pages_folder_mode` (called before the sidebar's widgets) ends that mode and reruns
once, so that run binds them as every later run does.
"""
from __future__ import annotations

import functools
import logging
import math

import streamlit as st

from .i18n import TABLES, t

log = logging.getLogger("brainlab")

MAX_CHARS = 200          # the longest legitimate value is a layer list such as "512, 512, 512, 512"
MAX_REPEATS = 64         # repeated keys (?k=a&k=b): more than any multiselect on these pages offers
NOTES_KEY = "_url_notes"
_ARRAYS = ("string_array_value", "int_array_value", "double_array_value")
_INSTALLED = "_brainlab_checked"
_ONE_VALUE = "_brainlab_one_value"
_LEFT_PAGES_FOLDER = "_brainlab_left_pages_folder"
_ALIASES: dict[str, dict[str, str]] = {}


def alias(key: str, names: dict) -> None:
    """URL values ``key`` also takes: ``{alias: the option's label}`` (e.g. ``{"zh": "中文"}``)."""
    _ALIASES[key] = {str(a): str(label) for a, label in names.items()}


@functools.cache
def _keys_by_text() -> dict[str, tuple[str, ...]]:
    """Every catalogue text without fields → the text keys that give it, in any language."""
    index: dict[str, set[str]] = {}
    for table in TABLES.values():
        for key, text in table.items():
            if "{" not in text and len(text) <= MAX_CHARS:
                index.setdefault(text, set()).add(key)
    return {text: tuple(sorted(keys)) for text, keys in index.items()}


def choice_options(metadata) -> list[str]:
    """The formatted options of a choice control (selectbox, radio, segmented control, multiselect), or []."""
    serde = getattr(metadata.deserializer, "__self__", None)
    options = getattr(metadata, "formatted_options", None) or list(getattr(serde, "formatted_option_to_index", {}))
    return [str(o) for o in options]


def in_this_language(metadata, key: str, url_value):
    """``url_value`` with each value that names one of the control's options by an alias or in another
    language replaced by that option's label here; other values unchanged."""
    options = set(choice_options(metadata))
    if not options:
        return url_value
    aliases = _ALIASES.get(key, {})

    def one(value):
        if not isinstance(value, str) or value in options:
            return value
        if aliases.get(value) in options:
            return aliases[value]
        for text_key in _keys_by_text().get(value, ()):
            here = t(text_key)
            if here in options:
                return here
        return value

    if isinstance(url_value, list | tuple):
        return type(url_value)(one(v) for v in url_value)
    return one(url_value)


def _values(url_value) -> list[str]:
    return list(url_value) if isinstance(url_value, list | tuple) else [url_value]


def _same(a, b) -> bool:
    """Equal as URL values: numbers by value (200 == 200.0), sequences element by element."""
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - an odd type compares unequal
        return False


def _fmt(x) -> str:
    if isinstance(x, float) and math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)


def allowed(metadata) -> str:
    """What the widget accepts, from its own declaration: "1 to 64", "Circles, XOR, …", or ""."""
    serde = getattr(metadata.deserializer, "__self__", None)
    options = choice_options(metadata)
    if options:
        shown = options[:8]
        return t("url.one_of", options=", ".join(shown) + (", …" if len(options) > 8 else ""))
    lo, hi = getattr(serde, "min_value", None), getattr(serde, "max_value", None)
    if isinstance(lo, int | float) and isinstance(hi, int | float) and not isinstance(lo, bool):
        return t("url.range", lo=_fmt(lo), hi=_fmt(hi))
    if metadata.value_type == "bool_value":
        return t("url.bool")
    return ""


def _means_default(metadata, url_value) -> bool:
    """True when the URL value is a valid spelling of the widget's default (Streamlit drops those too)."""
    from streamlit.runtime.state.query_params import parse_url_param

    try:
        parsed = parse_url_param(url_value, metadata.value_type)
        default = metadata.deserializer(None)
        return _same(metadata.deserializer(parsed), default) and _same(metadata.serializer(default), parsed)
    except Exception:  # noqa: BLE001 - unparsable means not the default
        return False


def _record(key: str, text: str) -> None:
    notes = st.session_state.get(NOTES_KEY) or {}
    notes[key] = text
    st.session_state[NOTES_KEY] = notes


def _checked(seed):
    """Wrap ``SessionState._seed_widget_from_url`` (see the module docstring)."""
    from streamlit.runtime.state.query_params import is_empty_url_value

    @functools.wraps(seed)
    def checked_seed(self, metadata, user_key, widget_id, url_value):
        values = _values(url_value)
        if len(values) > MAX_REPEATS or any(len(str(v)) > MAX_CHARS for v in values):
            self._clear_url_param(user_key)
            _record(user_key, t("url.too_long", key=user_key, limit=MAX_CHARS, max_repeats=MAX_REPEATS))
            return False
        try:
            url_value = in_this_language(metadata, user_key, url_value)
            seeded = seed(self, metadata, user_key, widget_id, url_value)
        except Exception as exc:  # noqa: BLE001 - a link must never break a page (OverflowError, ...)
            log.info("query value for %r dropped: %s: %s", user_key, type(exc).__name__, exc)
            self._clear_url_param(user_key)
            seeded = False
        if not seeded:
            if not is_empty_url_value(url_value) and not _means_default(metadata, url_value):
                what = allowed(metadata)
                _record(user_key, t("url.dropped", key=user_key) + (" " + what if what else ""))
            return False
        if metadata.value_type in _ARRAYS and len(self.query_params.get_all(user_key)) < len(values):
            what = allowed(metadata)
            _record(user_key, t("url.partial", key=user_key) + (" " + what if what else ""))
        return True

    setattr(checked_seed, _INSTALLED, True)
    return checked_seed


def _collapse(state, metadata, user_key: str, value) -> None:
    """Leave one value of ``user_key`` in the URL: the widget's ``value``, or none when it is the default."""
    if _same(value, metadata.deserializer(None)):
        state.query_params.remove_param(user_key)
    else:
        state.query_params.set_corrected_value(user_key, metadata.serializer(value), metadata.value_type)


def _one_value(register):
    """Wrap ``SessionState.register_widget`` (see the module docstring, "One value per key")."""

    @functools.wraps(register)
    def one_value(self, metadata, user_key):
        result = register(self, metadata, user_key)
        if metadata.bind == "query-params" and user_key is not None and metadata.value_type not in _ARRAYS:
            try:
                if len(self.query_params.get_all(user_key)) > 1:
                    _collapse(self, metadata, user_key, result.value)
            except Exception as exc:  # noqa: BLE001 - a URL left as it was never breaks a page
                log.info("repeated query value for %r left as it was: %s: %s", user_key, type(exc).__name__, exc)
        return result

    setattr(one_value, _ONE_VALUE, True)
    return one_value


def install() -> bool:
    """Wrap Streamlit's URL seeding and widget registration once per process; False (and a log line) if
    Streamlit changed."""
    from streamlit.runtime.state.session_state import SessionState

    seed = getattr(SessionState, "_seed_widget_from_url", None)
    register = getattr(SessionState, "register_widget", None)
    if seed is None or register is None:
        log.warning("Streamlit's SessionState moved: query strings are not checked")
        return False
    if not getattr(seed, _INSTALLED, False):
        SessionState._seed_widget_from_url = _checked(seed)
    if not getattr(register, _ONE_VALUE, False):
        SessionState.register_widget = _one_value(register)
    return True


def installed() -> bool:
    from streamlit.runtime.state.session_state import SessionState

    return (getattr(getattr(SessionState, "_seed_widget_from_url", None), _INSTALLED, False)
            and getattr(getattr(SessionState, "register_widget", None), _ONE_VALUE, False))


def leave_pages_folder_mode() -> None:
    """Call before the app shell's first bound widget: if this run is Streamlit's pages-folder wrapper
    (a fresh server's first run, see the module docstring), end that mode and rerun, once per session."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState, get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    try:
        wrapped = ThreadState.get().active_script_hash != ctx.pages_manager.main_script_hash
    except AttributeError:
        log.warning("Streamlit's script hashes moved: a fresh server's first run keeps its pages-folder bindings")
        return
    if not wrapped or st.session_state.get(_LEFT_PAGES_FOLDER):
        return
    st.session_state[_LEFT_PAGES_FOLDER] = True   # once per session, never a loop
    PagesManager.uses_pages_directory = False
    st.rerun()


def pending() -> dict[str, str]:
    """The notes of this session not shown yet, ``{key: text}``."""
    return dict(st.session_state.get(NOTES_KEY) or {})


def show_notes(slot) -> None:
    """Show (once) what this session's link asked for that the controls could not take.

    ``slot`` is a placeholder the shell created above the page; call this after the page ran to its
    end, when every widget has registered.
    """
    notes = st.session_state.pop(NOTES_KEY, None)
    if notes:
        lines = "\n".join(f"- {text}" for _, text in sorted(notes.items()))
        slot.warning(t("url.notes_title") + "\n\n" + lines, icon=":material/link_off:")


def choice_keys() -> list[str]:
    """The keys of the choice controls (select box, radio, multiselect, segmented control, select slider)
    this session drew in its last run: the controls whose values travel between browser and server as
    their option *labels*. Empty if Streamlit's internals moved (1.67 is pinned)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    try:
        state = get_script_run_ctx().session_state._state
        metadata = state._new_widget_state.widget_metadata
        keys = state._key_id_mapper.id_key_mapping
    except AttributeError:
        log.warning("Streamlit's widget registry moved: choices are not re-sent after a language switch")
        return []
    return sorted(keys[wid] for wid, m in list(metadata.items()) if wid in keys and choice_options(m))


def resend_choices(skip=()) -> None:
    """Call in the language selector's callback: every choice control gets its value again through the
    Session State API, so this run sends it to the browser under its label in the new language.

    A browser keeps a choice as the label it showed (``"Spiral"``). After a switch to 中文 the control's
    options are ``"螺旋"``, …, and the next rerun — any click — would send ``"Spiral"`` back: not an option
    any more, so Streamlit fell back to the default (and a page's on_change, such as the Playground's
    scene picker, reset every control and the trained run). A value set through the Session State API is
    sent with the control, so the browser holds the new label from the switch on."""
    for key in choice_keys():
        if key not in skip and key in st.session_state:
            try:
                st.session_state[key] = st.session_state[key]
            except Exception as exc:  # noqa: BLE001 - a control that refuses writes keeps its value
                log.info("choice %r not re-sent after a language switch: %s", key, exc)
