"""What a build remembers while it runs: one object, made and owned by the caller.

A Template is a value; measuring text and drawing slides have state worth keeping
between the decks of one run (the measured characters and words, the splits of text
into boxes, the parsed template, each layout's blank slide and footer shapes, in a
batch the slides already drawn). That state lives here, in a session the caller makes
for a build (or for a batch of decks on one template) and passes down: planning gets
its measurer and splits, rendering the whole session. Everything it keeps is a pure
function of the template, so what a build produces never depends on what the session
did before.

The caller reads the files (the template package, the font files) and passes their
bytes in: planning and rendering read and write no file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deck_builder.planning.planner import Splits
from deck_builder.render.spares import Spares

if TYPE_CHECKING:
    from lxml import etree
    from pptx.oxml.xmlchemy import BaseOxmlElement

    from deck_builder.planning.text_fit import TextMeasurer
    from deck_builder.render.slide_reuse import Store
    from deck_builder.template.model import Template

# A footer shape as built for a layout: its role ("date", "footer", "number"), the empty
# shape, the width available to its text (EMU) and its inherited size (pt).
FooterPrototype = tuple[str, "etree._Element", int, float]


@dataclass(eq=False)
class BuildSession:
    """The state of one build, or of one batch of decks on one template.

    `package`: the template package (.pptx bytes) every deck is drawn on: the
    template's `prepared` package, else its file as read by the caller. `kept`: for a
    batch, the slides its decks have drawn (see slide_reuse); None draws every slide.
    """

    template: Template
    measurer: TextMeasurer
    package: bytes
    # Each layout's new slide (and the blank notes slide), built once: see fastslides.
    blank_slides: dict[str, BaseOxmlElement] = field(default_factory=dict, repr=False)
    # Footer shapes by (layout name, language), built once; each slide gets copies.
    footers: dict[tuple[str, str], list[FooterPrototype]] = field(
        default_factory=dict, repr=False
    )
    kept: Store | None = field(default=None, repr=False)
    # The presentations decks are drawn on: copies of one parse of `package`.
    spares: Spares = field(init=False, repr=False)
    # The splits of text into boxes planning has chosen with `measurer`.
    splits: Splits = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.spares = Spares(self.package)
        self.splits = Splits(self.measurer)
