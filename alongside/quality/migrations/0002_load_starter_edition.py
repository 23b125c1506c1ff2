"""Load the starter edition of Making It Real's I statements (kept in the repository).

A later edition is added with `manage.py load_making_it_real path.yaml`; this one stays,
so checks made against it keep their wording."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from alongside.quality.reference import STARTER_EDITION, load_edition, read_edition

    load_edition(
        read_edition(STARTER_EDITION),
        edition_model=apps.get_model("quality", "Edition"),
        theme_model=apps.get_model("quality", "Theme"),
        statement_model=apps.get_model("quality", "IStatement"),
    )


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
