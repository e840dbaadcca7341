"""`make drill`: CareerPath as it runs at scale, and what a visitor sees when parts fail.

It builds, on loopback only: a PostgreSQL and a Redis of its own (ops/drill_services.py),
a site seeded as `make seed` does, two gunicorn instances of the production settings (A and B,
each its own port) and Debian's nginx in front of both (TLS, proxy_cache honouring the site's
Cache-Control, X-Forwarded-Proto passed; docs/caching.md's example). Then, in order:

  1. publish: an editor changes the flagship's summary in instance A's admin; a visitor on B
     and one through nginx must see it within what docs/caching.md promises (1 s from another
     process; s-maxage + stale-while-revalidate through a proxy: the drill sets both to 5 s);
  2. Redis stopped: pages through nginx still answer 200 (cached and not); restarted: the
     site's cache fills again;
  3. PostgreSQL stopped for 20 s: pages cached (by nginx or the site) answer 200, others 503
     with Retry-After, a question sent meanwhile is shown back with its text, never a 500;
     restarted: the site answers again with no restart of gunicorn;
  4. instance A killed (SIGKILL) under load: nginx sends traffic to B; the failed requests are
     counted and must be no more than the requests in flight (one per connection);
  5. a soak: DRILL_SOAK_SECONDS (60) at DRILL_CONNECTIONS (64) of mixed traffic
     (ops/drill_load.py: profiles × states, finder, search, compare, plan updates,
     questions and feedback through the real forms): no errors, and the database holds
     exactly the questions and feedback the site said it received; p50/p99 per kind.

Steps 1 to 3 are the Drill's methods here; 4 and 5, under load, are in ops/drill_under_load.py.

It prints a Markdown report (also written to drill-results.md) and exits 1 if any step saw a
500, lost data or otherwise failed a visitor. Everything it started is stopped by PID and its
temporary directory removed, on success, failure, Ctrl-C or its time limit (DRILL_TIMEOUT,
900 s). About 4 minutes on 2 CPUs.
"""

import contextlib
import os
import random
import re
import secrets
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import long_tail_paths
from drill_http import Visitor, form_posting_to, forms_in
from drill_services import Nginx, PrivatePostgres, PrivateRedis, say
from drill_under_load import step_kill, step_soak
from observatory import make_certificate
from prodserver import PYTHON, ROOT, ProductionSite, ServerError

GUIDE = "/careers/medical-records-specialist/"
CACHED_PAGES = ["/", GUIDE, "/certifications/cpc/", "/careers/registered-nurses/"]
PAGE_WINDOW = 5  # s-maxage and stale-while-revalidate for the drill (docs/caching.md)
VERSION_MEMO = 1  # "other processes within one second"
OUTAGE_SECONDS = 20
RESULTS_FILE = ROOT / "drill-results.md"


class Timeout(Exception):
    pass


