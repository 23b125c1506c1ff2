"""The production settings for the benchmark, except the static files' storage: the pages'
static links are built without a collected manifest (static files are not measured)."""

from alongside.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
