"""The evaluation rules of ANNOTATION.md."""

from __future__ import annotations

from issextract.evaluate import score_category


def test_alternatives_match_folded():
    score, _, _ = score_category(["roskosmos"], ["Roscosmos | Roskosmos"], None, "agencies")
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_second_item_for_one_entry_is_a_false_hit():
    score, _, false = score_category(["Pyotr Dubrov", "Piotr Doubrov"], ["Pyotr Dubrov | Piotr Doubrov"], None, "crew")
    assert (score.tp, score.fp) == (1, 1)
    assert false == ["Piotr Doubrov"]


def test_optional_items_count_neither_way():
    score, _, _ = score_category(["Soyuz"], ["Soyuz MS-22"], ["Soyuz"], "vehicles")
    assert (score.tp, score.fp, score.fn) == (0, 0, 1)


def test_accents_and_hyphens_are_ignored():
    score, _, _ = score_category(["Georges Lemaître"], ["Georges-Lemaitre"], None, "vehicles")
    assert score.tp == 1
