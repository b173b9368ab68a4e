"""Open any PowerPoint template as a clean package to build decks on.

Corporate templates arrive as .pptx or .potx, made by PowerPoint, LibreOffice or other
tools, often with sample slides. Everything here works on an in-memory copy; the
user's file is never changed. `open_template_package` reads the file (a .potx gets the
content type of a presentation, which is all that differs), and `normalize` makes the
copy safe to build on:

- sample slides are removed, with their notes and pictures (parts nothing refers to
  any more are not written) and their entries in custom shows and sections;
- shape ids that repeat within a master or layout are renumbered (PowerPoint repairs
  such files), and placeholder idx values that repeat within a layout (LibreOffice
  gives every placeholder idx 0) are made unique, since slides find their layout's
  placeholders by idx;
- masters without text styles (LibreOffice keeps the look of titles and outlines only
  in the sample text of the master's placeholders, which PowerPoint and LibreOffice
  both ignore when a slide inherits) get them from that sample text;
- one master is chosen and put first (the builder uses its layouts), and layout names
  within it are made unique.

`derive_layout` adds a copy of a layout with placeholders moved or added, for a slide
kind that the template has no layout for. Nothing here writes a file.
"""

from __future__ import annotations

import copy
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import SlideLayoutPart, SlidePart

from deck_builder.errors import DeckError, Problem
from deck_builder.files import read_regular, regular_file
from deck_builder.ooxml import external, parsing, reading
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import (
    TITLE_TYPES,
    placeholder_idx,
    placeholder_of,
    placeholder_type,
    rect_of,
)
from deck_builder.ooxml.namespaces import A as _A
from deck_builder.ooxml.namespaces import P as _P
from deck_builder.ooxml.namespaces import R as _R
from deck_builder.ooxml.namespaces import qn

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType
    from pptx.slide import SlideLayout, SlideMaster

MAX_TEMPLATE_BYTES = parsing.MAX_UNPACKED_BYTES  # unpacked; real templates are a few MB
_FILLS = frozenset(f"{_A}{name}" for name in ("solidFill", "gradFill", "noFill", "pattFill",
                                              "blipFill", "grpFill"))
_FIRST_LAYOUT_ID = 2147483648  # master and layout ids start here (ECMA-376 §19.2.1.15)
_SP_PR_SHAPES = frozenset({f"{_P}sp", f"{_P}pic", f"{_P}cxnSp"})


class SampleUse(NamedTuple):
    """A sample slide of the template: the master (index) and layout it was made on."""

    master: int
    layout: str
    placeholder_types: tuple[str, ...]


class Normalized(NamedTuple):
    """What `normalize` changed (plain sentences; empty: nothing), what the sample
    slides (now removed) were made on, and the master in use (its index in the file;
    it is now the first)."""

    changes: tuple[str, ...]
    samples: tuple[SampleUse, ...]
    master: int = 0


class Opened(NamedTuple):
    """A template opened in memory: the presentation, whether it had to be converted
    (a .potx or .ppsx: the main part's content type), the external relationships taken
    out (linked media and objects, links to anything but web and mail addresses) and
    those kept (web and mail links), each in words."""

    presentation: PresentationType
    converted: bool
    dropped: tuple[str, ...]
    kept: tuple[str, ...]


def open_template_package(path: Path) -> Opened:
    """The template at `path` as an in-memory presentation (see `Opened`).

    The package is verified before python-pptx sees it (python-pptx inflates every
    member whole and trusts every header): unpacked with a count, each member whole
    and named once, its XML well-formed and without DOCTYPE, a presentation with a
    slide master (`ooxml.reading`). What a template links to outside itself is not
    built into decks unless it is a web or mail link: linked pictures would be
    fetched by every reader of every deck. Raises DeckError for what cannot be opened.
    """
    if not regular_file(path):
        raise DeckError(f"{path}: cannot open template: not a regular file")
    try:
        data = read_regular(path)
    except OSError as exc:
        raise DeckError(f"{path}: cannot open template: {exc.strerror or exc}") from None
    try:
        members = reading.read_package(data, MAX_TEMPLATE_BYTES)
    except reading.PackageError as exc:
        raise DeckError(f"{path}: cannot open template: {exc}") from None
    problems = reading.package_problems(members)
    if problems:
        raise DeckError([Problem(f"{path}: cannot open template: {problem}")
                         for problem in problems])
    members, dropped = external.without_external(members, lambda link: not link.web_link)
    kept = external.external_targets(members)
    members, converted = reading.as_presentation(members)
    try:
        presentation = Presentation(io.BytesIO(reading.write_members(members)))
    except Exception as exc:  # python-pptx raises many types for a broken package
        raise DeckError(f"{path}: cannot open template: {exc}") from None
    return Opened(presentation, converted,
                  tuple(f"removed the external reference: {link.describe()}" for link in dropped),
                  tuple(link.describe() for link in kept))


