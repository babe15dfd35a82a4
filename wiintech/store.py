"""The workshop store: workshops, partners, rounds and every submission, in a real database.

SQLAlchemy Core over SQLite (the default: a file created on first use in ``var/`` beside the app, no
configuration) or PostgreSQL through psycopg 3 (``WIINTECH_DATABASE_URL=postgresql://…``). All state
shared by the people in a workshop lives here, none in a server's memory, so several app servers can
serve one workshop from one PostgreSQL database.

* **Every write is one transaction**, and begins by bumping the workshop's ``revision``: that takes the
  workshop row's lock (PostgreSQL) or the database's write lock (SQLite ``BEGIN IMMEDIATE``), so writes
  to one workshop are serialised and never lost, and ``revision`` is the one cheap number a view polls
  to learn that something changed.
* **SQLite** runs in WAL mode (readers never block the writer) with a 30 s busy timeout, and write
  transactions start with ``BEGIN IMMEDIATE`` so two sessions never both read and then try to upgrade
  to a write ("database is locked").
* **Tokens** (``secrets.token_urlsafe``) are shown once and stored as SHA-256 hashes; a token is found
  by its hash and the hash compared with ``hmac.compare_digest``. A facilitator token can do
  everything in its workshop; a partner token can read the workshop and write only that partner's own
  submissions.
* **The schema carries a version** (table ``wiintech_meta``). Schema 1 (workshops and weights only) is
  upgraded in place to schema 2 by adding its tables; a database written by a newer or unknown schema,
  or that is not a wiintech store, is refused with a message that says what to do.
* **Entries** (schema 2) hold everything else a workshop collects, each as a JSON payload under a
  ``kind`` (e.g. ``"questionnaire"``, ``"score"``, ``"note"``, ``"candidate"``, ``"setting"``) and a
  ``subject`` (the country or cluster it is about): written by a partner (their ``partner_id``) or by
  the facilitator (``partner_id`` empty). Like submissions they are appended, never overwritten: the
  newest entry per (partner, kind, subject) in a round is the one that counts.
* **Room edits** (schema 2): a page's edits (cluster scores, competence ticks) saved under a room key
  that travels in the URL, so a refresh or another device opened on the same link sees them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (Boolean, Column, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint,
                        create_engine, event, func, inspect, select, update)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

from wiintech.errors import AccessError, StoreError

SCHEMA_VERSION = 2
UPGRADABLE = {1}  # schema versions this app upgrades in place
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "var" / "workshop.sqlite3"
ENV_URL = "WIINTECH_DATABASE_URL"
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
JOIN_CODE_LENGTH = 6
MAX_NAME = 120
MAX_COMMENT = 1000
MAX_PARTNERS = 200

metadata = MetaData()
meta = Table("wiintech_meta", metadata,
             Column("key", String(64), primary_key=True),
             Column("value", String(200), nullable=False))
workshops = Table("workshops", metadata,
                  Column("id", Integer, primary_key=True, autoincrement=True),
                  Column("name", String(200), nullable=False),
                  Column("join_code", String(16), nullable=False, unique=True),
                  Column("facilitator_hash", String(64), nullable=False, unique=True),
                  Column("method", String(20), nullable=False),
                  Column("norm", String(20), nullable=False),
                  Column("matrix", Text, nullable=False),  # the candidates and criteria, as JSON
                  Column("show_names", Boolean, nullable=False, default=True),
                  Column("round", Integer, nullable=False, default=1),
                  Column("round_open", Boolean, nullable=False, default=True),
                  Column("revealed_through", Integer, nullable=False, default=0),
                  Column("revision", Integer, nullable=False, default=0),
                  Column("created_at", String(32), nullable=False))
partners = Table("partners", metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("workshop_id", Integer, ForeignKey("workshops.id"), nullable=False, index=True),
                 Column("name", String(MAX_NAME), nullable=False),
                 Column("label", String(10), nullable=False),
                 Column("token_hash", String(64), nullable=False, unique=True),
                 Column("joined_at", String(32), nullable=False),
                 UniqueConstraint("workshop_id", "label"))
rounds = Table("rounds", metadata,
               Column("workshop_id", Integer, ForeignKey("workshops.id"), primary_key=True),
               Column("number", Integer, primary_key=True),
               Column("opened_at", String(32), nullable=False),
               Column("closed_at", String(32)))
submissions = Table("submissions", metadata,
                    Column("id", Integer, primary_key=True, autoincrement=True),
                    Column("workshop_id", Integer, ForeignKey("workshops.id"), nullable=False, index=True),
                    Column("partner_id", Integer, ForeignKey("partners.id"), nullable=False, index=True),
                    Column("round", Integer, nullable=False),
                    Column("submitted_at", String(32), nullable=False),
                    Column("weights", Text, nullable=False),  # JSON: criterion key -> weight
                    Column("comment", Text, nullable=False, default=""),
                    Column("removed", Boolean, nullable=False, default=False))
# Schema 2
entries = Table("entries", metadata,
                Column("id", Integer, primary_key=True, autoincrement=True),
                Column("workshop_id", Integer, ForeignKey("workshops.id"), nullable=False, index=True),
                Column("partner_id", Integer, ForeignKey("partners.id"), nullable=True, index=True),
                Column("round", Integer, nullable=False),
                Column("kind", String(20), nullable=False),
                Column("subject", String(200), nullable=False, default=""),
                Column("payload", Text, nullable=False),  # JSON
                Column("created_at", String(32), nullable=False),
                Column("removed", Boolean, nullable=False, default=False))
room_edits = Table("room_edits", metadata,
                   Column("room", String(64), primary_key=True),
                   Column("page", String(40), primary_key=True),
                   Column("payload", Text, nullable=False),  # JSON
                   Column("revision", Integer, nullable=False, default=1),
                   Column("updated_at", String(32), nullable=False))
SCHEMA_2_TABLES = (entries, room_edits)
MAX_PAYLOAD = 200_000  # characters of JSON in one entry or one page's edits
ROOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class Workshop:
    id: int
    name: str
    join_code: str
    method: str
    norm: str
    matrix: dict
    show_names: bool
    round: int
    round_open: bool
    revealed_through: int
    revision: int
    created_at: str


@dataclass(frozen=True)
class Partner:
    id: int
    workshop_id: int
    name: str
    label: str
    joined_at: str

    def shown(self, show_names: bool) -> str:
        return self.name if show_names else self.label


@dataclass(frozen=True)
class Submission:
    id: int
    partner_id: int
    round: int
    submitted_at: str
    weights: dict
    comment: str
    removed: bool


@dataclass(frozen=True)
class Entry:
    id: int
    partner_id: int | None  # None: written by the facilitator
    round: int
    kind: str
    subject: str
    payload: object
    created_at: str
    removed: bool


@dataclass(frozen=True)
class Round:
    number: int
    opened_at: str
    closed_at: str | None


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_token() -> str:
    """A fresh secret (192 bits, URL-safe). Never one that begins with "-": on a command line
    (``workshop submit TOKEN``) that would read as an option, one token in 64."""
    while True:
        token = secrets.token_urlsafe(24)
        if not token.startswith("-"):
            return token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def database_url(url: str | None = None) -> str:
    """The store's URL: the one given, else ``$WIINTECH_DATABASE_URL``, else the SQLite file in var/.
    ``postgresql://`` is read as ``postgresql+psycopg://`` (psycopg 3)."""
    url = url or os.environ.get(ENV_URL) or f"sqlite:///{DEFAULT_PATH}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below starts transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # A write takes the write lock at once, so it never has to upgrade a read lock (which SQLite
        # refuses with "database is locked" instead of waiting).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


