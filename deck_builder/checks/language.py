"""The language of every run: what a screen reader pronounces it as (WCAG 3.1.1, 3.1.2).

Each run carries a language (`a:rPr/@lang`, else the deck's); a screen reader reads the
run with that language's voice. Text is recognised by the little words every sentence
has ("de", "het", "niet" against "the", "and", "with"), in Dutch, English, German and
French, for stretches of at least four words; shorter text, names and numbers are never
judged.

- `A11Y-LANGUAGE-UNMARKED`: text that reads as another language than the deck's but
  carries the deck's language (in content: mark it `[…](lang:en)`).
- `A11Y-LANGUAGE-MISMATCH`: text marked as another language that reads as a different
  one, typically the deck's own language pasted with the author's keyboard language.

Reported once per shape and code, with the first such text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from deck_builder.checks.findings import Finding, finding
from deck_builder.checks.package import Package
from deck_builder.checks.slide_text import SlideShape, deck_language, primary, slide_shapes

NAMES = {"nl": ("Dutch", "Nederlands"), "en": ("English", "Engels"),
         "de": ("German", "Duits"), "fr": ("French", "Frans")}
_COMMON: dict[str, frozenset[str]] = {
    "nl": frozenset(str.split(
        "de het een en van niet dat die dit zijn wordt worden voor met op te ook maar "
        "wij we zij hun ons onze naar bij uit wat hoe waar wel nog geen als dan om door "
        "tot over heeft hebben kunnen moet moeten zal zullen gaan samen welke deze")),
    "en": frozenset(str.split(
        "the and of to is are was were be been with for this that these those not "
        "but we they their our you your from by at as what how where which will would "
        "can could should must has have had into about there an or it its")),
    "de": frozenset(str.split(
        "der die das und ist nicht mit für ein eine einen dem den des auf auch sich "
        "wir sie ihr unser werden wird sind von zu im bei aus nach über oder wie")),
    "fr": frozenset(str.split(
        "le la les et est sont une un des du pour avec dans pas que qui sur nous vous "
        "ils elles leur notre ce cette ces au aux par mais ou comme très être")),
}
# A word counts for a language only when no other list has it ("die", "en", "de").
_OWN: dict[str, frozenset[str]] = {
    code: words - frozenset().union(*(other for c, other in _COMMON.items() if c != code))
    for code, words in _COMMON.items()
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 4


def reads_as(text: str) -> str | None:
    """The language (`nl`, `en`, `de`, `fr`) that `text` clearly reads as, or None."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    hits = sorted(((sum(word in own for word in words), code) for code, own in _OWN.items()),
                  reverse=True)
    (best, code), (second, _) = hits[0], hits[1]
    if best >= 2 and best >= 3 * second and best * 5 >= len(words):
        return code
    return None


def check_language(package: Package) -> list[Finding]:
    """The language findings of every slide; none when the deck states no language."""
    deck = deck_language(package)
    if deck is None:
        return []
    return [item for shape in slide_shapes(package) for item in _shape(shape, deck)]


def _shape(shape: SlideShape, deck: str) -> Iterator[Finding]:
    said: set[str] = set()
    for tag, text in _stretches(shape, deck):
        found = reads_as(text)
        if found is None or found == primary(tag):
            continue
        code = "A11Y-LANGUAGE-UNMARKED" if primary(tag) == primary(deck) else \
            "A11Y-LANGUAGE-MISMATCH"
        if code in said:
            continue
        said.add(code)
        name = NAMES[found][0]
        if code == "A11Y-LANGUAGE-UNMARKED":
            message = (f'"{_sample(text)}" reads as {name} but is marked {tag}, the deck\'s '
                       f"language: mark it as {name} (in content: [{_sample(text, 20)}]"
                       f"(lang:{found}))")
        else:
            message = (f'"{_sample(text)}" reads as {name} but is marked {tag}: set its '
                       "language to what it is written in")
        yield finding(code, message, slide=shape.slide, shape=shape.name, part=shape.part)


def _stretches(shape: SlideShape, deck: str) -> Iterator[tuple[str, str]]:
    """(language tag, text) of each stretch of neighbouring runs of one language."""
    for paragraph in shape.paragraphs:
        tag, pieces = None, []
        for run in paragraph:
            own = run.lang or deck
            if tag is not None and own != tag:
                yield tag, "".join(pieces)
                pieces = []
            tag = own
            pieces.append(run.text)
        if tag is not None:
            yield tag, "".join(pieces)


def _sample(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
