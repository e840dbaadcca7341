"""`make scan`: independent security scanners against the production server, on loopback only.

Starts the site as `make bench` does (ops/prodserver.py: gunicorn, debug off, a throwaway
seeded SQLite) with the ask and feedback throttles raised for this server alone (through the
settings' environment variables), then runs, each bounded in time:

1. wapiti over the public site: a crawl from the home page and from every page type and form
   (the ask, feedback and plan forms included, with the CSRF cookie the crawl picks up);
2. wapiti signed in to the admin with a throwaway superuser made for the run (logout, password
   and delete pages left out, so the pass keeps its session and its content);
3. sqlmap over the career finder's, search's, the comparisons' and the certification finder's
   parameters, a profile's, and the ask and feedback POSTs (a fresh CSRF token per request).

As root on Linux it runs in a network namespace of its own, where only loopback exists, so no
packet can leave the machine whatever a scanner tries; elsewhere it relies on the scanners'
settings (callbacks to a listener on 127.0.0.1, no crash reports, no internet-fed modules).

Writes scan-results.md (requests made, parameters covered, findings, every 5xx with its URL;
the scanners' own reports and logs in scan-reports/) and exits 1 on any finding or any 5xx.
About 10 minutes. Not part of `make test`. SCAN_TIME_SCALE multiplies every time budget (default 1).
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from observatory import make_certificate
from prodserver import ROOT, ProductionSite, ServerError
from scan_report import report
from scan_tools import (
    ADMIN_MODULES,
    FORM_MODULES,
    LINK_MODULES,
    SQLMAP,
    WAPITI,
    AccessLog,
    CallbackListener,
    SqlmapTarget,
    only,
    read_sqlmap_output,
    read_wapiti_report,
    sqlmap_command,
    wapiti_command,
)

REPORTS = ROOT / "scan-reports"
RESULTS_FILE = ROOT / "scan-results.md"
ISOLATED = "CAREERPATH_SCAN_ISOLATED"
SCALE = float(os.environ.get("SCAN_TIME_SCALE", "1"))
GUIDE = "/careers/medical-records-specialist/"

# Every page type and every form, so the crawl reaches them however the links run.
START_PATHS = [
    "/",
    "/careers/",
    "/careers/?field=healthcare&education=bachelors&pay_min=60000&state=Texas&sort=-median",
    "/careers/fields/",
    "/careers/fields/healthcare/",
    "/careers/compare/?c=actuaries&c=medical-assistants&state=Texas",
    "/careers/pathway-map/",
    GUIDE,
    f"{GUIDE}?state=California",
    "/careers/medical-records-specialist.json",
    "/careers/actuaries/?state=Texas&sort=median",
    f"{GUIDE}ask/",
    f"/feedback/?path={GUIDE}&useful=yes",
    "/plan/",
    "/plan/start/medical-records-specialist/",
    "/certifications/",
    "/certifications/cpc/",
    "/certifications/compare/?c=cpc&c=rhit",
    "/certifications/finder/?education=0&experience=0&setting=any&goal=quick",
    "/search/?q=medical+coder",
    "/sitemap.xml",
    "/robots.txt",
]
SQLMAP_TARGETS = [
    SqlmapTarget(
        "career finder",
        "/careers/?field=healthcare&education=bachelors&experience=none&training=none"
        "&outlook=faster&pay_min=40000&pay_max=90000&openings_min=100&state=Texas"
        "&sort=-median&page=1",
    ),
    SqlmapTarget("search", "/search/?q=medical+coder&page=1"),
    SqlmapTarget(
        "careers side by side", "/careers/compare/?c=actuaries&c=medical-assistants&state=Texas"
    ),
    SqlmapTarget("certifications side by side", "/certifications/compare/?c=cpc&c=rhit"),
    SqlmapTarget(
        "certification finder",
        "/certifications/finder/?education=0&experience=0&setting=any&goal=quick&work=coding",
    ),
    SqlmapTarget("a profile's pay", "/careers/actuaries/?state=Texas&sort=median"),
    SqlmapTarget(
        "ask a question (POST)",
        f"{GUIDE}ask/",
        data="question=Can+I+study+online+part-time%3F&email=me%40example.com&website="
        "&csrfmiddlewaretoken=x",
        csrf_url=f"{GUIDE}ask/",
    ),
    SqlmapTarget(
        "feedback (POST)",
        "/feedback/",
        data=f"path={GUIDE}&useful=yes&comment=Clear+and+useful&csrfmiddlewaretoken=x",
        csrf_url=f"/feedback/?path={GUIDE}&useful=yes",
    ),
]


def isolate() -> bool:
    """Re-run this script in a network namespace of its own (loopback only) when possible."""
    if os.environ.get(ISOLATED):
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)  # noqa: S607
        return True
    if os.geteuid() == 0 and shutil.which("unshare") and shutil.which("ip"):
        os.environ[ISOLATED] = "1"
        unshare = shutil.which("unshare")
        os.execv(unshare, [unshare, "--net", "--", sys.executable, *sys.argv])  # noqa: S606
    return False


def run(command: list[str], log: Path, timeout: float) -> str:
    """Run a scanner with its output in `log`; a scanner past its time is stopped, not waited."""
    print(f"-- {log.parent.name}/{log.name}: at most {timeout:.0f} s", file=sys.stderr, flush=True)
    environment = {**os.environ, "TERM": "dumb", "HOME": str(REPORTS)}
    try:
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=environment,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        output = result.stdout + result.stderr
    except subprocess.TimeoutExpired as stopped:
        output = (stopped.stdout or b"").decode(errors="replace") + "\n[stopped: out of time]\n"
    log.write_text(output)
    return output


def browser_cookies(base_url: str, certificate: Path, login: tuple[str, str] | None = None) -> str:
    """A Cookie value as a browser would hold it: the CSRF cookie, and signed in to the admin
    through its login form when `login` (username, password) is given.

    wapiti crawls with several requests at once; started without a CSRF cookie, each first
    answer sets a different one and the forms' tokens stop matching the cookie it keeps.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar),
        urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=certificate)),
    )
    page_url = f"{base_url}/admin/login/?next=/admin/" if login else f"{base_url}{GUIDE}ask/"
    page = opener.open(page_url, timeout=30).read().decode()
    if login:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        username, password = login
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(page_url, data=body, headers={"Referer": page_url})  # noqa: S310
        opener.open(request, timeout=30)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "csrftoken" not in cookies or (login and "sessionid" not in cookies):
        raise ServerError(f"no {'session' if login else 'CSRF cookie'} from {page_url}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def wapiti_pass(
    name, base_url, endpoint, *, modules, starts, scan_s, attack_s, session=None, **extra
):
    """One wapiti run; passes that share `session` share one crawl (the later skips it)."""
    work = REPORTS / f"wapiti-{name}"
    work.mkdir(parents=True, exist_ok=True)
    report_file = work / "report.json"
    heavy = sum(1 for module in modules if not module.startswith("-"))
    command = wapiti_command(
        f"{base_url}{starts[0]}",
        start_urls=[base_url + path for path in starts],
        modules=modules,
        work_dir=session or work,
        report=report_file,
        endpoint=endpoint,
        max_scan_seconds=int(scan_s * SCALE),
        max_attack_seconds=int(attack_s * SCALE),
        name=f"wapiti-{name}",
        **extra,
    )
    # The crawl, then each module, each bounded by wapiti; a margin for its start and report.
    started = time.monotonic()
    output = run(command, work / "wapiti.log", (scan_s + attack_s * heavy) * SCALE + 90)
    seconds = time.monotonic() - started
    if not report_file.exists():
        raise ServerError(f"wapiti ({name}) wrote no report:\n{output[-3000:]}")
    return read_wapiti_report(report_file), seconds


