"""`make bench`'s tables: wrk's figures per mode and URL, the guide's breakdown, the long tail."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_breakdown import Breakdown
from bench_wrk import Measurement


def results_table(
    all_results: dict[str, dict[str, Measurement]], urls: list[str], healthz: str, cache: str
) -> str:
    """One row per mode and URL; each URL's requests/s also as a share of /healthz's."""
    lines = [
        "| Mode | URL | Requests/s | p50 ms | p99 ms | Errors | Non-2xx | × /healthz "
        "| Server CPU ms/request |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, results in all_results.items():
        label = f"cached ({cache})" if mode == "cached" else "uncached (page cache off)"
        healthz_rps = results[healthz].rps
        for url in urls:
            m = results[url]
            ratio = m.rps / healthz_rps if healthz_rps else 0.0
            lines.append(
                f"| {label} | `{url}` | {m.rps:,.0f} | {m.p50_ms:.1f} | {m.p99_ms:.1f} "
                f"| {m.socket_errors} | {m.non2xx} | {ratio:.2f} | {m.cpu_ms} |"
            )
    return "\n".join(lines)


def breakdown_table(parts: Breakdown, title: str) -> str:
    """Where one guide request's time goes (ops/bench_breakdown.py)."""

    def share(ms: float) -> str:
        return f"{ms / parts.total_ms:.0%}" if parts.total_ms else "n/a"

    rows = [
        (
            "database: the driver's execute, every query "
            f"({parts.queries_while_rendering:g} of them while templates render)",
            parts.database_ms,
            f"{parts.queries:g}",
        ),
        ("templates: Template.render, less the queries made meanwhile", parts.templates_ms, ""),
        (
            "the rest: URL resolving, middleware (gzip included), the view's Python, "
            "rows into objects, the test client",
            parts.rest_ms,
            "",
        ),
        (
            f"the whole request (process CPU: {parts.cpu_ms:.2f} ms)",
            parts.total_ms,
            f"{parts.queries:g}",
        ),
    ]
    return "\n".join(
        [
            f"| {title} `{parts.path}`, in-process, mean of {parts.requests} requests "
            "| ms/request | Share | Queries/request |",
            "| --- | ---: | ---: | ---: |",
            *(f"| {label} | {ms:.2f} | {share(ms)} | {queries} |" for label, ms, queries in rows),
        ]
    )


def gains_table(gains: dict[str, tuple[float, float]], baseline: dict, wanted: dict) -> str:
    """Issue 26's targets: each page's requests/s as a share of /healthz's, today and now."""
    lines = [
        "| Requests/s as a share of /healthz's | Today (f02334e) | Now | Gain | Target |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, (now, _target) in gains.items():
        gain = now / baseline[name] if baseline[name] else 0.0
        lines.append(
            f"| {name} | {baseline[name]:.3f} | {now:.3f} | {gain:.2f} × | ≥ {wanted[name]:g} × |"
        )
    return "\n".join(lines)


def long_tail_table(measurement: Measurement, listed: int, seconds: float) -> str:
    asked = min(measurement.requests, listed)
    return "\n".join(
        [
            "| Long tail (cached settings, cold cache) | Pages listed | Asked for | Requests/s "
            "| p50 ms | p99 ms | CPU ms/request | Socket errors | Non-2xx |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| every career × area, shuffled, {seconds:g} s | {listed:,} | {asked:,} | "
            f"{measurement.rps:.0f} | {measurement.p50_ms:.1f} | {measurement.p99_ms:.1f} | "
            f"{measurement.cpu_ms} | {measurement.socket_errors} | {measurement.non2xx} |",
        ]
    )


def work_table(with_work: Breakdown, without_work: Breakdown, target: float) -> str:
    """The uncached profile with O*NET's sections beside the same without them (issue 24)."""
    rows = [("with O*NET's sections", with_work), ("without them (before issue 24)", without_work)]
    ratio = with_work.total_ms / without_work.total_ms if without_work.total_ms else 0
    return "\n".join(
        [
            f"| Uncached profile `{with_work.path}`, in-process, mean of {with_work.requests} "
            "| ms/request | database ms | templates ms | the rest ms | CPU ms | Queries |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *(
                f"| {label} | {b.total_ms:.2f} | {b.database_ms:.2f} | {b.templates_ms:.2f} "
                f"| {b.rest_ms:.2f} | {b.cpu_ms:.2f} | {b.queries:g} |"
                for label, b in rows
            ),
            "",
            f"With O*NET's sections the profile takes {ratio:.2f} × the time without them "
            f"(target ≤ {target} ×).",
        ]
    )
