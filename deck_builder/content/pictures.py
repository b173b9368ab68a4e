"""Check, normalise and fit pictures with Pillow: safe formats, sane sizes, no metadata.

Every picture is decoded in full before it goes into a deck, so a truncated or hostile
file is refused with a clear message (an `ImageProblem` naming the file) instead of
shipping inside the .pptx.

Accepted: PNG, JPEG, GIF, WebP, TIFF and BMP. Whatever the source, the result is an
upright (EXIF orientation applied) RGB or RGBA picture in sRGB without metadata, stored
as JPEG (photographs) or PNG (graphics); see `_wants_jpeg` for the choice.

Public functions:

- `inspect(path)`: full decode, upright pixel size.
- `prepare(path)`: the whole picture, at most `MAX_EDGE` pixels on its longer side.
- `fit(path, box_w_emu, box_h_emu, ...)`: the picture sized (and for "cover" cropped)
  for a box on a slide, at `dpi` pixels per inch.

Results are cached per file (path, modification time and size) and arguments, so a
picture used twice is decoded once and yields identical bytes, which python-pptx then
stores once.
"""

from __future__ import annotations

import functools
import io
import math
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from PIL import Image, ImageChops, UnidentifiedImageError

if TYPE_CHECKING:
    from PIL import ImageCms

ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP")
# Camera JPEGs with a second (preview or 3D) picture open as MPO; they are JPEGs.
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})
# An uncompressed 24-megapixel TIFF is 72 MB; anything much larger is not a slide picture.
MAX_FILE_BYTES = 80_000_000  # decimal, as every size the tool prints
# Checked from the header, before decoding: 40 MP is 160 MB as RGBA in memory. Pillow's
# own decompression-bomb limits (higher) are turned into the same refusal.
MAX_PIXELS = 40_000_000
MAX_EDGE = 2560  # `prepare`: sharp on a projector, small in a mail
EMU_PER_INCH = 914_400
DEFAULT_DPI = 220
JPEG_QUALITY = 85
CACHE_SIZE = 64  # results kept per cache; a result is at most a few MB of encoded bytes
# Decode a JPEG at no less than this multiple of the output size (see `_decode_size`).
_REDUCING_GAP = 2.0

FitMode = Literal["contain", "cover"]

_NO_CROP = (0.0, 0.0, 0.0, 0.0)
_ORIENTATION_TAG = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS_AXES = frozenset({5, 6, 7, 8})

# Image info keys that reveal nothing about the picture's author, place or software and
# need no colour conversion: a file with only these may go into the deck unchanged.
_HARMLESS_INFO = frozenset({
    "dpi", "gamma", "srgb", "transparency", "aspect", "jfif", "jfif_version",
    "jfif_density", "jfif_unit", "progressive", "progression", "adobe",
    "adobe_transform",
})
# Only files already in the result's mode: palette, grey and 16-bit files are always
# expanded to RGB(A), as the result of every other picture is.
_PASS_MODES = {"PNG": frozenset({"RGB", "RGBA"}), "JPEG": frozenset({"RGB"})}