def normalize(prs: PresentationType, master_hint: int | None = None) -> Normalized:
    """Make the in-memory template safe to build on (see the module docstring).

    `master_hint` chooses the master to put first; without it the master of the
    template's first sample content slide is taken, else the first.
    """
    changes: list[str] = []
    samples = _remove_slides(prs)
    if samples:
        changes.append(f"removed {len(samples)} sample slide(s)")
    masters = list(prs.slide_masters)
    parts = [m.element for m in masters] + [
        layout.element for m in masters for layout in m.slide_layouts
    ]
    fixed = sum(_unique_shape_ids(root) for root in parts)
    if fixed:
        changes.append(f"renumbered {fixed} repeated shape id(s)")
    rebased = sum(_rebase_layouts(master) for master in masters)
    if rebased:
        changes.append(f"put the placeholders of {rebased} layout(s) on their master's title "
                       "and text areas")
    baked = sum(_bake_text_styles(master) for master in masters)
    if baked:
        changes.append(f"gave {baked} master(s) text styles from their sample text")
    renumbered = sum(_unique_idx(layout.element) for m in masters for layout in m.slide_layouts)
    if renumbered:
        changes.append(f"gave {renumbered} placeholder(s) an idx of their own")
    index = master_hint if master_hint is not None else default_master(prs, samples)
    if index:
        _put_master_first(prs, index)
        changes.append(f"put master {index + 1} first (the one the deck uses)")
    renamed = _unique_layout_names(prs.slide_masters[0])
    if renamed:
        changes.append(f"renamed {renamed} layout(s) whose name repeated")
    return Normalized(tuple(changes), tuple(samples), index)


def default_master(prs: PresentationType, samples: Iterable[SampleUse]) -> int:
    """The master to build on when layouts.yaml does not say: of the masters the
    template's sample slides with a title and content were made on (all masters
    without such samples), the one with the largest text area under its title.

    A title-page master (title low or beside the text, a small text area) loses to a
    content master; among several content masters the one with the most room wins,
    the first of equals.
    """
    masters = list(prs.slide_masters)
    used = []
    for sample in samples:
        types = set(sample.placeholder_types)
        if types & TITLE_TYPES and types & {"body", "obj"} and sample.master < len(masters):
            used.append(sample.master)
    candidates = list(dict.fromkeys(used)) or list(range(len(masters)))
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)

    def room(index: int) -> float:
        root = masters[index].element
        title = _xfrm_rect(_placeholder_of_type(root, TITLE_TYPES))
        body = _xfrm_rect(_placeholder_of_type(root, {"body", "obj"}))
        if body is None:
            return 0.0
        area = float(body.w * body.h)
        if title is not None:
            outside = (title.x < -0.02 * width or title.y < -0.02 * height
                       or title.x + title.w > 1.02 * width or title.y + title.h > 1.02 * height)
            if outside or title.y + title.h > body.y + 0.05 * height:
                area *= 0.25  # a title off the slide, or beside or below the text
        return area

    return max(candidates, key=lambda index: (room(index), -index))


def master_name(master: SlideMaster, index: int) -> str:
    """A master's name: its own (`cSld/@name`), else its theme's, else `Master N`."""
    name = master.element.find(f"{_P}cSld").get("name", "")
    if not name:
        try:
            theme = master.part.part_related_by(RT.THEME)
            name = parsing.parse(theme.blob).get("name", "")
        except (KeyError, etree.XMLSyntaxError):
            name = ""
    return name or f"Master {index + 1}"


