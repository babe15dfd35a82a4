"""YAML for data files: ``yaml.SafeLoader`` with three holes closed.

* **Anchors and aliases are refused.** A few lines of ``&a``/``*a`` expand to billions of nodes
  ("billion laughs"); anything that then walks or formats the value stalls. The data files never
  need them.
* **Nesting is bounded** (``limits.MAX_YAML_DEPTH``): PyYAML composes nodes recursively, so thousands
  of levels end in a ``RecursionError`` instead of a message.
* **A key given twice is an error**: PyYAML keeps the last value silently.

Every refusal is a ``yaml.MarkedYAMLError`` carrying the line and column, so the loader reports it
like any other YAML error.
"""

from __future__ import annotations

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent, CollectionStartEvent

from wiintech.limits import MAX_YAML_DEPTH


class DataLoader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "anchors and aliases (& and *) are not allowed in data files",
                                event.start_mark)
        if isinstance(event, CollectionStartEvent):
            if self._depth >= MAX_YAML_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_YAML_DEPTH} levels, the limit "
                                    "for a data file", event.start_mark)
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: SafeLoader reports it itself
                continue
            if duplicate:
                raise ConstructorError(None, None, f"the key {_short(key)} is given twice",
                                       key_node.start_mark)
        return super().construct_mapping(node, deep)


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def load(text: str):
    """Parse one YAML document with ``DataLoader``."""
    return yaml.load(text, Loader=DataLoader)  # noqa: S506 - DataLoader is a SafeLoader
