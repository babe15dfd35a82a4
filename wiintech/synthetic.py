"""Seeded random data of any size, in the formats the app and the command line read: a decision
matrix as CSV, and a data folder whose countries.yaml and cluster_targets.yaml hold as many
alternatives as asked (the other files are the shipped ones). For the scale benchmark and tests:
nothing here comes from the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import yaml

from wiintech.loader import DEFAULT_DATA_DIR, FILES


def matrix_csv(n: int, m: int, seed: int = 0) -> str:
    """n alternatives × m criteria, values in 1–100 with two decimals."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(1, 100, size=(n, m)), 2)
    lines = [",".join(["name", *(f"c{j + 1}" for j in range(m))])]
    lines += [",".join([f"alt{i + 1}", *map(repr, row)]) for i, row in enumerate(values.tolist())]
    return "\n".join(lines) + "\n"


def countries_doc(n: int, m: int, seed: int = 0) -> dict:
    """A countries.yaml of n countries × m criteria (whole numbers 0–20); the synthetic index has one
    term per criterion, so the report's method ranks all m columns."""
    rng = np.random.default_rng(seed)
    keys = [f"c{j + 1}" for j in range(m)]
    values = rng.integers(0, 21, size=(n, m)).tolist()
    names = [f"Country {i + 1:05d}" for i in range(n)]
    source = "generated"
    return {
        "source": source,
        "criteria": [{"key": key, "name": f"Criterion {j + 1}", "direction": "benefit"} for j, key in enumerate(keys)],
        "lexicographic_order": keys[:3],
        "alternatives": [{"name": name, "source": source, "values": dict(zip(keys, row))}
                         for name, row in zip(names, values)],
        "synthetic_index": {"source": source,
                            "terms": [{"key": key, "name": f"Criterion {j + 1}", "criteria": [key]}
                                      for j, key in enumerate(keys)],
                            "printed": {name: sum(row) for name, row in zip(names, values)}},
    }


def cluster_targets_doc(n: int, seed: int = 0, countries=("Brazil", "India", "USA", "Japan")) -> dict:
    """A cluster_targets.yaml of n scored candidates spread over these countries (scores 1, 3, 5, 7,
    10 like the report's)."""
    rng = np.random.default_rng(seed)
    scores = rng.choice([1, 3, 5, 7, 10], size=(n, 3)).tolist()
    where = rng.integers(0, len(countries), size=n).tolist()
    blocks = [{"country": c, "source": f"generated ({c})", "candidates": []} for c in countries]
    for i, ((fit, size, interaction), c) in enumerate(zip(scores, where)):
        blocks[c]["candidates"].append({"name": f"Cluster {i + 1:05d}", "fit": fit, "size": size,
                                        "interaction": interaction, "chosen": False})
    return {"scale": {"min": 1, "max": 10},
            "criteria": [{"key": "fit", "name": "Fit for Programme", "direction": "benefit"},
                         {"key": "size", "name": "Size", "direction": "benefit"},
                         {"key": "interaction", "name": "Interaction", "direction": "benefit"}],
            "countries": [b for b in blocks if b["candidates"]]}


def data_folder(path, countries: tuple[int, int] | None = None, clusters: int | None = None,
                seed: int = 0) -> Path:
    """A data folder at ``path`` (created): the shipped files, with countries.yaml and/or
    cluster_targets.yaml replaced by generated ones of the given sizes. Point the app at it with
    ``WIINTECH_DATA=path``."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    for name in FILES.values():
        shutil.copyfile(Path(DEFAULT_DATA_DIR) / name, path / name)
    if countries is not None:
        _write(path / FILES["countries"], countries_doc(*countries, seed=seed))
    if clusters is not None:
        _write(path / FILES["cluster_targets"], cluster_targets_doc(clusters, seed=seed))
    return path


def _write(path: Path, doc: dict) -> None:
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
