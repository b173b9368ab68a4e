"""`kind: statistic`: one big figure with caption, title and explanation."""

from __future__ import annotations

from tests.conftest import BuildFails, Problem, SlideBuilder, kind_slides, text_runs


def test_statistic_slide(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: statistic
      title: Resolutie ‘Onze inwoners verdienen beter!’
      figure: 99%
      caption: steun voor de resolutie
      body: |
        Sinds de val van het kabinet dreigt stilstand.

        Gemeenten willen bijdragen aan oplossingen.
    """
    (slide,) = kind_slides(build_slides(slides), "statistic")
    sizes = slide.check(
        {"figure": "99%", "caption": "steun voor de resolutie"},
        sized=("title", "figure", "caption", "body"),
    )
    assert slide.paragraphs("body") == [
        "Sinds de val van het kabinet dreigt stilstand.",
        "Gemeenten willen bijdragen aan oplossingen.",
    ]
    # The figure dominates the slide.
    assert min(sizes["figure"]) > max(sizes["title"] + sizes["body"] + sizes["caption"])


def test_figure_markup_characters_are_literal(build_slides: SlideBuilder) -> None:
    figure = "*3*"
    prs = build_slides(f'- kind: statistic\n  title: X\n  figure: "{figure}"\n')
    (slide,) = kind_slides(prs, "statistic")
    assert slide.text("figure") == figure
    assert not any(r.font.italic for r in text_runs(slide.shape("figure")))


def test_a_long_figure_shrinks_but_stays_on_one_line(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        '- kind: statistic\n  title: A\n  figure: "7%"\n'
        '- kind: statistic\n  title: B\n  figure: "1.234 ha"\n'
    )
    first, second = kind_slides(prs, "statistic")
    short, long = first.sizes("figure")[0], second.sizes("figure")[0]
    spec = first.spec("figure")
    assert short > long >= spec["min_pt"]
    assert short <= spec["max_pt"]


def test_longest_allowed_figure_respects_min_pt(build_slides: SlideBuilder) -> None:
    prs = build_slides('- kind: statistic\n  title: A\n  figure: "€ 12.345.678"\n')
    (slide,) = kind_slides(prs, "statistic")
    slide.sizes("figure")


def test_figure_longer_than_twelve_characters_is_refused(build_fails: BuildFails) -> None:
    figure = '"1.234.567.890 ha"'
    build_fails(
        Problem(
            f"- kind: statistic\n  title: A\n  figure: {figure}\n",
            figure,
            ("figure", "at most 12 characters"),
        )
    )
