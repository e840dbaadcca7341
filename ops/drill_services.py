"""The drill's own PostgreSQL, Redis and nginx: throwaway instances on free loopback ports.

The machine's programs (Debian's PostgreSQL, Redis and nginx), but instances of the drill's own
in a temporary directory, so that stopping "the database" or "the cache" harms nothing else
running here (a test run, another developer's site) and cleaning up is removing a directory.
Each is stopped by the PID it was started with; nothing listens beyond 127.0.0.1.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from prodserver import ServerError, free_port

DEBIAN = {"DEBIAN_FRONTEND": "noninteractive"}


def say(message: str) -> None:
    print(f"-- {message}", file=sys.stderr, flush=True)


def wait_for_port(port: int, timeout: float, *, up: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            listening = sock.connect_ex(("127.0.0.1", port)) == 0
        if listening == up:
            return
        time.sleep(0.1)
    raise ServerError(f"port {port} did not {'open' if up else 'close'} within {timeout:.0f} s")


def stop_pid(pid: int, timeout: float = 15) -> None:
    """TERM, then KILL if it lingers; a process already gone is fine."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def ensure_nginx() -> str:
    """Debian's nginx, installed when missing (as make bench installs wrk)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("nginx is missing: installing Debian's nginx-light package")
        env = {**os.environ, **DEBIAN}
        for command in (
            ["apt-get", "install", "-y", "-qq", "nginx-light"],
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "nginx-light"],
        ):
            subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
            if Path("/usr/sbin/nginx").exists():
                # The package starts a system nginx on port 80: the drill does not need it.
                subprocess.run(["nginx", "-s", "stop"], capture_output=True, check=False)  # noqa: S607
                return "/usr/sbin/nginx"
    sys.exit(
        "make drill needs nginx and could not install it. As root: apt-get install nginx-light, "
        "then run make drill again."
    )


def postgres_bindir() -> Path:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)  # noqa: S603
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts)
    if not versions:
        sys.exit("make drill needs PostgreSQL's server programs (initdb, pg_ctl).")
    return versions[-1].parent


class PrivatePostgres:
    """A PostgreSQL cluster of the drill's own (initdb in a temporary directory)."""

    def __init__(self, folder: Path):
        self.bindir = postgres_bindir()
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        # initdb and postgres refuse to run as root: as root, they run as the postgres user.
        self.run_as = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            self.folder.mkdir(parents=True, exist_ok=True)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/careerpath"

    def _run(self, program: str, *args: str) -> None:
        command = [*self.run_as, str(self.bindir / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            raise ServerError(f"{program} {' '.join(args)} failed:\n{result.stdout}{result.stderr}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "careerpath"
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        """A fast shutdown (what an outage or a failover looks like to the site)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        return int(pid_file.read_text().split()[0]) if pid_file.exists() else None

    def close(self) -> None:
        if self.pid:
            with contextlib.suppress(ServerError):
                self.stop()
            if self.pid:
                stop_pid(self.pid)


class PrivateRedis:
    """A Redis of the drill's own: nothing on disk, stopped and started by PID."""

    def __init__(self, folder: Path):
        self.program = shutil.which("redis-server") or sys.exit("make drill needs redis-server.")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.program,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for_port(self.port, 10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            stop_pid(self.process.pid)
            self.process.wait()
        wait_for_port(self.port, 10, up=False)

    def keys(self) -> int:
        """DBSIZE, in Redis's own protocol (no client library needed)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(b"*1\r\n$6\r\nDBSIZE\r\n")
            reply = sock.recv(64)
        return int(reply.strip().lstrip(b":"))

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            stop_pid(self.process.pid)
            self.process.wait()


NGINX_CONF = """\
# Written by ops/drill_services.py for make drill: docs/caching.md's example, on loopback.
worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    proxy_cache_path {folder}/cache keys_zone=careerpath:10m max_size=1g inactive=1d;

    upstream careerpath_app {{
        server 127.0.0.1:{port_a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{port_b} max_fails=1 fail_timeout=5s;
        keepalive 32;
        # Below gunicorn's --keep-alive (5 s): else nginx may reuse a connection gunicorn is
        # closing, and a POST on it (never retried) gets a 502. The first drill run found one.
        keepalive_timeout 4s;
    }}

    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        location / {{
            proxy_pass http://careerpath_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # $http_host, not $host: it keeps the drill's port, which CSRF's origin check needs.
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A GET whose instance went away is tried on the other; a POST never twice.
            proxy_next_upstream error timeout http_502;
            proxy_cache careerpath;
            proxy_cache_key $scheme$host$request_uri$http_accept_encoding;
            proxy_cache_bypass $cookie_sessionid $cookie_messages;
            proxy_no_cache $cookie_sessionid $cookie_messages;
            proxy_ignore_headers Vary;
            proxy_cache_revalidate on;
            proxy_cache_background_update on;
            proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
            add_header X-Cache-Status $upstream_cache_status;
        }}
    }}
}}
"""


class Nginx:
    """Debian's nginx in front of the two instances: TLS, proxy_cache, X-Forwarded-Proto."""

    def __init__(self, folder: Path, port_a: int, port_b: int, certificate: Path, key: Path):
        self.program = ensure_nginx()
        self.folder = folder
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        for name in ("temp", "cache"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:
            # Workers drop to nobody: let them use the cache and temporary folders.
            nobody = pwd.getpwnam("nobody")
            for path in (folder, folder / "temp", folder / "cache"):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            os.chmod(key, 0o644)
            user = "user nobody nogroup;"
        self.conf = folder / "nginx.conf"
        self.conf.write_text(
            NGINX_CONF.format(
                folder=folder,
                user=user,
                port=self.port,
                port_a=port_a,
                port_b=port_b,
                certificate=certificate,
                key=key,
            )
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.folder / "nginx.out", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [self.program, "-p", str(self.folder), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        try:
            wait_for_port(self.port, 10)
        except ServerError as error:
            raise ServerError(f"{error}: {(self.folder / 'error.log').read_text()}") from error

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            # QUIT: a graceful stop; the master's PID ends its workers.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
