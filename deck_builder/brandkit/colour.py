"""Arithmetic on the brand's 6-digit hex colours."""

from __future__ import annotations


def rgb(hex_colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    """`RRGGBB` as an RGBA tuple with the given alpha."""
    value = int(hex_colour, 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, alpha


def mix(hex_a: str, hex_b: str, share_b: float) -> str:
    """Blend two hex colours: `share_b` 0 gives `hex_a`, 1 gives `hex_b`."""
    a = rgb(hex_a)[:3]
    b = rgb(hex_b)[:3]
    return "".join(f"{round(x + (y - x) * share_b):02X}" for x, y in zip(a, b, strict=True))