def theme_root(master: SlideMaster) -> etree._Element | None:
    """The parsed theme part of a master, or None."""
    try:
        theme = master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    try:
        return parsing.parse(theme.blob)
    except etree.XMLSyntaxError:
        return None


# -- derived layouts ---------------------------------------------------------------------


class NewPlaceholder(NamedTuple):
    """A placeholder to add to a derived layout.

    `type` is an OOXML placeholder type ("title", "body", "pic"); `like` is a placeholder
    element whose text look (list styles, insets) the new one copies, so a line carved
    from a subtitle reads like the subtitle.
    """

    type: str
    idx: int
    name: str
    rect: Rect
    like: etree._Element | None = None


def derive_layout(
    base: SlideLayout, name: str, moves: dict[int, Rect], added: Iterable[NewPlaceholder]
) -> SlideLayout:
    """Add a copy of `base` to its master, named `name`, with the placeholders whose
    idx is in `moves` moved there and the `added` placeholders drawn in; returns it.

    The copy keeps the base's relationships (background pictures, logos); the base
    itself is unchanged, so other kinds on it still get the template's own layout.
    """
    master = base.slide_master
    package = base.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    element = copy.deepcopy(base.element)
    part = SlideLayoutPart(partname, CT.PML_SLIDE_LAYOUT, package, element)
    renamed: dict[str, str] = {}
    for rel in base.part.rels.values():
        if rel.is_external:
            renamed[rel.rId] = part.relate_to(rel.target_ref, rel.reltype, is_external=True)
        else:
            renamed[rel.rId] = part.relate_to(rel.target_part, rel.reltype)
    for node in element.iter():
        for key, value in node.attrib.items():
            if key.startswith(_R) and value in renamed:
                node.set(key, renamed[value])
    element.find(f"{_P}cSld").set("name", name)
    # Only one layout of a master may claim a built-in type; the copy is a custom one.
    element.attrib.pop("type", None)
    element.set("preserve", "1")
    tree = element.find(f"{_P}cSld/{_P}spTree")
    for shape in tree:
        ph = placeholder_of(shape)
        if ph is not None and placeholder_idx(ph) in moves:
            set_rect(shape, moves[placeholder_idx(ph)])
    next_id = max((int(e.get("id", "0")) for e in tree.iter(f"{_P}cNvPr")), default=1) + 1
    for new in added:
        tree.append(_placeholder_shape(new, next_id))
        next_id += 1
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master.element.find(f"{_P}sldLayoutIdLst")
    if id_list is None:
        id_list = etree.Element(f"{_P}sldLayoutIdLst")
        master.element.find(f"{_P}clrMap").addnext(id_list)
    entry = etree.SubElement(id_list, f"{_P}sldLayoutId")
    entry.set("id", str(_next_layout_id(package.presentation_part.presentation)))
    entry.set(f"{_R}id", rid)
    layout: SlideLayout = part.slide_layout
    return layout


def set_rect(shape: etree._Element, rect: Rect) -> None:
    """Give a shape (`p:sp`) an explicit position and size."""
    sp_pr = shape.find(f"{_P}spPr")
    if sp_pr is None:
        sp_pr = etree.SubElement(shape, f"{_P}spPr")
        properties = shape.find(f"{_P}nvSpPr")
        if properties is not None:
            properties.addnext(sp_pr)
    xfrm = sp_pr.find(f"{_A}xfrm")
    if xfrm is None:
        xfrm = etree.Element(f"{_A}xfrm")
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, f"{_A}off", x=str(rect.x), y=str(rect.y))
    etree.SubElement(xfrm, f"{_A}ext", cx=str(rect.w), cy=str(rect.h))


