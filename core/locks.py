"""Row locks for the few places where two people must not both succeed: the last free
slot of a kitchen, the last portions of a dish, settling a session's money.

Each caller locks one row (the kitchen, the dish, the session), then checks and writes
while it holds the lock: the second one waits, then sees what the first one wrote.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, models, transaction

from core.refusals import Busy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# How long to wait for others holding the same row. Each holds it for a few
# milliseconds; a longer wait means something is stuck. (SQLite waits on the whole
# database instead, up to its own `timeout` option.)
LOCK_TIMEOUT = timedelta(seconds=10)


def lock_row(instance: models.Model, *, timeout: timedelta = LOCK_TIMEOUT) -> None:
    """Hold `instance`'s row until the current transaction ends: whoever else locks it
    waits. On PostgreSQL this locks the row and waits at most `timeout`. SQLite has no
    row locks (`select_for_update` does nothing there), but our transactions start
    IMMEDIATE: a transaction that may write holds the whole database already."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        # Outside a transaction the lock would end with the statement that takes it.
        raise RuntimeError("lock_row() needs a transaction: call it in transaction.atomic().")
    if connection.vendor == "sqlite" and connection.transaction_mode not in {
        "IMMEDIATE",
        "EXCLUSIVE",
    }:
        raise ImproperlyConfigured(
            "SQLite can only lock with OPTIONS['transaction_mode'] = 'IMMEDIATE'."
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            milliseconds = int(timeout.total_seconds() * 1000)
            # Local to this transaction, like the lock.
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])
    # FOR NO KEY UPDATE: holders of the lock wait for each other, but rows that only
    # point at this one (a booking of this group, a session in this kitchen) can still be
    # written by others; a full FOR UPDATE would block their foreign-key checks and two
    # such writers, each holding the other's parent, would deadlock.
    type(instance)._default_manager.select_for_update(no_key=True).only("pk").get(pk=instance.pk)


def is_lock_timeout(error: OperationalError) -> bool:
    cause = error.__cause__
    # PostgreSQL's lock_not_available (lock_timeout expired) and deadlock_detected (one of
    # two transactions waiting for each other is stopped: trying again works); SQLite's
    # busy timeout.
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate in {"55P03", "40P01"} or "database is locked" in str(error)


def locked[**P, R](words: "StrOrPromise") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the decorated function in a transaction; a lock held too long by others
    becomes a `Busy` refusal saying `words` (lazy: "Many people are ... right now")."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with transaction.atomic():
                    return function(*args, **kwargs)
            except OperationalError as error:
                if is_lock_timeout(error):
                    raise Busy(str(words)) from error
                raise

        return wrapper

    return decorate
