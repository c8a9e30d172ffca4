"""Photos of findings: checked, turned upright, shrunk and re-encoded as JPEG without any
metadata. A phone's photo carries the position it was taken at (EXIF GPS), the camera and
often the owner's name; none of it is kept."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from samtrygg.core.exceptions import ServiceError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_SIDE = 1600
QUALITY = 85
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
#: Refuse decompression bombs well below Pillow's own limit.
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int


def clean_photo(content: bytes) -> CleanPhoto:
    if len(content) > MAX_UPLOAD_BYTES:
        raise ServiceError(_("The photo is larger than 15 MB."))
    try:
        with Image.open(io.BytesIO(content)) as original:
            if original.format not in ACCEPTED_FORMATS:
                raise ServiceError(_("Upload a photo as JPEG, PNG or WebP."))
            if original.width * original.height > MAX_PIXELS:
                raise ServiceError(_("The photo has too many pixels."))
            upright = ImageOps.exif_transpose(original)
            image = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ServiceError(_("The file is not a photo that can be read.")) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A fresh image from the pixels alone: no EXIF, XMP, ICC comment or thumbnail survives.
    bare = Image.new("RGB", image.size)
    bare.paste(image)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return CleanPhoto(content=out.getvalue(), width=bare.width, height=bare.height)
