"""Screenshots of the main pages for the README, taken in Debian's headless chromium.

    python benchmarks/screenshots.py              # the README's set, into docs/screenshots/
    python benchmarks/screenshots.py --lang zh --presenter --out artifacts/shots --only cnn,rnn
    python benchmarks/screenshots.py --presenter --height 2600 --out artifacts/shots   # whole pages, for review

Starts the app on a free localhost port, opens each page, presses the page's main action where it
has one (Start, Train both, Run ...) and waits for it to finish, scrolls the page's main picture
to the top, and saves a 1400×900 viewport PNG per page (device scale factor 1), reduced to a
256-colour palette so each file stays well under 250 KB. Prints each file's size. Needs chromium
and playwright (requirements-dev.txt); Chinese text needs a CJK font (apt-get install
fonts-wqy-microhei) — CI does not run this script.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import CHROMIUM_FLAGS, READY, ROOT, chromium_path, start_streamlit, stop  # noqa: E402
from ui.i18n import DEFAULT_LANG, TABLES  # noqa: E402

WIDTH, HEIGHT = 1400, 900
OUT = ROOT / "docs" / "screenshots"


class Shot(NamedTuple):
    name: str
    path: str                     # URL path of the page ("" for Home)
    query: dict = {}              # query string, e.g. a scene's values
    action: str | None = None     # text key of the main button, or "live" for a live-training Start
    focus: str | None = None      # scrolled to the top afterwards: "css=<selector>" (in the main area) or a text key
    margin: int = 24              # px kept above the focused element


SHOTS = [
    Shot("home", "", focus="lecture.scenes"),
    Shot("home_article", "", action="home.article_run", focus="home.article_title"),
    Shot("brain_vs_ann", "brain_vs_ann", focus="css=h1"),
    Shot("synchrony", "synchrony", {"sync_c": 0.6}, focus="css=[data-testid=stSlider]"),
    Shot("memory", "memory", focus="memory.stored_title"),
    Shot("forgetting", "forgetting", action="live", focus="css=[data-testid=stProgress]", margin=80),
    Shot("learning_rules", "learning_rules", action="live", focus="css=[data-testid=stProgress]", margin=80),
    Shot("backprop", "backprop", {"bp_step": 9}, focus="css=[data-testid=stTabs]"),
    Shot("mlp_playground", "mlp_playground", action="live", focus="css=[data-testid=stSelectbox]"),
    Shot("cnn", "cnn", action="live", focus="css=[data-testid=stProgress]", margin=80),
    Shot("rnn", "rnn", action="live", focus="css=[data-testid=stProgress]", margin=80),
    Shot("vs_sklearn", "vs_sklearn", action="compare.train", focus="css=[data-testid=stAlert]", margin=16),
    Shot("challenges", "challenges", {"ch_view": "What does it look at?"}, focus="challenges.look_source"),
]

# The README's set: every page in English, plus two in 中文 and one in presenter view.
README_EXTRA = [("zh", False, "home"), ("zh", False, "mlp_playground"), ("en", True, "memory")]

# Streamlit scrolls inside its own container, not the window: move the nearest scrollable
# ancestor so the element's top lands `margin` px below the viewport's top.
_SCROLL_JS = """(el, margin) => {
    let box = el.parentElement;
    while (box && !(box.scrollHeight > box.clientHeight &&
                    /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
    if (box) box.scrollTop += el.getBoundingClientRect().top - margin;
}"""


def text(key: str, lang: str) -> str:
    return TABLES[lang].get(key) or TABLES[DEFAULT_LANG][key]


def wait_ready(page, timeout=120_000):
    """Streamlit has finished the script and any rerun it triggered."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=timeout)


def press_main_action(page, action, lang, timeout=180_000):
    if action is None:
        return
    if action == "live":
        page.get_by_role("button", name=text("live.start", lang), exact=True).first.click()
        # The Start button turns into "Train more" when the run reaches its epoch budget, or "Finished"
        # when the run cannot go on (the Forgetting page's last task).
        ended = re.compile(f"^({re.escape(text('live.more', lang))}|{re.escape(text('live.done', lang))})$")
        page.get_by_role("button", name=ended).first.wait_for(timeout=timeout)
    else:
        page.get_by_role("button", name=text(action, lang)).first.click()
    wait_ready(page, timeout)


def scroll_to(page, focus, lang, margin):
    if focus is None:
        return
    if focus.startswith("css="):
        target = page.locator(f"[data-testid=stMain] {focus[4:]}").first
    else:
        target = page.locator("[data-testid=stMain]").get_by_text(text(focus, lang), exact=True).first
    target.wait_for()
    target.evaluate(_SCROLL_JS, margin)


def _palette(png: bytes, colours: int) -> bytes:
    """The same image with at most ``colours`` colours (no dithering): about 60 % smaller, same look."""
    import io

    from PIL import Image
    img = Image.open(io.BytesIO(png)).convert("RGB")
    buf = io.BytesIO()
    img.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def shoot(browser, base, shot, lang, presenter, out: Path, height=HEIGHT, prefix="", colours=256) -> Path:
    query = dict(shot.query)
    if lang != DEFAULT_LANG:
        query["lang"] = lang
    if presenter:
        query["presenter"] = "true"
    context = browser.new_context(viewport={"width": WIDTH, "height": height}, device_scale_factor=1)
    context.set_default_timeout(120_000)
    try:
        page = context.new_page()
        page.goto(f"{base}/{shot.path}" + (f"?{urlencode(query)}" if query else ""))
        wait_ready(page)
        press_main_action(page, shot.action, lang)
        scroll_to(page, shot.focus, lang, shot.margin)
        page.wait_for_timeout(800)  # let Plotly finish its transitions
        if page.locator("[data-testid=stException]").count():
            print(f"  warning: {shot.name} shows an exception", file=sys.stderr)
        file = out / f"{prefix}{shot.name}.png"
        page.mouse.move(WIDTH - 2, height - 2)  # no tooltip from the button just pressed
        page.wait_for_timeout(300)
        png = page.screenshot(type="png", full_page=False)
        file.write_bytes(png if not colours else _palette(png, colours))
        return file
    finally:
        context.close()


def jobs(args):
    """(shot, lang, presenter, file prefix) for each picture to take."""
    only = {s for s in args.only.split(",") if s}
    custom = only or args.lang != DEFAULT_LANG or args.presenter
    prefix = args.prefix or "".join(p for p, on in (("zh-", args.lang == "zh"), ("presenter-", args.presenter)) if on)
    out = [(s, args.lang, args.presenter, prefix) for s in SHOTS if not only or s.name in only]
    if not custom:
        by_name = {s.name: s for s in SHOTS}
        out += [(by_name[name], lang, pres, ("zh-" if lang == "zh" else "") + ("presenter-" if pres else ""))
                for lang, pres, name in README_EXTRA]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default=DEFAULT_LANG, choices=sorted(TABLES))
    ap.add_argument("--presenter", action="store_true", help="open every page with ?presenter=true")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--only", default="", help="comma-separated shot names (default: all)")
    ap.add_argument("--height", type=int, default=HEIGHT,
                    help="viewport height in px (Streamlit scrolls inside its own container, so a tall "
                         "viewport is the way to see a whole page)")
    ap.add_argument("--prefix", default="", help="file-name prefix (default: zh- and/or presenter- as chosen)")
    ap.add_argument("--colours", type=int, default=256, help="palette size; 0 keeps the full-colour PNG")
    args = ap.parse_args(argv)
    if chromium_path() is None:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    todo = jobs(args)
    args.out.mkdir(parents=True, exist_ok=True)
    log = ROOT / "artifacts" / "streamlit-screenshots.log"
    proc, base = start_streamlit(log_path=log if log.parent.is_dir() else None)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
            for shot, lang, presenter, prefix in todo:
                t0 = time.perf_counter()
                file = shoot(browser, base, shot, lang, presenter, args.out, args.height, prefix, args.colours)
                shown = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
                print(f"{shown}: {file.stat().st_size / 1024:.0f} KB ({time.perf_counter() - t0:.1f} s)")
            browser.close()
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
