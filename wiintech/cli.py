"""Command line: ``python -m wiintech rank|sensitivity countries|clusters|FILE.csv ...``.

Writes the same CSV bytes as the app's download buttons. Errors go to stderr in plain words, with
exit status 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from wiintech import export, loader, report, sensitivity
from wiintech.errors import DataError, InputError
from wiintech.models import Preference
from wiintech.ranking import METHODS, NORM_NAMES, DecisionMatrix, rank
from wiintech.usermatrix import read_matrix


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors, in the same form as ours
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def _pairs(text: str | None, option: str, matrix: DecisionMatrix):
    """``NAME=VALUE,...`` as (criterion key, name as written, value text); NAME is a criterion's key or
    its name (any case)."""
    lookup = {}
    for c in matrix.criteria:
        lookup[c.key.casefold()] = c.key
        lookup[c.name.casefold()] = c.key
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        name, sep, value = part.partition("=")
        if not sep:
            raise InputError(f"{option}: {part!r} should look like NAME=VALUE.")
        key = lookup.get(name.strip().casefold())
        if key is None:
            raise InputError(f"{option}: unknown criterion {name.strip()!r}; the criteria are: "
                             f"{', '.join(matrix.keys)}.")
        yield key, name.strip(), value.strip()


def parse_weights(text: str | None, matrix: DecisionMatrix) -> dict:
    """``NAME=V,NAME=V``: NAME is a criterion's key or its name (any case)."""
    out = {}
    for key, name, value in _pairs(text, "--weights", matrix):
        try:
            out[key] = float(value)
        except ValueError:
            raise InputError(f"--weights: the weight of {name} must be a number, not {value!r}.") from None
    return out


PREF_SYNTAX = "usual, vshape:P or linear:Q:P"


def parse_preferences(text: str | None, matrix: DecisionMatrix) -> dict:
    """``NAME=usual``, ``NAME=vshape:P`` or ``NAME=linear:Q:P``, comma-separated: each criterion's
    PROMETHEE II preference function and thresholds (differences on the criterion's own scale)."""
    out = {}
    for key, name, value in _pairs(text, "--pref", matrix):
        function, *numbers = value.split(":")
        arity = {"usual": 0, "vshape": 1, "linear": 2}.get(function.strip().lower())
        if arity is None or len(numbers) != arity:
            raise InputError(f"--pref: {name}={value!r} should be {PREF_SYNTAX}.")
        try:
            thresholds = [float(n) for n in numbers]
        except ValueError:
            raise InputError(f"--pref: the thresholds of {name} must be numbers, not {value!r}.") from None
        q, p = ([0.0, 0.0] + thresholds)[-2:]
        pref = Preference(function.strip().lower(), q, p)
        if pref.problem() or not all(map(math.isfinite, thresholds)):
            raise InputError(f"--pref: {name}: {pref.problem() or 'thresholds must be finite numbers'}.")
        out[key] = pref
    return out


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _ranking(args):
    """The ranking the arguments ask for, and the table to write for it (None: the ranking's own)."""
    if args.target == "countries":
        method = args.method or "seed"
        matrix = report.country_matrices(loader.load_countries(args.data)).for_method(method)
        return _ranked(matrix, method, args), None
    if args.target == "clusters":
        targets = loader.load_cluster_targets(args.data)
        if args.method not in (None, "wprod"):
            raise InputError("Clusters are ranked by the weighted product (the report's Total); --method does not apply.")
        country = _country(args.country, targets.countries)
        ranking = _ranked(report.cluster_matrix(targets, country), "wprod", args)
        for cand in targets.unscored(country):
            print(f"note: {cand.name} ({cand.source}) carries no scores, only a consensus note: "
                  f"{cand.consensus_note}", file=sys.stderr)
        return ranking, report.cluster_table(ranking, targets)
    others = ", ".join(m for m, spec in METHODS.items() if not spec.ranks_index_terms)
    if not args.method:
        raise InputError(f"Ranking your own matrix needs --method: {others}.")
    if METHODS[args.method].ranks_index_terms:
        raise InputError(f"The report's synthetic index applies to the countries only; use {others}.")
    return _ranked(read_matrix(args.target, _split(args.cost)), args.method, args), None


