"""near_miss skips choices whose length alone rules them out: the answers are the same."""

from __future__ import annotations

import random

from briefgen.facts.slips import STANDARD_FACTS, near_miss, typo_distance


def reference(word: str, choices) -> str | None:
    """near_miss as it was, computing the distance to every choice."""
    best, best_d = None, 99
    for choice in sorted(set(choices)):
        if choice == word:
            return None
        if word.lower() == choice.lower():
            return choice
        longer, shorter = (word, choice) if len(word) > len(choice) else (choice, word)
        if longer.startswith(shorter + "_") or longer.endswith("_" + shorter):
            continue
        d = typo_distance(word.lower(), choice.lower())
        if d <= (2 if min(len(word), len(choice)) >= 8 else 1) and d < best_d:
            best, best_d = choice, d
    return best


def test_near_miss_matches_the_unfiltered_search_on_mutated_keys():
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz_"
    words = list(STANDARD_FACTS) + ["as_of", "name", "text", "joined", "left", "status"]
    found = 0
    for _ in range(3000):
        w = list(rng.choice(words))
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(w) + 1)
            op = rng.choice("idrs")
            if op == "i":
                w.insert(i, rng.choice(letters))
            elif op == "d" and i < len(w):
                del w[i]
            elif op == "r" and i < len(w):
                w[i] = rng.choice(letters)
            elif op == "s" and i < len(w) - 1:
                w[i], w[i + 1] = w[i + 1], w[i]
        word = "".join(w) or "x"
        if rng.random() < 0.1:
            word = word.upper()
        expected = reference(word, words)
        assert near_miss(word, words) == expected, word
        found += expected is not None
    assert found > 500  # the mutations do produce near misses


def test_a_distance_with_a_limit_stops_early_and_agrees_with_the_whole_table():
    rng = random.Random(9)
    letters = "abcde_"  # few letters: many pairs are close, swaps and repeats are common
    for _ in range(1500):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        whole = typo_distance(a, b)
        for limit in (0, 1, 2, 3):
            assert typo_distance(a, b, limit) == min(whole, limit + 1), (a, b, limit)
