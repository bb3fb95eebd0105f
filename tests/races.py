"""Real threads, each with its own database connection: how the tests prove that locks
hold, on SQLite and on PostgreSQL. Every test that runs code in another thread does it
through one of these helpers (in committed data: `django_db(transaction=True)`).

- `at_once(count, work)`: many people pressing the same button at the same moment.
- `in_a_thread(work)`: one request started while the test holds a lock, to show that it
  waits (or gives up) and what it finds once it may go on.
- `while_uncommitted(first, second)` and `interleaved(first, second, then)`: a change held
  uncommitted while another request runs, the stale-page and lock-order cases.
"""

import threading
from collections.abc import Callable
from functools import partial

from django.db import connections, transaction


def _thread(work: Callable[[], object], keep: Callable[[object], None], before=None):
    """A thread (not started) that runs work() with its own database connection and
    keeps what it returned or raised; before(), if given, runs once it is connected."""

    def run() -> None:
        try:
            connections["default"].ensure_connection()
            if before is not None:
                before()
            keep(work())
        except Exception as error:
            keep(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def at_once(count: int, work) -> list:
    """Run work(i) in `count` threads released together; what each returned or raised."""
    ready = threading.Barrier(count)
    outcomes: list = [None] * count

    threads = [
        _thread(partial(work, i), partial(outcomes.__setitem__, i), before=partial(ready.wait, 30))
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread never finished"
    return outcomes


def in_a_thread(work) -> tuple[threading.Thread, list]:
    """Start work() in another thread and return once it is about to run: the thread, and
    the list that will hold what work() returned or raised."""
    outcome: list = []
    about_to_run = threading.Event()
    thread = _thread(work, outcome.append, before=about_to_run.set)
    thread.start()
    assert about_to_run.wait(timeout=30)
    return thread, outcome


def interleaved(first, second, then=None) -> tuple[object, list]:
    """`first()` in a transaction; `second()` starts in another thread (its own
    connection) meanwhile; then `then()`, if given, in the first transaction, which
    commits. What `then()` gave (or raised) and what `second()` gave (or raised)."""
    outcome: list = []
    thread = _thread(second, outcome.append)
    result = None
    try:
        with transaction.atomic():
            first()
            thread.start()
            thread.join(timeout=1)  # it goes ahead, or waits for what we hold
            result = then() if then else None
    except Exception as error:
        if thread.ident is None:
            raise  # first() failed: the test's own set-up is wrong
        result = error
    thread.join(timeout=30)
    assert not thread.is_alive(), "the second request never finished"
    return result, outcome


def while_uncommitted(first, second) -> list:
    """Run `first()` in a transaction held open while `second()` runs in another thread;
    commit; return what `second()` returned or raised."""
    _result, outcome = interleaved(first, second)
    return outcome