_engines: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine (one connection pool) per URL per process."""
    if url not in _engines:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError(f"{ENV_URL} is not a database URL (e.g. postgresql://user@host/db).") from None
        try:
            if parsed.get_backend_name() == "sqlite":
                _engines[url] = _sqlite_engine(parsed)
            else:
                _engines[url] = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=10)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"Cannot use the database {parsed.render_as_string(hide_password=True)}: "
                             f"{exc.__class__.__name__}.") from None
    return _engines[url]


def _where(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the configured database"


class Store:
    """The workshop store at one database URL. Creates its tables on first use."""

    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self.where = _where(self.url)
        self.engine = engine_for(self.url)
        self._recent: dict[int, tuple[float, int]] = {}
        self._recent_lock = threading.Lock()
        self._prepare()

    # -- schema -----------------------------------------------------------------------------------
    def _prepare(self, attempt: int = 0) -> None:
        try:
            tables = set(inspect(self.engine).get_table_names())
            if meta.name not in tables:
                if tables & {workshops.name, partners.name, submissions.name}:
                    raise StoreError(f"{self.where} holds workshop tables without a schema version: it was "
                                     "not written by this app. Point WIINTECH_DATABASE_URL at an empty database.")
                with self._write() as c:
                    metadata.create_all(c)
                    c.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                return
            with self.engine.connect() as c:
                found = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        except (IntegrityError, ProgrammingError):  # another process created it at the same moment
            if attempt < 3:
                return self._prepare(attempt + 1)
            raise StoreError(f"Cannot create the workshop tables at {self.where}.") from None
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"Cannot open the workshop store at {self.where}: "
                             f"{_reason(exc)}. Check the file or WIINTECH_DATABASE_URL.") from None
        version = int(found) if found and str(found).isdigit() else None
        if version == SCHEMA_VERSION:
            return
        if version in UPGRADABLE:
            self._upgrade(version)
            return
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"The workshop store at {self.where} was written by a newer version of this app "
                             f"(schema {version}; this app reads schema {SCHEMA_VERSION}). Update the app, or "
                             "point WIINTECH_DATABASE_URL at another database.")
        raise StoreError(f"The workshop store at {self.where} has schema {found!r}, which this app cannot "
                         f"upgrade (it reads schema {SCHEMA_VERSION}). Export what you need from it with the "
                         "app that wrote it, then move the file aside (or point WIINTECH_DATABASE_URL at a "
                         "new database) and the app will create a fresh store.")

    def _upgrade(self, version: int) -> None:
        """Schema 1 → 2: add the entries and room-edit tables; nothing existing changes."""
        try:
            with self._write() as c:
                current = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
                if str(current) == str(SCHEMA_VERSION):
                    return  # another process upgraded it first
                metadata.create_all(c, tables=list(SCHEMA_2_TABLES))
                c.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
        except SQLAlchemyError as exc:
            raise StoreError(f"Cannot upgrade the workshop store at {self.where} from schema {version} to "
                             f"{SCHEMA_VERSION}: {_reason(exc)}. Back the file up and move it aside, or point "
                             "WIINTECH_DATABASE_URL at a new database.") from None

    @contextmanager
    def _write(self):
        """One write transaction."""
        try:
            with self.engine.connect().execution_options(write=True) as c, c.begin():
                yield c
        except (OperationalError,) as exc:
            raise StoreError(f"The workshop store at {self.where} could not be written: {_reason(exc)}.") from None

    @contextmanager
    def _read(self):
        try:
            with self.engine.connect() as c:
                yield c
        except OperationalError as exc:
            raise StoreError(f"The workshop store at {self.where} could not be read: {_reason(exc)}.") from None

    @staticmethod
    def _bump(c, workshop_id: int) -> None:
        """First statement of every write to a workshop: takes its lock and marks the change."""
        c.execute(update(workshops).where(workshops.c.id == workshop_id)
                  .values(revision=workshops.c.revision + 1))

    # -- creating and joining ---------------------------------------------------------------------
    def create_workshop(self, name: str, method: str, norm: str, matrix: dict) -> tuple[Workshop, str]:
        """A new workshop with round 1 open. Returns it and the facilitator token (shown once)."""
        name = _text(name, "The workshop's name", 200)
        token = new_token()
        for _ in range(20):
            code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
            try:
                with self._write() as c:
                    stamp = now()
                    wid = c.execute(workshops.insert().values(
                        name=name, join_code=code, facilitator_hash=hash_token(token), method=method,
                        norm=norm, matrix=json.dumps(matrix), show_names=True, round=1, round_open=True,
                        revealed_through=0, revision=1, created_at=stamp)).inserted_primary_key[0]
                    c.execute(rounds.insert().values(workshop_id=wid, number=1, opened_at=stamp))
                return self.workshop(wid), token
            except IntegrityError:
                continue  # the join code was taken: draw another
        raise StoreError("Could not draw a free join code; try again.")

    def join(self, code: str, name: str) -> tuple[Partner, str]:
        """A partner joins with the workshop's join code and their organisation's name; returns the
        partner and their personal token (shown once, in their personal link)."""
        name = _text(name, "Your organisation's name", MAX_NAME)
        w = self.workshop_by_code(code)
        token = new_token()
        with self._write() as c:
            self._bump(c, w.id)
            count = c.execute(select(func.count()).select_from(partners)
                              .where(partners.c.workshop_id == w.id)).scalar()
            if count >= MAX_PARTNERS:
                raise AccessError(f"This workshop already has {MAX_PARTNERS} partners, the most it takes.")
            label = f"P{count + 1}"
            pid = c.execute(partners.insert().values(
                workshop_id=w.id, name=name, label=label, token_hash=hash_token(token),
                joined_at=now())).inserted_primary_key[0]
        return self.partner_by_id(pid), token

    # -- who is asking ----------------------------------------------------------------------------
    def workshop_by_code(self, code: str) -> Workshop:
        code = "".join(str(code or "").split()).upper()
        if not code:
            raise AccessError("Enter the join code shown on the facilitator's screen.")
        with self._read() as c:
            row = c.execute(select(workshops).where(workshops.c.join_code == code)).mappings().first()
        if row is None:
            raise AccessError(f"No workshop has the join code {code[:16]}. Check the code on the screen.")
        return _workshop(row)

    def _holder(self, column, token: str, refusal: str):
        """The row whose hashed token matches: found by the hash, then compared in constant time."""
        h = hash_token(token or "")
        with self._read() as c:
            row = c.execute(select(column.table).where(column == h)).mappings().first()
        if row is None or not hmac.compare_digest(row[column.name], h):
            raise AccessError(refusal)
        return row

    def facilitator(self, token: str) -> Workshop:
        """The workshop this facilitator token opens."""
        return _workshop(self._holder(workshops.c.facilitator_hash, token,
                                      "This facilitator link (token) is not valid. Use the link you were "
                                      "given when you created the workshop."))

    def partner(self, token: str) -> tuple[Workshop, Partner]:
        """The partner (and their workshop) this personal token belongs to."""
        row = self._holder(partners.c.token_hash, token,
                           "This personal link (token) is not valid. Use the link you were given when "
                           "you joined, or join again with the code on the screen.")
        return self.workshop(row["workshop_id"]), _partner(row)

    def workshop(self, workshop_id: int) -> Workshop:
        with self._read() as c:
            row = c.execute(select(workshops).where(workshops.c.id == workshop_id)).mappings().first()
        if row is None:
            raise AccessError("This workshop no longer exists.")
        return _workshop(row)

    def partner_by_id(self, partner_id: int) -> Partner:
        with self._read() as c:
            return _partner(c.execute(select(partners).where(partners.c.id == partner_id)).mappings().one())

    # -- what a view polls ------------------------------------------------------------------------
    def revision(self, workshop_id: int) -> int:
        """One integer that changes with every write to the workshop: the cheap "anything new?"."""
        with self._read() as c:
            return int(c.execute(select(workshops.c.revision).where(workshops.c.id == workshop_id)).scalar() or 0)

    def recent_revision(self, workshop_id: int, max_age: float = 0.2) -> int:
        """``revision``, read at most once per ``max_age`` seconds by this process however many
        views poll it (30 open views at one tick each per second make one query, not 30). The
        database stays the only source: a value is never older than ``max_age``."""
        now_ = time.monotonic()
        with self._recent_lock:
            hit = self._recent.get(workshop_id)
            if hit is not None and now_ - hit[0] < max_age:
                return hit[1]
        value = self.revision(workshop_id)
        with self._recent_lock:
            self._recent[workshop_id] = (now_, value)
        return value

    # -- submissions ------------------------------------------------------------------------------
    def submit(self, partner_token: str, weights: dict, comment: str = "") -> Submission:
        """Record a partner's weights in the open round. The newest submission of a partner in a
        round is the one that counts; every earlier one is kept."""
        w, p = self.partner(partner_token)
        comment = _text(comment or "", "The comment", MAX_COMMENT, required=False)
        with self._write() as c:
            self._bump(c, w.id)
            state = c.execute(select(workshops.c.round, workshops.c.round_open)
                              .where(workshops.c.id == w.id)).one()
            if not state.round_open:
                raise AccessError(f"Round {state.round} is closed: the facilitator has stopped taking "
                                  "submissions. Wait for the next round.")
            sid = c.execute(submissions.insert().values(
                workshop_id=w.id, partner_id=p.id, round=state.round, submitted_at=now(),
                weights=json.dumps(weights), comment=comment, removed=False)).inserted_primary_key[0]
        return self.submission(sid)

    def submission(self, submission_id: int) -> Submission:
        with self._read() as c:
            return _submission(c.execute(select(submissions).where(submissions.c.id == submission_id))
                               .mappings().one())

    def partners(self, workshop_id: int) -> list[Partner]:
        with self._read() as c:
            rows = c.execute(select(partners).where(partners.c.workshop_id == workshop_id)
                             .order_by(partners.c.id)).mappings().all()
        return [_partner(r) for r in rows]

    def history(self, workshop_id: int) -> list[Submission]:
        """Every submission of the workshop, removed ones too, oldest first."""
        return self._submissions(submissions.c.workshop_id == workshop_id)

    def own(self, partner_token: str) -> tuple[Workshop, Partner, list[Submission]]:
        """A partner's workshop, themselves and every submission they made, oldest first."""
        w, p = self.partner(partner_token)
        return w, p, self._submissions(submissions.c.partner_id == p.id)

    def _submissions(self, where) -> list[Submission]:
        with self._read() as c:
            rows = c.execute(select(submissions).where(where).order_by(submissions.c.id)).mappings().all()
        return [_submission(r) for r in rows]

    def rounds(self, workshop_id: int) -> list[Round]:
        with self._read() as c:
            rows = c.execute(select(rounds).where(rounds.c.workshop_id == workshop_id)
                             .order_by(rounds.c.number)).mappings().all()
        return [Round(r["number"], r["opened_at"], r["closed_at"]) for r in rows]

    # -- the facilitator's controls ---------------------------------------------------------------
    def close_round(self, facilitator_token: str) -> Workshop:
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            c.execute(update(workshops).where(workshops.c.id == w.id).values(round_open=False))
            c.execute(update(rounds).where((rounds.c.workshop_id == w.id) & (rounds.c.number == w.round)
                                           & rounds.c.closed_at.is_(None)).values(closed_at=now()))
        return self.workshop(w.id)

    def open_next_round(self, facilitator_token: str) -> Workshop:
        """Close the current round (if open), reveal its result to the partners, open the next."""
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            state = c.execute(select(workshops.c.round, workshops.c.revealed_through)
                              .where(workshops.c.id == w.id)).one()
            stamp = now()
            c.execute(update(rounds).where((rounds.c.workshop_id == w.id) & (rounds.c.number == state.round)
                                           & rounds.c.closed_at.is_(None)).values(closed_at=stamp))
            c.execute(update(workshops).where(workshops.c.id == w.id).values(
                round=state.round + 1, round_open=True, revealed_through=max(state.revealed_through, state.round)))
            c.execute(rounds.insert().values(workshop_id=w.id, number=state.round + 1, opened_at=stamp))
        return self.workshop(w.id)

    def reopen_round(self, facilitator_token: str) -> Workshop:
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            c.execute(update(workshops).where(workshops.c.id == w.id).values(round_open=True))
            c.execute(update(rounds).where((rounds.c.workshop_id == w.id) & (rounds.c.number == w.round))
                      .values(closed_at=None))
        return self.workshop(w.id)

    def reveal(self, facilitator_token: str, through_round: int | None = None) -> Workshop:
        """Let the partners see the group's result up to this round (default: the current one)."""
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            c.execute(update(workshops).where(workshops.c.id == w.id)
                      .values(revealed_through=through_round if through_round is not None else w.round))
        return self.workshop(w.id)

    def set_show_names(self, facilitator_token: str, show: bool) -> Workshop:
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            c.execute(update(workshops).where(workshops.c.id == w.id).values(show_names=bool(show)))
        return self.workshop(w.id)

    def set_matrix(self, facilitator_token: str, matrix: dict) -> Workshop:
        """Replace the candidates and criteria the workshop ranks (the facilitator takes over the
        table the room's questionnaire adds up to). Every round is then ranked on the new matrix."""
        w = self.facilitator(facilitator_token)
        body = json.dumps(matrix, allow_nan=False)
        if len(body) > MAX_PAYLOAD:
            raise AccessError(f"This candidate data is longer than {MAX_PAYLOAD:,} characters, the most a workshop keeps.")
        with self._write() as c:
            self._bump(c, w.id)
            c.execute(update(workshops).where(workshops.c.id == w.id).values(matrix=body))
        return self.workshop(w.id)

    def remove_submission(self, facilitator_token: str, submission_id: int) -> Submission:
        """Take a submission out of the results; it stays in the history, marked removed."""
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            done = c.execute(update(submissions).where((submissions.c.id == submission_id)
                                                       & (submissions.c.workshop_id == w.id))
                             .values(removed=True)).rowcount
        if not done:
            raise AccessError("That submission is not in this workshop.")
        return self.submission(submission_id)

    # -- entries (schema 2): answers, scores, notes, settings -------------------------------------
    def add_entry(self, partner_token: str, kind: str, subject: str, payload, *,
                  require_open: bool = True) -> Entry:
        """A partner records an answer or a score (their own, in the current round)."""
        w, p = self.partner(partner_token)
        return self._add_entry(w.id, p.id, kind, subject, payload, require_open)

    def add_entries(self, partner_token: str, items: list[tuple[str, str, object]]) -> list[Entry]:
        """Several of a partner's entries ``(kind, subject, payload)`` in one transaction (a whole
        questionnaire at once): all recorded or none."""
        w, p = self.partner(partner_token)
        return self._add_many(w.id, p.id, items, True)

    def add_facilitator_entry(self, facilitator_token: str, kind: str, subject: str, payload) -> Entry:
        """The facilitator records a setting, a consensus note or a proposed candidate. Allowed
        whether the round is open or closed."""
        w = self.facilitator(facilitator_token)
        return self._add_entry(w.id, None, kind, subject, payload, False)

    def _add_entry(self, workshop_id, partner_id, kind, subject, payload, require_open) -> Entry:
        return self._add_many(workshop_id, partner_id, [(kind, subject, payload)], require_open)[0]

    def _add_many(self, workshop_id, partner_id, items, require_open) -> list[Entry]:
        rows = []
        for kind, subject, payload in items:
            kind = _text(kind, "The entry's kind", 20)
            subject = _text(subject or "", "The entry's subject", 200, required=False)
            body = json.dumps(payload, ensure_ascii=False, allow_nan=False)
            if len(body) > MAX_PAYLOAD:
                raise AccessError(f"An entry is longer than {MAX_PAYLOAD:,} characters, the most one takes.")
            rows.append((kind, subject, body))
        with self._write() as c:
            self._bump(c, workshop_id)
            state = c.execute(select(workshops.c.round, workshops.c.round_open)
                              .where(workshops.c.id == workshop_id)).one()
            if require_open and not state.round_open:
                raise AccessError(f"Round {state.round} is closed: the facilitator has stopped taking "
                                  "answers. Wait for the next round.")
            stamp = now()
            ids = [c.execute(entries.insert().values(
                workshop_id=workshop_id, partner_id=partner_id, round=state.round, kind=kind, subject=subject,
                payload=body, created_at=stamp, removed=False)).inserted_primary_key[0]
                for kind, subject, body in rows]
        with self._read() as c:
            found = c.execute(select(entries).where(entries.c.id.in_(ids)).order_by(entries.c.id)).mappings().all()
        return [_entry(r) for r in found]

    def entries(self, workshop_id: int, kind: str | None = None) -> list[Entry]:
        """Every entry of the workshop (of one kind), removed ones too, oldest first."""
        where = entries.c.workshop_id == workshop_id
        if kind is not None:
            where = where & (entries.c.kind == kind)
        return self._entries(where)

    def own_entries(self, partner_token: str, kind: str | None = None) -> list[Entry]:
        """A partner's own entries (of one kind), oldest first."""
        _w, p = self.partner(partner_token)
        where = entries.c.partner_id == p.id
        if kind is not None:
            where = where & (entries.c.kind == kind)
        return self._entries(where)

    def _entries(self, where) -> list[Entry]:
        with self._read() as c:
            rows = c.execute(select(entries).where(where).order_by(entries.c.id)).mappings().all()
        return [_entry(r) for r in rows]

    def remove_entry(self, facilitator_token: str, entry_id: int) -> Entry:
        """Take an entry out of the results; it stays in the history, marked removed."""
        w = self.facilitator(facilitator_token)
        with self._write() as c:
            self._bump(c, w.id)
            done = c.execute(update(entries).where((entries.c.id == entry_id) & (entries.c.workshop_id == w.id))
                             .values(removed=True)).rowcount
        if not done:
            raise AccessError("That entry is not in this workshop.")
        return self._entries(entries.c.id == entry_id)[0]

    # -- room edits (schema 2) --------------------------------------------------------------------
    @staticmethod
    def new_room() -> str:
        """A fresh room key for the URL (unguessable: whoever has the link shares the edits)."""
        return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(16))

    @staticmethod
    def _room(room: str) -> str:
        room = str(room or "")
        if not (8 <= len(room) <= 64) or any(ch not in ROOM_ALPHABET for ch in room):
            raise AccessError("This room key is not valid: it is 8–64 lower-case letters and digits.")
        return room

    def save_edits(self, room: str, page: str, payload) -> int:
        """Store a page's edits for a room (replacing the earlier ones); returns their revision."""
        room = self._room(room)
        page = _text(page, "The page", 40)
        body = json.dumps(payload, ensure_ascii=False, allow_nan=False)
        if len(body) > MAX_PAYLOAD:
            raise AccessError(f"These edits are longer than {MAX_PAYLOAD:,} characters, the most a page keeps.")
        with self._write() as c:
            found = c.execute(select(room_edits.c.revision).where(
                (room_edits.c.room == room) & (room_edits.c.page == page))).scalar()
            if found is None:
                c.execute(room_edits.insert().values(room=room, page=page, payload=body, revision=1,
                                                     updated_at=now()))
                return 1
            c.execute(update(room_edits).where((room_edits.c.room == room) & (room_edits.c.page == page))
                      .values(payload=body, revision=found + 1, updated_at=now()))
            return found + 1

    def load_edits(self, room: str, page: str):
        """A page's saved edits for a room, or None."""
        room = self._room(room)
        with self._read() as c:
            body = c.execute(select(room_edits.c.payload).where(
                (room_edits.c.room == room) & (room_edits.c.page == page))).scalar()
        return None if body is None else json.loads(body)

    def clear_edits(self, room: str, page: str) -> None:
        room = self._room(room)
        with self._write() as c:
            c.execute(room_edits.delete().where((room_edits.c.room == room) & (room_edits.c.page == page)))


