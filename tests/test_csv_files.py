"""The one CSV writer: every cell that could start a formula is written as text."""

from __future__ import annotations

import csv
import io

import pytest

from alongside.csv_files import csv_text, neutralise, restore


@pytest.mark.parametrize("cell", ["=1+1", "+44 113", "-3", "@SUM(A1)", "\tx", "\rx", "'=x"])
def test_a_cell_that_could_start_a_formula_gets_an_apostrophe_and_comes_back(cell: str) -> None:
    assert neutralise(cell) == f"'{cell}"
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Elm House", "37.5", "'quoted", "", "a=b"])
def test_an_ordinary_cell_is_written_as_it_is(cell: str) -> None:
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_every_cell_of_a_file_is_neutralised() -> None:
    text = csv_text([["name", "sum"], ["=cmd|' /C calc'!A0", 5], [None, -2]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "sum"],
        ["'=cmd|' /C calc'!A0", "5"],
        ["", "'-2"],
    ]
