"""`make backup-drill`: prove that a backup restores, for SQLite and for PostgreSQL.

For each database it builds a site as `make seed` does (the handbook, the packs, OEWS May 2025),
adds visitors' questions, then takes a backup the way docs/operations.md says (SQLite's online
backup API; `pg_dump -Fc`), restores it into a fresh database (a new file; `createdb` +
`pg_restore`) and checks, on the restored copy:
  - the site's content export (`export_content`) is byte-identical to the original's,
  - the questions table is complete: the same count and the same rows (a SHA-256 of them).
It prints the figures (sizes, times) and exits 1 on any difference. PostgreSQL is the local
server (127.0.0.1:5432, user postgres) unless DRILL_PG_URL names another; it is skipped, and
said so, when `pg_dump` or the server is missing. Everything it makes is removed at the end.
Loopback only; about a minute.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prodserver import OEWS_FILES

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
QUESTIONS = 40
PG_URL = os.environ.get("DRILL_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")

ADD_QUESTIONS = f"""
from guides.models import CareerGuide
from questions.models import SubmittedQuestion
guides = list(CareerGuide.objects.order_by("slug"))
for n in range({QUESTIONS}):
    SubmittedQuestion.objects.create(
        guide=guides[n % len(guides)],
        question=f"Backup drill question {{n}}: how long does the training take?",
    )
"""

QUESTIONS_DIGEST = """
import hashlib
from questions.models import SubmittedQuestion
rows = SubmittedQuestion.objects.order_by("pk").values_list()
print(SubmittedQuestion.objects.count(), hashlib.sha256(repr(list(rows)).encode()).hexdigest())
"""


def tool(name: str, *args: str, check: bool = True) -> None:
    """Run a PostgreSQL client program found on PATH (fixed arguments, loopback server)."""
    subprocess.run([shutil.which(name) or name, *args], check=check)  # noqa: S603


def manage(database_url: str, *args: str, capture: bool = False) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    result = subprocess.run(  # noqa: S603 (this Python, the project's manage.py)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout if capture else ""


def build_site(database_url: str) -> None:
    manage(database_url, "migrate", "--verbosity", "0")
    manage(database_url, "import_ooh", "data/ooh/occupations-2024-34.json")
    manage(database_url, "import_duties")
    manage(database_url, "seed_content")
    manage(database_url, "import_oews", *OEWS_FILES)
    manage(database_url, "import_onet")
    manage(database_url, "build_next_steps")
    manage(database_url, "shell", "-c", ADD_QUESTIONS)


def snapshot(database_url: str) -> tuple[str, str]:
    """(sha256 of the content export, "count sha256" of the questions table)."""
    export = manage(database_url, "export_content", capture=True)
    questions = manage(database_url, "shell", "-c", QUESTIONS_DIGEST, capture=True).strip()
    return hashlib.sha256(export.encode()).hexdigest(), questions


def check(name: str, before, after, figures: list) -> bool:
    ok = before == after
    figures.append(
        f"| {name} | export {'identical' if before[0] == after[0] else 'DIFFERENT'}"
        f" | questions {before[1].split()[0]} → {after[1].split()[0]}"
        f" ({'same rows' if before[1] == after[1] else 'DIFFERENT'}) |"
    )
    return ok


def sqlite_drill(workdir: Path, figures: list) -> bool:
    source, backup = workdir / "site.sqlite3", workdir / "backup.sqlite3"
    url = f"sqlite:///{source}"
    start = time.monotonic()
    build_site(url)
    built = time.monotonic() - start
    before = snapshot(url)
    start = time.monotonic()
    # The online backup API: a consistent copy while the site keeps running.
    with sqlite3.connect(source) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    took = time.monotonic() - start
    restored = workdir / "restored.sqlite3"
    shutil.copyfile(backup, restored)
    after = snapshot(f"sqlite:///{restored}")
    figures.append(
        f"| SQLite | built in {built:.0f} s; backup {backup.stat().st_size / 1e6:.1f} MB "
        f"in {took:.2f} s |"
    )
    return check("SQLite restore", before, after, figures)


def postgres_drill(workdir: Path, figures: list) -> bool | None:
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        figures.append("| PostgreSQL | skipped: pg_dump/pg_restore not installed |")
        return None
    server = urlparse(PG_URL)
    base = f"{server.scheme}://{server.netloc}"
    suffix = uuid.uuid4().hex[:8]
    names = [f"careerpath_drill_{suffix}", f"careerpath_drill_{suffix}_restored"]
    conn = ["-h", server.hostname or "127.0.0.1", "-p", str(server.port or 5432)]
    conn += ["-U", server.username or "postgres"]
    try:
        tool("createdb", *conn, names[0])
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        figures.append(f"| PostgreSQL | skipped: no server to create a database on ({error}) |")
        return None
    try:
        source = f"{base}/{names[0]}"
        start = time.monotonic()
        build_site(source)
        built = time.monotonic() - start
        before = snapshot(source)
        dump = workdir / "careerpath.dump"
        start = time.monotonic()
        tool("pg_dump", *conn, "-Fc", "-f", str(dump), names[0])
        dumped = time.monotonic() - start
        tool("createdb", *conn, names[1])
        start = time.monotonic()
        tool("pg_restore", *conn, "--no-owner", "--exit-on-error", "-d", names[1], str(dump))
        restored = time.monotonic() - start
        after = snapshot(f"{base}/{names[1]}")
        figures.append(
            f"| PostgreSQL | built in {built:.0f} s; dump {dump.stat().st_size / 1e6:.1f} MB in "
            f"{dumped:.1f} s; restore {restored:.1f} s |"
        )
        return check("PostgreSQL restore", before, after, figures)
    finally:
        for name in reversed(names):
            tool("dropdb", *conn, "--if-exists", name, check=False)


def main() -> int:
    figures = ["| Step | Result |", "| --- | --- |"]
    with tempfile.TemporaryDirectory(prefix="careerpath-backup-") as tmp:
        results = [sqlite_drill(Path(tmp), figures), postgres_drill(Path(tmp), figures)]
    print("\n".join(figures))
    if any(result is False for result in results):
        print("The restored copy differs from the original: the backup is not good.")
        return 1
    print("Every backup restored: the same content export, every question.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
