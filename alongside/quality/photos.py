"""Check photos use the shared photo cleaning (moved to `alongside.photos`)."""

from alongside.photos import ALLOWED, MAX_PHOTO_BYTES, MAX_SIDE, CleanPhoto, clean_photo

__all__ = ["ALLOWED", "MAX_PHOTO_BYTES", "MAX_SIDE", "CleanPhoto", "clean_photo"]