class Drill:
    def __init__(self, folder: Path):
        self.folder = folder
        self.report: list[str] = []
        self.failed: list[str] = []
        self.stack = contextlib.ExitStack()
        self.rng = random.Random(17)  # noqa: S311
        self.fresh_paths = long_tail_paths()  # each asked for once, so never cached before

    # Helpers -----------------------------------------------------------------------------

    def check(self, ok: bool, what: str) -> bool:
        self.report.append(f"- {'✔' if ok else '✘ FAILED:'} {what}")
        if not ok:
            self.failed.append(what)
        return ok

    def fresh(self) -> str:
        return self.fresh_paths.pop()

    def through_nginx(self, **kwargs) -> Visitor:
        return Visitor(self.nginx.url, context=self.tls, **kwargs)

    def direct(self, server) -> Visitor:
        # What the proxy would add: the visitor's request came over HTTPS.
        return Visitor(server.url, headers={"X-Forwarded-Proto": "https"}, origin_scheme="https")

    def shell(self, code: str) -> str:
        result = subprocess.run(  # noqa: S603 (the project's manage.py)
            [str(PYTHON), "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.site.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def counts(self, marker: str) -> tuple[int, int]:
        out = self.shell(
            "from questions.models import SubmittedQuestion as Q\n"
            "from feedback.models import PageFeedback as F\n"
            f"print(Q.objects.filter(question__startswith={marker!r}).count(),"
            f" F.objects.filter(comment__startswith={marker!r}).count())"
        )
        questions, feedback = out.splitlines()[-1].split()
        return int(questions), int(feedback)

    # Building ----------------------------------------------------------------------------

    def build(self) -> None:
        self.postgres = PrivatePostgres(self.folder / "postgres")
        self.stack.callback(self.postgres.close)
        self.postgres.create()
        self.redis = PrivateRedis(self.folder)
        self.stack.callback(self.redis.close)
        self.redis.start()
        os.environ.update(DATABASE_URL=self.postgres.url, REDIS_URL=self.redis.url)
        say(f"building the site on PostgreSQL :{self.postgres.port} (migrate, seed, collect)")
        started = time.monotonic()
        self.site = self.stack.enter_context(ProductionSite(workers=2))
        self.build_seconds = time.monotonic() - started
        self.editor_password = secrets.token_urlsafe(24)
        self.shell(
            "from django.contrib.auth import get_user_model\n"
            "get_user_model().objects.create_superuser("
            f"'drill-editor', 'drill@example.invalid', {self.editor_password!r})"
        )
        self.server_env = {
            # Behind the TLS proxy, as in production: HTTPS is required, and known from the
            # proxy's X-Forwarded-Proto.
            "DJANGO_SECURE_SSL_REDIRECT": "1",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
            "DJANGO_PAGE_SHARED_MAX_AGE": str(PAGE_WINDOW),
            "DJANGO_PAGE_STALE_WHILE_REVALIDATE": str(PAGE_WINDOW),
            # Every drill visitor comes from 127.0.0.1: one address for all, so the per-address
            # limits of the public forms would stop the soak after five questions.
            "CAREERPATH_QUESTIONS_PER_HOUR": "1000000",
            "CAREERPATH_FEEDBACK_PER_HOUR": "1000000",
            "DJANGO_RETRY_AFTER_SECONDS": "30",
        }
        self.a = self.start_instance()
        self.b = self.start_instance()
        certificate, key = make_certificate(self.folder)
        self.tls = ssl.create_default_context(cafile=str(certificate))
        self.nginx = Nginx(self.folder / "nginx", self.port(self.a), self.port(self.b),
                           certificate, key)  # fmt: skip
        self.stack.callback(self.nginx.close)
        self.nginx.start()
        self.report += [
            f"Machine: {os.cpu_count()} CPUs. PostgreSQL {self.postgres.port}, Redis "
            f"{self.redis.port}, gunicorn A {self.port(self.a)} and B {self.port(self.b)} "
            f"(2 workers each, production settings), nginx {self.nginx.port} (TLS). "
            f"Site built in {self.build_seconds:.0f} s.",
            "",
        ]

    def start_instance(self, port: int | None = None):
        # Each instance is its own context, so that one can be killed and started again.
        context = self.site.serve(extra_env=self.server_env, port=port)
        server = context.__enter__()
        self.stack.callback(context.__exit__, None, None, None)
        return server

    @staticmethod
    def port(server) -> int:
        return int(server.url.rsplit(":", 1)[1])

    # Steps -------------------------------------------------------------------------------

    def step_proxy(self) -> None:
        self.report.append("### 0. Through nginx")
        visitor = self.through_nginx()
        home = visitor.get("/")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', home.body)
        self.check(
            home.status == 200 and canonical and canonical.group(1).startswith("https://"),
            f"the home page over HTTPS answers {home.status} with canonical "
            f"{canonical.group(1) if canonical else 'none'} (X-Forwarded-Proto reaches Django; "
            "without it the production settings would redirect to HTTPS for ever)",
        )
        statuses = [visitor.get(GUIDE).headers.get("x-cache-status") for _ in range(2)]
        self.check(
            statuses[-1] == "HIT",
            f"the guide twice: nginx says {' then '.join(map(str, statuses))} (proxy_cache "
            "keeps what the site marks public)",
        )
        self.report.append("")

    def step_publish(self) -> None:
        self.report.append("### 1. An edit in A's admin, seen through B and through nginx")
        token = f"Drill edit {secrets.token_hex(4)}."
        reader_b, reader_nginx = self.direct(self.b), self.through_nginx()
        for reader in (reader_b, reader_nginx):
            reader.get(GUIDE)
            reader.get(GUIDE)  # now in B's page cache (Redis) and in nginx's
        editor = self.direct(self.a)
        login = editor.get("/admin/login/?next=/admin/")
        form = form_posting_to(login.body, "")
        answer = editor.submit(
            "/admin/login/?next=/admin/",
            form,
            {"username": "drill-editor", "password": self.editor_password},
        )
        if not self.check(answer.status == 302, f"the editor signs in on A ({answer.status})"):
            self.report.append("")
            return
        listing = editor.get("/admin/guides/careerguide/?q=medical-records-specialist")
        change = re.search(r'href="(/admin/guides/careerguide/\d+/change/)', listing.body)
        page = editor.get(change.group(1))
        form = next(f for f in forms_in(page.body) if "summary" in f.names())
        summary = next(value for name, value, *_ in form.controls if name == "summary")
        saved = editor.submit(
            change.group(1), form, {"summary": f"{summary} {token}", "_save": "Save"}
        )
        if not self.check(saved.status == 302, f"A's admin saves the change ({saved.status})"):
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.body, re.S)
            self.report.append(f"  - form errors: {errors[:5]}")
            self.report.append("")
            return
        saved_at = time.monotonic()
        seen: dict[str, float | None] = {"B": None, "nginx": None}
        promise = {"B": VERSION_MEMO, "nginx": 2 * PAGE_WINDOW}
        while time.monotonic() - saved_at < promise["nginx"] + 10 and None in seen.values():
            for name, reader in (("B", reader_b), ("nginx", reader_nginx)):
                if seen[name] is None and token in reader.get(GUIDE).body:
                    seen[name] = time.monotonic() - saved_at
            time.sleep(0.1)
        for name, label in (("B", "instance B (another process)"), ("nginx", "nginx")):
            took = seen[name]
            self.check(
                took is not None and took <= promise[name] + 0.5,
                f"{label} shows the edit after "
                + (f"{took:.1f} s" if took is not None else "more than the wait")
                + f" (docs/caching.md: at most {promise[name]} s here)",
            )
        self.report.append("")

    def step_redis(self) -> None:
        self.report.append("### 2. Redis stopped, then started again")
        self.redis.stop()
        visitor = self.through_nginx()
        pages = CACHED_PAGES + [self.fresh() for _ in range(10)]
        answers = [visitor.get(path) for path in pages]
        statuses = sorted({a.status for a in answers})
        slowest = max(a.seconds for a in answers)
        self.check(
            statuses == [200],
            f"with Redis down, {len(pages)} pages through nginx (4 cached, 10 never asked for) "
            f"answer {statuses}; slowest {slowest * 1000:.0f} ms",
        )
        direct = self.direct(self.b)
        statuses = sorted({direct.get(self.fresh()).status for _ in range(5)})
        self.check(statuses == [200], f"and straight from B: {statuses}")
        self.redis.start()
        started = time.monotonic()
        keys = 0
        while time.monotonic() - started < 15 and keys == 0:
            direct.get(self.fresh())
            keys = self.redis.keys()
            time.sleep(0.2)
        self.check(
            keys > 0,
            f"Redis back: the site's cache holds {keys} keys after "
            f"{time.monotonic() - started:.1f} s (no restart)",
        )
        self.report.append("")

    def step_postgres(self) -> None:
        self.report.append(f"### 3. PostgreSQL stopped for {OUTAGE_SECONDS} s")
        nginx = self.through_nginx()
        for path in CACHED_PAGES:
            nginx.get(path)
        # A visitor who opened the ask page before the outage and sends it during it.
        asker = self.through_nginx()
        ask = "/careers/medical-records-specialist/ask/"
        ask_form = form_posting_to(asker.get(ask).body, ask)
        pids = (self.a.process.pid, self.b.process.pid)
        self.postgres.stop()
        stopped = time.monotonic()
        tally: dict[str, dict[int, int]] = {"cached": {}, "uncached": {}, "direct": {}}
        retry_after: set[str] = set()
        question_shown = None
        b = self.direct(self.b)
        while time.monotonic() - stopped < OUTAGE_SECONDS:
            for kind, visitor, path in (
                ("cached", nginx, self.rng.choice(CACHED_PAGES)),
                ("uncached", nginx, self.fresh()),
                ("direct", b, self.fresh()),
            ):
                answer = visitor.get(path)
                tally[kind][answer.status] = tally[kind].get(answer.status, 0) + 1
                if answer.status == 503:
                    retry_after.add(answer.headers.get("retry-after", "none"))
            if question_shown is None:
                text = "Sent while the database was down: is the CPC exam open book?"
                sent = asker.submit(ask, ask_form, {"question": text})
                question_shown = (sent.status, text in sent.body and "Send again" in sent.body)
            time.sleep(0.2)
        self.postgres.start()
        restarted = time.monotonic()
        recovered = None
        while time.monotonic() - restarted < 30:
            if nginx.get("/healthz").status == 200 and nginx.get(self.fresh()).status == 200:
                recovered = time.monotonic() - restarted
                break
            time.sleep(0.2)

        def shown(kind):
            return ", ".join(f"{n}× {status}" for status, n in sorted(tally[kind].items()))

        self.check(set(tally["cached"]) == {200}, f"cached pages through nginx: {shown('cached')}")
        self.check(
            set(tally["uncached"]) == {503} and set(tally["direct"]) == {503},
            f"pages never cached: through nginx {shown('uncached')}, straight from B "
            f"{shown('direct')}; Retry-After {', '.join(sorted(retry_after))}",
        )
        every = [s for kind in tally.values() for s in kind]
        self.check(500 not in every, "no 500 anywhere")
        self.check(
            question_shown is not None and question_shown[0] == 503 and question_shown[1],
            f"a question sent meanwhile: {question_shown and question_shown[0]}, shown back "
            "with its text and a Send again button",
        )
        self.check(
            recovered is not None
            and (self.a.process.pid, self.b.process.pid) == pids
            and self.a.process.poll() is None
            and self.b.process.poll() is None,
            "PostgreSQL back: pages answer 200 after "
            + (f"{recovered:.1f} s" if recovered is not None else "more than 30 s")
            + ", the same gunicorn processes (no restart)",
        )
        self.report.append("")


def on_timeout(signum, frame):
    raise Timeout(f"the drill ran past DRILL_TIMEOUT ({os.environ.get('DRILL_TIMEOUT', 900)} s)")


def main() -> int:
    soak = float(os.environ.get("DRILL_SOAK_SECONDS", "60"))
    connections = int(os.environ.get("DRILL_CONNECTIONS", "64"))
    signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(int(os.environ.get("DRILL_TIMEOUT", "900")))
    signal.signal(signal.SIGTERM, on_timeout)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="careerpath-drill-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)  # noqa: S103 (the database and nginx run as their own users)
        drill = Drill(folder)
        try:
            with drill.stack:
                drill.build()
                for step in (
                    drill.step_proxy,
                    drill.step_publish,
                    drill.step_redis,
                    drill.step_postgres,
                    lambda: step_kill(drill, connections),
                    lambda: step_soak(drill, soak, connections),
                ):
                    try:
                        step()
                    except Exception as error:
                        drill.check(False, f"the step stopped: {type(error).__name__}: {error}")
        except (Timeout, KeyboardInterrupt, ServerError) as error:
            drill.check(False, f"the drill stopped: {error}")
        finally:
            signal.alarm(0)
    lines = [
        "## make drill",
        "",
        *drill.report,
        f"Everything stopped and removed; {time.monotonic() - started:.0f} s in all. "
        + ("All steps passed." if not drill.failed else f"{len(drill.failed)} check(s) FAILED."),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS_FILE.write_text(text, encoding="utf-8")
    return 1 if drill.failed else 0


if __name__ == "__main__":
    sys.exit(main())
