"""A local production server for `make bench`, `audit` and `observatory`: gunicorn, debug off.

Used as a context manager::

    with ProductionSite() as site:          # throwaway SQLite, migrated, seeded, collected
        with site.serve(cache_disabled=False) as base_url:
            ...                             # http://127.0.0.1:<free port>

The database is a SQLite file in a temporary directory, unless DATABASE_URL is set: then that
database is migrated and seeded (seeding only adds what is missing, never overwrites).
Static files are collected into a throwaway STATIC_ROOT with the production storage (hashed,
compressed names), as a deploy would; never into staticfiles/, which whitenoise would then
prefer to the source files in development and tests.
"""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The current OEWS release as BLS publishes it, in three files (as `make seed` imports them).
OEWS_FILES = [
    "data/oews/oews_M2025_nat_st.csv.gz",
    "data/oews/oews_M2025_msa.csv.gz",
    "data/oews/oews_M2025_nat_ind.csv.gz",
]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
OPS = ROOT / "ops"

# Worker class: gthread, one worker per CPU, one thread each. Sync workers (gunicorn's
# default) close the connection after every response, so a load test would largely measure
# TCP set-up (and /healthz most of all); gthread keeps connections alive, as browsers and
# proxies do. One thread, because the pages are CPU-bound on a local database: with four
# threads per worker the uncached guide cost about a fifth more CPU per request (GIL
# contention) for no more throughput. With a remote PostgreSQL a few threads would let one
# request's database wait overlap another's rendering.
WORKER_CLASS = "gthread"
THREADS = 1
START_TIMEOUT = 60.0


class ServerError(RuntimeError):
    """The site could not be prepared or did not start; the message says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProductionSite(contextlib.AbstractContextManager):
    def __init__(self, workers: int | None = None, *, seed: bool = True):
        # seed=False: the database is built already (make bench-scale loads its own content).
        self.workers = workers or os.cpu_count() or 1
        self.seed = seed
        self.tmp = tempfile.TemporaryDirectory(prefix="careerpath-prod-")
        self.tmpdir = Path(self.tmp.name)
        database_url = os.environ.get("DATABASE_URL") or (
            f"sqlite:///{self.tmpdir / 'careerpath.sqlite3'}"
        )
        self.database_label = (
            "DATABASE_URL" if os.environ.get("DATABASE_URL") else "throwaway SQLite"
        )
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            # A fresh random key per run: nothing secret is stored anywhere.
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP locally: no redirect to HTTPS (a TLS proxy does that in production).
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "DJANGO_LOG_LEVEL": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
            "DJANGO_STATIC_ROOT": str(self.tmpdir / "static"),
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DJANGO_CACHE_DISABLED", None)

    def __enter__(self):
        try:
            seeding = [
                ["migrate", "--noinput"],
                # As `make seed`: the handbook's profiles, their duties and Spanish, the packs,
                # the current OEWS release, O*NET's data on the work.
                ["import_ooh"],
                ["import_duties"],
                ["import_spanish"],
                ["seed_content"],
                ["import_oews", *OEWS_FILES],
                ["import_onet"],
                ["build_next_steps"],
            ]
            for command in [*(seeding if self.seed else []), ["collectstatic", "--noinput"]]:
                self.manage(*command)
        except BaseException:
            self.tmp.cleanup()
            raise
        return self

    def __exit__(self, *exc_info):
        self.tmp.cleanup()

    @property
    def cache_backend(self) -> str:
        return "Redis" if self.env.get("REDIS_URL") else "local memory"

    def manage(self, *args: str) -> None:
        label = " ".join(args)
        print(f"-- manage.py {label}", file=sys.stderr, flush=True)
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ServerError(
                f"manage.py {label} failed (exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )

    @contextlib.contextmanager
    def serve(
        self,
        *,
        cache_disabled: bool = False,
        settings_module: str | None = None,
        tls: tuple[Path, Path] | None = None,
        extra_env: dict[str, str] | None = None,
        port: int | None = None,
    ):
        """Run gunicorn until the block ends; yields a Server (its .url has no trailing slash).

        settings_module: a settings module under ops/ to serve with instead of the site's.
        tls: (certificate, key) PEM files: serve HTTPS with them (the certificate must be valid
        for 127.0.0.1; it is trusted for the health check). extra_env: added to the environment.
        port: listen there (make drill restarts an instance on its port); by default a free one.
        """
        port = port or free_port()
        env = {**self.env, **(extra_env or {})}
        if cache_disabled:
            env["DJANGO_CACHE_DISABLED"] = "1"
        if settings_module:
            env["DJANGO_SETTINGS_MODULE"] = settings_module
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OPS), env.get("PYTHONPATH")]))
        log_path = self.tmpdir / f"gunicorn-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(  # noqa: S603 (fixed arguments)
                [
                    str(GUNICORN),
                    "careerpath.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(self.workers),
                    "--worker-class",
                    WORKER_CLASS,
                    "--threads",
                    str(THREADS),
                    "--keep-alive",
                    "5",
                    *(["--certfile", str(tls[0]), "--keyfile", str(tls[1])] if tls else []),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so that stopping it stops every worker too.
                start_new_session=True,
            )
        scheme = "https" if tls else "http"
        server = Server(url=f"{scheme}://127.0.0.1:{port}", process=process)
        context = ssl.create_default_context(cafile=tls[0]) if tls else None
        try:
            self._wait_until_healthy(process, server.url, log_path, context)
            yield server
        finally:
            stop(process)

    def _wait_until_healthy(
        self, process, base_url: str, log_path: Path, context: ssl.SSLContext | None = None
    ) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerError(
                    f"gunicorn exited with {process.returncode} before answering:\n"
                    + log_path.read_text(errors="replace")[-4000:]
                )
            with contextlib.suppress(OSError):
                if fetch_status(f"{base_url}/healthz", timeout=2, context=context) == 200:
                    return
            time.sleep(0.2)
        raise ServerError(
            f"gunicorn did not answer 200 on /healthz within {START_TIMEOUT:.0f} s:\n"
            + log_path.read_text(errors="replace")[-4000:]
        )


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) used so far by gunicorn and its workers; None without /proc.

        Unlike requests per second, this barely depends on what else the machine is doing.
        """
        if not Path("/proc/self/stat").exists():
            return None
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended while we looked
            # After the command name: state, ppid, pgrp, ..., utime (12th), stime (13th).
            if int(fields[2]) == self.process.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn and all its workers: TERM to the process group, KILL if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def fetch_status(url: str, timeout: float = 30, context: ssl.SSLContext | None = None) -> int:
    """The status of one GET, redirects not followed (a 301 here is a finding, not a page).

    https:// URLs are verified with context (by default, the system's trusted certificates).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=context
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        # The query string too: make bench checks the finder's address, not /careers/ alone.
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
