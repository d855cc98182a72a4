"""Curated facts: load a YAML facts file, validate it, report every problem."""

from briefgen.facts.loader import Facts, check_age, load_facts

__all__ = ["Facts", "check_age", "load_facts"]
