r"""The GAIA plane of a PROMETHEE II ranking (Mareschal & Brans 1988, "Geometrical representations
for MCDA", *EJOR* 34: 69–77; Brans & Mareschal 2005, in *Multiple Criteria Decision Analysis: State
of the Art Surveys*, ch. 5).

Each alternative is the vector of its unicriterion net flows :math:`(\phi_1(a), \dots, \phi_k(a))`;
GAIA projects these points on their first two principal components (``methods.gaia``). Each
criterion is the projection of its unit axis: criteria pointing the same way express similar
preferences, opposite ones conflict, and alternatives lying far along an axis are good on it. The
decision stick :math:`\pi` is the projection of the weight vector: PROMETHEE II's best alternatives
lie furthest in its direction, and moving a weight turns it. :math:`\delta` is the share of the
information the plane keeps; below about 0.6 the picture should be read with care.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.ranking import Ranking


@dataclass(frozen=True, eq=False)
class GaiaPlane:
    alternatives: pd.DataFrame  # name, x, y, net_flow, rank
    criteria: pd.DataFrame  # criterion, x, y (the projected unit axes, scaled by ``scale``)
    stick: tuple[float, float]  # the decision stick π, scaled by ``scale``
    delta: float  # share of the variance the plane keeps, 0–1
    scale: float  # the factor applied to the axes and π so they reach the points' extent


def plane(ranking: Ranking) -> GaiaPlane:
    """The GAIA plane of a ranking whose method has unicriterion flows (PROMETHEE II)."""
    spec, m = ranking.method, ranking.matrix
    if not spec.preferences:
        raise InputError(f"The GAIA plane belongs to PROMETHEE II, not {spec.name}.")
    Phi = spec.linear_terms(m, ranking.normalisation)
    raw = np.array([ranking.weights[key] for key in m.keys], dtype=float)
    points, axes, stick, delta = k.gaia(Phi, raw / raw.sum())
    reach = float(np.abs(points).max(initial=0.0))
    longest = float(np.hypot(axes[:, 0], axes[:, 1]).max(initial=0.0))
    scale = reach / longest if reach > 0 and longest > 0 else 1.0
    alternatives = pd.DataFrame({"name": m.names, "x": points[:, 0], "y": points[:, 1],
                                 "net_flow": ranking.scores, "rank": ranking.ranks})
    criteria = pd.DataFrame({"criterion": [c.name for c in m.criteria],
                             "x": axes[:, 0] * scale, "y": axes[:, 1] * scale})
    return GaiaPlane(alternatives, criteria, (float(stick[0] * scale), float(stick[1] * scale)), delta, scale)
