"""Real threads released at the same moment: how the tests prove that locks hold, on
SQLite and on PostgreSQL (each thread has its own database connection)."""

import threading

from django.db import connections


def at_once(count: int, work) -> list:
    """Run work(i) in `count` threads released together; what each returned or raised."""
    ready = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i: int) -> None:
        try:
            connections["default"].ensure_connection()
            ready.wait(timeout=30)
            outcomes[i] = work(i)
        except Exception as error:
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread never finished"
    return outcomes
