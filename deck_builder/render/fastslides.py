"""Add slides, notes slides and pictures to a python-pptx presentation in constant time.

python-pptx 1.0.2 does the bookkeeping of a new slide by looking at everything that
is already there, so building an n-slide deck costs O(n²):

* `Slides.add_slide` → `PresentationPart.relate_to(slide_part, RT.SLIDE)` →
  `_Relationships.get_or_add`, which first looks for an existing relationship to the
  brand-new part (it can never find one): `_get_matching` rebuilds the whole
  reltype → relationships table (`_rels_by_reltype`) of presentation.xml.rels — one
  entry per slide — and compares each slide relationship with the new part;
* `CT_SlideIdList.add_sldId` → `_next_id` reads every `p:sldId/@id` by XPath to take
  the maximum;
* `slide.notes_slide` (first access) → `package.next_partname(...)` walks the whole
  part graph (`iter_parts`: every relationship of every part) to find a free
  `/ppt/notesSlides/notesSlideN.xml`;
* `shapes.add_picture` → `package.get_or_add_image_part` walks every relationship of
  the package to find an image with the same SHA1 and, for a new image, walks it again
  in `next_image_partname`.

`SlideFactory` keeps the answers to those questions as counters and indexes that it
updates as it adds things, and otherwise calls python-pptx's own part classes and
relationship objects, so the package has the same parts, relationships and XML as the
one `presentation.slides.add_slide(layout)` / `slide.notes_slide` / `add_picture` would
produce (a new slide's placeholders are written by `ooxml.placeholders`, which orders a
`p:ph`'s attributes differently where a layout gives both `idx` and `sz`).

This is the one module that uses python-pptx's private names (`_add_relationship`,
`_add_sldId`, `_next_id`, `_ImageParts`, `_image_parts`, `_spTree`, `_next_shape_id`,
`_shape_factory`), for python-pptx 1.0.2 (pinned). tests/render/test_fastslides.py is
their canary: it checks that they are there and that what is built here is what
python-pptx's own calls build.
"""

from __future__ import annotations

import copy
import hashlib
from typing import TYPE_CHECKING, Any, cast

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.spec import image_content_types
from pptx.oxml.slide import CT_NotesSlide
from pptx.package import _ImageParts
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from deck_builder.ooxml.placeholders import LATENT_TYPES, layout_placeholders, slide_shape

if TYPE_CHECKING:
    from typing import IO

    from pptx.opc.package import Part
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.package import Package
    from pptx.parts.slide import NotesMasterPart
    from pptx.presentation import Presentation
    from pptx.shapes.picture import Picture
    from pptx.slide import NotesSlide, Slide, SlideLayout

_MIN_SLIDE_ID = 256  # ECMA-376 §19.2.1.33: slide ids are 256 ≤ id < 2^31
_MAX_SLIDE_ID = 2147483647
_SLIDE_NAME = "/ppt/slides/slide%d.xml"
_NOTES_PREFIX = "/ppt/notesSlides/notesSlide"
_IMAGE_PREFIX = "/ppt/media/image"
# The blank notes slide's key among the blank slides: no layout name can hold U+0000,
# which XML does not allow.
NOTES_KEY = "\x00notes"