def _placeholder_shape(new: NewPlaceholder, shape_id: int) -> etree._Element:
    sp = etree.Element(f"{_P}sp")
    nv = etree.SubElement(sp, f"{_P}nvSpPr")
    etree.SubElement(nv, f"{_P}cNvPr", id=str(shape_id), name=new.name)
    etree.SubElement(etree.SubElement(nv, f"{_P}cNvSpPr"), f"{_A}spLocks", noGrp="1")
    ph = etree.SubElement(etree.SubElement(nv, f"{_P}nvPr"), f"{_P}ph")
    if new.type != "obj":
        ph.set("type", new.type)
    ph.set("idx", str(new.idx))
    sp_pr = etree.SubElement(sp, f"{_P}spPr")
    xfrm = etree.SubElement(sp_pr, f"{_A}xfrm")
    etree.SubElement(xfrm, f"{_A}off", x=str(new.rect.x), y=str(new.rect.y))
    etree.SubElement(xfrm, f"{_A}ext", cx=str(new.rect.w), cy=str(new.rect.h))
    body = etree.SubElement(sp, f"{_P}txBody")
    like = new.like.find(f"{_P}txBody") if new.like is not None else None
    body_pr = etree.SubElement(body, f"{_A}bodyPr")
    source_pr = like.find(f"{_A}bodyPr") if like is not None else None
    for key in ("lIns", "tIns", "rIns", "bIns"):
        value = source_pr.get(key) if source_pr is not None else None
        if value is not None:
            body_pr.set(key, value)
    # A line carved from a box sits at the top of its own strip, whatever the box did.
    body_pr.set("anchor", "t")
    source_styles = like.find(f"{_A}lstStyle") if like is not None else None
    styles = (copy.deepcopy(source_styles) if source_styles is not None
              else etree.Element(f"{_A}lstStyle"))
    # The box takes the alignment and font of what it was carved from, but the text
    # colour of the master's body text: a subtitle's pale grey reads for a large line,
    # not for the small lines carved from it.
    for default in styles.iter(f"{_A}defRPr"):
        for fill in list(default):
            if fill.tag in _FILLS:
                default.remove(fill)
    body.append(styles)
    etree.SubElement(body, f"{_A}p")
    return sp


def _next_layout_id(prs: PresentationType) -> int:
    # Master ids and the layout ids of every master share one range and must differ.
    root = prs.element
    used = [int(e.get("id", "0")) for e in root.iter(f"{_P}sldMasterId")]
    for master in prs.slide_masters:
        used += [int(e.get("id", "0")) for e in master.element.iter(f"{_P}sldLayoutId")]
    return max([_FIRST_LAYOUT_ID - 1, *used]) + 1


# -- normalisation steps -----------------------------------------------------------------


def _remove_slides(prs: PresentationType) -> list[SampleUse]:
    masters = [m.element for m in prs.slide_masters]
    samples: list[SampleUse] = []
    presentation = prs.element
    id_list = presentation.find(f"{_P}sldIdLst")
    if id_list is None:
        return samples
    removed_ids: set[str] = set()
    removed_rids: set[str] = set()
    for entry in list(id_list):
        rid = entry.get(f"{_R}id")
        slide = cast(SlidePart, prs.part.related_part(rid)).slide
        layout = slide.slide_layout
        master = layout.slide_master.element
        # The layout tells what the slide was for (its sample text may be gone).
        types = tuple(placeholder_type(ph) for ph in layout.element.iter(f"{_P}ph"))
        samples.append(SampleUse(masters.index(master) if master in masters else 0,
                                 layout.name, types))
        removed_ids.add(entry.get("id", ""))
        removed_rids.add(rid)
        id_list.remove(entry)
    # Custom shows and sections list slides too; entries naming removed slides go.
    for show_slide in list(presentation.iter(f"{_P}sld")):
        if show_slide.get(f"{_R}id") in removed_rids:
            show_slide.getparent().remove(show_slide)
    for show in list(presentation.iter(f"{_P}custShow")):
        listed = show.find(f"{_P}sldLst")
        if listed is None or not len(listed):
            show.getparent().remove(show)
    for shows in list(presentation.iter(f"{_P}custShowLst")):
        if not len(shows):
            shows.getparent().remove(shows)
    for section_slide in list(presentation.iter(qn("p14:sldId"))):
        if section_slide.get("id") in removed_ids:
            section_slide.getparent().remove(section_slide)
    for rid in removed_rids:
        prs.part.drop_rel(rid)
    return samples


