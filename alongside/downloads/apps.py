from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "alongside.downloads"
    label = "downloads"
    verbose_name = "Downloads: the person's information, made in the background and kept"
