"""Give each deck of a session a fresh presentation of the template, by copying one parse.

Parsing a template package with python-pptx takes most of the time of drawing a small
deck: every layout, master and theme is read into XML trees. A session parses the
package once (one spare with a notes master, one without) and each deck gets a deep
copy of a spare. The copy shares the parts no build ever changes (layouts, masters,
themes, pictures: the renderer only reads them) with the spare, and copies the rest.
It is the same presentation, and serialises to the same bytes, as a fresh parse.

This relies on python-pptx's object graph being safe to deep-copy (parts, relationships
and package refer to each other; lazily computed values live in instance
dictionaries). tests/render/test_spares.py is the canary for that: it compares copies
with fresh parses, before and after drawing on them.
"""

from __future__ import annotations

import copy
import io
from typing import TYPE_CHECKING

from pptx import Presentation

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

# Parts a build reads but never changes; each copy shares them with its spare.
SHARED_PARTS = ("/ppt/slideLayouts/", "/ppt/slideMasters/", "/ppt/theme/", "/ppt/media/")


class Spares:
    """Fresh presentations of one template package, made by copying one parse each."""

    def __init__(self, package: bytes) -> None:
        """`package`: the .pptx bytes every presentation is opened from."""
        self.package = package
        self._spares: dict[bool, tuple[PresentationType, dict[int, object]]] = {}

    def presentation(self, notes: bool) -> PresentationType:
        """A presentation of the package, as `Presentation(package)` opens it; with
        `notes`, with a notes master (made before any slide is added)."""
        spare = self._spares.get(notes)
        if spare is None:
            parsed = Presentation(io.BytesIO(self.package))
            if notes:
                parsed.part.notes_master_part  # noqa: B018 - made on first access
            spare = self._spares[notes] = (parsed, _shared(parsed))
        presentation, shared = spare
        # The memo maps each shared part to itself: deepcopy then takes it as it is.
        return copy.deepcopy(presentation, dict(shared))


def _shared(presentation: PresentationType) -> dict[int, object]:
    """A deepcopy memo that maps the parts a build never changes to themselves."""
    return {id(part): part for part in presentation.part.package.iter_parts()
            if str(part.partname).startswith(SHARED_PARTS)}
