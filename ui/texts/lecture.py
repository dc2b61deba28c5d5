"""Lecture-mode strings: language, presenter view, reveal, scenes."""

EN = {
    "lecture.lang": "Language",
    "lecture.lang_help": "Switch every page between English and Simplified Chinese (also ?lang=zh in the URL).",
    "lecture.presenter": "Presenter view",
    "lecture.presenter_help": "Large type and thick lines for a projector; advanced controls hidden; answers "
                              "behind a Reveal switch. Also ?presenter=true in the URL.",
    "lecture.reveal": "Reveal",
    "lecture.reveal_help": "Show the answer — in class, after everyone has guessed.",
    "lecture.hidden": "The answer is hidden: switch on Reveal once the class has guessed.",
    "lecture.scenes": "Scenes for a lecture",
    "lecture.scenes_intro": "Each scene opens its page in an exact, seeded state — put these links on your slides.",
}

ZH = {
    "lecture.lang": "语言",
    "lecture.lang_help": "在英文和简体中文之间切换所有页面（也可在网址中加 ?lang=zh）。",
    "lecture.presenter": "演示模式",
    "lecture.presenter_help": "大字号、粗线条，适合投影；隐藏高级控件；答案藏在“揭晓”开关后面。也可在网址中加 ?presenter=true。",
    "lecture.reveal": "揭晓",
    "lecture.reveal_help": "显示答案——在课堂上，等大家都猜过之后。",
    "lecture.hidden": "答案已隐藏：等大家都猜过之后，打开“揭晓”。",
    "lecture.scenes": "课堂场景",
    "lecture.scenes_intro": "每个场景都会以确定的、带种子的状态打开对应页面——把这些链接放进你的幻灯片。",
}