# Modes whose pixels become grey levels, the other modes `_normalise` handles, and the ICC
# colour space matching each mode it hands to a colour transform.
_GREY_MODES = frozenset({"1", "L", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"})
_COLOUR_MODES = frozenset({
    "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr", "HSV",
})
_ICC_SPACE = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}

# Leading bytes of files people mistake for pictures, for a helpful refusal.
_OTHER_KINDS = (
    (b"%PDF", "a PDF document"),
    (b"8BPS", "a Photoshop document"),
    (b"%!PS", "a PostScript drawing"),
    (b"\xc5\xd0\xd3\xc6", "a PostScript drawing"),
)
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"})


class ImageProblem(ValueError):
    """A picture file that cannot be used; the message says why in plain words."""


class PreparedImage(NamedTuple):
    """Re-encoded picture bytes (PNG or JPEG) with their pixel size."""

    data: bytes
    width: int
    height: int
    extension: str


class FittedImage(NamedTuple):
    """Picture bytes (PNG or JPEG) sized for a box, with their pixel size.

    `crop` holds the fractions of the picture to hide at the left, top, right and bottom
    (as in DrawingML's `a:srcRect`); all zero when the pixels are already cropped.
    """

    data: bytes
    width: int
    height: int
    extension: str
    crop: tuple[float, float, float, float]


class CacheStats(NamedTuple):
    """Counters of the picture caches: `decodes` counts files actually decoded."""

    hits: int
    misses: int
    entries: int
    decodes: int


class _Plan(NamedTuple):
    """What to make of an upright picture.

    `window` is the part kept, as fractions (left, top, right, bottom) of the picture,
    `size` the output pixel size and `crop` what the renderer should still hide.
    """

    window: tuple[float, float, float, float]
    size: tuple[int, int]
    crop: tuple[float, float, float, float]


# Files decoded by this module since start; only ever incremented (see `cache_info`).
_decode_count = 0


def inspect(path: Path) -> tuple[int, int]:
    """Fully decode the picture and return its upright (width, height) in pixels.

    Raises ImageProblem for a missing, empty, oversized, truncated, non-picture or
    unsupported file.
    """
    return _inspected(*_file_key(Path(path))).size


def prepare(path: Path) -> PreparedImage:
    """The whole picture upright, without metadata, at most MAX_EDGE px on each side.

    Never upscaled. Raises ImageProblem like `inspect`.
    """
    fitted = _fitted(*_file_key(Path(path)), (MAX_EDGE, MAX_EDGE), "contain", (0.5, 0.5), True)
    return PreparedImage(fitted.data, fitted.width, fitted.height, fitted.extension)


def fit(
    path: Path,
    box_w_emu: int,
    box_h_emu: int,
    mode: FitMode = "contain",
    focal: tuple[float, float] | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    crop_pixels: bool = True,
    size: tuple[int, int] | None = None,
) -> FittedImage:
    """The picture sized for a box of `box_w_emu` × `box_h_emu` EMU shown at `dpi`.

    "contain": the whole picture, downscaled so that its pixel size is about the size it
    is shown at (the largest rectangle of its aspect ratio inside the box) at `dpi`.
    "cover": the largest window of the box's aspect ratio, centred on `focal` (x, y from
    0 to 1; default the centre) and kept inside the picture, downscaled the same way.
    With `crop_pixels=False` cover returns the whole picture (scaled so the window is at
    `dpi`) and the window in `crop`, for `a:srcRect`.

    A picture at most KEEP_LARGER times the needed size keeps its pixels (and, when
    nothing else needs changing, its bytes). Pictures are never upscaled and never
    smaller than 1 px a side. `size` ("contain" only) gives the pixel size outright, as
    `shown_size` computed it for the box the picture was first planned in. Same file and
    arguments give the same bytes, from a cache. Raises ImageProblem like `inspect`, and
    ValueError for impossible arguments.
    """
    if box_w_emu <= 0 or box_h_emu <= 0:
        raise ValueError(f"box must have a positive size, not {box_w_emu}×{box_h_emu} EMU")
    if mode not in ("contain", "cover"):
        raise ValueError(f"mode must be 'contain' or 'cover', not {mode!r}")
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    focal = (0.5, 0.5) if focal is None else (float(focal[0]), float(focal[1]))
    if not all(0.0 <= value <= 1.0 for value in focal):
        raise ValueError(f"focal point must lie within 0..1, not {focal}")
    target = (box_w_emu / EMU_PER_INCH * dpi, box_h_emu / EMU_PER_INCH * dpi)
    if mode != "contain":
        return _fitted(*_file_key(Path(path)), target, mode, focal, crop_pixels, KEEP_LARGER)
    if size is not None and (size[0] < 1 or size[1] < 1):
        raise ValueError(f"size must be at least 1 px a side, not {size[0]}×{size[1]}")
    small = _small_original(Path(path), target, size)
    if small is not None:
        return small
    return _fitted(*_file_key(Path(path)), target, mode, focal, crop_pixels, KEEP_LARGER,
                   size)


def shown_size(path: Path, box_w_emu: int, box_h_emu: int,
               dpi: int = DEFAULT_DPI) -> tuple[int, int]:
    """The pixel size `fit` gives the picture for a "contain" box (without resampling it).

    A planner sizes the picture's box to this size's aspect ratio, which can differ from
    the file's by a rounding: the picture is then never stretched, and the same picture
    read back from the deck gets the very same box. Raises ImageProblem like `inspect`.
    """
    if box_w_emu <= 0 or box_h_emu <= 0 or dpi <= 0:
        raise ValueError(f"box and dpi must be positive, not {box_w_emu}×{box_h_emu} EMU "
                         f"at {dpi}")
    target = (box_w_emu / EMU_PER_INCH * dpi, box_h_emu / EMU_PER_INCH * dpi)
    return _contained_size(Path(path), target)


def _contained_size(path: Path, target: tuple[float, float]) -> tuple[int, int]:
    """The pixel size of the picture contained in `target` (a box in output pixels):
    its own when `_small_original` keeps the file, else as `_plan` scales it."""
    key = _file_key(path)
    facts = _inspected(*key)
    if _keeps_small_file(key, facts, target):
        return facts.size
    return _plan(facts.size, target, "contain", (0.5, 0.5), True, KEEP_LARGER).size


def cache_info() -> CacheStats:
    """Hits, misses and entries of the `fit`/`prepare` cache, and files decoded so far."""
    info = _fitted.cache_info()
    return CacheStats(info.hits, info.misses, info.currsize, _decode_count)


def clear_cache() -> None:
    """Forget all cached results (the decode counter keeps counting)."""
    _fitted.cache_clear()
    _inspected.cache_clear()


# -- files -------------------------------------------------------------------------------


def _file_key(path: Path) -> tuple[Path, int, int]:
    """Check the file itself and return its cache key: (path, mtime in ns, size)."""
    if not path.exists():
        raise ImageProblem(f"picture file not found: {path.name}")
    if not path.is_file():
        raise ImageProblem(f"picture path is not a file: {path.name}")
    stat = path.stat()
    if stat.st_size == 0:
        raise ImageProblem(f"picture file is empty: {path.name}")
    if stat.st_size > MAX_FILE_BYTES:
        from deck_builder.files import human_size

        raise ImageProblem(
            f"picture file {path.name} is {human_size(stat.st_size)}; the limit is "
            f"{human_size(MAX_FILE_BYTES)}"
        )
    return path.resolve(), stat.st_mtime_ns, stat.st_size


@contextmanager
def _decoding(path: Path) -> Iterator[Image.Image]:
    """The opened (not yet loaded) picture; any failure inside becomes an ImageProblem.

    The pixel count is checked from the header before anything is decoded.
    """
    global _decode_count
    _decode_count += 1
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Pillow warns about odd metadata (corrupt EXIF, malformed MPO index); the
            # metadata is dropped anyway, so such files are fine.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
            with Image.open(path, formats=ALLOWED_FORMATS) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise ImageProblem(f"picture {name} has no pixels ({width}×{height})")
                if width * height > MAX_PIXELS:
                    raise ImageProblem(
                        f"picture {name} has too many pixels ({width}×{height}); "
                        f"the limit is {MAX_PIXELS:,}"
                    )
                yield image
    except ImageProblem:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageProblem(
            f"picture {name} has too many pixels; the limit is {MAX_PIXELS:,}"
        ) from None
    except UnidentifiedImageError:
        raise _unidentified(path) from None
    except MemoryError:
        raise ImageProblem(f"picture {name} is too large to decode") from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise ImageProblem(f"picture {name} is damaged or truncated ({exc})") from None


def _unidentified(path: Path) -> ImageProblem:
    """The refusal for a file Pillow does not recognise as one of ALLOWED_FORMATS."""
    with path.open("rb") as file:
        head = file.read(4096)
    name = path.name
    if path.suffix.lower() in {".svg", ".svgz"} or b"<svg" in head.lower():
        return ImageProblem(
            f"{name} is an SVG drawing; export it as PNG (at twice the size it is shown "
            f"at) and use that file"
        )
    for magic, kind in _OTHER_KINDS:
        if head.startswith(magic):
            return ImageProblem(f"{name} is {kind}, not a picture; export it as PNG or JPEG")
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return ImageProblem(
            f"{name} is a HEIC/AVIF picture, which cannot be used; convert it to JPEG"
        )
    return ImageProblem(
        f"{name} is not a PNG, JPEG or GIF picture (nor WebP, TIFF or BMP); "
        f"convert it to PNG or JPEG"
    )


# -- decoding ----------------------------------------------------------------------------


class _Facts(NamedTuple):
    """What a full decode learnt about a file: upright size, and whether the file
    itself may go into a deck (a clean PNG/JPEG, see `_clean`), with its extension."""

    size: tuple[int, int]
    clean_as: str | None


@functools.lru_cache(maxsize=CACHE_SIZE)
def _inspected(path: Path, mtime_ns: int, size: int) -> _Facts:
    # mtime_ns and size only make the cache key: a changed file is decoded again.
    del mtime_ns, size
    facts = _plain_png_facts(path)
    if facts is not None:
        return facts
    with _decoding(path) as image:
        image.load()
        _check_mode(image, path.name)
        width, height = image.size
        orientation = _orientation(image)
        source = "JPEG" if image.format in _JPEG_FORMATS else str(image.format)
        clean = orientation == 1 and _clean(image, source) and \
            (source != "PNG" or _ends_whole(path))
    upright = (height, width) if orientation in _SWAPS_AXES else (width, height)
    return _Facts(upright, ("jpg" if source == "JPEG" else "png") if clean else None)


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk, always these bytes
# Chunks a plain PNG may have besides IHDR, IDAT and IEND: none carries metadata or a
# colour profile (those files take the full decode below, which handles them).
_PLAIN_PNG_CHUNKS = frozenset({b"pHYs", b"gAMA", b"sRGB", b"tRNS"})
_PNG_CHANNELS = {2: 3, 6: 4}  # colour type → channels: RGB, RGBA (8 bits each)
_INFLATE_PIECE = 256 * 1024


def _ends_whole(path: Path) -> bool:
    """Whether the PNG file at `path` ends with its IEND chunk."""
    with path.open("rb") as file:
        file.seek(0, 2)
        file.seek(max(0, file.tell() - len(_PNG_END)))
        return file.read() == _PNG_END


def _plain_png_facts(path: Path) -> _Facts | None:
    """The facts of a plain 8-bit RGB(A), non-interlaced PNG, checked completely without
    building its pixels; None for any other file (which then takes Pillow's decode).

    Every chunk's CRC is checked and the whole image stream is inflated and measured, so
    a truncated or damaged file is refused as surely as by a full decode, at a fraction
    of the cost (undoing the row filters, the part skipped, cannot fail).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_PNG_SIGNATURE):
        return None
    name = path.name
    position, chunks, stream = len(_PNG_SIGNATURE), [], []
    header = b""
    while True:
        if position == len(data) and b"IDAT" in chunks:
            break  # no IEND: fine when the image stream is whole (checked below)
        if position + 12 > len(data):
            raise ImageProblem(f"picture {name} is damaged or truncated (it ends early)")
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc = data[position + 8 + length:position + 12 + length]
        if len(body) != length or len(crc) != 4 or \
                zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ImageProblem(f"picture {name} is damaged or truncated (a bad {kind!r} chunk)")
        position += 12 + length
        chunks.append(kind)
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            stream.append(body)
        elif kind == b"IEND":
            break
    if len(header) != 13 or chunks[0] != b"IHDR":
        return None
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    extras = set(chunks) - {b"IHDR", b"IDAT", b"IEND"}
    if depth != 8 or colour not in _PNG_CHANNELS or interlace or not extras <= _PLAIN_PNG_CHUNKS:
        return None
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        return None  # the full decode gives the message
    row = 1 + width * _PNG_CHANNELS[colour]  # a filter byte, then the pixels
    if not _whole_image_stream(b"".join(stream), row, height):
        raise ImageProblem(f"picture {name} is damaged or truncated (its image data is)")
    # Without its closing IEND chunk (some writers leave it off) a PNG shows everywhere,
    # but it is written anew rather than passed on as it is.
    return _Facts((width, height), "png" if chunks[-1] == b"IEND" else None)


def _whole_image_stream(stream: bytes, row: int, height: int) -> bool:
    """Whether the zlib `stream` inflates to exactly `height` rows of `row` bytes, each
    starting with a valid filter type (0-4), with its checksum correct (what follows
    the stream is ignored, as decoders do).

    Inflated a piece at a time: the pixels are never needed, and a few hundred KB
    reused beat allocating (and faulting in) megabytes for a large flat picture.
    """
    expected = row * height
    inflate = zlib.decompressobj()
    seen = 0  # bytes inflated so far
    pending = stream
    try:
        while pending or not inflate.eof:
            piece = inflate.decompress(pending, _INFLATE_PIECE)
            pending = inflate.unconsumed_tail
            if not piece:
                break  # no progress: the stream ended early (eof stays False)
            # The filter bytes in this piece: rows start at multiples of `row`.
            first = -seen % row
            if any(piece[offset] > 4 for offset in range(first, len(piece), row)):
                return False
            seen += len(piece)
            if seen > expected:
                return False
    except zlib.error:
        return False
    return seen == expected and inflate.eof


def _keeps_small_file(key: tuple[Path, int, int], facts: _Facts,
                      target: tuple[float, float]) -> bool:
    """Whether a "contain" picture goes in as its file: when that is clean, small in bytes
    (SMALL_FILE_BYTES) and at most SMALL_FILE_SLACK times the size it is shown at.

    Such a file costs little in a mail as it is; scaling it down would cost a decode,
    a resample and an encode, and often make it larger (a well-compressed PNG does not
    stay that way once resampling adds in-between colours).
    """
    width, height = facts.size
    return key[2] <= SMALL_FILE_BYTES and facts.clean_as is not None and \
        min(target[0] / width, target[1] / height) * SMALL_FILE_SLACK >= 1


def _small_original(path: Path, target: tuple[float, float],
                    size: tuple[int, int] | None) -> FittedImage | None:
    """The file itself, when `_keeps_small_file` says so for `target` or, when `size` is
    given, when the file is small and clean and `size` is its own."""
    key = _file_key(path)
    if key[2] > SMALL_FILE_BYTES:
        return None  # without the full decode `_inspected` costs
    facts = _inspected(*key)
    keep = facts.size == size if size is not None else _keeps_small_file(key, facts, target)
    if facts.clean_as is None or not keep:
        return None
    return FittedImage(path.read_bytes(), *facts.size, facts.clean_as, _NO_CROP)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _fitted(
    path: Path,
    mtime_ns: int,
    size: int,
    target: tuple[float, float],
    mode: FitMode,
    focal: tuple[float, float],
    crop_pixels: bool,
    slack: float = 1.0,
    exact: tuple[int, int] | None = None,
) -> FittedImage:
    """Decode, normalise, crop/scale and encode; `target` is the box in output pixels,
    `exact` the output size when already decided ("contain")."""
    del mtime_ns, size  # cache key only
    with _decoding(path) as image:
        source = "JPEG" if image.format in _JPEG_FORMATS else str(image.format)
        full = image.size
        orientation = 1
        if source == "JPEG":
            # JPEG keeps EXIF in a header read on open, so the plan (and with it how far the
            # decoder may shrink the picture) is known before decoding.
            orientation = _orientation(image)
            plan = _plan(_upright(full, orientation), target, mode, focal, crop_pixels, slack,
                         exact)
            wanted = _decode_size(full, orientation, plan)
            if wanted != full:
                image.draft(None, wanted)
        image.load()
        if source != "JPEG":
            # Other formats may keep EXIF after the pixels, so only now is it known.
            orientation = _orientation(image)
        plan = _plan(_upright(full, orientation), target, mode, focal, crop_pixels, slack,
                         exact)
        original = path.read_bytes() if _passable(image, source, orientation, full, plan) else None
        if original is not None and source == "PNG" and not original.endswith(_PNG_END):
            original = None  # a PNG without its closing chunk is written anew
        picture = _normalise(image, path.name)
    if orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[orientation])
    picture = _apply(picture, plan)
    photo = _wants_jpeg(picture, source)
    if original is not None and photo == (source == "JPEG"):
        # Clean, upright and already the right size and kind: the file itself goes in,
        # sparing a JPEG a second round of lossy compression.
        data, extension = original, "jpg" if photo else "png"
    else:
        data, extension = _encode(picture, photo)
    return FittedImage(data, picture.width, picture.height, extension, plan.crop)


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8); 1 when absent or unreadable."""
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:
        # Pillow's EXIF parser fails in many ways on a corrupt block; like most viewers,
        # an unreadable orientation counts as none (the metadata is dropped anyway).
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in _SWAPS_AXES else size


def _decode_size(full: tuple[int, int], orientation: int, plan: _Plan) -> tuple[int, int]:
    """The smallest stored size a JPEG may be decoded at for `plan` (full when no gain).

    JPEG decoders shrink by 1/2, 1/4 or 1/8 while decoding (`Image.draft`), which is far
    cheaper than decoding in full and resampling. Like Pillow's `thumbnail`, at least
    `_REDUCING_GAP` times the output size is kept so that the final Lanczos step, not the
    decoder's coarser filter, determines the quality.
    """
    width, height = _upright(full, orientation)
    left, top, right, bottom = plan.window
    # Output pixels per source pixel; the window's longer side gives the precise value.
    if (right - left) * width >= (bottom - top) * height:
        scale = plan.size[0] / ((right - left) * width)
    else:
        scale = plan.size[1] / ((bottom - top) * height)
    if scale * _REDUCING_GAP >= 0.5:
        return full
    wanted = (
        max(1, math.ceil(width * scale * _REDUCING_GAP)),
        max(1, math.ceil(height * scale * _REDUCING_GAP)),
    )
    return _upright(wanted, orientation)


def _check_mode(image: Image.Image, name: str) -> None:
    """Refuse colour modes `_normalise` cannot turn into RGB."""
    if image.mode in _GREY_MODES or image.mode in _COLOUR_MODES:
        return
    raise ImageProblem(
        f"picture {name} uses the {image.mode} colour mode, which cannot be converted; "
        f"save it as RGB"
    )


def _normalise(image: Image.Image, name: str) -> Image.Image:
    """The loaded picture as RGB or RGBA in sRGB, with empty `info` (no metadata).

    16-bit and floating-point greys are scaled to 8 bits (not clipped); palette, 1-bit
    and grey pictures are expanded; CMYK and pictures with an ICC profile are converted
    to sRGB; an alpha channel that is fully opaque is dropped.
    """
    _check_mode(image, name)
    icc = image.info.get("icc_profile")
    mode = image.mode
    alpha: Image.Image | None = None
    colour: Image.Image
    if mode in _GREY_MODES:
        colour = _grey8(image)
        if "transparency" in image.info and mode in {"1", "L"}:
            alpha = image.convert("LA").getchannel("A")
    elif mode in {"LA", "La"}:
        grey = image.convert("LA")
        colour, alpha = grey.getchannel("L"), grey.getchannel("A")
    elif mode == "CMYK":
        colour = image
    elif mode in {"RGBA", "RGBa", "PA"} or "transparency" in image.info:
        # Palette and RGB pictures may name one transparent colour (GIF, PNG tRNS).
        rgba = image.convert("RGBA")
        colour, alpha = rgba.convert("RGB"), rgba.getchannel("A")
    else:
        colour = image.convert("RGB")
    rgb = _to_srgb(colour, icc if isinstance(icc, bytes) else None)
    if alpha is not None and _extrema(alpha)[0] < 255:
        rgb.putalpha(alpha)
    rgb.info = {}
    return rgb


def _grey8(image: Image.Image) -> Image.Image:
    """An 8-bit grey ("L") version of a 1-bit, grey, 16-bit or floating-point picture."""
    if image.mode in {"1", "L"}:
        return image.convert("L")
    if image.mode == "F":
        # Floating-point TIFFs hold 0..1 (or already 0..255); Pillow would clip 0..1 to black.
        high = _extrema(image)[1]
        scale = 255.0 if isinstance(high, float) and high <= 1.0 else 1.0
        return image.point(lambda value: value * scale).convert("L")
    wide = image if image.mode == "I" else image.convert("I")
    high = _extrema(wide)[1]
    # 16-bit samples (I;16*, or I from older writers) scale to 8 bits: Pillow's own
    # conversion would clip everything above 255 to white.
    if image.mode.startswith("I;16") or (isinstance(high, int) and high > 255):
        divisor = 257.0 if image.mode.startswith("I;16") or high <= 65535 else high / 255
        wide = wide.point(lambda value: value * (1 / divisor))
    return wide.convert("L")


def _extrema(band: Image.Image) -> tuple[float, float]:
    """The lowest and highest sample of a one-band picture (ints for integer modes)."""
    low, high = band.getextrema()
    if isinstance(low, tuple) or isinstance(high, tuple):
        raise ValueError(f"a one-band picture was expected, not {band.mode}")
    return low, high


def _to_srgb(colour: Image.Image, icc: bytes | None) -> Image.Image:
    """`colour` (L, RGB or CMYK) in sRGB as RGB, through its ICC profile when usable."""
    if icc:
        transform = _icc_transform(icc, colour.mode)
        if transform is not None:
            from PIL import ImageCms

            return ImageCms.applyTransform(colour, transform) or colour
    return colour if colour.mode == "RGB" else colour.convert("RGB")


@functools.lru_cache(maxsize=16)
def _icc_transform(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A transform from the embedded profile to sRGB; None when it cannot serve `mode`.

    A broken profile, or one for another colour space than the pixels (an RGB profile in
    a grey PNG), is ignored rather than refused: the picture is still perfectly usable.
    """
    # Imported here: most pictures carry no profile, and the module costs every build.
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if source.profile.xcolor_space.strip() != _ICC_SPACE.get(mode):
            return None
        return ImageCms.buildTransform(
            source, _srgb_profile(), mode, "RGB",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
    except (OSError, ImageCms.PyCMSError, TypeError, ValueError):
        return None


@functools.cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# -- geometry ----------------------------------------------------------------------------


def _pixels(value: float) -> int:
    """A pixel count from a scaled length: rounded, but never below 1."""
    return max(1, round(value))


def _plan(
    size: tuple[int, int],
    target: tuple[float, float],
    mode: FitMode,
    focal: tuple[float, float],
    crop_pixels: bool,
    slack: float = 1.0,
    exact: tuple[int, int] | None = None,
) -> _Plan:
    """What to keep of an upright picture of `size` px for a box of `target` px; one at
    most `slack` times too large keeps its pixels (see KEEP_LARGER). `exact` is the
    output size of a "contain" picture when already decided."""
    width, height = size
    box_w, box_h = target
    if mode == "contain" and exact is not None:
        return _Plan((0.0, 0.0, 1.0, 1.0), exact, _NO_CROP)
    if mode == "contain":
        # Never so small that the short side would drop below one pixel: a 1 px strip
        # keeps its length, and with it its proportions (up to MAX_EDGE).
        thin = min(1 / min(width, height), MAX_EDGE / max(width, height))
        scale = _scale(max(min(box_w / width, box_h / height), thin), slack)
        return _Plan((0.0, 0.0, 1.0, 1.0), (_pixels(width * scale), _pixels(height * scale)),
                     _NO_CROP)
    # Cover: the largest window with the box's aspect ratio, in whole pixels so that a
    # window kept at full resolution is not resampled (and blurred) by a fraction.
    aspect = box_w / box_h
    win_w = min(width, _pixels(height * aspect))
    win_h = min(height, _pixels(width / aspect))
    left = min(max(round(focal[0] * width - win_w / 2), 0), width - win_w)
    top = min(max(round(focal[1] * height - win_h / 2), 0), height - win_h)
    window = (left / width, top / height, (left + win_w) / width, (top + win_h) / height)
    scale = _scale(min(box_w / win_w, box_h / win_h), slack)
    if crop_pixels:
        return _Plan(window, (_pixels(win_w * scale), _pixels(win_h * scale)), _NO_CROP)
    crop = (window[0], window[1], 1.0 - window[2], 1.0 - window[3])
    return _Plan((0.0, 0.0, 1.0, 1.0), (_pixels(width * scale), _pixels(height * scale)), crop)


def _scale(needed: float, slack: float) -> float:
    """The scale to apply: none when the picture is at most `slack` times too large.

    Resampling a picture that is nearly the right size costs time and a little
    sharpness to save a few per cent of bytes; such a picture (and a small one, which is
    never enlarged) keeps its pixels, and an untouched file can go in byte for byte.
    """
    return 1.0 if needed * slack >= 1.0 else needed


def _apply(picture: Image.Image, plan: _Plan) -> Image.Image:
    """Crop and scale the upright, normalised `picture` as planned.

    The window is taken as fractions of the picture's actual size, which is what a JPEG
    decoded at reduced size needs; rounding the reduced size costs < 1 px there. The crop
    comes first: resampling within a box would pull in colour from beyond its edges.
    """
    width, height = picture.size
    left, top, right, bottom = plan.window
    box = (round(left * width), round(top * height), round(right * width), round(bottom * height))
    if box != (0, 0, width, height):
        picture = picture.crop(box)
    if picture.size != plan.size:
        picture = picture.resize(plan.size, Image.Resampling.LANCZOS)
    return picture


# -- encoding ----------------------------------------------------------------------------


def _passable(
    image: Image.Image, source: str, orientation: int, full: tuple[int, int], plan: _Plan
) -> bool:
    """Whether the file might go into the deck byte for byte (if it is the right kind).

    True for an RGB(A) PNG or RGB JPEG that needs no scaling, cropping or turning and
    carries no metadata (EXIF, GPS, colour profile, text).
    """
    return (
        orientation == 1
        and image.size == full
        and plan.size == full
        and plan.window == (0.0, 0.0, 1.0, 1.0)
        and _clean(image, source)
    )


def _clean(image: Image.Image, source: str) -> bool:
    """An RGB(A) PNG or RGB JPEG without metadata (EXIF, GPS, colour profile, text)."""
    return (
        source in _PASS_MODES
        and image.format != "MPO"
        and image.mode in _PASS_MODES[source]
        and set(image.info) <= _HARMLESS_INFO
        and not getattr(image, "is_animated", False)
    )


def _wants_jpeg(picture: Image.Image, source: str) -> bool:
    """The JPEG-or-PNG choice: a cheap heuristic, judged on the output pixels.

    1. Transparency → PNG (JPEG has none).
    2. A JPEG source → JPEG: it is a photograph already, and as PNG it would only grow.
    3. At most 256 distinct colours → PNG: logos, icons and charts stay crisp and small.
    4. At least half of all horizontally neighbouring pixels identical → PNG: flat areas
       (screenshots, diagrams with anti-aliased edges) that JPEG would smear.
    5. Anything else → JPEG: photographs, where nearly every pixel differs from the next.

    Cost: one pass over the output pixels for the colour count and one for the neighbours.
    """
    if picture.mode == "RGBA":
        return False
    if source == "JPEG":
        return True
    if picture.getcolors(256) is not None:
        return False
    return _flat_share(picture) < 0.5


_FLAT_SAMPLE_ROWS = 96
KEEP_LARGER = 1.25  # a picture up to this factor larger than needed keeps its size
SMALL_FILE_BYTES = 256 * 1024  # a clean file this small goes in as it is …
SMALL_FILE_SLACK = 2.0  # … when it is at most this factor larger than needed


def _flat_share(picture: Image.Image) -> float:
    """The share of horizontally neighbouring pixel pairs with identical colour."""
    if picture.width < 2:
        picture = picture.transpose(Image.Transpose.TRANSPOSE)
    width, height = picture.size
    if width < 2:
        return 1.0
    if height > _FLAT_SAMPLE_ROWS:
        # Nearest-neighbour picks whole rows without blending them, so neighbours in a
        # row stay as they were: a sample of rows judges the picture at a fraction of
        # the cost (a 900×1200 picture took ~60 ms in full).
        picture = picture.resize((width, _FLAT_SAMPLE_ROWS), Image.Resampling.NEAREST)
        height = _FLAT_SAMPLE_ROWS
    difference = ImageChops.difference(
        picture.crop((0, 0, width - 1, height)), picture.crop((1, 0, width, height))
    )
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return largest.histogram()[0] / ((width - 1) * height)


def _encode(picture: Image.Image, photo: bool) -> tuple[bytes, str]:
    """The picture as JPEG (quality 85, baseline, 4:2:0) or PNG bytes, with extension."""
    buffer = io.BytesIO()
    if photo:
        # Baseline rather than progressive: every Office version and thumbnailer shows
        # it, and progressive only pays off on slow networks. `optimize` (Huffman tables
        # fitted to the picture) saves a few % at a small cost.
        picture.convert("RGB").save(
            buffer, "JPEG", quality=JPEG_QUALITY, subsampling="4:2:0",
            progressive=False, optimize=True,
        )
        return buffer.getvalue(), "jpg"
    # Default compression: `optimize` would make files a few % smaller at ~10× the time,
    # and the deck is zipped again anyway.
    picture.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue(), "png"
