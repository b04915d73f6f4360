"""Domain events: how an app tells the apps above it that something happened, or asks
them a question, without importing them.

An app declares its events in its `events.py` (`portfolio_changed = Event("...")`) and
sends them from its services. An app above connects handlers in its `handlers.py`,
imported by its `AppConfig.ready`. So the import graph points one way: down. Handlers
run synchronously, inside the sender's transaction: a handler that queues work queues it
on commit, and a handler that fails fails the change. `docs/architecture.md` lists every
event and who handles it.
"""

from typing import Any

from django.dispatch import Signal


class Event:
    """A named domain event. Keyword arguments only, so a handler reads what it needs."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self._signal = Signal()

    def connect(self, handler, *, uid: str | None = None) -> None:
        # Strong references: handlers are module-level functions that live for the process.
        self._signal.connect(handler, weak=False, dispatch_uid=uid or _name(handler))

    def send(self, **facts: Any) -> None:
        """Tell every handler; the first to fail stops the change (the transaction rolls back)."""
        self._signal.send(sender=self, **facts)

    def ask(self, **facts: Any) -> list[Any]:
        """Ask every handler; the answers that are not None."""
        return [answer for _, answer in self._signal.send(sender=self, **facts) if answer is not None]

    def handlers(self) -> list[str]:
        return [_name(receiver) for _, receiver, _ in self._signal.receivers]


def _name(handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def handler(event: Event):
    """Decorator: connect a module-level function to `event`."""
    def connect(fn):
        event.connect(fn)
        return fn
    return connect