class SlideFactory:
    """Adds slides (and their notes slides) to one presentation in O(1) amortised time each.

    python-pptx recomputes, for every new slide, facts about the whole deck: the free
    rId of presentation.xml (after a scan for an existing relationship to the new
    part), the largest slide id, the free notes-slide part name. This factory reads
    them once and then keeps them as counters, so each slide costs the same however
    large the deck is:

    * rId — the slide relationship is added with python-pptx's `_add_relationship`,
      skipping `get_or_add`'s scan for a relationship to a part that did not exist a
      moment ago; its `_next_rId` tries rId(len+1) first, which is free unless the
      template numbered its few relationships above their count, so it is O(1);
    * slide id — max(ids) + 1, as python-pptx chooses it, kept as a counter; the
      factory notices (by the last `p:sldId` not being its own) that someone else
      added a slide and reads the ids again;
    * part names — slideN from a count, notesSlideN from a set of taken names filled
      by one graph walk, with python-pptx's rules (len + 1, counting down to a gap);
    * placeholders — each layout's new slide (an empty `p:sld` with the layout's
      placeholders cloned by python-pptx's own `clone_layout_placeholders`) is built
      once and deep-copied for every further slide of that layout; a notes slide's
      content likewise. The copy is the same XML python-pptx would build, without its
      per-placeholder XPath queries;
    * pictures — the package's image parts are indexed by SHA1 (see `_IndexedImageParts`).

    Contract: once a factory exists, add slides, notes slides and pictures of this
    presentation through it (or through python-pptx's `add_picture`, which the factory
    routes through its index) and do not delete slides or parts while it is used.
    Output is then python-pptx's for the same calls (see the module docstring).
    """

    def __init__(
        self,
        presentation: Presentation,
        blank_slides: dict[str, BaseOxmlElement] | None = None,
    ) -> None:
        """`blank_slides` may be shared by factories of presentations opened from the
        same template file (keyed by layout name; the blank notes slide under
        `NOTES_KEY`), so a batch builds each blank once.
        """
        # python-pptx renames existing slide parts on the first `.slides` access;
        # do the same so that part names match a deck built with `.slides.add_slide`.
        presentation.slides  # noqa: B018 - accessed for that side effect
        self._presentation_part = presentation.part
        self._package: Package = presentation.part.package
        self._sld_id_lst = presentation.element.get_or_add_sldIdLst()
        self._blank_slides = blank_slides if blank_slides is not None else {}
        self._notes_names: set[str] | None = None  # read on the first notes slide
        self._last_sld_id: Any = None
        self._slide_count = 0
        self._next_slide_id = _MIN_SLIDE_ID
        self._resync_slide_ids()
        _IndexedImageParts.install(self._package)

    # -- slides ----------------------------------------------------------------

    def add_slide(self, layout: SlideLayout) -> Slide:
        """Append a new slide based on `layout`, like `presentation.slides.add_slide`.

        The slide is `/ppt/slides/slide<count+1>.xml`, related to `layout` and listed
        last in presentation.xml with a new slide id; it holds copies of the layout's
        placeholders, except the date, footer and slide-number ones (as python-pptx).
        """
        if not self._in_sync():
            self._resync_slide_ids()  # slides were added or removed without the factory
        partname = PackURI(_SLIDE_NAME % (self._slide_count + 1))
        slide_part = SlidePart(
            partname, CT.PML_SLIDE, self._package, copy.deepcopy(self._blank_slide(layout))
        )
        slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        # A brand-new part has no relationship yet: add one without get_or_add's scan.
        rid = self._presentation_part.rels._add_relationship(RT.SLIDE, slide_part)
        slide_id = self._next_slide_id
        if slide_id > _MAX_SLIDE_ID:  # ids exhausted: python-pptx's gap search (rare, O(n))
            slide_id = self._sld_id_lst._next_id
        self._last_sld_id = self._sld_id_lst._add_sldId(id=slide_id, rId=rid)
        self._slide_count += 1
        self._next_slide_id = max(self._next_slide_id, slide_id + 1)
        slide: Slide = slide_part.slide
        return slide

    def _in_sync(self) -> bool:
        """Whether presentation.xml still ends with the last slide id this factory added.

        O(1): lxml finds the last child from the end, and returns the same proxy object
        for it while the factory holds a reference.
        """
        try:
            tail = self._sld_id_lst[-1]
        except IndexError:  # no slides: in sync if the factory has not added any either
            tail = None
        return tail is self._last_sld_id

    def _resync_slide_ids(self) -> None:
        """Read the slide count and the next slide id from presentation.xml (O(n))."""
        ids = [sld_id.id for sld_id in self._sld_id_lst.sldId_lst]
        self._slide_count = len(ids)
        self._next_slide_id = max([_MIN_SLIDE_ID - 1, *ids]) + 1
        self._last_sld_id = self._sld_id_lst[-1] if ids else None

    def _blank_slide(self, layout: SlideLayout) -> BaseOxmlElement:
        """The `p:sld` python-pptx builds for a new slide of `layout`, built once per layout.

        python-pptx makes the empty slide on a scratch slide part that is never related
        to the package (so it is never saved); the layout's placeholders are added from
        one reading of its XML (python-pptx's own cloning searches it per placeholder).
        """
        blank = self._blank_slides.get(layout.name)
        if blank is None:
            scratch = SlidePart.new(  # type: ignore[no-untyped-call]
                PackURI(_SLIDE_NAME % 0), self._package, layout.part
            )
            blank = scratch.slide.element
            tree = blank.cSld.spTree
            placeholders = layout_placeholders(layout.element, layout.slide_master.element)
            shape_id = 2  # 1 is the shape tree itself
            for placeholder in placeholders:
                if placeholder.type not in LATENT_TYPES:
                    tree.append(slide_shape(placeholder, shape_id))
                    shape_id += 1
            self._blank_slides[layout.name] = blank
        return blank

    # -- notes -----------------------------------------------------------------

    def notes_slide(self, slide: Slide) -> NotesSlide:
        """The notes slide of `slide`, created as `slide.notes_slide` would if it has none.

        A new notes slide is `/ppt/notesSlides/notesSlideN.xml` (python-pptx's choice
        of N), related to the notes master (created from python-pptx's default on
        first use) and to the slide, with the master's slide-image, body and
        slide-number placeholders.
        """
        slide_part = slide.part
        if slide_part.has_notes_slide:  # looks only at this slide's relationships
            return slide.notes_slide
        master_part = self._presentation_part.notes_master_part
        notes_part = NotesSlidePart(
            self._next_notes_partname(),
            CT.PML_NOTES_SLIDE,
            self._package,
            copy.deepcopy(self._blank_notes_slide(master_part)),
        )
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        notes_slide: NotesSlide = notes_part.notes_slide
        return notes_slide

    def _next_notes_partname(self) -> PackURI:
        """python-pptx's `next_partname` for notes slides, from a kept set of taken names.

        Like python-pptx: try n = taken + 1 and count down to the first free number.
        That first try succeeds unless the template's notes slides left gaps, so the
        loop is O(1) amortised; the set costs one graph walk, on first use.
        """
        if self._notes_names is None:
            self._notes_names = {
                str(part.partname)
                for part in self._package.iter_parts()
                if part.partname.startswith(_NOTES_PREFIX)
            }
        for number in range(len(self._notes_names) + 1, 0, -1):
            name = f"{_NOTES_PREFIX}{number}.xml"
            if name not in self._notes_names:
                self._notes_names.add(name)
                return PackURI(name)
        raise AssertionError("more notes slides than numbers")  # pragma: no cover

    def _blank_notes_slide(self, master_part: NotesMasterPart) -> BaseOxmlElement:
        """The `p:notes` python-pptx builds for a new notes slide, built once."""
        blank = self._blank_slides.get(NOTES_KEY)
        if blank is None:
            scratch = NotesSlidePart(
                PackURI(f"{_NOTES_PREFIX}0.xml"), CT.PML_NOTES_SLIDE, self._package,
                CT_NotesSlide.new(),
            )
            scratch.notes_slide.clone_master_placeholders(master_part.notes_master)
            blank = self._blank_slides[NOTES_KEY] = scratch.notes_slide.element
        return blank


