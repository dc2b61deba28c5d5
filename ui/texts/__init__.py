"""Text tables, one module per area (``EN``/``ZH`` dicts). See ``ui.i18n``."""
