"""One wording for text that is too long, on every limited field of every form: it counts
characters (spaces and numbers too, so not "letters") and says the limit."""

from __future__ import annotations

import importlib
import inspect
import re

from django import forms
from django.apps import apps

WORDING = re.compile(r"^(.+ must be|Write) [\d,]+ characters or fewer\.?$")


def _limited_fields() -> list[tuple[str, forms.CharField]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("alongside."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in getattr(form, "base_fields", {}).items():
                # A code (two-factor, recovery) is not text to write: its own message says so.
                if field_name.endswith("code"):
                    continue
                if isinstance(field, forms.CharField) and field.max_length:
                    found.append((f"{module.__name__}.{name}.{field_name}", field))
    return found


def test_every_limited_text_field_says_too_long_in_the_same_words() -> None:
    fields = _limited_fields()
    assert len(fields) > 10
    wrong = {
        where: field.error_messages.get("max_length", "(Django's own message)")
        for where, field in fields
        if not WORDING.match(str(field.error_messages.get("max_length", "")))
    }
    assert not wrong, wrong