def add_picture(slide: Slide, blob: bytes, ext: str, x: int, y: int, cx: int, cy: int) -> Picture:
    """`slide.shapes.add_picture` for picture bytes of a known format (`ext`) and size.

    The same shape, relationship and image part as python-pptx's, which opens the
    picture with Pillow to learn its format and native size: with the size given and
    the format known, that costs only the import of Pillow's format plugins, more time
    than rendering a small deck takes.
    """
    part = known_image_part(slide.part, blob, ext)
    r_id = slide.part.relate_to(part, RT.IMAGE)
    shapes = slide.shapes
    shape_id = shapes._next_shape_id
    # python-pptx's name and description for a picture added from a stream.
    pic = shapes._spTree.add_pic(shape_id, f"Picture {shape_id - 1}", f"image.{ext}",
                                 r_id, x, y, cx, cy)
    return cast("Picture", shapes._shape_factory(pic))


def known_image_part(owner: Part, blob: bytes, ext: str) -> ImagePart:
    """The image part of `owner`'s package holding these picture bytes of a known
    format (`ext`), added if there is none (python-pptx's name and numbering)."""
    package = owner.package
    _IndexedImageParts.install(package)
    part: ImagePart = package._image_parts.get_or_add_known(blob, ext)
    return part


class _IndexedImageParts(_ImageParts):
    """python-pptx's image-part collection with a SHA1 index and an image-number counter.

    `Package.get_or_add_image_part` (behind `shapes.add_picture`) asks its
    `_image_parts` for a part with the image's SHA1 — a walk over every relationship
    of the package — and, for a new image, for the lowest free imageN number — a second
    walk. This subclass answers both from a dict and a set filled by one walk when it
    is installed, and updated as it adds parts: O(1) per picture.
    """

    def __init__(self, package: Package) -> None:
        super().__init__(package)  # type: ignore[no-untyped-call]
        self._by_sha1: dict[str, ImagePart] = {}
        for part in super().__iter__():  # in python-pptx's order: its first match wins
            sha1 = getattr(part, "sha1", None)  # SVG and unknown types have none
            if sha1 is not None:
                self._by_sha1.setdefault(sha1, part)
        numbers = [
            part.partname.idx
            for part in package.iter_parts()
            if part.partname.startswith(_IMAGE_PREFIX) and part.partname.idx is not None
        ]
        self._taken = set(numbers)
        # With two images of one number (image1.png and image1.jpeg) python-pptx's
        # choice is no longer "the lowest free number": defer to it in that case.
        self._exact = len(self._taken) == len(numbers)
        self._lowest_free = 1

    @classmethod
    def install(cls, package: Package) -> None:
        """Make `package` use an index of its current image parts (once per package)."""
        # `_image_parts` is a python-pptx lazyproperty: its value lives in the
        # instance __dict__, so this replaces it for this package only.
        if not isinstance(package.__dict__.get("_image_parts"), cls):
            package.__dict__["_image_parts"] = cls(package)

    def get_or_add_image_part(self, image_file: str | IO[bytes]) -> ImagePart:
        """The package's part holding this image, new (python-pptx's name) if none does."""
        image = Image.from_file(image_file)
        part = self._by_sha1.get(image.sha1)
        if part is None:
            part = ImagePart(
                self._next_partname(image.ext), image.content_type, self._package,
                image.blob, image.filename,
            )
            self._by_sha1[image.sha1] = part
        return part

    def get_or_add_known(self, blob: bytes, ext: str) -> ImagePart:
        """Like `get_or_add_image_part` for a picture whose format the caller knows
        (`ext`: png, jpg, ...), so the picture is never opened to find out."""
        sha1 = hashlib.sha1(blob).hexdigest()
        part = self._by_sha1.get(sha1)
        if part is None:
            part = ImagePart(self._next_partname(ext), image_content_types[ext],
                             self._package, blob, None)
            self._by_sha1[sha1] = part
        return part

    def _next_partname(self, ext: str) -> PackURI:
        """`/ppt/media/imageN.ext` with N the lowest number not in use, as python-pptx."""
        if not self._exact:
            name: PackURI = self._package.next_image_partname(ext)
            if name.idx is not None:  # always: the name is /ppt/media/imageN.ext
                self._taken.add(name.idx)
            return name
        while self._lowest_free in self._taken:
            self._lowest_free += 1
        self._taken.add(self._lowest_free)
        return PackURI(f"{_IMAGE_PREFIX}{self._lowest_free}.{ext}")