def newest_entries(found: list[Entry], round_number: int | None = None) -> dict[tuple, Entry]:
    """(partner id, kind, subject) -> the entry that counts: the newest not removed (in a round)."""
    out: dict[tuple, Entry] = {}
    for e in found:
        if not e.removed and (round_number is None or e.round == round_number):
            out[(e.partner_id, e.kind, e.subject)] = e
    return out


def latest(history: list[Submission], round_number: int) -> dict[int, Submission]:
    """Partner id -> the submission that counts in this round: their newest one not removed."""
    out: dict[int, Submission] = {}
    for s in history:
        if s.round == round_number and not s.removed:
            out[s.partner_id] = s
    return out


def _text(value, what: str, limit: int, required: bool = True) -> str:
    text = " ".join(str(value).split())
    if required and not text:
        raise AccessError(f"{what} cannot be empty.")
    if len(text) > limit:
        raise AccessError(f"{what} is longer than {limit} characters.")
    return text


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0][:200]


def _workshop(row) -> Workshop:
    return Workshop(row["id"], row["name"], row["join_code"], row["method"], row["norm"],
                    json.loads(row["matrix"]), bool(row["show_names"]), row["round"], bool(row["round_open"]),
                    row["revealed_through"], row["revision"], row["created_at"])


def _partner(row) -> Partner:
    return Partner(row["id"], row["workshop_id"], row["name"], row["label"], row["joined_at"])


def _submission(row) -> Submission:
    return Submission(row["id"], row["partner_id"], row["round"], row["submitted_at"],
                      json.loads(row["weights"]), row["comment"], bool(row["removed"]))


def _entry(row) -> Entry:
    return Entry(row["id"], row["partner_id"], row["round"], row["kind"], row["subject"],
                 json.loads(row["payload"]), row["created_at"], bool(row["removed"]))
