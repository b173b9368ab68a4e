"""The YAML loader: located nodes, everything text, unsafe YAML refused with a location."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deck_builder.content.source import Mapping, Scalar, Sequence, load_file, parse_text
from deck_builder.errors import DeckError
from tests.conftest import (
    BUILD,
    BuildFails,
    Cli,
    ContentMaker,
    Problem,
    SlideBuilder,
    deck_texts,
    error_lines,
    expect_error,
    locate_in,
)

# -- the node tree ---------------------------------------------------------------------


def parse_mapping(text: str) -> Mapping:
    """`text` parsed as the file x.yaml, whose root must be a mapping."""
    root = parse_text(text, Path("x.yaml"))
    assert isinstance(root, Mapping)
    return root


def test_nodes_remember_line_and_column(tmp_path: Path) -> None:
    text = "title: Hallo\nslides:\n  - kind: bullets\n    body: [een, twee]\n"
    root = parse_text(text, tmp_path / "deck.yaml")
    assert isinstance(root, Mapping)
    assert (root.keys["slides"].line, root.keys["slides"].column) == locate_in(text, "slides")
    slides = root.entries["slides"]
    assert isinstance(slides, Sequence)
    slide = slides.items[0]
    assert isinstance(slide, Mapping)
    body = slide.entries["body"]
    assert isinstance(body, Sequence)
    twee = body.items[1]
    assert isinstance(twee, Scalar)
    assert twee.value == "twee"
    assert (twee.where.line, twee.where.column) == locate_in(text, "twee")
    assert twee.where.path == tmp_path / "deck.yaml"


@pytest.mark.parametrize(
    ("yaml_text", "value"),
    [
        ("v: NO", "NO"),
        ("v: yes", "yes"),
        ("v: off", "off"),
        ("v: 012", "012"),
        ("v: 0x1F", "0x1F"),
        ("v: 12:30", "12:30"),
        ("v: 1e3", "1e3"),
        ("v: 2025-12-04", "2025-12-04"),
        ("v: .inf", ".inf"),
        ("v: 1_000", "1_000"),
        ("v: '~'", "~"),
        ('v: ""', ""),
    ],
)
def test_every_scalar_stays_text(yaml_text: str, value: str) -> None:
    node = parse_mapping(yaml_text).entries["v"]
    assert isinstance(node, Scalar)
    assert node.value == value


@pytest.mark.parametrize("yaml_text", ["v:", "v: ~", "v: null"])
def test_an_empty_plain_value_is_none(yaml_text: str) -> None:
    root = parse_mapping(yaml_text)
    assert root.entries["v"] == Scalar(root.entries["v"].where, None)


def test_vertical_tab_in_a_quoted_value_is_not_an_error() -> None:
    # PowerPoint's soft line break, pasted into a quoted value, stays a line break.
    root = parse_mapping('a: "een\x0btwee"\n')
    assert root.entries["a"] == Scalar(root.entries["a"].where, "een\ntwee")


@pytest.mark.parametrize(
    "yaml_text",
    ["title: een\x0btwee\n", "body: |\n  een\x0btwee\n"],
    ids=["plain", "literal-block"],
)
def test_vertical_tab_in_a_plain_or_block_value_is_not_an_error(yaml_text: str) -> None:
    (node,) = parse_mapping(yaml_text).entries.values()
    assert isinstance(node, Scalar)
    assert node.value is not None
    assert "een" in node.value
    assert "twee" in node.value


def test_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitel: Café\n".encode())
    root = load_file(path)
    assert isinstance(root, Mapping)
    assert root.entries["titel"] == Scalar(root.entries["titel"].where, "Café")


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DeckError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert problem.where is not None
    assert (problem.where.line, problem.where.column) == (2, 7)
    assert "UTF-8" in problem.message


def test_missing_file_and_folder_are_deck_errors(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="not found"):
        load_file(tmp_path / "nope.yaml")
    with pytest.raises(DeckError, match="folder"):
        load_file(tmp_path)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="nested"):
        parse_text("v: " + "[" * 500 + "]" * 500, tmp_path / "x.yaml")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * (6 * 1024 * 1024) + "\nv: 1\n", encoding="utf-8")
    with pytest.raises(DeckError, match="MB"):
        load_file(path)


# -- unsafe or broken YAML, through the command line -----------------------------------

# Each content is refused by the loader with one error at the YAML at fault.
PROBLEMS = {
    # A value cannot itself be `key: value` on the same line: the colon after "Doel"
    # is where YAML gives up.
    "invalid_yaml_syntax": Problem(
        "- kind: bullets\n  title: Doel: iets\n", ": iets", ("invalid YAML",)
    ),
    "anchor_and_alias_are_refused": Problem(
        "- &herhaal\n  kind: section\n  title: Een\n- *herhaal\n",
        "*herhaal",
        ("aliases", "not supported"),
    ),
    "python_object_tag_is_refused": Problem(
        "- kind: section\n  title: !!python/object/apply:os.system [echo boem]\n",
        "!!python",
        ("python/object", "not allowed"),
    ),
    "escaped_control_character_is_refused": Problem(
        '- kind: section\n  title: "Bel\\x07"\n', '"Bel', ("U+0007", "not allowed")
    ),
}


@pytest.mark.parametrize("problem", PROBLEMS.values(), ids=PROBLEMS)
def test_yaml_problem_is_located(build_fails: BuildFails, problem: Problem) -> None:
    build_fails(problem)


def test_duplicate_key(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: bullets\n  title: Een\n  title: Twee\n")
    first_line, _ = content.where("title: Een")
    expect_error(
        cli(*BUILD),
        content.ref("title: Twee"),
        "duplicate key 'title'",
        f"first given on line {first_line}",
    )


def test_raw_control_character_is_refused(make_content: ContentMaker, cli: Cli) -> None:
    content = make_content("- kind: section\n  title: Bel\x01\n")
    line, _ = content.where("Bel")
    lines = error_lines(cli(*BUILD))
    assert len(lines) == 1
    assert lines[0].startswith(f"error: content/deck.yaml:{line}:")
    assert "U+0001" in lines[0]


def test_yaml_11_traps_stay_text_in_the_deck(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: title
      title: NO
      subtitle: 012
    - kind: bullets
      title: Tijden
      body:
        - 12:30
        - yes
        - 1e3
        - 0o17
    """
    texts = deck_texts(build_slides(slides))
    assert "NO" in texts
    assert "012" in texts
    assert "12:30\nyes\n1e3\n0o17" in texts


# -- property: the loader only ever raises DeckError -----------------------------------

YAMLISH = st.text(
    st.sampled_from([*"ab1 :-[]{}!&*#|>'\"\n\t\\?,%@`~<=", "\x07", "\x85", "é", "\x0b"]),
    max_size=60,
)


def deck_error_of(load: Callable[[], object]) -> DeckError | None:
    """The DeckError `load` raises, or None; any other exception propagates."""
    try:
        load()
    except DeckError as error:
        return error
    return None


@given(YAMLISH | st.text(max_size=60))
def test_loader_raises_only_deck_errors_for_any_text(text: str) -> None:
    error = deck_error_of(lambda: parse_text(text, Path("x.yaml")))
    if error is not None:
        assert error.problems
        assert all(p.where is not None for p in error.problems)
        assert all(p.where.path == Path("x.yaml") for p in error.problems if p.where)


@given(st.binary(max_size=80))
def test_loader_raises_only_deck_errors_for_any_bytes(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        error = deck_error_of(lambda: load_file(path))
        assert error is None or error.problems
