"""`make bench-scale`: what the site costs as its content grows, at 1× and 10× today's.

For each size it makes a fresh PostgreSQL database, writes the content (ops/scale_content.py:
the handbook's profiles, OEWS pay for every state and the guides, plus synthetic copies), and:
  - times each import step (migrate, import_ooh, import_duties, seed_content, import_oews,
    import_onet), then ANALYZE: a
    server's autovacuum gathers the planner's statistics after a bulk load, but not at once
    (and not at all where it is off, as on some development machines); without them the
    planner guesses, and at 10× the search took three times as long;
  - counts the queries of each page (Django's test client, every cache off);
  - serves it with gunicorn's production settings (ops/prodserver.py) and measures p50/p99
    with wrk, cached (the default local-memory cache, warmed; 64 connections) and uncached
    (DummyCache; 2 connections, one per worker, so p50 is a request's own time, not a queue's):
    a profile with a state's pay (uncached: a shuffled list of every profile × state, so each
    request renders a different page), the guide, the finder, a search and the sitemap (its
    index and the profiles' section).
It prints a Markdown report (also bench-scale-results.md) and exits 1 if a page's query count
differs between the sizes (the goal: the same), or on any error or non-2xx answer. Timings
are reported, not gated: the goal is flat for pages and at most linear for imports.

Environment: BENCH_SCALE_SECONDS (5) per URL and mode; BENCH_SCALE_FACTORS ("1,10");
BENCH_SCALE_PG_URL: the server to make the databases on (the local one by default). About
8 minutes on 2 CPUs.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    CONNECTIONS,
    FINDER,
    WRK_SCRIPT,
    ensure_wrk,
    long_tail_paths,
    long_tail_script,
    run_wrk,
)
from prodserver import PYTHON, ROOT, ProductionSite, ServerError, fetch_status
from scale_content import write

SERVER = os.environ.get("BENCH_SCALE_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
RESULTS_FILE = ROOT / "bench-scale-results.md"
PAGES = {
    "profile": "/careers/registered-nurses/?state=Ohio",
    "profile in an area": "/careers/registered-nurses/?area=10180",
    "guide": "/careers/medical-records-specialist/",
    "a career's areas": "/careers/registered-nurses/pay/?state=TX",
    "an area": "/pay/abilene-tx/",
    "finder": FINDER,
    "search": "/search/?q=nurse",
    "sitemap index": "/sitemap.xml",
    "sitemap: profiles": "/sitemap-profiles.xml",
    "certification": "/certifications/cpc/",
    "technology": "/careers/technology/epic-systems/",
    "search: a product": "/search/?q=AutoCAD",
}
UNCACHED_CONNECTIONS = 2  # one per worker
# Bounds, in seconds: a step that hangs fails the bench instead of holding the machine.
STEP_TIMEOUT = 900
PSQL_TIMEOUT = 120
# What each import step loads, for its rate (migrate and ANALYZE have none).
STEP_UNITS = {
    "import_ooh": "profiles",
    "seed_content": "guides",
    "import_oews": "pay rows",
    "import_onet": "O*NET occupations",
}
TIMED = [
    "profile",
    "profile in an area",
    "guide",
    "an area",
    "finder",
    "search",
    "sitemap index",
    "sitemap: profiles",
]

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()
import os
client, counts = Client(), {}
for name, url in json.loads(os.environ["PAGES"]).items():
    client.get(url)  # once before, so that per-process memos (the pay regions) are set
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[name] = [status, len(queries)]
print("COUNTS " + json.dumps(counts))
"""


def database_url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


