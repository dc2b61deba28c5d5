"""Training callbacks (Keras-style hooks) and the training history."""
from __future__ import annotations


class Callback:
    """Override any of the hooks. ``self.model`` is set before training starts.

    To stop training cleanly (the history and the weights so far are kept), set
    ``self.model.stop_training = True`` from any hook.
    """

    model = None

    def on_train_begin(self, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_batch_end(self, batch, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass


class LambdaCallback(Callback):
    """Wrap plain functions as hooks, e.g. ``LambdaCallback(on_epoch_end=lambda e, logs: ...)``."""

    def __init__(self, on_train_begin=None, on_epoch_end=None, on_batch_end=None, on_train_end=None):
        for name, fn in [("on_train_begin", on_train_begin), ("on_epoch_end", on_epoch_end),
                         ("on_batch_end", on_batch_end), ("on_train_end", on_train_end)]:
            if fn is not None:
                setattr(self, name, fn)


class History(dict):
    """Per-epoch metrics (``loss``, ``accuracy``, ``val_loss`` ...) as lists, plus how training ended.

    ``status`` is one of "running", "finished", "stopped" (a stop request) or "diverged";
    ``message`` says why in words (e.g. "diverged at epoch 3: loss is nan").
    """

    def __init__(self):
        super().__init__()
        self.status = "running"
        self.message = ""

    @property
    def epochs(self) -> int:
        return len(self.get("loss", []))

    def append(self, logs: dict):
        for k, v in logs.items():
            self.setdefault(k, []).append(v)

    def copy(self) -> History:
        """An independent copy: new lists (of the same numbers), the same status and message."""
        out = History()
        out.load(self)
        return out

    def load(self, other: History):
        """Become a copy of ``other`` in place (objects holding this history see the change)."""
        self.clear()
        self.update({k: list(v) for k, v in other.items()})
        self.status, self.message = other.status, other.message
