"""Load the starter edition's "We statements" (from the same file as the quality app's
I statements) against that edition's themes. A later edition's We statements are loaded
with `ensure_we_statements(path)`; these stay, so assessments keep their wording."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from alongside.outcomes.reference import load_we_statements
    from alongside.quality.reference import STARTER_EDITION, read_edition

    load_we_statements(
        read_edition(STARTER_EDITION),
        theme_model=apps.get_model("quality", "Theme"),
        we_model=apps.get_model("outcomes", "WeStatement"),
    )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial"), ("quality", "0002_load_starter_edition")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
