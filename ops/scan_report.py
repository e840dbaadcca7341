"""make scan's report (scan-results.md): what was asked, what was covered, what was found."""

import re
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent / "scanners" / "requirements.txt"
MAX_LISTED = 40
# The forms the wapiti forms pass must have reached (past the CSRF check) for the scan to count:
# on a machine too busy for its crawl, it finds none and says so rather than passing.
REQUIRED_FORMS = (
    "/careers/<slug>/ask/",
    "/feedback/",
)  # 5xx and findings beyond this are counted, the rest are in scan-reports/


def pinned(package: str) -> str:
    match = re.search(rf"^{package}==(\S+)$", REQUIREMENTS.read_text(), re.MULTILINE)
    return match[1] if match else "?"


def status_cells(log, tool: str) -> list[str]:
    return [str(log.statuses[tool, f"{n}xx"]) for n in (2, 3, 4, 5)]


def report(*, passes, sqlmap, log, callbacks, isolated, minutes) -> tuple[str, bool]:
    """The Markdown report and whether the scan failed (any finding, any 5xx)."""
    # Passes that share a crawl share wapiti's session, whose report repeats earlier passes'
    # findings: each finding is counted once, under the pass that found it first.
    new_findings, seen = {}, set()
    for name, (result, _) in passes.items():
        new_findings[name] = [item for item in dict.fromkeys(result.findings) if item not in seen]
        seen.update(result.findings)
    findings = [
        f"wapiti ({name}): {item}" for name, items in new_findings.items() for item in items
    ]
    findings += [
        f"sqlmap ({target.name}): {point} is injectable"
        for target, result in sqlmap.items()
        for point in result.injectable
    ]
    findings += [f"the site fetched a scanner's callback address: {line}" for line in callbacks]
    unreached = [
        form
        for form in REQUIRED_FORMS
        if "forms" in passes and not log.accepted_posts["wapiti-forms", form]
    ]
    failed = bool(findings or log.server_errors or unreached)

    lines = [
        "# make scan",
        "",
        f"wapiti {pinned('wapiti3')} and sqlmap {pinned('sqlmap')} against the production "
        f"server (gunicorn, debug off, throwaway SQLite) in {minutes:.1f} minutes; "
        + (
            "in a network namespace of its own (loopback only: nothing could leave the machine)."
            if isolated
            else "on 127.0.0.1, NOT isolated (not root or no unshare): scanners set to loopback."
        ),
        "",
        "| Pass | Requests | 2xx | 3xx | 4xx | 5xx | Findings | Time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, (result, seconds) in passes.items():
        tool = f"wapiti-{name}"
        label = f"wapiti, {name} ({result.crawled:,} resources crawled)"
        lines.append(
            f"| {label} | {log.requests[tool]:,} | "
            + " | ".join(status_cells(log, tool))
            + f" | {len(new_findings[name])} | {seconds:.0f} s |"
        )
    injectable = sum(len(result.injectable) for result in sqlmap.values())
    lines.append(
        f"| sqlmap, {len(sqlmap)} targets | {log.requests['sqlmap']:,} | "
        + " | ".join(status_cells(log, "sqlmap"))
        + f" | {injectable} | |"
    )
    total = sum(log.requests.values())
    lines += [
        f"| **All** (the server's access log) | **{total:,}** | | | | "
        f"**{len(log.server_errors)}** | **{len(findings)}** | |",
        "",
        f"**Result: {'FAILED' if failed else 'passed'}**: {len(findings)} finding(s), "
        f"{len(log.server_errors)} answer(s) 5xx.",
        "",
        *(
            [
                "**Incomplete**: wapiti's forms pass never got a form past the CSRF check at "
                + ", ".join(f"`{form}`" for form in unreached)
                + " (its crawl ran out of time: a busy machine?); run again, or with "
                "SCAN_TIME_SCALE=2.",
                "",
            ]
            if unreached
            else []
        ),
        "## Findings",
        "",
        *([f"- {item}" for item in findings[:MAX_LISTED]] or ["None."]),
        *([f"- … and {len(findings) - MAX_LISTED} more"] if len(findings) > MAX_LISTED else []),
        "",
        "## Server errors (5xx)",
        "",
        *([f"- {line}" for line in log.server_errors[:MAX_LISTED]] or ["None."]),
        "",
        "## sqlmap, target by target",
        "",
        "| Target | Parameters tested | Injectable | Notes |",
        "| --- | --- | --- | --- |",
    ]
    for target, result in sqlmap.items():
        tested = ", ".join(result.parameters) or "none (see its log)"
        notes = "; ".join(result.errors) or ""
        lines.append(
            f"| {target.name} | {tested} | {', '.join(result.injectable) or 'no'} | {notes} |"
        )
    lines += [
        "",
        "## Parameters the scanners sent (from the access log)",
        "",
        "| Page | GET parameters | POSTs by status |",
        "| --- | --- | --- |",
    ]
    patterns = sorted(set(log.get_parameters) | {pattern for pattern, _ in log.posts})
    for pattern in patterns:
        names = sorted(log.get_parameters.get(pattern, ()))
        shown = ", ".join(names[:12]) + (f", … ({len(names)} in all)" if len(names) > 12 else "")
        posts = ", ".join(
            f"{status}: {count:,}"
            for (page, status), count in sorted(log.posts.items())
            if page == pattern
        )
        lines.append(f"| `{pattern}` | {shown} | {posts} |")
    notes = [
        f"wapiti ({name}) {category}: {count}"
        for name, (result, _) in passes.items()
        for category, count in result.notes.items()
    ]
    slow = [
        f"wapiti ({name}): {item}"
        for name, (result, _) in passes.items()
        for item in result.anomalies
    ]
    lines += [
        "",
        "## Information, not findings",
        "",
        *[f"- {note}" for note in notes + slow[:MAX_LISTED]],
        f"- Callbacks to the local listener from the site: {len(callbacks)}.",
        "",
        "The scanners' own reports and logs are in `scan-reports/`.",
        "",
    ]
    return "\n".join(lines), failed
