"""The production settings for the benchmarks, except the static files' storage: the pages'
static links are built without a collected manifest (static files are not measured)."""

import os

# Production requires the site's address for links in emails; the benchmarks send none.
os.environ.setdefault("SITE_URL", "https://127.0.0.1")

from alongside.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
