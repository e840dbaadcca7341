"""`make drill` under load: steps 4 and 5 of ops/drill.py, as functions of the Drill.

4. instance A killed (SIGKILL) under load: nginx sends traffic to B; the failed requests are
   counted and must be no more than the requests in flight (one per connection); the forms
   sent meanwhile are all in the database, or failed to send;
5. a soak: mixed traffic (ops/drill_load.py) for a while, no errors, and the database holds
   exactly the questions and feedback the site said it received; p50/p99 per kind.
"""

import os
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from drill_http import forms_in
from drill_load import Load, Traffic, percentile

WEIGHTS = {"profile": 40, "finder": 10, "search": 10, "compare": 8,
           "plan": 8, "question": 12, "feedback": 12}  # fmt: skip


def mixed_traffic(drill, weights) -> Traffic:
    visitor = drill.through_nginx()
    finder = next(f for f in forms_in(visitor.get("/careers/").body) if f.method == "get"
                  and f.options)  # fmt: skip
    compare = next(f for f in forms_in(visitor.get("/careers/compare/").body)
                   if f.method == "get" and len(f.controls) > 2)  # fmt: skip
    paths = [drill.fresh() for _ in range(min(4000, len(drill.fresh_paths) // 3))]
    return Traffic(profile_paths=paths, finder=finder, compare=compare, weights=weights)


def step_kill(drill, connections: int) -> None:
    drill.report.append("### 4. Instance A killed under load")
    seconds, kill_after = 12.0, 4.0
    traffic = mixed_traffic(drill, WEIGHTS)
    load = Load(drill.through_nginx, traffic, connections, seconds)
    killer = threading.Timer(kill_after, os.killpg, (drill.a.process.pid, signal.SIGKILL))
    killer.daemon = True
    killer.start()
    load.run()
    killed_at = load.started + kill_after
    failures = load.failures()
    late = [r for r in failures if r.started > killed_at + 1]
    drill.check(
        len(failures) <= connections and not late,
        f"{len(load.records):,} requests in {seconds:.0f} s at {connections} connections; A "
        f"killed at {kill_after:.0f} s; {len(failures)} failed (at most {connections} were in "
        f"flight), {len(late)} of them more than 1 s after the kill"
        + (f": {sorted({r.detail for r in failures})[:5]}" if failures else ""),
    )
    after = [r for r in load.records if r.started > killed_at + 1]
    drill.check(
        bool(after) and all(r.ok for r in after),
        f"after the kill B answered all {len(after):,} requests",
    )
    # A form sent on A's connection when A died may be saved without its answer arriving
    # (nginx never resends a POST), so: confirmed <= saved <= confirmed + failed sends.
    sends = {kind: sum(1 for r in failures if r.kind == f"{kind}: send") for kind in load.sent}
    saved = dict(zip(("question", "feedback"), drill.counts(traffic.marker), strict=True))
    drill.check(
        all(load.sent[k] <= saved[k] <= load.sent[k] + sends[k] for k in load.sent),
        "forms sent meanwhile: the database holds "
        + ", ".join(f"{saved[k]} {k}s ({load.sent[k]} confirmed, {sends[k]} failed)"
                    for k in load.sent),
    )  # fmt: skip
    port = drill.port(drill.a)
    drill.a = drill.start_instance(port)
    drill.report.append(f"- A started again on its port ({port}) for the soak")
    drill.report.append("")


def step_soak(drill, seconds: float, connections: int) -> None:
    drill.report.append(f"### 5. Soak: {seconds:.0f} s at {connections} connections")
    traffic = mixed_traffic(drill, WEIGHTS)
    cpu = [drill.a.cpu_seconds(), drill.b.cpu_seconds()]
    load = Load(drill.through_nginx, traffic, connections, seconds).run()
    cpu = [
        after - before
        for before, after in zip(cpu, [drill.a.cpu_seconds(), drill.b.cpu_seconds()], strict=True)
    ]
    failures = load.failures()
    drill.check(
        not failures,
        f"{len(load.records):,} requests, {len(load.records) / (load.ended - load.started):.0f}"
        f" a second; {len(failures)} failed"
        + (f": {sorted({r.detail for r in failures})[:5]}" if failures else ""),
    )
    questions, feedback = drill.counts(traffic.marker)
    drill.check(
        questions == load.sent["question"] and feedback == load.sent["feedback"],
        f"the database holds {questions} questions and {feedback} feedback from the soak; "
        f"the site confirmed {load.sent['question']} and {load.sent['feedback']}",
    )
    drill.report += [
        f"- gunicorn CPU: A {cpu[0]:.0f} s, B {cpu[1]:.0f} s "
        f"({sum(cpu) / max(1, len(load.records)) * 1000:.1f} ms per request)",
        "",
        "| Kind | Requests | Failed | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, records in load.by_kind().items():
        times = [r.seconds for r in records if r.ok]
        drill.report.append(
            f"| {kind} | {len(records):,} | {sum(not r.ok for r in records)} | "
            f"{percentile(times, 0.5) * 1000:.0f} | {percentile(times, 0.99) * 1000:.0f} |"
        )
    drill.report.append("")
