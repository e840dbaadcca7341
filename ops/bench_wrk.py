"""wrk for `make bench` and `make bench-scale`: installing it, running it, adding up its figures.

No response() callback in the Lua script: with one, wrk parses every response's headers and
body in Lua, which costs wrk (on the same CPUs as gunicorn) time in proportion to the body, so
bigger pages would look slower than they are. wrk itself counts answers >= 400 (errors.status);
the bench also fetches each URL before and after every round, and it must answer 200 (so no
1xx/3xx either). done() prints one JSON line that run_wrk() parses.
"""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prodserver import ServerError

CONNECTIONS = 64
THREADS = 2

WRK_SCRIPT = r"""
-- Ask for what a browser asks for: the compressed page.
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
    .. '"latency_us": {"p50": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


@dataclass
class Measurement:
    requests: int = 0
    duration_us: int = 0
    socket_errors: int = 0
    non2xx: int = 0
    p50s: list[tuple[int, float]] = field(default_factory=list)  # (requests, p50 µs) per round
    p99_us: float = 0.0
    cpu_seconds: float | None = 0.0  # gunicorn's CPU time while wrk ran; None if unknown

    def add(self, run: dict, cpu_seconds: float | None) -> None:
        if cpu_seconds is None or self.cpu_seconds is None:
            self.cpu_seconds = None
        else:
            self.cpu_seconds += cpu_seconds
        self.requests += run["requests"]
        self.duration_us += run["duration_us"]
        errors = run["errors"]
        self.socket_errors += sum(errors[kind] for kind in ("connect", "read", "write", "timeout"))
        self.non2xx += errors["status"]  # answers >= 400; 1xx/3xx: see bench.check_status()
        self.p50s.append((run["requests"], run["latency_us"]["p50"]))
        self.p99_us = max(self.p99_us, run["latency_us"]["p99"])

    @property
    def rps(self) -> float:
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def p50_ms(self) -> float:
        # Rounds' medians weighted by their requests (percentiles of separate runs cannot be
        # merged exactly); p99 is the worst round's, so it never flatters.
        total = sum(count for count, _ in self.p50s)
        if not total:
            return 0.0
        return sum(count * p50 for count, p50 in self.p50s) / total / 1000

    @property
    def p99_ms(self) -> float:
        return self.p99_us / 1000

    @property
    def cpu_ms(self) -> str:
        if self.cpu_seconds is None or not self.requests:
            return "n/a"
        return f"{self.cpu_seconds / self.requests * 1000:.2f}"


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("-- wrk is missing: installing Debian's wrk package", file=sys.stderr, flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "install", "-y", "-qq", "wrk"],
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "wrk"],
        ):
            subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
            found = shutil.which("wrk")
            if found:
                return found
    sys.exit(
        "make bench needs wrk (the HTTP load generator) and could not install it.\n"
        "Install Debian's package as root: apt-get install wrk "
        "(or any wrk 4.x on PATH), then run make bench again."
    )


def run_wrk(
    wrk: str, script: Path, url: str, seconds: float, connections: int = CONNECTIONS
) -> dict:
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [
            wrk,
            f"--connections={connections}",
            f"--threads={THREADS}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=10s",
            f"--script={script}",
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise ServerError(f"wrk gave no result for {url}:\n{result.stdout}{result.stderr}")
