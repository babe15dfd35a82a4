"""Command line: ``python -m wiintech rank|sensitivity countries|clusters|FILE.csv ...``.

Writes the same CSV bytes as the app's download buttons. Errors go to stderr in plain words, with
exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wiintech import export, loader, report
from wiintech.errors import DataError, InputError
from wiintech.ranking import METHODS, DecisionMatrix, rank
from wiintech.usermatrix import read_matrix


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors, in the same form as ours
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def parse_weights(text: str | None, matrix: DecisionMatrix) -> dict:
    """``NAME=V,NAME=V``: NAME is a criterion's key or its name (any case)."""
    if not text:
        return {}
    lookup = {}
    for c in matrix.criteria:
        lookup[c.key.casefold()] = c.key
        lookup[c.name.casefold()] = c.key
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        if not sep:
            raise InputError(f"--weights: {part!r} should look like NAME=VALUE.")
        key = lookup.get(name.strip().casefold())
        if key is None:
            raise InputError(f"--weights: unknown criterion {name.strip()!r}; the criteria are: "
                             f"{', '.join(matrix.keys)}.")
        try:
            out[key] = float(value)
        except ValueError:
            raise InputError(f"--weights: the weight of {name.strip()} must be a number, not {value.strip()!r}.") from None
    return out


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _ranking(args):
    """The ranking the arguments ask for, and the table to write for it (None: the ranking's own)."""
    if args.target == "countries":
        survey = loader.load_countries(args.data)
        method = args.method or "seed"
        matrix = report.index_matrix(survey) if method == "seed" else report.country_matrix(survey)
        return rank(matrix, method, parse_weights(args.weights, matrix), args.norm), None
    if args.target == "clusters":
        targets = loader.load_cluster_targets(args.data)
        if args.method not in (None, "wprod"):
            raise InputError("Clusters are ranked by the weighted product (the report's Total); --method does not apply.")
        country = _country(args.country, targets.countries)
        matrix = report.cluster_matrix(targets, country)
        ranking = rank(matrix, "wprod", parse_weights(args.weights, matrix), args.norm)
        for cand in targets.unscored(country):
            print(f"note: {cand.name} ({cand.source}) carries no scores, only a consensus note: "
                  f"{cand.consensus_note}", file=sys.stderr)
        return ranking, report.cluster_table(ranking, targets)
    if not args.method:
        raise InputError("Ranking your own matrix needs --method wsum, wprod or topsis.")
    if args.method == "seed":
        raise InputError("The report's synthetic index applies to the countries only; use wsum, wprod or topsis.")
    matrix = read_matrix(args.target, _split(args.cost))
    return rank(matrix, args.method, parse_weights(args.weights, matrix), args.norm), None


def _rank(args) -> bytes:
    ranking, table = _ranking(args)
    return export.ranking_csv(ranking, table)


def _sensitivity(args) -> bytes:
    from wiintech import sensitivity  # imported here: ``rank`` starts without pandas

    ranking, _ = _ranking(args)
    L = sensitivity.linear(ranking)
    if args.smaa is not None:
        if args.smaa < 1:
            raise InputError("--smaa needs a number of draws of 1 or more.")
        if args.ranks is not None and args.ranks < 1:
            raise InputError("--ranks needs a number of ranks of 1 or more.")
        acceptability, _ = sensitivity.smaa(L, args.smaa, args.seed, ranks=args.ranks)
        shown, n = acceptability.attrs["ranks"], acceptability.attrs["of"]
        if shown < n:
            print(f"note: rank acceptability for the first {shown} of {n} ranks only "
                  f"(every rank up to {sensitivity.FULL_MAX} alternatives; --ranks K to choose)",
                  file=sys.stderr)
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
    p.add_argument("--norm", choices=["none", "minmax", "vector"], help="normalisation (weighted sum only; default min-max)")
    p.add_argument("--cost", help="FILE.csv: columns where less is better, COL,...")
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
    s.add_argument("--ranks", type=int, metavar="K",
                   help="--smaa: report the first K ranks (default: every rank up to 500 alternatives, "
                        "the first 20 past that)")
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