def _unique_shape_ids(root: etree._Element) -> int:
    """Renumber shapes whose id repeats an earlier one in the same part; returns how many."""
    props = list(root.iter(f"{_P}cNvPr"))
    counts = Counter(p.get("id", "") for p in props)
    if all(n == 1 for n in counts.values()):
        return 0
    next_id = max((int(p.get("id", "0")) for p in props if p.get("id", "").isdigit()),
                  default=0) + 1
    seen: set[str] = set()
    changed = 0
    for prop in props:
        value = prop.get("id", "")
        if value in seen or not value.isdigit():
            prop.set("id", str(next_id))
            next_id += 1
            changed += 1
        else:
            seen.add(value)
    return changed


def _unique_idx(layout: etree._Element) -> int:
    """Give each placeholder of a layout its own idx; returns how many changed.

    Title placeholders keep theirs (0: what slides expect of a title); the others keep
    theirs unless an earlier one (titles first) has it, and then get the next free one.
    """
    found = [ph for _, ph in _layout_placeholders(layout)]
    ordered = sorted(found, key=lambda ph: placeholder_type(ph) not in TITLE_TYPES)
    used: set[int] = set()
    next_idx = max((placeholder_idx(ph) for ph in found), default=0) + 1
    changed = 0
    for ph in ordered:
        idx = placeholder_idx(ph)
        if idx in used:
            ph.set("idx", str(next_idx))
            used.add(next_idx)
            next_idx += 1
            changed += 1
        else:
            used.add(idx)
    return changed


def _rebase_layouts(master: SlideMaster) -> int:
    """Move the placeholders of a LibreOffice master's layouts onto that master's own
    title and outline areas; returns how many layouts changed.

    LibreOffice (recognised by its masters without `p:txStyles`) computes its layouts
    from each master's title and outline areas, but writes one master's positions
    into the layouts of every master: a layout's content placeholders are mapped from
    that shared outline area onto this master's, its title onto this master's title.
    """
    root = master.element
    if root.find(f"{_P}txStyles") is not None:
        return 0
    title, body = (_xfrm_rect(_placeholder_of_type(root, types))
                   for types in (TITLE_TYPES, {"body", "obj"}))
    if title is None or body is None:
        return 0
    shared_title: Rect | None = None
    areas: list[Rect] = []
    for layout in master.slide_layouts:
        for shape, ph in _layout_placeholders(layout.element):
            rect = _xfrm_rect(shape)
            if rect is None:
                continue
            if placeholder_type(ph) in TITLE_TYPES:
                shared_title = shared_title or rect
            elif placeholder_type(ph) in {"body", "obj", "subTitle", "pic", "tbl", "chart"}:
                areas.append(rect)
    if shared_title is None:
        return 0
    # The shared outline area: the largest content box below the shared title.
    below = [r for r in areas if r.y >= shared_title.y + shared_title.h * 0.9]
    if not below:
        return 0
    outline = max(below, key=lambda r: r.w * r.h)
    if (shared_title, outline) == (title, body):
        return 0
    changed = 0
    for layout in master.slide_layouts:
        moved = False
        for shape, ph in _layout_placeholders(layout.element):
            rect = _xfrm_rect(shape)
            kind = placeholder_type(ph)
            if rect is None or kind in {"dt", "ftr", "sldNum", "hdr"}:
                continue
            if kind in TITLE_TYPES:
                target = title
            else:
                scale_x, scale_y = body.w / max(outline.w, 1), body.h / max(outline.h, 1)
                target = Rect(body.x + round((rect.x - outline.x) * scale_x),
                              body.y + round((rect.y - outline.y) * scale_y),
                              round(rect.w * scale_x), round(rect.h * scale_y))
            if target != rect:
                set_rect(shape, target)
                moved = True
        changed += moved
    return changed


def _layout_placeholders(layout: etree._Element) -> list[tuple[etree._Element, etree._Element]]:
    """(shape, `p:ph`) of each placeholder of a layout; p:sp, p:pic and p:graphicFrame
    all keep it in their non-visual properties."""
    tree = layout.find(f"{_P}cSld/{_P}spTree")
    found = []
    for shape in tree if tree is not None else ():
        ph = placeholder_of(shape)
        if ph is not None:
            found.append((shape, ph))
    return found


def _xfrm_rect(shape: etree._Element | None) -> Rect | None:
    # Only shapes whose position `set_rect` can move (in p:spPr) count here.
    if shape is None or shape.tag not in _SP_PR_SHAPES:
        return None
    return rect_of(shape)


