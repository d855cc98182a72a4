"""What changed between two versions of the curated facts, as facts.

A side is a facts file, a folder of facts files, or a git revision and path
(``HEAD~5:facts/csto.yaml``), read by :mod:`.sides`; :mod:`.diff` compares
two sides organisation by organisation (facts, list items matched by their
identity, sources, and the claims each source change touches) into the
records of :mod:`.model`; :mod:`.report` words them as text in the facts
file's language or as JSON. The change sheet and the redline handout are
built from these records in :mod:`briefgen.sheets`.
"""

from briefgen.changes.diff import compare_sides
from briefgen.changes.model import Changes, FactChange, ItemChange, OrgChanges, SourceChange
from briefgen.changes.sides import read_side

__all__ = ["Changes", "FactChange", "ItemChange", "OrgChanges", "SourceChange", "compare_sides",
           "read_side"]
