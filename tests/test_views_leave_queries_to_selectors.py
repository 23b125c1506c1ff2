"""Views stay thin: no views module asks the database anything itself; every query is a
selector's (issue 16, item 4). A view that writes `Model.objects...`, `.filter(...)` or
`get_object_or_404` fails this test, with the line to move into the app's selectors.py.

Every views module is checked: each `views.py`, `*_views.py` and module of a `views/` package
under alongside/ (a new one from the day it is written), and api/pages.py. Not yet the API's
per-person resources (api/resources.py): their queries are still to move.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ALONGSIDE = Path(__file__).resolve().parent.parent / "alongside"

# `*_views.py`, not `*views.py`: that would take in reviews.py modules, which are not views.
NAMED_AS_VIEWS = ("**/views.py", "**/*_views.py", "**/views/*.py")
# Views by another name: the admin's page for integration clients.
OTHER_VIEWS = ["api/pages.py"]
VIEWS = sorted(
    [
        *(str(p.relative_to(ALONGSIDE)) for g in NAMED_AS_VIEWS for p in ALONGSIDE.glob(g)),
        *OTHER_VIEWS,
    ]
)

# Manager and queryset methods a view must leave to a selector. (`.get` and `.values` are
# left out: views read `request.GET.get(...)`, and `Face.values` is a choice list.)
QUERY_METHODS = {
    "objects",
    "filter",
    "exclude",
    "select_related",
    "prefetch_related",
    "annotate",
    "aggregate",
    "order_by",
    "values_list",
    "all",
    "first",
    "last",
    "exists",
    "count",
    "none",
}
QUERY_FUNCTIONS = {"get_object_or_404", "get_list_or_404"}


def queries_in(source: str) -> list[str]:
    """Each query written in this Python source, as "line N: what"."""
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in QUERY_METHODS:
            found.append((node.lineno, node.end_col_offset or 0, f".{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in QUERY_FUNCTIONS:
            found.append((node.lineno, node.end_col_offset or 0, node.id))
    return [f"line {line}: {what}" for line, _, what in sorted(found)]


def test_the_finder_sees_managers_querysets_and_shortcuts() -> None:
    source = (
        "from django.shortcuts import get_object_or_404\n"
        "def view(request):\n"
        "    a = Check.objects.select_related('x').filter(pk=1)\n"
        "    b = request.GET.get('page')\n"
        "    return get_object_or_404(Check, pk=b)\n"
    )
    assert queries_in(source) == [
        "line 3: .objects",
        "line 3: .select_related",
        "line 3: .filter",
        "line 5: get_object_or_404",
    ]


def test_the_finder_leaves_reading_the_request_alone() -> None:
    assert queries_in("def view(request):\n    return request.POST.get('month')\n") == []


def test_every_views_module_is_checked() -> None:
    # The glob must still find the views; an empty list would pass every check below.
    assert "rota/views.py" in VIEWS
    assert "accounts/account_views.py" in VIEWS
    assert "reviews/views/budget.py" in VIEWS
    assert not [path for path in VIEWS if path.endswith("reviews.py")]


@pytest.mark.parametrize("path", VIEWS)
def test_views_ask_the_database_nothing_themselves(path: str) -> None:
    found = queries_in((ALONGSIDE / path).read_text(encoding="utf-8"))
    assert not found, f"alongside/{path} queries the database; move to selectors: {found}"
