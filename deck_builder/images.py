"""Check and prepare pictures with Pillow: safe formats, sane sizes, no metadata.

Pictures are decoded in full before they go into a deck, so a truncated or hostile
file is refused with a clear message instead of shipping inside the .pptx.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

ALLOWED_FORMATS = ("PNG", "JPEG", "GIF")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_EDGE = 2560  # larger pictures are scaled down: sharp on a projector, small in a mail


# Image info keys that reveal nothing about the picture's author, place or software.
_HARMLESS_INFO = frozenset({
    "dpi", "gamma", "srgb", "transparency", "aspect", "jfif", "jfif_version",
    "jfif_density", "jfif_unit", "progressive", "progression", "adobe",
    "adobe_transform",
})


class ImageProblem(ValueError):
    """A picture file that cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class PreparedImage:
    """Re-encoded picture bytes (PNG or JPEG) with their pixel size."""

    data: bytes
    width: int
    height: int
    extension: str


def inspect(path: Path) -> tuple[int, int]:
    """Fully decode the picture and return its upright (width, height).

    Raises ImageProblem for a missing, oversized, truncated or unsupported file.
    """
    prepared = prepare(path)
    return prepared.width, prepared.height


@lru_cache(maxsize=64)
def prepare(path: Path) -> PreparedImage:
    """Decode, turn upright (EXIF), drop metadata, convert and downscale a picture."""
    if not path.exists():
        raise ImageProblem(f"picture file not found: {path.name}")
    if not path.is_file():
        raise ImageProblem(f"picture path is not a file: {path.name}")
    size = path.stat().st_size
    if size == 0:
        raise ImageProblem(f"picture file is empty: {path.name}")
    if size > MAX_FILE_BYTES:
        raise ImageProblem(
            f"picture file {path.name} is {size / 1e6:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1_000_000} MB"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=ALLOWED_FORMATS) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ImageProblem(
                        f"picture {path.name} has too many pixels "
                        f"({image.width}×{image.height}); the limit is {MAX_PIXELS:,}"
                    )
                image.load()
                source_format = image.format
                if _usable_as_is(image):
                    return PreparedImage(
                        path.read_bytes(), image.width, image.height,
                        "png" if source_format == "PNG" else "jpg",
                    )
                upright = ImageOps.exif_transpose(image)
    except ImageProblem:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageProblem(f"picture {path.name} has too many pixels") from None
    except Image.UnidentifiedImageError:
        raise ImageProblem(
            f"{path.name} is not a PNG, JPEG or GIF picture; convert it to PNG or JPEG"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"picture {path.name} is damaged or truncated ({exc})") from None
    return _encode(upright, source_format == "JPEG")


def _usable_as_is(image: Image.Image) -> bool:
    """Whether the file may go into the deck unchanged (no re-encoding needed).

    True for a PNG or JPEG that is small enough, carries no metadata (EXIF, GPS,
    colour profile, text) and no rotation, in a mode every viewer shows alike.
    """
    return (
        image.format in {"PNG", "JPEG"}
        and max(image.size) <= MAX_EDGE
        and image.mode in {"RGB", "RGBA", "L", "LA", "P"}
        and set(image.info) <= _HARMLESS_INFO
        and not getattr(image, "is_animated", False)
    )


def _encode(image: Image.Image, photo: bool) -> PreparedImage:
    if max(image.size) > MAX_EDGE:
        image = image.copy()
        image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    buffer = io.BytesIO()
    if photo and not has_alpha:
        image.convert("RGB").save(buffer, "JPEG", quality=88)
        extension = "jpg"
    else:
        # Default compression: `optimize` would make files a few % smaller at ~10× the
        # time, and the deck is zipped again anyway.
        image.convert("RGBA" if has_alpha else "RGB").save(buffer, "PNG", compress_level=6)
        extension = "png"
    return PreparedImage(buffer.getvalue(), image.width, image.height, extension)