def run_sqlmap(base: str, results: dict) -> None:
    """Every target in turn, beside wapiti (each tool waits on the server, not on the CPU)."""
    for target in SQLMAP_TARGETS:
        full = SqlmapTarget(
            target.name,
            base + target.url,
            target.data,
            base + target.csrf_url if target.csrf_url else None,
        )
        slug = re.sub(r"\W+", "-", target.name).strip("-")
        output = run(
            sqlmap_command(full, REPORTS / "sqlmap"),
            REPORTS / f"sqlmap-{slug}.log",
            180 * SCALE,
        )
        results[target] = read_sqlmap_output(output)


def scan(site: ProductionSite, certificate: Path, key: Path, listener, username, password):
    access_log = REPORTS / "access.log"
    scan_env = {
        "GUNICORN_CMD_ARGS": f"--access-logfile {access_log}",
        # This server only: a scanner sends thousands of forms in minutes.
        "CAREERPATH_QUESTIONS_PER_HOUR": "1000000",
        "CAREERPATH_FEEDBACK_PER_HOUR": "1000000",
    }
    passes, sqlmap_results = {}, {}
    with site.serve(extra_env=scan_env, tls=(certificate, key)) as server:
        base = server.url
        sqlmap_thread = threading.Thread(target=run_sqlmap, args=(base, sqlmap_results))
        sqlmap_thread.start()
        try:
            crawl = REPORTS / "wapiti-crawl"
            visitor = browser_cookies(base, certificate)
            # Forms first: wapiti attacks links before forms, so one pass would seldom reach them.
            public = {
                "starts": START_PATHS,
                "scan_s": 75,
                "attack_s": 20,
                "session": crawl,
                "cookie": visitor,
            }
            passes["forms"] = wapiti_pass(
                "forms", base, listener.url, modules=only("post", FORM_MODULES), **public
            )
            passes["links"] = wapiti_pass(
                "links",
                base,
                listener.url,
                modules=only("get", LINK_MODULES),
                skip_crawl=True,
                **public,
            )
            cookie = browser_cookies(base, certificate, login=(username, password))
            passes["admin"] = wapiti_pass(
                "admin",
                base,
                listener.url,
                modules=ADMIN_MODULES,
                starts=["/admin/"],
                scan_s=60,
                attack_s=12,
                cookie=cookie,
                exclude=[
                    f"{base}/admin/logout/*",
                    f"{base}/admin/password_change/*",
                    f"{base}/admin/*/password/*",
                    f"{base}/admin/*/delete/*",
                ],
            )
        finally:
            sqlmap_thread.join()
    return passes, sqlmap_results, AccessLog.read(access_log)


