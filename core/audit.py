"""Who made a change, for the audit history (django-simple-history).

In a web request `simple_history.middleware.HistoryRequestMiddleware` names the signed-in
person as the author of every history row the request writes. Work done on someone's
behalf elsewhere (a Celery task, a management command) names them with `changes_by`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from simple_history.models import HistoricalRecords

_NONE = object()


@contextmanager
def changes_by(user: Any) -> Iterator[None]:
    """Name `user` (an accounts.User, or None for no one) as the author of every history row
    written inside the block, saves and the bulk helpers alike.

    simple_history reads the author from `HistoricalRecords.context.request.user`, the
    place its middleware fills for a web request; this fills it for the block and puts
    back what was there before.
    """
    context = HistoricalRecords.context
    before = getattr(context, "request", _NONE)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if before is _NONE:
            del context.request
        else:
            context.request = before


class History(HistoricalRecords):
    """HistoricalRecords that writes no row for a save of only excluded fields: a sign-in
    saves the user's `last_login` alone, which is not a change to their data."""

    def post_save(self, instance, created, using=None, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if not created and update_fields is not None and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)
