"""make scan's pieces: the scanners' command lines, what they found, and the server's own log.

The scanners (wapiti and sqlmap, pinned in ops/scanners/requirements.txt) live in
.scanners/, a virtual environment of their own. Each identifies itself with its own User-Agent,
so the gunicorn access log tells which requests were whose; that log, not the scanners' own
counts, is where requests and 5xx answers are counted.
"""

import http.server
import json
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNERS = ROOT / ".scanners" / "bin"
WAPITI = SCANNERS / "wapiti"
SQLMAP = SCANNERS / "sqlmap"
USER_AGENT = "careerpath-scan/{}"

# wapiti's modules. Left out: those that fetch from the internet (wapp, nikto, cms, wp_enum:
# their databases; takeover: DNS), log4shell (DNS callbacks to a domain of its own), the ones
# for other stacks (spring4shell, network_device), the TLS check (the certificate is a
# throwaway) and brute forces that would only trip the login lockout (brute_login_form, buster,
# backup). Nor ldap: the site has no directory server, and its true/false test reads the ask
# form's "at least 10 characters (you wrote 3)" as an answer that depends on the query. ssrf
# and xxe stay: their callback endpoint is a listener on 127.0.0.1 (CallbackListener), so
# anything the site fetched would land there.
INJECTIONS = ["xss", "permanentxss", "sql", "exec", "file", "ssrf"]
# The forms (POST): the crawl's forms with the CSRF cookie and token it picked up.
FORM_MODULES = [*INJECTIONS, "xxe", "csrf", "upload"]
# The links and GET forms, and the passive checks of headers, cookies and methods.
LINK_MODULES = [
    *INJECTIONS,
    "redirect",
    "crlf",
    "shellshock",
    "methods",
    "htaccess",
    "csp",
    "http_headers",
    "cookieflags",
]
# Signed in: the injections, both methods.
ADMIN_MODULES = ["xss", "permanentxss", "sql", "exec", "file", "redirect", "csrf"]


def only(method: str, modules: list[str]) -> list[str]:
    """wapiti's module list that runs `modules` for one method ("get" or "post") only."""
    other = "post" if method == "get" else "get"
    return [*modules, *(f"-{module}:{other}" for module in modules)]


def wapiti_command(
    base_url: str,
    *,
    start_urls: list[str],
    modules: list[str],
    work_dir: Path,
    report: Path,
    endpoint: str,
    max_scan_seconds: int,
    max_attack_seconds: int,
    exclude: list[str] = (),
    cookie: str | None = None,
    skip_crawl: bool = False,
    name: str,
) -> list[str]:
    command = [
        str(WAPITI),
        "--url",
        base_url,
        "--scope",
        "folder",
        "--module",
        ",".join(modules),
        "--depth",
        "4",
        "--max-links-per-page",
        "60",
        "--max-files-per-dir",
        "40",
        "--max-scan-time",
        str(max_scan_seconds),
        "--max-attack-time",
        str(max_attack_seconds),
        "--timeout",
        "30",
        "--tasks",
        "4",
        # Nothing leaves the machine: callbacks go to the local listener, no crash reports.
        "--endpoint",
        endpoint,
        "--dns-endpoint",
        "localhost",
        "--no-bugreport",
        "--user-agent",
        USER_AGENT.format(name),
        "--store-session",
        str(work_dir / "session"),
        "--store-config",
        str(work_dir / "config"),
        "--flush-session" if not skip_crawl else "--skip-crawl",
        "--format",
        "json",
        "--output",
        str(report),
        "--verbose",
        "1",
    ]
    for url in start_urls:
        command += ["--start", url]
    for url in exclude:
        command += ["--exclude", url]
    if cookie:
        command += ["--cookie-value", cookie]
    return command


@dataclass
class WapitiResult:
    crawled: int
    findings: list[str]
    anomalies: list[str]
    notes: Counter


def read_wapiti_report(path: Path) -> WapitiResult:
    """Findings are wapiti's "vulnerabilities" and its anomalies other than time-outs (a 500 is
    counted from the server's log too); its "additionals" are information (methods allowed)."""
    data = json.loads(path.read_text())
    findings = [
        f"{category}: {item.get('method', 'GET')} {item.get('path')} {item.get('info', '')}"
        for category, items in data.get("vulnerabilities", {}).items()
        for item in items
    ]
    anomalies = [
        f"{category}: {item.get('method', 'GET')} {item.get('path')} {item.get('info', '')}"
        for category, items in data.get("anomalies", {}).items()
        for item in items
    ]
    notes = Counter(
        {category: len(items) for category, items in data.get("additionals", {}).items() if items}
    )
    return WapitiResult(
        crawled=data.get("infos", {}).get("crawled_pages_nbr", 0),
        findings=findings + [a for a in anomalies if not a.startswith("Resource consumption")],
        anomalies=[a for a in anomalies if a.startswith("Resource consumption")],
        notes=notes,
    )


@dataclass(frozen=True)
class SqlmapTarget:
    name: str
    url: str
    data: str | None = None  # a POST body
    csrf_url: str | None = None  # where a fresh CSRF token comes from, for a POST


