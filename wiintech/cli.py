"""Command line: ``python -m wiintech rank|sensitivity countries|clusters|FILE.csv ...``.

Writes the same CSV bytes as the app's download buttons. Errors go to stderr in plain words, with
exit status 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from wiintech import export, limits, loader, report
from wiintech.errors import AccessError, DataError, InputError, StoreError
from wiintech.models import Preference
from wiintech.ranking import METHODS, NORM_NAMES, DecisionMatrix, rank

# Kept here so that building the parser imports neither SciPy nor SQLAlchemy (a test checks they
# match wiintech.consensus.AGGREGATIONS and wiintech.workshop.GROUP_METHODS).
CONSENSUS_METHODS = ("borda", "copeland", "mean-rank")
GROUP_METHODS = ("mean", "median", "borda", "copeland")
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
    seen = set()
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        name, sep, value = part.partition("=")
        if not sep:
            raise InputError(f"{option}: {part!r} should look like NAME=VALUE.")
        key = lookup.get(name.strip().casefold())
        if key is None:
            raise InputError(f"{option}: unknown criterion {name.strip()[:limits.MAX_NAME]!r}; the criteria are: "
                             f"{', '.join(matrix.keys)}.")
        if key in seen:
            raise InputError(f"{option}: {key} is given twice; give each criterion one value.")
        seen.add(key)
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
        matrix = report.method_matrix(loader.load_countries(args.data), method)
        return _ranked(matrix, method, args), None
    if args.target == "clusters":
        targets = loader.load_cluster_targets(args.data)
        if args.method not in (None, report.CLUSTER_METHOD):
            raise InputError("Clusters are ranked by the weighted product (the report's Total); --method does not apply.")
        country = _country(args.country, targets.countries)
        ranking = _ranked(report.cluster_matrix(targets, country), report.CLUSTER_METHOD, args)
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
    if args.minutes:
        return _minutes(args, ranking, table)
    if args.excel_eu:
        raise InputError("--excel-eu writes the file for the minutes; use it with --minutes.")
    return export.ranking_csv(ranking, table)


def _minutes(args, ranking, table) -> bytes:
    """The app's "Ranking for the minutes (CSV)": criterion names, the weights as given, the top-k mark
    (clusters: shortlisted by the top k per country), the change against the report and its decision."""
    from wiintech import minutes, tables

    top = 3 if args.target != "clusters" and args.top is None else (1 if args.top is None else args.top)
    if top < 1:
        raise InputError("--top needs a number of 1 or more.")
    if args.target == "clusters":
        from wiintech import shortlist

        picked = shortlist.shortlist(ranking, ranking.matrix.extra["country"], "top", k=top)
        country = _country(args.country, loader.load_cluster_targets(args.data).countries)
        df = minutes.cluster_table(ranking, table, picked, minutes.rule_words("top", top, 0, country))
    elif args.target == "countries":
        from wiintech.ranking import reference_ranks

        survey = loader.load_countries(args.data)
        df = minutes.ranking_table(ranking, top, "Country", reference_ranks(survey.printed_index),
                                   tables.outcomes(survey))
    else:
        df = minutes.ranking_table(ranking, top, "Alternative")
    return export.csv_bytes(df, export.EXCEL_EU if args.excel_eu else export.STANDARD)


def _sensitivity(args) -> bytes:
    from wiintech import sensitivity  # imported here: ``rank`` starts without pandas

    ranking, _ = _ranking(args)
    L = sensitivity.linear(ranking)
    if args.smaa is not None:
        if args.ranks is not None and args.ranks < 1:
            raise InputError("--ranks needs a number of ranks of 1 or more.")
        if not 0 <= args.spread <= 100:
            raise InputError("--spread must be from 0 to 100 (per cent).")
        limits.check_seed(args.seed)
        limits.check_smaa(args.smaa, len(L.names), len(L.keys), "--smaa")
        acceptability, _ = sensitivity.smaa(L, args.smaa, args.seed, sensitivity.spread_bounds(L.w, args.spread),
                                            ranks=args.ranks)
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
    p.add_argument("--norm", choices=list(NORM_NAMES), help="normalisation: wsum min-max (default), vector or "
                   "none; topsis vector (default) or min-max")
    p.add_argument("--cost", help="FILE.csv: columns where less is better, COL,...")
    p.add_argument("--pref", metavar="NAME=FUNC,...", help=f"PROMETHEE II: each criterion's preference function, "
                   f"{PREF_SYNTAX} (thresholds on the criterion's own scale); default: the data's, else usual")
    p.add_argument("--country", help="clusters: one country's candidates only")
    p.add_argument("--data", type=Path, help="data folder (default: the shipped data/)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")


def _consensus(args) -> bytes:
    from wiintech import consensus
    from wiintech.rankfile import parse_judge_weights, read_rankings
    rankings = parse_judge_weights(args.judge_weights, read_rankings(args.file))
    if args.stats:
        return export.csv_bytes(consensus.agreement(rankings).table())
    return export.csv_bytes(consensus.aggregate(rankings, args.method).table())


def _workshop(args) -> bytes:
    from wiintech import workshop
    from wiintech.store import Store
    store = Store(args.db)
    if args.action == "create":
        w, token = workshop.create(store, args.name, loader.load_countries(args.data), args.method or "seed", args.norm)
        return f"facilitator_token={token}\njoin_code={w.join_code}\n".encode()
    if args.action == "demo":
        from wiintech import demo
        w, token, partners = demo.create(store, loader.load_countries(args.data),
                                         loader.load_cluster_targets(args.data))
        lines = [f"facilitator_token={token}", f"join_code={w.join_code}"]
        lines += [f"partner_token.{'_'.join(name.split())}={t}" for name, t in partners.items()]
        return ("\n".join(lines) + "\n").encode()
    if args.action == "questionnaire":
        from wiintech import questionnaire
        col = questionnaire.collect(store, store.facilitator(args.token))
        if args.answers:
            return questionnaire.answers_csv(col)
        survey = col.survey(loader.load_countries(args.data))
        if args.yaml:
            return questionnaire.survey_yaml(survey, questionnaire.rule(col.unit))
        return questionnaire.table_csv(survey, col.unit)
    if args.action == "join":
        _, token = store.join(args.code, args.name)
        return f"partner_token={token}\n".encode()
    if args.action == "submit":
        w, _ = store.partner(args.token)
        matrix = workshop.matrix_from_json(w.matrix)
        weights = {key: 1.0 for key in matrix.keys} | parse_weights(args.weights, matrix)  # as `rank`: missing = 1
        s = workshop.submit(store, args.token, weights, args.comment or "")
        return f"submission={s.id}\nround={s.round}\nsubmitted_at={s.submitted_at}\n".encode()
    if args.action == "scores":
        return _scores(store, args)
    res = workshop.results(store, store.facilitator(args.token), args.round)
    return workshop.stats_csv(res) if args.stats else workshop.group_csv(res, args.method)


def _scores(store, args) -> bytes:
    """The cluster scoring round's files, the app's download bytes."""
    from wiintech import scoring
    w = store.facilitator(args.token)
    targets = loader.load_cluster_targets(args.data)
    if args.all:
        return scoring.scores_csv(w, store.partners(w.id), store.entries(w.id), targets, w.show_names)
    res = scoring.results(store, w, targets, args.round)
    return scoring.aggregated_yaml(res) if args.yaml else scoring.aggregated_csv(res)


def _workshop_parser(sub) -> None:
    p = sub.add_parser("workshop", help="run a workshop from the command line, on the app's store")
    acts = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database URL (default: $WIINTECH_DATABASE_URL, else the app's SQLite file)")
    c = acts.add_parser("create", parents=[db], help="create a workshop; prints facilitator_token= and join_code=")
    c.add_argument("name")
    c.add_argument("--method", choices=list(METHODS), help="how each partner's weights rank the countries (default seed)")
    c.add_argument("--norm", choices=list(NORM_NAMES))
    c.add_argument("--data", type=Path, help="data folder (default: the shipped data/)")
    d = acts.add_parser("demo", parents=[db], help="a demo workshop filled with the report's answers; prints "
                        "facilitator_token=, join_code= and partner_token.NAME= for the eight partners")
    d.add_argument("--data", type=Path, help="data folder (default: the shipped data/)")
    q = acts.add_parser("questionnaire", parents=[db], help="the country questionnaire's step-1 table "
                        "(CSV), --yaml as the data folder's countries.yaml, or --answers: every answer")
    q.add_argument("token", metavar="FACILITATOR_TOKEN")
    q.add_argument("--data", type=Path, help="data folder whose countries.yaml gives the criteria (default: data/)")
    fmt = q.add_mutually_exclusive_group()
    fmt.add_argument("--yaml", action="store_true", help="the aggregated table as countries.yaml")
    fmt.add_argument("--answers", action="store_true", help="every answer: partner, round, time, sheet, country")
    j = acts.add_parser("join", parents=[db], help="join with the code; prints partner_token=")
    j.add_argument("code")
    j.add_argument("--name", required=True, help="your organisation's name")
    s = acts.add_parser("submit", parents=[db], help="submit (or replace) your weights in the open round")
    s.add_argument("token", metavar="PARTNER_TOKEN")
    s.add_argument("--weights", required=True, help="NAME=V,...: criterion key or name, 0 to 5 as on the sliders; missing weights are 1")
    s.add_argument("--comment")
    r = acts.add_parser("results", parents=[db], help="the group ranking (rank,name,score,...) or --stats")
    r.add_argument("token", metavar="FACILITATOR_TOKEN")
    r.add_argument("--method", choices=GROUP_METHODS, default="mean", help="aggregation (default mean)")
    r.add_argument("--round", type=int, help="a past round (default: the current one)")
    r.add_argument("--stats", action="store_true", help="judges,items,kendall_w,chi2,df,p_value instead")
    sc = acts.add_parser("scores", parents=[db], help="the cluster scoring round: group scores with their "
                         "spread (CSV), --yaml (the data folder's cluster_targets.yaml) or --all (every score)")
    sc.add_argument("token", metavar="FACILITATOR_TOKEN")
    sc.add_argument("--round", type=int, help="a past round (default: the current one)")
    sc.add_argument("--data", type=Path, help="data folder whose cluster targets were scored (default: the shipped data/)")
    kind = sc.add_mutually_exclusive_group()
    kind.add_argument("--yaml", action="store_true", help="the group's scores as cluster_targets.yaml")
    kind.add_argument("--all", action="store_true", help="every score with partner, round and time (CSV)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m wiintech", description="Rank the WIINTECH report's countries and "
                     "partner clusters, or your own decision matrix, and write CSV.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    r = sub.add_parser("rank", help="rank and write CSV (rank,name,score,criteria...)")
    _common(r)
    r.add_argument("--minutes", action="store_true", help="the app's CSV for the minutes instead: criterion "
                   "names, a column per weight, the top-k mark, the change against the report, the decision")
    r.add_argument("--top", type=int, help="--minutes: the top k marked (default 3; clusters: k per country, default 1)")
    r.add_argument("--excel-eu", action="store_true", help="--minutes: for Excel in French, German, Italian… "
                   "(semicolons, decimal comma)")
    s = sub.add_parser("sensitivity", help="stability intervals (or SMAA-2 rank acceptability) as CSV; "
                       "weights and bounds on the normalised scale (weights summing to 1)")
    _common(s)
    s.add_argument("--top", type=int, default=3, help="the top-k set whose stability is measured (default 3)")
    s.add_argument("--smaa", type=int, metavar="N", help="print SMAA-2 rank acceptability from N weight draws instead")
    s.add_argument("--seed", type=int, default=0, help="random seed for --smaa (default 0)")
    s.add_argument("--ranks", type=int, metavar="K",
                   help="--smaa: report the first K ranks (default: every rank up to 500 alternatives, "
                        "the first 20 past that)")
    s.add_argument("--spread", type=int, default=0, metavar="PCT", help="--smaa: each weight within ± PCT%% of "
                   "its value (0, the default: anywhere on the simplex); the app's range slider")
    c = sub.add_parser("consensus", help="a group ranking from judges' rankings (CSV: items, then one rank "
                       "column per judge), or Kendall's W with --stats")
    c.add_argument("file", type=Path, help="CSV: first column the items; each further column one judge's ranks (1 = best)")
    c.add_argument("--method", choices=CONSENSUS_METHODS, default="borda", help="default borda")
    c.add_argument("--judge-weights", help="NAME=V,...: judge NAME counts as V identical judges")
    c.add_argument("--stats", action="store_true", help="write judges,items,kendall_w,chi2,df,p_value instead")
    c.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    _workshop_parser(sub)
    return parser


def _inputs(args) -> list[Path]:
    """The files a command reads: its CSV file, and the data folder's files."""
    found = [Path(p) for p in (getattr(args, "target", None), getattr(args, "file", None)) if p]
    data = getattr(args, "data", None) or loader.DEFAULT_DATA_DIR
    return found + [Path(data) / name for name in loader.FILES.values()]


def check_output(args) -> None:
    """``-o`` never overwrites a file the command reads."""
    out = getattr(args, "output", None)
    if out is None:
        return
    for path in _inputs(args):
        try:
            same = path.exists() and out.exists() and out.samefile(path)
        except OSError:
            same = False
        if same:
            raise InputError(f"-o {out}: that is the input file {path}; write the result to another file.")


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_output(args)
        data = {"rank": _rank, "sensitivity": _sensitivity, "consensus": _consensus,
                "workshop": _workshop}[args.command](args)
    except (AccessError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print("error: the data files have problems:", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("error: not enough memory for this much work; rank fewer alternatives, or with --smaa "
              "ask for fewer draws or fewer ranks (--ranks K).", file=sys.stderr)
        return 2
    if getattr(args, "output", None):
        try:
            args.output.write_bytes(data)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