def main() -> int:
    isolated = isolate()
    for tool in (WAPITI, SQLMAP):
        if not tool.exists():
            print(f"make scan: {tool} is missing (ops/ensure-scanners.sh installs it)")
            return 1
    if isolated:  # only loopback here: the machine's PostgreSQL and Redis are out of reach
        for name in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(name, None)
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir()
    listener = CallbackListener()
    username, password = f"scan-{secrets.token_hex(4)}", secrets.token_urlsafe(24)
    started = time.monotonic()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="careerpath-tls-") as tls_dir,
            ProductionSite() as site,
        ):
            # HTTPS with a throwaway certificate, so the cookies are Secure as in production.
            certificate, key = make_certificate(Path(tls_dir))
            site.env["DJANGO_SUPERUSER_PASSWORD"] = password
            site.manage(
                "createsuperuser",
                "--noinput",
                "--username",
                username,
                "--email",
                "scan@example.invalid",
            )
            passes, sqlmap_results, log = scan(site, certificate, key, listener, username, password)
    except ServerError as error:
        print(f"make scan: {error}", file=sys.stderr)
        return 1
    finally:
        listener.shutdown()
    text, failed = report(
        passes=passes,
        sqlmap=sqlmap_results,
        log=log,
        callbacks=listener.callbacks(),
        isolated=isolated,
        minutes=(time.monotonic() - started) / 60,
    )
    RESULTS_FILE.write_text(text)
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
