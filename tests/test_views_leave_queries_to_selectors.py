"""Views stay thin: the pages listed here ask the database nothing themselves; every query
is a selector's (issue 16, item 4). A view that writes `Model.objects...`, `.filter(...)` or
`get_object_or_404` fails this test, with the line to move into the app's selectors.py.

Only views that are clean are listed; add an app's views here once its queries have moved.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ALONGSIDE = Path(__file__).resolve().parent.parent / "alongside"

CLEAN_VIEWS = [
    "quality/views.py",
    "downloads/views.py",
    "fhir/views.py",
    "notifications/views.py",
    "rota/views.py",
    "reviews/views/__init__.py",
    "reviews/views/budget.py",
    "reviews/views/conduct.py",
    "reviews/views/pages.py",
    "outcomes/views.py",
    "team/views.py",
    "everyday/views.py",
    "api/views.py",
    "api/pages.py",
    "organisations/views.py",
    "organisations/setup_views.py",
    "accounts/views.py",
    "accounts/account_views.py",
    "web/views.py",
    "people/views.py",
    "imports/views.py",
]

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


@pytest.mark.parametrize("path", CLEAN_VIEWS)
def test_views_ask_the_database_nothing_themselves(path: str) -> None:
    found = queries_in((ALONGSIDE / path).read_text(encoding="utf-8"))
    assert not found, f"alongside/{path} queries the database; move to selectors: {found}"