def psql(*args: str, database: str = "") -> None:
    parts = urlsplit(SERVER)
    subprocess.run(  # noqa: S603
        [
            shutil.which("psql") or "psql",
            "-h",
            parts.hostname,
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username,
            "-d",
            database or parts.path.lstrip("/"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=PSQL_TIMEOUT,
    )


def manage(url: str, *args: str, extra: dict | None = None) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1", **(extra or {})}
    try:
        result = subprocess.run(  # noqa: S603 (the project's manage.py)
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise ServerError(f"manage.py {' '.join(args)}: no end after {STEP_TIMEOUT} s") from error
    if result.returncode:
        raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def profile_paths(folder: Path) -> list[str]:
    """Every career (profiles no guide covers redirect) × every area, shuffled (a sample)."""
    return long_tail_paths(
        folder / "occupations.json",
        (ROOT / "content/guides", folder / "guides"),
        folder / "oews_msa.csv.gz",
    )


def build(factor: int, folder: Path, url: str, name: str) -> dict:
    written = write(factor, folder)
    steps = {
        "migrate": ["migrate", "--noinput"],
        "import_ooh": [
            "import_ooh",
            str(folder / "occupations.json"),
            "--summaries",
            str(folder / "summaries.json"),
        ],
        "import_duties": ["import_duties", str(folder / "duties.json")],
        "seed_content": ["seed_content", str(ROOT / "content"), str(folder / "guides")],
        "import_oews": [
            "import_oews",
            *(str(folder / name) for name in ("oews.csv.gz", "oews_msa.csv.gz", "oews_ind.csv.gz")),
            "--period",
            "May 2025",
        ],
        "import_onet": ["import_onet", str(folder / "onet.json")],
        "build_next_steps": ["build_next_steps"],
    }
    seconds = {}
    for step, args in steps.items():
        print(f"-- {factor}×: {step}", file=sys.stderr, flush=True)
        started = time.monotonic()
        manage(url, *args)
        seconds[step] = time.monotonic() - started
    print(f"-- {factor}×: analyze", file=sys.stderr, flush=True)
    started = time.monotonic()
    psql("ANALYZE", database=name)
    seconds["analyze"] = time.monotonic() - started
    out = manage(url, "shell", "-c", COUNT_QUERIES,
                 extra={"DJANGO_CACHE_DISABLED": "1", "PAGES": json.dumps(PAGES)})  # fmt: skip
    counts = json.loads(next(x for x in out.splitlines() if x.startswith("COUNTS "))[7:])
    return {"written": written, "seconds": seconds, "queries": counts}


def timed(site, wrk, folder: Path, paths: list[str], seconds: float) -> dict:
    plain = folder / "report.lua"
    plain.write_text(WRK_SCRIPT)
    tail = long_tail_script(paths, folder)
    results = {}
    for mode in ("cached", "uncached"):
        with site.serve(cache_disabled=mode == "uncached") as server:
            for name in TIMED:
                url = server.url + PAGES[name]
                if fetch_status(url) != 200:
                    raise ServerError(f"{mode}: {PAGES[name]} did not answer 200")
                # Uncached, few connections: each request's own time, not a queue's (64
                # connections on 2 workers would make p50 mostly waiting in line).
                connections = CONNECTIONS if mode == "cached" else UNCACHED_CONNECTIONS
                if mode == "cached" or name != "profile":
                    run_wrk(wrk, plain, url, 1, connections)  # warm every worker
                    run = run_wrk(wrk, plain, url, seconds, connections)
                else:
                    for path in paths[:3]:  # every listed page must answer 200 itself
                        if fetch_status(server.url + path) != 200:
                            raise ServerError(f"{mode}: {path} did not answer 200")
                    run = run_wrk(wrk, tail, server.url + "/", seconds, connections)
                print(f"-- {mode} {name}: {run['requests']} requests", file=sys.stderr, flush=True)
                results[mode, name] = run
    return results


def ratio(small: float, large: float) -> str:
    return f"{large / small:.2f}×" if small else "n/a"


def report(sizes: dict[int, dict], factors: list[int]) -> tuple[str, list[str]]:
    one, big = factors[0], factors[-1]
    a, b = sizes[one], sizes[big]
    failed = []
    lines = [
        "## make bench-scale",
        "",
        f"Machine: {os.cpu_count()} CPUs; PostgreSQL; gunicorn production settings, "
        f"{os.cpu_count()} gthread workers. {one}× and {big}× today's content.",
        "",
        f"| Content | {one}× | {big}× |",
        "| --- | ---: | ---: |",
        *(f"| {what} | {a['written'][what]:,} | {b['written'][what]:,} |" for what in a["written"]),
        "",
        f"| Import step | {one}× s | {big}× s | Growth (content ×{big // one}) "
        f"| {one}× per second | {big}× per second |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for step in a["seconds"]:
        sa, sb = a["seconds"][step], b["seconds"][step]
        unit = STEP_UNITS.get(step)
        rates = (
            [f"{a['written'][unit] / sa:,.0f} {unit}", f"{b['written'][unit] / sb:,.0f} {unit}"]
            if unit and sa and sb
            else ["", ""]
        )
        lines.append(f"| {step} | {sa:.1f} | {sb:.1f} | {ratio(sa, sb)} | {' | '.join(rates)} |")
    total_a, total_b = sum(a["seconds"].values()), sum(b["seconds"].values())
    lines += [
        f"| all | {total_a:.1f} | {total_b:.1f} | {ratio(total_a, total_b)} | | |",
        "",
        f"| Page (uncached) | Queries {one}× | Queries {big}× | Same |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, url in PAGES.items():
        (status_a, qa), (status_b, qb) = a["queries"][name], b["queries"][name]
        same = qa == qb and status_a == status_b == 200
        if not same:
            failed.append(f"{name} ({url}): {qa} queries at {one}×, {qb} at {big}×")
        lines.append(f"| {name} `{url}` | {qa} | {qb} | {'yes' if same else 'NO'} |")
    lines += [
        "",
        f"| Mode | Page | p50 ms {one}× | p50 ms {big}× | p99 ms {one}× | p99 ms {big}× "
        f"| p50 growth | p99 growth | Requests/s {one}× | Requests/s {big}× |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (mode, name), run_a in a["timed"].items():
        run_b = b["timed"][mode, name]
        for size, run in ((one, run_a), (big, run_b)):
            errors = sum(run["errors"].values())
            if errors:
                failed.append(f"{size}× {mode} {name}: {errors} errors or non-2xx answers")
        p50a, p50b = run_a["latency_us"]["p50"] / 1000, run_b["latency_us"]["p50"] / 1000
        p99a, p99b = run_a["latency_us"]["p99"] / 1000, run_b["latency_us"]["p99"] / 1000
        rps = [run["requests"] / (run["duration_us"] / 1e6) for run in (run_a, run_b)]
        label = "every career × area, shuffled" if (mode, name) == ("uncached", "profile") else ""
        lines.append(
            f"| {mode} | {name}{' (' + label + ')' if label else ''} | {p50a:.1f} | {p50b:.1f} | "
            f"{p99a:.1f} | {p99b:.1f} | {ratio(p50a, p50b)} | {ratio(p99a, p99b)} | "
            f"{rps[0]:.0f} | {rps[1]:.0f} |"
        )
    return "\n".join(lines) + "\n", failed


def main() -> int:
    factors = [int(x) for x in os.environ.get("BENCH_SCALE_FACTORS", "1,10").split(",")]
    seconds = float(os.environ.get("BENCH_SCALE_SECONDS", "5"))
    wrk = ensure_wrk()
    sizes = {}
    try:
        for factor in factors:
            name = f"careerpath_scale_{factor}x"
            url = database_url(name)
            psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            psql(f"CREATE DATABASE {name}")
            try:
                with tempfile.TemporaryDirectory(prefix=f"careerpath-scale-{factor}x-") as tmp:
                    folder = Path(tmp)
                    sizes[factor] = build(factor, folder, url, name)
                    os.environ["DATABASE_URL"] = url
                    with ProductionSite(seed=False) as site:
                        paths = profile_paths(folder)
                        sizes[factor]["timed"] = timed(site, wrk, folder, paths, seconds)
            finally:
                os.environ.pop("DATABASE_URL", None)
                psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except (ServerError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = getattr(error, "stderr", None) or ""
        print(f"make bench-scale: {error}\n{detail}".rstrip(), file=sys.stderr)
        return 1
    text, failed = report(sizes, factors)
    if failed:
        text += "\nFAILED:\n" + "\n".join(f"- {line}" for line in failed) + "\n"
    print(text)
    RESULTS_FILE.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
