"""Named errors: one class per kind of failure, each message says what to do."""

from __future__ import annotations


class ParleyError(Exception):
    """Base class of every error parley raises on purpose."""


class InputError(ParleyError):
    """An input cannot be coded: missing, empty, binary, undecodable, not English, bad metadata."""

    def __init__(self, message: str, *, source: str | None = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class DateError(InputError):
    """A date that cannot be read (``--date``, a ``published`` field)."""


class ModelNotFound(ParleyError):
    """The packaged spaCy model is missing or cannot be loaded."""


class StoreError(ParleyError):
    """The store cannot be opened, migrated or written."""


class DictionaryError(ParleyError):
    """A knowledge file (actors, patterns, lexicons) is malformed."""


class MissingExtra(ParleyError):
    """An optional dependency is not installed; the message names the pip install."""

    def __init__(self, package: str, extra: str):
        self.package = package
        self.extra = extra
        super().__init__(
            f"{package} is not installed: run `pip install 'parley[{extra}]'`"
        )


def require(module: str, extra: str):
    """Import an optional dependency or raise MissingExtra naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra(module.split(".")[0], extra) from exc
