"""Lecture-mode strings: language, presenter view, reveal, scenes."""

EN = {
    "lecture.lang": "Language",
    "lecture.lang_help": "Switch every page between English and Simplified Chinese (also ?lang=zh in the URL).",
    "lecture.presenter": "Presenter view",
    "lecture.presenter_help": "Large type and thick lines for a projector; advanced controls hidden; answers "
                              "behind a Reveal switch. Also ?presenter=true in the URL.",
    "lecture.reveal": "Reveal",
    "lecture.reveal_help": "Show the answer — in class, after everyone has guessed.",
    "lecture.scenes": "Scenes for a lecture",
    "lecture.scenes_intro": "Each scene opens its page in an exact, seeded state — put these links on your slides.",
}