def sqlmap_command(target: SqlmapTarget, output_dir: Path) -> list[str]:
    command = [
        str(SQLMAP),
        "--url",
        target.url,
        "--batch",
        "--level",
        "1",
        "--risk",
        "1",
        "--timeout",
        "30",
        "--retries",
        "1",
        "--user-agent",
        USER_AGENT.format("sqlmap"),
        "--output-dir",
        str(output_dir),
        "--disable-coloring",
        "--flush-session",
    ]
    if target.data:
        # Over HTTPS Django's CSRF check wants a Referer from the site itself, as a browser sends.
        command += ["--data", target.data, "--referer", target.csrf_url or target.url]
    if target.csrf_url:
        # A fresh token for every request, with the CSRF cookie the page sets (sqlmap keeps it).
        command += ["--csrf-token", "csrfmiddlewaretoken", "--csrf-url", target.csrf_url]
    else:
        command += ["--threads", "4"]
    return command


@dataclass
class SqlmapResult:
    parameters: list[str]
    injectable: list[str]
    errors: list[str]


def read_sqlmap_output(text: str) -> SqlmapResult:
    tested = re.findall(r"testing for SQL injection on (\w+ parameter '[^']+')", text)
    injectable = re.findall(r"(\w+ parameter '[^']+') is '[^']+' injectable", text)
    if "identified the following injection point" in text and not injectable:
        injectable = ["an injection point (see the sqlmap log)"]
    errors = re.findall(r"\[CRITICAL\] (.+)", text)
    # "considerable lagging" is sqlmap's note on a slow answer, not a failure to test.
    errors = [error for error in errors if "lagging" not in error]
    return SqlmapResult(
        parameters=list(dict.fromkeys(tested)), injectable=injectable, errors=errors
    )


# gunicorn's default access log line: host - user [time] "request line" status size "referer"
# "user agent".
ACCESS_LINE = re.compile(
    r'^\S+ \S+ \S+ \[[^\]]+\] "(?P<method>\S+) (?P<target>\S+)[^"]*" (?P<status>\d{3}) \S+ '
    r'"[^"]*" "(?P<agent>[^"]*)"'
)
PARAMETER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
FIXED_CAREER_PAGES = {"compare", "fields", "pathway-map", "match"}


def path_pattern(path: str) -> str:
    """/careers/actuaries/ → /careers/<slug>/; /admin/guides/faq/12/change/ → …/<id>/change/."""
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.isdigit():
            parts[index] = "<id>"
    if len(parts) > 2 and parts[1] == "careers" and parts[2] not in FIXED_CAREER_PAGES | {""}:
        parts[2] = "<slug>.json" if parts[2].endswith(".json") else "<slug>"
    if len(parts) > 3 and parts[1] == "careers" and parts[2] == "fields" and parts[3]:
        parts[3] = "<field>"
    if (
        len(parts) > 2
        and parts[1] == "certifications"
        and parts[2] not in {"compare", "finder", ""}
    ):
        parts[2] = "<code>"
    if len(parts) > 3 and parts[1] == "plan" and parts[2] == "start":
        parts[3] = "<slug>"
    return "/".join(parts)


@dataclass
class AccessLog:
    requests: Counter = field(default_factory=Counter)  # per tool
    statuses: Counter = field(default_factory=Counter)  # per (tool, status class)
    server_errors: list[str] = field(default_factory=list)
    get_parameters: dict = field(default_factory=lambda: defaultdict(set))  # pattern → names
    posts: Counter = field(default_factory=Counter)  # (pattern, status) for POSTs
    accepted_posts: Counter = field(default_factory=Counter)  # (tool, pattern): 2xx or 3xx

    @classmethod
    def read(cls, path: Path) -> "AccessLog":
        log = cls()
        for line in path.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.match(line)
            if not match:
                continue
            agent = match["agent"]
            tool = agent.split("/", 1)[1] if agent.startswith("careerpath-scan/") else "other"
            status = int(match["status"])
            target = match["target"]
            path_part, _, query = target.partition("?")
            log.requests[tool] += 1
            log.statuses[tool, f"{status // 100}xx"] += 1
            if status >= 500:
                log.server_errors.append(f"{status} {match['method']} {target} ({tool})")
            pattern = path_pattern(path_part)
            if query:
                names = {pair.split("=", 1)[0] for pair in query.split("&") if pair}
                # Names only: a scanner also sends its payloads as names (";env;", "|env").
                log.get_parameters[pattern] |= {
                    name for name in names if PARAMETER_NAME.match(name)
                }
            if match["method"] == "POST":
                log.posts[pattern, status] += 1
                if status < 400:
                    log.accepted_posts[tool, pattern] += 1
        return log


class CallbackListener(http.server.ThreadingHTTPServer):
    """The scanners' callback endpoint, on 127.0.0.1: wapiti's ssrf and xxe payloads name it,
    and it answers wapiti's own "what reached you?" with an empty result. Any other request is
    the site fetching an address a visitor gave it: a finding."""

    OWN_QUERIES = ("/get_",)  # get_ssrf.php, get_xxe.php: wapiti asking what reached it

    def __init__(self):
        self.received: list[str] = []
        super().__init__(("127.0.0.1", 0), _CallbackHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def callbacks(self) -> list[str]:
        return [
            line for line in self.received if not line.split(" ", 1)[1].startswith(self.OWN_QUERIES)
        ]


class _CallbackHandler(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        self.server.received.append(f"{self.command} {self.path}")
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):  # quiet: the report lists what arrived
        pass
