"""Run the whole suite at another moment: `pytest --wall-clock=2026-12-31T23:50+01:00`.

The suite must pass at any hour and on any day. This plugin moves the wall clock of every
process (each xdist worker loads it: it is in `addopts`) with `time-machine`, ticking from
the given moment: `time.time`, `datetime.now` and `localtime` move, while sleeps and the
monotonic clock stay real, which the real-thread race tests need (SQLite's busy wait).
Tests that freeze the clock themselves still do so inside the moved run.

The same through the environment (e.g. for `make test`): `CDQ_WALL_CLOCK=... make test`.
"""

import os
from datetime import datetime

import pytest
import time_machine

_travel: time_machine.travel | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--wall-clock",
        default=os.environ.get("CDQ_WALL_CLOCK", ""),
        metavar="ISO-MOMENT",
        help="start the tests at this moment, with its UTC offset, e.g. 2026-12-31T23:50+01:00",
    )


def moment_of(text: str) -> datetime:
    """The moment given on the command line; it must say its offset, as a wall clock in
    Brussels would be ambiguous on the night the clocks go back."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise pytest.UsageError(f"--wall-clock needs a UTC offset, e.g. {text}+01:00")
    return moment


def pytest_configure(config: pytest.Config) -> None:
    global _travel
    text = config.getoption("--wall-clock")
    if not text:
        return
    _travel = time_machine.travel(moment_of(text), tick=True)
    _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


def pytest_report_header(config: pytest.Config) -> str | None:
    text = config.getoption("--wall-clock")
    return f"wall clock moved to {text}" if text else None
