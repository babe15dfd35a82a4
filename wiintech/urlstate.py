"""A view's weights and method as URL query parameters, so a copied link reopens the same view.

Plain text only (``method=wsum&norm=minmax&k=3&w.N=2``), never pickle. Parsing never fails: each
missing, unknown or out-of-range value falls back to its default and adds a short notice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WEIGHT_MIN, WEIGHT_MAX, WEIGHT_STEP = 0.0, 5.0, 0.1


@dataclass(frozen=True)
class ViewState:
    method: str
    norm: str
    k: int
    weights: dict = field(default_factory=dict)  # criterion key -> weight


def _number(text) -> float | None:
    try:
        v = float(str(text))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse(params, methods: dict, weight_keys, default: ViewState, k_max: int) -> tuple[ViewState, list[str]]:
    """``methods`` maps a method key to its allowed normalisations (the first is the default);
    ``weight_keys`` are all the criterion keys a weight may be given for."""
    notices = []

    def get(name):
        v = params.get(name)
        return v[-1] if isinstance(v, list) else v

    method = get("method") or default.method
    if method not in methods:
        notices.append(f"method={method!r} is not a method here; using {default.method}.")
        method = default.method
    norms = methods[method]
    norm = get("norm") or norms[0]
    if norm not in norms:
        notices.append(f"norm={norm!r} does not apply to this method; using {norms[0]}.")
        norm = norms[0]
    k = default.k
    if get("k") is not None:
        v = _number(get("k"))
        if v is None or not v.is_integer() or not 1 <= v <= k_max:
            notices.append(f"k={get('k')!r} is not a whole number from 1 to {k_max}; using {default.k}.")
        else:
            k = int(v)
    weights = {}
    for key in weight_keys:
        raw = get(f"w.{key}")
        if raw is None:
            weights[key] = default.weights.get(key, 1.0)
            continue
        v = _number(raw)
        if v is None or not WEIGHT_MIN <= v <= WEIGHT_MAX:
            notices.append(f"w.{key}={raw!r} is not a number from {WEIGHT_MIN:g} to {WEIGHT_MAX:g}; "
                           f"using {default.weights.get(key, 1.0):g}.")
            weights[key] = default.weights.get(key, 1.0)
        else:
            weights[key] = round(v / WEIGHT_STEP) * WEIGHT_STEP if v else 0.0
            weights[key] = round(weights[key], 6)
    for name in params:
        if name.startswith("w.") and name[2:] not in weight_keys:
            notices.append(f"{name} is not a criterion here; ignored.")
    return ViewState(method, norm, k, weights), notices


def encode(state: ViewState, default_norms: dict) -> dict:
    """Query parameters for a state; the normalisation only where the method has a choice."""
    out = {"method": state.method}
    if len(default_norms[state.method]) > 1:
        out["norm"] = state.norm
    out["k"] = str(state.k)
    for key, v in state.weights.items():
        out[f"w.{key}"] = f"{v:g}"
    return out
