"""A JPEG like a phone's: EXIF with a GPS position, a camera and an owner's name."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825
MAKE, MODEL, ARTIST, ORIENTATION = 0x010F, 0x0110, 0x013B, 0x0112


def jpeg_with_gps(size: tuple[int, int] = (3000, 2000), orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[MAKE] = "Phonemaker"
    exif[MODEL] = "Phone 12"
    exif[ARTIST] = "Anna Andersson"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 36.0, 36.0), 3: "E", 4: (16.0, 32.0, 42.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
