"""Radios and checkboxes come from one include (includes/fields/_choices.html): each draws
its own GOV.UK component, with the widget's input type, what was chosen kept, and the
question's error on the group."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string

CHOICES = [("tea", "Tea"), ("coffee", "Coffee")]


class _DrinksForm(forms.Form):
    one = forms.ChoiceField(label="Which one", choices=CHOICES, widget=forms.RadioSelect)
    several = forms.MultipleChoiceField(
        label="Which ones", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )


def _render(form: forms.Form, name: str) -> str:
    return render_to_string("includes/field.html", {"field": form[name]})


def test_radios_are_the_govuk_radios_with_radio_inputs() -> None:
    html = _render(_DrinksForm(), "one")
    assert 'class="govuk-radios" data-module="govuk-radios"' in html
    assert html.count('class="govuk-radios__item"') == 2
    assert re.findall(r'type="(\w+)"', html) == ["radio", "radio"]
    assert "govuk-checkboxes" not in html


def test_checkboxes_are_the_govuk_checkboxes_with_checkbox_inputs() -> None:
    html = _render(_DrinksForm(), "several")
    assert 'class="govuk-checkboxes" data-module="govuk-checkboxes"' in html
    assert html.count('class="govuk-label govuk-checkboxes__label"') == 2
    assert re.findall(r'type="(\w+)"', html) == ["checkbox", "checkbox"]
    assert "govuk-radios" not in html


def test_what_was_chosen_stays_chosen_and_an_error_marks_the_group() -> None:
    form = _DrinksForm({"one": "coffee"})
    form.is_valid()
    radios = _render(form, "one")
    assert 'value="coffee" checked' in radios
    assert 'value="tea" checked' not in radios
    checkboxes = _render(form, "several")
    assert "govuk-form-group--error" in checkboxes
    assert "govuk-form-group--error" not in radios
