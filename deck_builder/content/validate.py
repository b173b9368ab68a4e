"""Validate loaded content into the typed model, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from typing import Protocol

from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.loader import FILE_KEYS, RawDeck, resolve_files
from deck_builder.content.records import Deck, DeckMeta, Partner, SlideBase
from deck_builder.content.schema import validate
from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe
from deck_builder.content.variables import LITERAL_KEYS, substitute
from deck_builder.errors import ProblemCollector, SourceRef, close_matches


class ContentKind(Protocol):
    """What content validation knows of a slide kind (deck_builder.kinds.SlideKind is
    one): its name, its record, and the keys of its slides whose text names a file or
    is literal (beside the content's own, loader.FILE_KEYS and variables.LITERAL_KEYS).
    """

    @property
    def name(self) -> str: ...

    @property
    def model(self) -> type[SlideBase]: ...

    @property
    def files(self) -> frozenset[str]: ...

    @property
    def literal(self) -> frozenset[str]: ...


def parse_deck(
    raw: RawDeck, kinds: MappingABC[str, ContentKind], problems: ProblemCollector
) -> Deck:
    """Turn the loaded nodes into a Deck.

    Raises DeckError listing every problem: those already in `problems` (from
    loading) and those found here.
    """
    meta = _validate_meta(raw.meta, problems)
    partners = _validate_partners(raw.partners, problems)
    # Names of invalid entries are known too: their slides get no second, false error.
    registry = set(raw.partners.entries) if isinstance(raw.partners, Mapping) else None
    variables = deck_variables(meta) if meta else {}
    literal = LITERAL_KEYS.union(*(kind.literal for kind in kinds.values()))
    # The loader resolved the content's own file keys; the kinds' own are resolved here.
    files = frozenset[str]().union(*(kind.files for kind in kinds.values())) - FILE_KEYS
    slides: list[SlideBase] = []
    fields: list[dict[str, SourceRef]] = []
    ids: dict[str, Node] = {}
    for node in raw.slides:
        if files:
            node = resolve_files(node, problems, raw.deck_file.parent, files)
        node = substitute(node, variables, problems, literal) if meta else node
        slide = _validate_slide(node, kinds, problems)
        if slide is None:
            continue
        if slide.id is not None:
            if slide.id in ids:
                first = ids[slide.id].where
                problems.add(
                    f"duplicate slide id {slide.id!r} (first used at {first})", node.where
                )
            ids[slide.id] = node
        slides.append(slide)
        fields.append(field_positions(node))
        _check_partner_refs(node, registry, problems)
    problems.raise_if_any()
    assert meta is not None
    return Deck(
        meta=meta,
        slides=tuple(slides),
        partners=partners or {},
        source=raw.deck_file,
        sources=tuple(node.where for node in raw.slides),
        fields=tuple(fields),
    )


def field_positions(node: Node, prefix: str = "") -> dict[str, SourceRef]:
    """Where each field of a slide is written, by dotted name: `title`, `left.body`,
    `picture.caption`, and list entries by position (`body.2`, `body.2.items.0`)."""
    found: dict[str, SourceRef] = {}
    if isinstance(node, Mapping):
        for key, value in node.entries.items():
            name = f"{prefix}{key}"
            found[name] = node.keys[key]
            if isinstance(value, (Mapping, Sequence)):
                found.update(field_positions(value, f"{name}."))
    elif isinstance(node, Sequence):
        for index, item in enumerate(node.items):
            name = f"{prefix}{index}"
            found[name] = item.where
            if isinstance(item, (Mapping, Sequence)):
                found.update(field_positions(item, f"{name}."))
    return found


def deck_variables(meta: DeckMeta) -> dict[str, str]:
    """The variables slide text may use: metadata under Dutch and English names."""
    lang = LANGUAGES[meta.language]
    values = {
        "title": meta.title,
        "subtitle": meta.subtitle or "",
        "date": lang.long_date(meta.date),
        "organisation": meta.organisation,
        "presenter": meta.presenter or "",
    }
    dutch = {
        "titel": "title",
        "ondertitel": "subtitle",
        "datum": "date",
        "organisatie": "organisation",
        "presentator": "presenter",
    }
    variables = dict(values)
    variables.update({nl: values[en] for nl, en in dutch.items()})
    variables.update(meta.variables)
    return variables


def _validate_meta(node: Mapping, problems: ProblemCollector) -> DeckMeta | None:
    return validate(DeckMeta, node, problems)


def _validate_partners(node: Node | None, problems: ProblemCollector) -> dict[str, Partner] | None:
    if node is None:
        return None
    if isinstance(node, Scalar) and node.value is None:
        return {}
    if not isinstance(node, Mapping):
        problems.add(
            f"the partner registry must map abbreviations to partners, found {describe(node)}",
            node.where,
        )
        return None
    partners: dict[str, Partner] = {}
    for abbreviation, entry in node.entries.items():
        partner = validate(Partner, entry, problems)
        if partner is not None:
            partners[abbreviation] = partner
    return partners


def _validate_slide(
    node: Node, kinds: MappingABC[str, ContentKind], problems: ProblemCollector
) -> SlideBase | None:
    if not isinstance(node, Mapping):
        problems.add(f"a slide must be a mapping with `kind:`, found {describe(node)}", node.where)
        return None
    kind_node = node.get("kind")
    if kind_node is None:
        problems.add(
            f"slide has no `kind:`; choose one of: {', '.join(kinds)}", node.where
        )
        return None
    kind_name = kind_node.value if isinstance(kind_node, Scalar) else None
    if kind_name is None or kind_name not in kinds:
        close = close_matches(str(kind_name), list(kinds))
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.add(
            f"unknown slide kind {kind_name!r}{hint} (kinds: {', '.join(kinds)})",
            kind_node.where,
        )
        return None
    return validate(kinds[kind_name].model, node, problems)


def _check_partner_refs(node: Node, partners: set[str] | None, problems: ProblemCollector) -> None:
    # Partner lists appear at any depth (a partners slide, a column of two-column).
    if isinstance(node, Mapping):
        for key, value in node.entries.items():
            if key == "partners" and isinstance(value, Sequence):
                for item in value.items:
                    _check_partner(item, partners, problems)
            else:
                _check_partner_refs(value, partners, problems)
    elif isinstance(node, Sequence):
        for item in node.items:
            _check_partner_refs(item, partners, problems)


def _check_partner(item: Node, partners: set[str] | None, problems: ProblemCollector) -> None:
    if not isinstance(item, Scalar) or item.value is None:
        return  # a type problem, reported by validation
    if partners is None:
        problems.add(
            f"partner {item.value!r} named, but there is no partners.yaml beside the deck file",
            item.where,
        )
    elif item.value not in partners:
        close = close_matches(item.value, list(partners))
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.add(f"unknown partner {item.value!r}{hint} (not in partners.yaml)", item.where)
