"""Seed once per test session, put the rows back in every test that asks for them.

Running `import_ooh`, `seed_content` and `import_oews` costs most of a second a test; hundreds
of tests ask for the same seeded site. The first test that asks runs the commands for real and
records what they changed, table by table (rows added, rows changed or removed, by primary
key); every later test gets those rows written straight back inside its own transaction, which
is rolled back after it as usual. So each test still starts from exactly the state the commands
leave, and nothing leaks between tests.

The rows are written back only onto the database they were taken from: if the tables Django
fills itself (content types, permissions) differ, as after a transactional test's flush, or a
row cannot go back (a test made a clashing row first), the commands simply run again.

Transactional tests (the browser tests' live server) commit, and the database is flushed after
each; for them `DatabaseCopy` keeps every table's rows once seeded and puts the whole database
back, content types and permissions included, in place of whatever the flush left.
"""

import json
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

# The database's own statistics (SQLite's ANALYZE, which import_oews runs) are not data.
SKIPPED_TABLES = {"django_migrations", "django_session", "sqlite_stat1", "sqlite_stat4"}
BASELINE_TABLE = "django_content_type"


def _key(row: tuple) -> tuple:
    """A hashable copy of a row (PostgreSQL hands back bytea as memoryview, json as dict)."""
    return tuple(
        bytes(value)
        if isinstance(value, memoryview)
        else json.dumps(value, sort_keys=True)
        if isinstance(value, dict | list)
        else value
        for value in row
    )


@dataclass
class Table:
    columns: list[str]
    primary_key: str | None
    rows: dict  # _key(row) -> row


def read_table(cursor, name: str) -> Table:
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")  # noqa: S608
    columns = [column[0] for column in cursor.description]
    rows = {_key(row): row for row in cursor.fetchall()}  # before introspection reuses it
    primary_key = connection.introspection.get_primary_key_column(cursor, name)
    return Table(columns, primary_key, rows)


def capture() -> dict[str, Table]:
    """Every table's rows, as they are now in this test's transaction."""
    with connection.cursor() as cursor:
        return {
            name: read_table(cursor, name)
            for name in connection.introspection.table_names(cursor)
            if name not in SKIPPED_TABLES
        }


@dataclass
class Change:
    """What some commands did to one table: rows to write, and primary keys to clear first."""

    table: str
    columns: list[str]
    primary_key: str
    written: list[tuple]
    cleared: list


class Snapshot:
    def __init__(self, before: dict[str, Table], after: dict[str, Table]):
        self.baseline = set(before[BASELINE_TABLE].rows)
        self.changes = []
        for name, table in after.items():
            old = before.get(name) or Table(table.columns, table.primary_key, {})
            written = [row for key, row in table.rows.items() if key not in old.rows]
            gone = [row for key, row in old.rows.items() if key not in table.rows]
            if not written and not gone:
                continue
            if table.primary_key is None:
                raise ValueError(f"{name} has no primary key: its rows cannot be put back")
            index = table.columns.index(table.primary_key)
            cleared = [row[index] for row in gone]
            self.changes.append(Change(name, table.columns, table.primary_key, written, cleared))

    def restore(self) -> bool:
        """Write the rows back; False (and nothing written) when they cannot go back here."""
        with connection.cursor() as cursor:
            baseline = set(read_table(cursor, BASELINE_TABLE).rows)
        if not self.baseline <= baseline:
            return False  # content types the rows refer to are gone (a flush), or renumbered
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for change in self.changes:
                    self._apply(cursor, change)
                self._reset_sequences(cursor)
        except DatabaseError:
            return False
        return True

    @staticmethod
    def _apply(cursor, change: Change) -> None:
        table = connection.ops.quote_name(change.table)
        key = connection.ops.quote_name(change.primary_key)
        # Only rows the commands changed or removed are cleared: a new row whose id is taken
        # (a test made one first) fails to go in, and the commands run instead.
        for value in change.cleared:
            cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [value])  # noqa: S608
        insert(cursor, change.table, change.columns, change.written)

    def _reset_sequences(self, cursor) -> None:
        reset_sequences(cursor, {change.table for change in self.changes})


def insert(cursor, name: str, columns: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(name)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Many rows a statement (one round trip each), within SQLite's limit on parameters.
    per_statement = max(1, 30_000 // len(columns))
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        cursor.execute(
            f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
            + ", ".join([row_marks] * len(chunk)),
            [value for row in chunk for value in row],
        )


def reset_sequences(cursor, tables: set[str]) -> None:
    """Rows went in with their own ids: PostgreSQL's sequences must move past them (SQLite
    keeps its counters itself)."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables
    ]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)


class DatabaseCopy:
    """Every table's rows as they are now, to put the whole database back later: after a
    transactional test's flush, which empties the tables and makes new content types and
    permissions, this is the same database again, ids and all."""

    def __init__(self):
        self.tables = capture()

    def restore(self) -> None:
        # Django's foreign keys are checked at commit (deferred), so the order does not matter.
        with transaction.atomic(), connection.cursor() as cursor:
            names = connection.introspection.table_names(cursor)
            for name in names:
                if name not in SKIPPED_TABLES:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(name)}")  # noqa: S608
            for name, table in self.tables.items():
                insert(cursor, name, table.columns, list(table.rows.values()))
            reset_sequences(cursor, set(self.tables))


_snapshots: dict[str, Snapshot] = {}


def seed_once(name: str, seed) -> None:
    """Run `seed()` (which changes the database) the first time; after that, put back the rows
    it changed. `name` says which seeding this is; each depends on what ran before it."""
    snapshot = _snapshots.get(name)
    if snapshot is not None and snapshot.restore():
        return
    before = capture()
    seed()
    _snapshots[name] = Snapshot(before, capture())
