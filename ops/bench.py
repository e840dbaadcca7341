"""`make bench`: load-test the production site with wrk, cached and uncached.

Starts gunicorn with production settings (ops/prodserver.py) on a throwaway, seeded
database, then measures /healthz, home, the guide and a certification page with wrk
(64 connections, 2 threads). The pages are interleaved: several short rounds that visit every
URL in turn, so that machine noise falls on all of them alike. It runs twice: with the
default cache, and with DJANGO_CACHE_DISABLED=1 (restarting gunicorn in between).

Prints a Markdown table (also written to bench-results.md) and exits 1 when a target fails:
  - cached guide page: at least 0.8 x the requests/s of /healthz (cached run),
  - uncached guide page: at least 0.1 x the requests/s of /healthz (uncached run),
  - uncached career finder (three filters and a sort): p50 at most 2 x the uncached home's,
  - no socket errors and no non-2xx answers anywhere.

Environment: BENCH_SECONDS (default 10) is the measured time per URL and mode, split over
BENCH_ROUNDS rounds (default 5, so 2 s slices: the more slices, the more evenly noise from
other work on the machine is shared). DATABASE_URL: benchmark that database instead (it is
migrated and seeded).

Uncached, it also measures the guide's work one part at a time (ops/bench_guide_parts:
only sent, only loaded, only rendered) and prints those in a second table, with the server
CPU per request that the uncached target leaves the whole page.

Then the long tail: every profile × every state (about 18,000 pages), shuffled, each asked for
once, on the cached site with a cold cache, for BENCH_LONG_TAIL_SECONDS (default 20): the cost
of a first look at a page nobody asked for lately, which is what most visitors meet.

Besides wrk's figures, the table shows the CPU time gunicorn spent per request (from /proc),
which depends less than requests/s on other work sharing the machine.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_guide_parts import PART_URLS, SETTINGS_MODULE
from prodserver import (
    ROOT,
    WORKER_CLASS,
    ProductionSite,
    ServerError,
    fetch_status,
)
from prodserver import THREADS as SERVER_THREADS

HEALTHZ = "/healthz"
GUIDE = "/careers/medical-records-specialist/"
PROFILE = "/careers/registered-nurses/"
# The career finder with three filters and a sort (issue 15's target: its median response
# within 2 × the uncached home page's).
FINDER = "/careers/?education=bachelors&pay_min=60000&outlook=faster&sort=-median"
URLS = [HEALTHZ, "/", GUIDE, "/certifications/cpc/", PROFILE, FINDER]
FINDER_TARGET = 2.0  # uncached finder p50 at most this × the uncached home page's p50
CONNECTIONS = 64
THREADS = 2
WARMUP_SECONDS = 2
TARGETS = {"cached": 0.8, "uncached": 0.1}  # guide page requests/s as a share of /healthz's
# The long tail: every profile × every state, shuffled, each page asked for once, on the cached
# site with a cold cache (what most visitors' first look costs). BENCH_LONG_TAIL_SECONDS long.
LONG_TAIL_SEED = 2025
RESULTS_FILE = ROOT / "bench-results.md"

# No response() callback: with one, wrk parses every response's headers and body in Lua, which
# costs wrk (on the same CPUs as gunicorn) time in proportion to the body, so bigger pages
# would look slower than they are. wrk itself counts answers >= 400 (errors.status); each URL
# is also fetched before and after every round and must answer 200 (so no 1xx/3xx either).
# done() prints one JSON line that bench.py parses.
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


LONG_TAIL_SCRIPT = r"""
-- Each thread walks its own share of the list, so no page is asked for twice.
local threads_started = 0
function setup(thread)
  thread:set("share", threads_started)
  threads_started = threads_started + 1
