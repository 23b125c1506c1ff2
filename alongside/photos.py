"""Uploaded photos (a check's photos, a support worker's profile photo): only JPEG or PNG,
at most 5 MB, and stored re-encoded from their pixels, so no location, camera or other EXIF
data is ever kept. Shared by the apps that take photos (ADR 0032, ADR 0013)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_SIDE = 2000  # pixels; bigger photos are made smaller
# A picture's pixels take memory when they are decoded, whatever the file's size: a 17 KB
# PNG of 12000 by 12000 dots needs about 800 MB. Refuse anything bigger than a 40-megapixel
# phone photo from its header, before a single pixel is decoded.
MAX_PIXELS = 40_000_000
# Pillow's own guard, a second line for every Image.open in the server: it refuses pictures of
# more than twice this (320 million dots) as it opens them. Ours above, from the header, comes
# first and can say the picture's size.
Image.MAX_IMAGE_PIXELS = 4 * MAX_PIXELS
ALLOWED = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    width: int
    height: int


def _refuse_too_many_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This picture is too big: {width} by {height} dots. Please use a picture with "
            "fewer dots, for example one taken with a phone camera (at most 40 million dots, "
            "like 7000 by 5000)."
        )


def clean_photo(upload: IO[bytes], *, size: int, max_side: int = MAX_SIDE) -> CleanPhoto:
    """Check a photo's type and size; return it re-encoded without any metadata, at most
    `max_side` pixels wide and high."""
    if size > MAX_PHOTO_BYTES:
        raise ValidationError("The photo must be smaller than 5 MB.")
    raw = upload.read(MAX_PHOTO_BYTES + 1)
    if len(raw) > MAX_PHOTO_BYTES:
        raise ValidationError("The photo must be smaller than 5 MB.")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            # Image.open reads only the header, so the size is known before any decoding.
            kind = probe.format
            width, height = probe.size
            if kind in ALLOWED:
                _refuse_too_many_pixels(width, height)
            probe.verify()
        if kind not in ALLOWED:
            raise ValidationError("The photo must be a JPG or PNG picture.")
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            # Turn the picture the right way up, then drop every piece of metadata by
            # copying only the pixels into a new image.
            upright = ImageOps.exif_transpose(image)
            mode = "RGB" if kind == "JPEG" else ("RGBA" if "A" in upright.mode else "RGB")
            pixels = upright.convert(mode)
            pixels.thumbnail((max_side, max_side))
            bare = Image.new(mode, pixels.size)
            bare.paste(pixels)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            "This picture is too big: it has hundreds of millions of dots. Please use a picture "
            "with fewer dots, for example one taken with a phone camera (at most 40 million "
            "dots, like 7000 by 5000)."
        ) from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError("The photo must be a JPG or PNG picture.") from error
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, format="JPEG", quality=85)
    else:
        bare.save(out, format="PNG")
    return CleanPhoto(
        data=out.getvalue(), content_type=ALLOWED[kind], width=bare.width, height=bare.height
    )
