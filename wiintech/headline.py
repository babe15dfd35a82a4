"""The headline over a live ranking, in words: who leads, the top k (or the shortlist), and what the
last move changed ("Brazil overtook China for 2nd").

Pure functions of two standings (the ranking before and after a move), so the pages only keep the
last standing they drew. Ranks are competition ranks: tied alternatives share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    """A ranking as the room sees it: names best first, each with its rank (ties share a rank)."""

    names: tuple[str, ...]
    ranks: tuple[int, ...]

    def __post_init__(self):
        if len(self.names) != len(self.ranks):
            raise ValueError("a standing needs one rank per name")

    @classmethod
    def of(cls, names: Sequence[str], ranks: Sequence[int]) -> Standing:
        return cls(tuple(str(n) for n in names), tuple(int(r) for r in ranks))

    def rank_of(self) -> dict[str, int]:
        return dict(zip(self.names, self.ranks))

    def top(self, k: int) -> tuple[str, ...]:
        """The names ranked k or better (more than k when a tie straddles the cut)."""
        return tuple(n for n, r in zip(self.names, self.ranks) if r <= k)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def names_list(names: Sequence[str]) -> str:
    """A, B and C."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def leader(current: Standing) -> str:
    """"USA leads", "USA and China share 1st", or "" for an empty ranking."""
    first = current.top(1)
    if not first:
        return ""
    if len(first) == 1:
        return f"{first[0]} leads"
    return f"{names_list(first)} share 1st"


def summary(current: Standing, top: Sequence[str], top_label: str, lead: bool = True) -> str:
    """Who leads and who is in the top set: "USA leads · top 3: USA, China, Brazil" (without
    ``lead``: "Shortlist (top 1 per country): …", for a set that is not the first places)."""
    first = leader(current)
    if not first:
        return "Nothing is ranked"
    if not lead:
        return f"{top_label[:1].upper()}{top_label[1:]}: {', '.join(top)}" if top else f"{top_label}: none"
    return f"{first} · {top_label}: {', '.join(top)}" if top else first


def change(previous: Standing | None, current: Standing, top_before: Sequence[str] = (),
           top_now: Sequence[str] = (), top_label: str = "top") -> str:
    """What changed from ``previous`` to ``current``, in one short sentence (no final full stop):
    "Brazil overtook China for 2nd", "India took the lead from USA", "Brazil drew level with China for
    2nd", "Japan rose from 6th to 3rd, past Korea and India", then who entered and left the top set
    ("India entered the top 3, Brazil dropped out"). "" when there is nothing before to compare with;
    "no place changed" when the ranks are the same."""
    if previous is None:
        return ""
    before, now = previous.rank_of(), current.rank_of()
    common = [n for n in current.names if n in before]
    parts = []
    if any(before[n] != now[n] for n in common):
        parts.append(_main_move(before, now, common))
    entered = [n for n in top_now if n not in set(top_before)]
    left = [n for n in top_before if n not in set(top_now)]
    moves = []
    if entered:
        moves.append(f"{names_list(entered)} entered the {top_label}")
    if left:
        moves.append(f"{names_list(left)} dropped out")
    if moves:
        parts.append(", ".join(moves))
    return "; ".join(parts) if parts else "no place changed"


def _main_move(before: dict, now: dict, common: list[str]) -> str:
    """The move that matters most: a new leader, else the alternative that rose furthest."""
    new_first = [n for n in common if now[n] == 1 and before[n] != 1]
    if new_first:
        x = new_first[0]
        old = [n for n in common if before[n] == 1 and n != x]
        still = [n for n in old if now[n] == 1]
        if still:
            return f"{x} drew level with {names_list(still)} for 1st"
        return f"{x} took the lead from {names_list(old)}" if old else f"{x} took the lead"
    risers = [n for n in common if now[n] < before[n]]
    if not risers:  # only ties broken downwards (a shared rank split): say who fell
        fallers = sorted((n for n in common if now[n] > before[n]), key=lambda n: (now[n] - before[n], -now[n]),
                         reverse=True)
        x = fallers[0]
        return f"{x} fell from {ordinal(before[x])} to {ordinal(now[x])}"
    x = max(risers, key=lambda n: (before[n] - now[n], -now[n]))
    passed = [n for n in common if n != x and before[n] < before[x] and now[n] > now[x]]
    passed.sort(key=lambda n: now[n])
    level = [n for n in common if n != x and before[n] < before[x] and now[n] == now[x]]
    if not passed and level:
        return f"{x} drew level with {names_list(level)} for {ordinal(now[x])}"
    if len(passed) == 1:
        return f"{x} overtook {passed[0]} for {ordinal(now[x])}"
    if passed:
        return f"{x} rose from {ordinal(before[x])} to {ordinal(now[x])}, past {names_list(passed)}"
    return f"{x} rose to {ordinal(now[x])}"


def headline(previous: Standing | None, current: Standing, k: int, top_label: str | None = None,
             top_now: Sequence[str] | None = None, top_before: Sequence[str] | None = None,
             lead: bool = True) -> str:
    """The page's one-line headline. By default the top set is the top ``k`` of each standing; the
    cluster page passes its shortlist instead (``top_now``/``top_before``) and its ``top_label``, and
    ``lead=False``: its shortlist is not the first places, so the line starts with it.

    >>> a = Standing.of(["USA", "China", "Brazil", "India"], [1, 2, 3, 4])
    >>> b = Standing.of(["USA", "Brazil", "China", "India"], [1, 2, 3, 4])
    >>> headline(a, b, 3)
    'USA leads · top 3: USA, Brazil, China · last move: Brazil overtook China for 2nd.'
    """
    label = top_label or f"top {k}"
    now = tuple(current.top(k) if top_now is None else top_now)
    text = summary(current, now, label, lead)
    if previous is not None:
        before = tuple(previous.top(k) if top_before is None else top_before)
        text += f" · last move: {change(previous, current, before, now, label)}"
    return text + "."
