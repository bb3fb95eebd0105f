"""How the tests are laid out: no module of the tests imports a test module.

What several test modules share lives in tests/factories.py (builders), tests/races.py
(threads), tests/form_data.py and tests/reading.py (helpers), or a conftest.py (fixtures):
a test module then runs, and reads, on its own, and pytest never collects a test twice.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def is_test_module(dotted: str) -> bool:
    """tests.portions.test_races (a test_*.py file under tests/), not tests.factories."""
    parts = dotted.split(".")
    return parts[0] == "tests" and parts[-1].startswith("test_")


def imported_test_modules(source: str, module: str) -> list[str]:
    """The test modules that `module` (dotted, e.g. tests.cdq.test_home) imports in
    `source`: `import tests.x.test_y`, `from tests.x.test_y import a`, `from tests.x
    import test_y`, and the same written relative to `module`'s package."""
    package = module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [f"line {node.lineno}: {name}" for name in names if is_test_module(name)]
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_no_module_of_the_tests_imports_a_test_module():
    imports = {
        str(path.relative_to(ROOT)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := imported_test_modules(path.read_text(), module_name(path)))
    }

    assert imports == {}, "move what is shared to tests/factories.py or a conftest.py"


def test_the_layout_check_sees_every_way_of_importing_a_test_module():
    source = "\n".join(
        [
            "import tests.portions.test_races",
            "from tests.groups.test_followup import many_groups",
            "from tests.recipes import test_pdf",
            "from .test_printing import people",
            "from . import test_budgets",
            "from ..cdq.test_figures import year_2025",
            "import tests.factories",
            "from tests.factories import make_session, test_data",  # collected twice: refused
            "from tests.browser.conftest import log_in",
            "from .conftest import cooked_soup",
            "from portions.test_helpers import nothing_of_ours",
        ]
    )

    found = imported_test_modules(source, "tests.portions.test_stale_pages")

    assert found == [
        "line 1: tests.portions.test_races",
        "line 2: tests.groups.test_followup",
        "line 3: tests.recipes.test_pdf",
        "line 4: tests.portions.test_printing",
        "line 5: tests.portions.test_budgets",
        "line 6: tests.cdq.test_figures",
        "line 8: tests.factories.test_data",
    ]
