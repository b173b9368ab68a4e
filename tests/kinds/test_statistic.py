"""`kind: statistic`: one big figure with caption, title and explanation."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    CliRun,
    Content,
    ContentMaker,
    assert_role_sizes,
    expect_error,
    role_shape,
    run_sizes,
)

Builder = Callable[[Content], PresentationType]


def test_statistic_slide(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = """\
    - kind: statistic
      title: Resolutie ‘Onze inwoners verdienen beter!’
      figure: 99%
      caption: steun voor de resolutie
      body: |
        Sinds de val van het kabinet dreigt stilstand.

        Gemeenten willen bijdragen aan oplossingen.
    """
    prs = build_deck(make_content(slides))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["statistic"]["layout"]
    assert role_shape(slide, "statistic", "figure").text_frame.text == "99%"
    assert role_shape(slide, "statistic", "caption").text_frame.text == "steun voor de resolutie"
    body = role_shape(slide, "statistic", "body")
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Sinds de val van het kabinet dreigt stilstand.",
        "Gemeenten willen bijdragen aan oplossingen.",
    ]
    sizes = {
        role: assert_role_sizes(slide, "statistic", role)
        for role in ("title", "figure", "caption", "body")
    }
    # The figure dominates the slide.
    assert min(sizes["figure"]) > max(sizes["title"] + sizes["body"] + sizes["caption"])


def test_figure_markup_characters_are_literal(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(make_content('- kind: statistic\n  title: X\n  figure: "*3*"\n'))
    figure = role_shape(prs.slides[0], "statistic", "figure")
    assert figure.text_frame.text == "*3*"
    assert not any(r.font.italic for p in figure.text_frame.paragraphs for r in p.runs)


def test_a_long_figure_shrinks_but_stays_on_one_line(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(
        make_content(
            '- kind: statistic\n  title: A\n  figure: "7%"\n'
            '- kind: statistic\n  title: B\n  figure: "1.234 ha"\n'
        )
    )
    short, long = (run_sizes(role_shape(s, "statistic", "figure"))[0] for s in prs.slides)
    assert short > long >= LAYOUTS["statistic"]["roles"]["figure"]["min_pt"]
    assert short <= LAYOUTS["statistic"]["roles"]["figure"]["max_pt"]


def test_longest_allowed_figure_respects_min_pt(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    prs = build_deck(make_content('- kind: statistic\n  title: A\n  figure: "€ 12.345.678"\n'))
    assert_role_sizes(prs.slides[0], "statistic", "figure")


def test_figure_longer_than_twelve_characters_is_refused(
    make_content: ContentMaker, cli: Callable[..., CliRun]
) -> None:
    content = make_content('- kind: statistic\n  title: A\n  figure: "1.234.567.890 ha"\n')
    run = cli("build", "content", "-o", "out.pptx")
    expect_error(run, content.ref('"1.234'), "figure", "at most 12 characters")