def _bake_text_styles(master: SlideMaster) -> int:
    """Give a master without `p:txStyles` title and body styles from the sample text
    of its placeholders; returns 1 when the master was changed, else 0.

    A master that has text styles is left alone: its sample text is only a prompt
    there. The sample text of a LibreOffice master's layouts is not used: like their
    positions, it is one master's, written into the layouts of all of them.
    """
    root = master.element
    if root.find(f"{_P}txStyles") is not None:
        return 0
    styles = etree.Element(f"{_P}txStyles")
    for ph_type, style_name in (("title", "titleStyle"), ("body", "bodyStyle")):
        shape = _placeholder_of_type(root, {ph_type})
        style = etree.SubElement(styles, f"{_P}{style_name}")
        if shape is not None:
            for level, ppr in _sample_levels(shape):
                ppr.tag = f"{_A}lvl{level + 1}pPr"
                style.append(ppr)
    etree.SubElement(styles, f"{_P}otherStyle")
    # txStyles follows the timing/transition/hf elements and precedes extLst.
    ext = root.find(f"{_P}extLst")
    if ext is not None:
        ext.addprevious(styles)
    else:
        root.append(styles)
    return 1


def _placeholder_of_type(root: etree._Element, types: Iterable[str]) -> etree._Element | None:
    tree = root.find(f"{_P}cSld/{_P}spTree")
    for shape in tree.iter(f"{_P}sp") if tree is not None else ():
        ph = placeholder_of(shape)
        if ph is not None and placeholder_type(ph) in set(types):
            return shape
    return None


# Paragraph property children in schema order (CT_TextParagraphProperties), and the
# character properties worth keeping: what a level of a list style may hold. Space
# before and after paragraphs is left out: the deck sets the space between paragraphs
# itself (and measures it), and LibreOffice's space after would push text out of its box.
_PPR_ORDER = ("lnSpc", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts",
              "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst")
_DROP_RPR = ("lang", "altLang", "dirty", "err", "smtClean", "smtId", "bmk", "noProof")


def _sample_levels(shape: etree._Element) -> list[tuple[int, etree._Element]]:
    """One list-style level (`a:pPr` copy holding an `a:defRPr`) per outline level of a
    placeholder's sample text, from its paragraph and first run formatting."""
    levels: dict[int, etree._Element] = {}
    for paragraph in shape.iterfind(f"{_P}txBody/{_A}p"):
        source = paragraph.find(f"{_A}pPr")
        level = int(source.get("lvl", "0")) if source is not None else 0
        if level in levels or not 0 <= level <= 8:
            continue
        ppr = etree.Element(f"{_A}pPr")
        if source is not None:
            for key, value in source.attrib.items():
                if key != "lvl":
                    ppr.set(key, value)
            for name in _PPR_ORDER:
                child = source.find(f"{_A}{name}")
                if child is not None:
                    ppr.append(copy.deepcopy(child))
        run = paragraph.find(f"{_A}r/{_A}rPr")
        if run is None:
            run = paragraph.find(f"{_A}endParaRPr")
        if run is not None:
            default = copy.deepcopy(run)
            default.tag = f"{_A}defRPr"
            for key in _DROP_RPR:
                if key in default.attrib:
                    del default.attrib[key]
            for link in default.findall(f"{_A}hlinkClick") + default.findall(f"{_A}hlinkMouseOver"):
                default.remove(link)
            ppr.append(default)
        if len(ppr) or ppr.attrib:
            levels[level] = ppr
    return sorted(levels.items())


def _put_master_first(prs: PresentationType, index: int) -> None:
    id_list = prs.element.find(f"{_P}sldMasterIdLst")
    entries = list(id_list)
    if 0 < index < len(entries):
        entries[0].addprevious(entries[index])


def _unique_layout_names(master: SlideMaster) -> int:
    seen: Counter[str] = Counter()
    changed = 0
    names = {layout.name for layout in master.slide_layouts}
    for layout in master.slide_layouts:
        name = layout.name
        seen[name] += 1
        if seen[name] > 1:
            number = seen[name]
            while f"{name} {number}" in names:
                number += 1
            layout.element.find(f"{_P}cSld").set("name", f"{name} {number}")
            names.add(f"{name} {number}")
            changed += 1
    return changed
