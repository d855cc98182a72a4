"""Read YAML the way the YAML language server does (YAML 1.2 core schema), for schema tests.

briefgen reads every scalar as text; an editor's YAML language server sees
``5`` as a number, ``true`` as a boolean and ``no`` or ``2024-01-01`` as text.
The JSON Schemas must accept what the editor sees, so the tests validate this
view of each file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")


def _scalar(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.style is not None:  # quoted or block scalars are text
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.match(text):
        return float(text.replace("inf", "Infinity").replace("Inf", "Infinity")
                     .replace("INF", "Infinity").lstrip("."))
    return text


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(n) for n in node.value]
    return {str(_build(k)): _build(v) for k, v in node.value}


def load_yaml12(text: str) -> Any:
    """The data an editor's YAML 1.2 language server sees in ``text``."""
    return _build(yaml.compose(text, Loader=yaml.SafeLoader))
