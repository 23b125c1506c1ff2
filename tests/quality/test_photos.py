from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from alongside.photos import CleanPhoto
from alongside.quality.photos import MAX_PHOTO_BYTES, clean_photo

GPS_IFD = 0x8825


def _jpeg_with_location() -> bytes:
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # camera make
    exif[0x0132] = "2026:11:23 10:00:00"  # date and time
    exif[GPS_IFD] = {1: "N", 2: (52.0, 38.0, 0.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _clean(data: bytes) -> CleanPhoto:
    return clean_photo(io.BytesIO(data), size=len(data))


def test_a_photo_keeps_its_pixels_but_loses_its_location_and_camera_data() -> None:
    raw = _jpeg_with_location()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the test photo has it
    photo = _clean(raw)
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG" and (photo.width, photo.height) == (40, 30)
    assert not stored.getexif()
    assert b"Exif" not in photo.data and b"Phone maker" not in photo.data
    assert photo.content_type == "image/jpeg"


def test_a_png_is_accepted_and_stored_as_a_png() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (5, 5)).save(out, format="PNG")
    assert _clean(out.getvalue()).content_type == "image/png"


@pytest.mark.parametrize(
    "data",
    [b"just some words, not a picture", b"%PDF-1.4 a document", b"<svg></svg>"],
)
def test_a_file_that_is_not_a_picture_is_refused(data: bytes) -> None:
    with pytest.raises(ValidationError, match="JPG or PNG"):
        _clean(data)


def test_a_gif_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (5, 5)).save(out, format="GIF")
    with pytest.raises(ValidationError, match="JPG or PNG"):
        _clean(out.getvalue())


def test_a_photo_bigger_than_5_mb_is_refused() -> None:
    with pytest.raises(ValidationError, match="smaller than 5 MB"):
        clean_photo(io.BytesIO(b"x"), size=MAX_PHOTO_BYTES + 1)


def _png_claiming_to_be(width: int, height: int) -> bytes:
    """A tiny PNG whose header says it is `width` by `height`: like a decompression bomb,
    small to send but huge once decoded. Only the header is rewritten."""
    import struct
    import zlib

    out = io.BytesIO()
    Image.new("1", (8, 8)).save(out, format="PNG")
    data = bytearray(out.getvalue())
    # The IHDR chunk starts at byte 8: length (4), type (4), width (4), height (4) ...
    body = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = body
    data[29:33] = struct.pack(">I", zlib.crc32(body))
    return bytes(data)


def test_a_small_file_of_a_huge_picture_is_refused_before_it_is_decoded() -> None:
    raw = _png_claiming_to_be(12000, 12000)
    assert len(raw) < 1000 and Image.open(io.BytesIO(raw)).size == (12000, 12000)
    with pytest.raises(ValidationError) as refused:
        _clean(raw)
    assert refused.value.messages == [
        "This picture is too big: 12000 by 12000 dots. Please use a picture with fewer dots, "
        "for example one taken with a phone camera (at most 40 million dots, like 7000 by 5000)."
    ]


def test_a_picture_just_under_the_limit_of_dots_is_not_refused_for_its_size() -> None:
    # 8000 x 5000 = 40 million dots: the limit itself is allowed. The fake pixels may then be
    # found broken, or (once WeasyPrint is imported, which lets Pillow read cut-short
    # pictures) be read as blank; either way not refused for the number of dots.
    try:
        _clean(_png_claiming_to_be(8000, 5000))
    except ValidationError as refused:
        assert refused.messages == ["The photo must be a JPG or PNG picture."]


def test_a_picture_too_big_even_to_open_is_refused_with_a_plain_message() -> None:
    with pytest.raises(ValidationError) as refused:
        _clean(_png_claiming_to_be(20000, 20000))
    assert refused.value.messages[0].startswith(
        "This picture is too big: it has hundreds of millions of dots."
    )
