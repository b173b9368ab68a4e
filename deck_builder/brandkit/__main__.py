"""`python -m deck_builder.brandkit BRAND_DIR`: rebuild a brand's template and logos."""

from __future__ import annotations

import sys
from pathlib import Path

from deck_builder.brandkit import build_template
from deck_builder.errors import DeckError


def main(argv: list[str]) -> int:
    """Build the brand folder named in `argv`; print the pptx path or the problems."""
    if len(argv) != 1:
        print("usage: python -m deck_builder.brandkit BRAND_DIR", file=sys.stderr)
        return 2
    try:
        out = build_template(Path(argv[0]))
    except DeckError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