def _ranked(matrix: DecisionMatrix, method: str, args):
    """Rank with the arguments' weights, normalisation and (PROMETHEE II) preference functions."""
    if args.pref:
        if not METHODS[method].preferences:
            raise InputError("--pref gives PROMETHEE II's preference functions; use it with --method promethee.")
        matrix = matrix.with_preferences(parse_preferences(args.pref, matrix))
    return rank(matrix, method, parse_weights(args.weights, matrix), args.norm)


def _rank(args) -> bytes:
    ranking, table = _ranking(args)
    return export.ranking_csv(ranking, table)


def _sensitivity(args) -> bytes:
    ranking, _ = _ranking(args)
    L = sensitivity.linear(ranking)
    if args.smaa is not None:
        if args.smaa < 1:
            raise InputError("--smaa needs a number of draws of 1 or more.")
        if not 0 <= args.spread <= 100:
            raise InputError("--spread must be from 0 to 100 (per cent).")
        acceptability, _ = sensitivity.smaa(L, args.smaa, args.seed, sensitivity.spread_bounds(L.w, args.spread))
        return export.csv_bytes(acceptability)
    if not 1 <= args.top <= len(L.names):
        raise InputError(f"--top must be from 1 to {len(L.names)}.")
    return export.csv_bytes(sensitivity.interval_table(sensitivity.intervals(L, args.top)))


def _country(name: str | None, countries) -> str | None:
    if name is None:
        return None
    for c in countries:
        if c.casefold() == name.casefold():
            return c
    raise InputError(f"--country: no cluster targets for {name!r}; the countries are: {', '.join(countries)}.")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", help="countries, clusters, or a CSV file (first column: names; others: numeric criteria)")
    p.add_argument("--method", choices=list(METHODS), help="countries: default seed (the report's index); FILE.csv: required")
    p.add_argument("--weights", help="NAME=V,...: criterion key or name; missing weights are 1")
    p.add_argument("--norm", choices=list(NORM_NAMES), help="normalisation: wsum min-max (default), vector or "
                   "none; topsis vector (default) or min-max")
    p.add_argument("--cost", help="FILE.csv: columns where less is better, COL,...")
    p.add_argument("--pref", metavar="NAME=FUNC,...", help=f"PROMETHEE II: each criterion's preference function, "
                   f"{PREF_SYNTAX} (thresholds on the criterion's own scale); default: the data's, else usual")
    p.add_argument("--country", help="clusters: one country's candidates only")
    p.add_argument("--data", type=Path, help="data folder (default: the shipped data/)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m wiintech", description="Rank the WIINTECH report's countries and "
                     "partner clusters, or your own decision matrix, and write CSV.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _common(sub.add_parser("rank", help="rank and write CSV (rank,name,score,criteria...)"))
    s = sub.add_parser("sensitivity", help="stability intervals (or SMAA-2 rank acceptability) as CSV; "
                       "weights and bounds on the normalised scale (weights summing to 1)")
    _common(s)
    s.add_argument("--top", type=int, default=3, help="the top-k set whose stability is measured (default 3)")
    s.add_argument("--smaa", type=int, metavar="N", help="print SMAA-2 rank acceptability from N weight draws instead")
    s.add_argument("--seed", type=int, default=0, help="random seed for --smaa (default 0)")
    s.add_argument("--spread", type=int, default=0, metavar="PCT", help="--smaa: each weight within ± PCT%% of "
                   "its value (0, the default: anywhere on the simplex); the app's range slider")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        data = _rank(args) if args.command == "rank" else _sensitivity(args)
    except DataError as exc:
        print("error: the data files have problems:", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        try:
            args.output.write_bytes(data)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