end
local position = 0
function init(args)
  position = (share or 0) * math.floor(#paths / %(threads)d)
end
function request()
  position = position + 1
  return wrk.format("GET", paths[((position - 1) %% #paths) + 1])
end
"""


def long_tail_paths(
    occupations: Path = ROOT / "data/ooh/occupations-2024-34.json",
    guide_dirs: tuple[Path, ...] = (ROOT / "content/guides",),
) -> list[str]:
    """Every profile (but those a guide covers: they redirect) with every state's figures.

    By default the site's own files; make bench-scale passes its synthetic ones."""
    import csv
    import gzip
    import random
    from urllib.parse import quote

    profiles = json.loads(occupations.read_text())
    covered = set()
    for pack in (pack for folder in guide_dirs for pack in folder.glob("*.json")):
        for guide in json.loads(pack.read_text())["guides"]:
            covered.add(guide.get("occupation"))
    slugs = [p["slug"] for p in profiles["occupations"] if p["slug"] not in covered]
    with gzip.open(ROOT / "data/oews/oews_M2025_nat_st.csv.gz", "rt", encoding="utf-8") as rows:
        states = sorted({r["AREA_TITLE"] for r in csv.DictReader(rows) if r["AREA_TYPE"] == "2"})
    paths = [f"/careers/{slug}/?state={quote(state)}" for slug in slugs for state in states]
    random.Random(LONG_TAIL_SEED).shuffle(paths)  # noqa: S311 (an order, not a secret)
    return paths


def long_tail_script(paths: list[str], folder: Path) -> Path:
    listed = ",\n".join(json.dumps(path) for path in paths)
    script = folder / "long_tail.lua"
    script.write_text(
        f"paths = {{\n{listed}\n}}\n" + LONG_TAIL_SCRIPT % {"threads": THREADS} + WRK_SCRIPT
    )
    return script


def bench_long_tail(site, wrk, folder: Path, seconds: float) -> tuple["Measurement", int]:
    paths = long_tail_paths()
    script = long_tail_script(paths, folder)
    measurement = Measurement()
    with site.serve(cache_disabled=False) as server:
        print(
            f"-- long tail: {len(paths)} profile × state pages, {seconds:.0f} s, cold cache",
            file=sys.stderr,
            flush=True,
        )
        for path in paths[:3]:
            check_status(server.url, path, "long tail, before")
        cpu_before = server.cpu_seconds()
        run = run_wrk(wrk, script, server.url + "/", seconds)
        cpu_after = server.cpu_seconds()
        measurement.add(run, None if cpu_before is None else cpu_after - cpu_before)
    return measurement, len(paths)


def long_tail_table(measurement: "Measurement", listed: int, seconds: float) -> str:
    asked = min(measurement.requests, listed)
    return "\n".join(
        [
            "| Long tail (cached settings, cold cache) | Pages listed | Asked for | Requests/s "
            "| p50 ms | p99 ms | CPU ms/request | Socket errors | Non-2xx |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| every profile × state, shuffled, {seconds:g} s | {listed:,} | {asked:,} | "
            f"{measurement.rps:.0f} | {measurement.p50_ms:.1f} | {measurement.p99_ms:.1f} | "
            f"{measurement.cpu_ms} | {measurement.socket_errors} | {measurement.non2xx} |",
        ]
    )


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
        self.non2xx += errors["status"]  # answers >= 400; 1xx/3xx: see check_status()
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


def bench_mode(site, wrk, script, mode, seconds, rounds) -> dict[str, Measurement]:
    # Uncached, the guide's parts are measured too (bench_guide_parts): served by the site's
    # settings plus their URLs, which come after the site's and so change nothing else.
    uncached = mode == "uncached"
    urls = URLS + list(PART_URLS.values()) if uncached else URLS
    results = {url: Measurement() for url in urls}
    with site.serve(
        cache_disabled=uncached, settings_module=SETTINGS_MODULE if uncached else None
    ) as server:
        base_url = server.url
        print(f"-- {mode}: gunicorn on {base_url}", file=sys.stderr, flush=True)
        for url in urls:
            check_status(base_url, url, f"{mode}, before warming up")
        # Warm every worker (each has its own memory cache) before measuring.
        for url in urls:
            run_wrk(wrk, script, base_url + url, WARMUP_SECONDS)
        for round_number in range(1, rounds + 1):
            for url in urls:
                print(
                    f"-- {mode}: round {round_number}/{rounds} {url} ({seconds / rounds:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
                cpu_before = server.cpu_seconds()
                run = run_wrk(wrk, script, base_url + url, seconds / rounds)
                cpu_after = server.cpu_seconds()
                check_status(base_url, url, f"{mode}, after round {round_number}")
                cpu = None if cpu_before is None else cpu_after - cpu_before
                results[url].add(run, cpu)
    return results


def check_status(base_url: str, url: str, when: str) -> None:
    """wrk counts answers >= 400 but not redirects: every URL must answer 200 itself."""
    status = fetch_status(base_url + url)
    if status != 200:
        raise ServerError(f"{when}: GET {url} answered {status}, not 200")


def table(all_results: dict[str, dict[str, Measurement]], cache_backend: str) -> str:
    lines = [
        "| Mode | URL | Requests/s | p50 ms | p99 ms | Errors | Non-2xx | × /healthz "
        "| Server CPU ms/request |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, results in all_results.items():
        label = f"cached ({cache_backend})" if mode == "cached" else "uncached (DummyCache)"
        healthz = results[HEALTHZ].rps
        for url in URLS:
            m = results[url]
            ratio = m.rps / healthz if healthz else 0.0
            lines.append(
                f"| {label} | `{url}` | {m.rps:,.0f} | {m.p50_ms:.1f} | {m.p99_ms:.1f} "
                f"| {m.socket_errors} | {m.non2xx} | {ratio:.2f} | {m.cpu_ms} |"
            )
    return "\n".join(lines)


PART_DESCRIPTIONS = {
    "sent": "only sent: the finished page through the middleware (gzip included)",
    "loaded": "loaded from the database as the view loads it, nothing rendered; then sent",
    "rendered": "loaded once per process; context and templates rendered, then sent",
}


def parts_table(results: dict[str, Measurement]) -> str:
    """The uncached guide's work one part at a time, and the CPU budget its target leaves."""
    healthz = results[HEALTHZ]
    lines = [
        "| Uncached guide, one part alone | Requests/s | × /healthz | Server CPU ms/request |",
        "| --- | ---: | ---: | ---: |",
    ]
    for part, url in PART_URLS.items():
        m = results[url]
        ratio = m.rps / healthz.rps if healthz.rps else 0.0
        lines.append(f"| {PART_DESCRIPTIONS[part]} | {m.rps:,.0f} | {ratio:.2f} | {m.cpu_ms} |")
    whole = results[GUIDE]
    ratio = whole.rps / healthz.rps if healthz.rps else 0.0
    lines.append(f"| the whole guide page | {whole.rps:,.0f} | {ratio:.2f} | {whole.cpu_ms} |")
    if healthz.cpu_seconds and healthz.requests:
        budget = healthz.cpu_seconds / healthz.requests * 1000 / TARGETS["uncached"]
        lines += [
            "",
            f"At {TARGETS['uncached']} × /healthz the whole uncached guide would have about "
            f"{budget:.2f} ms of server CPU per request.",
        ]
    return "\n".join(lines)


def failures(all_results: dict[str, dict[str, Measurement]]) -> list[str]:
    failed = []
    for mode, results in all_results.items():
        healthz = results[HEALTHZ].rps
        ratio = results[GUIDE].rps / healthz if healthz else 0.0
        if ratio < TARGETS[mode]:
            failed.append(
                f"{mode}: guide page {results[GUIDE].rps:,.0f} requests/s is {ratio:.2f} × "
                f"/healthz ({healthz:,.0f}); target ≥ {TARGETS[mode]} ×"
            )
        if mode == "uncached":
            home, finder = results["/"].p50_ms, results[FINDER].p50_ms
            if home and finder > FINDER_TARGET * home:
                failed.append(
                    f"uncached: the finder's p50 {finder:.1f} ms is {finder / home:.2f} × the "
                    f"home page's ({home:.1f} ms); target ≤ {FINDER_TARGET} ×"
                )
        for url, m in results.items():  # the guide's parts too
            if m.socket_errors or m.non2xx:
                failed.append(
                    f"{mode}: {url} had {m.socket_errors} socket errors and {m.non2xx} "
                    "non-2xx answers; target 0"
                )
    return failed


def main() -> int:
    seconds = float(os.environ.get("BENCH_SECONDS", "10"))
    rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "5")))
    wrk = ensure_wrk()
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1):
        print(
            f"-- warning: load average {load_before:.1f} on {os.cpu_count()} CPUs: something else "
            "is busy, so the numbers will be noisy",
            file=sys.stderr,
            flush=True,
        )
    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_SCRIPT)
        try:
            with ProductionSite() as site:
                all_results = {
                    mode: bench_mode(site, wrk, script, mode, seconds, rounds)
                    for mode in ("cached", "uncached")
                }
                tail_seconds = float(os.environ.get("BENCH_LONG_TAIL_SECONDS", "20"))
                tail, listed = bench_long_tail(site, wrk, Path(tmp), tail_seconds)
                workers = site.workers
                cache_backend = site.cache_backend
                database = site.database_label
        except ServerError as error:
            print(f"make bench: {error}", file=sys.stderr)
            return 1
    report = "\n".join(
        [
            "# make bench",
            "",
            f"gunicorn: {workers} {WORKER_CLASS} workers × {SERVER_THREADS} thread(s), "
            f"debug off, {database}. wrk: {CONNECTIONS} connections, {THREADS} threads, "
            f"{seconds:g} s per URL and mode in {rounds} interleaved rounds, "
            "Accept-Encoding: gzip, deflate, br.",
            f"Load average (1 min) before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs; wrk shares the machine with gunicorn.",
            "",
            table(all_results, cache_backend),
            "",
            parts_table(all_results["uncached"]),
            "",
            long_tail_table(tail, listed, tail_seconds),
            "",
        ]
    )
    failed = failures(all_results)
    if tail.socket_errors or tail.non2xx:
        failed.append(
            f"long tail: {tail.socket_errors} socket errors, {tail.non2xx} non-2xx answers"
        )
    if failed:
        report += "\nFailed targets:\n\n" + "".join(f"- {line}\n" for line in failed)
    else:
        report += "\nAll targets met.\n"
    print(report)
    RESULTS_FILE.write_text(report)
    print(f"(written to {RESULTS_FILE.name})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
