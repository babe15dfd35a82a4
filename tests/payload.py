"""A copy of the data folder with live-markup payload appended to every text field of every file.

Keys, enumerations, dates and the criteria's keys stay as they are (they are identifiers, not text
shown to anyone); every other string, mapping keys that name alternatives included, gets
``PAYLOAD`` appended, the same way everywhere, so references between files still match."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from wiintech import loader

EVIL = "evil.invalid"
PAYLOAD = (f" **BOLD** _EM_ $x^2$ [LINK](http://{EVIL}/l) ![IMG](http://{EVIL}/i.png) "
           f"<img src=http://{EVIL}/h.png> :red[RED] https://{EVIL}/auto")
KEEP = {"key", "direction", "outcome", "dimension", "status", "provenance", "criteria", "lexicographic_order",
        "period", "unit", "values", "start", "end"}


def _mark(value, field=None):
    if field in KEEP and field != "values":
        return value
    if isinstance(value, str):
        return value + PAYLOAD
    if isinstance(value, list):
        return [_mark(v, field) for v in value]
    if isinstance(value, dict):
        if field == "values":  # criterion key -> number
            return value
        return {(_mark(k) if field == "printed" else k): _mark(v, k) for k, v in value.items()}
    return value


def payload_data(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for file_name in loader.FILES.values():
        doc = yaml.safe_load((loader.DEFAULT_DATA_DIR / file_name).read_text(encoding="utf-8"))
        (target / file_name).write_text(yaml.safe_dump(_mark(doc), allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    return target
