"""Trying Alongside out on one machine: SQLite, demo sign-ins, debug pages."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "local-only-not-secret-alongside-demo-key-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ALONGSIDE_DEMO = True
