"""The picture cache and the builder's bookkeeping."""

from __future__ import annotations

from deck_builder.serve.builder import Pictures


def test_pictures_stay_within_their_limit_least_recently_used_first() -> None:
    pictures = Pictures(limit=300)
    for name in "abc":
        pictures.put(name, bytes(100), keep=set())
    assert pictures.get("a") is not None  # a is now the most recently used
    pictures.put("d", bytes(100), keep=set())
    assert "b" not in pictures
    assert all(name in pictures for name in "acd")
    assert pictures.size == 300


def test_pictures_on_show_are_never_dropped() -> None:
    pictures = Pictures(limit=150)
    pictures.put("shown", bytes(100), keep=set())
    pictures.put("new", bytes(100), keep={"shown", "new"})
    assert "shown" in pictures
    assert "new" in pictures
    pictures.put("newer", bytes(100), keep={"newer"})
    assert "newer" in pictures
    assert "shown" not in pictures
    assert "new" not in pictures


def test_memory_stays_flat_over_many_pictures() -> None:
    pictures = Pictures(limit=10_000)
    for number in range(1000):
        pictures.put(f"{number:064x}", bytes(1000), keep={f"{number:064x}"})
    assert pictures.size <= 10_000
