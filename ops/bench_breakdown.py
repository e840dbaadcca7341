"""`make bench`'s breakdown of the real, uncached guide page: database, templates, the rest.

wrk sees a page from outside: requests/s and latency. To see where one request's time goes,
the bench also asks for the guide in-process: a subprocess runs Django with the production
settings on the bench's seeded database and DJANGO_CACHE_DISABLED=1 (as the uncached wrk run),
and requests the real page through django.test.Client, as a new visitor (no cookies) whose
browser accepts gzip, BENCH_BREAKDOWN_REQUESTS times (default 100) after a few unmeasured
requests that warm the process up. Nothing of the site is replaced: the URL, the view and its
templates are the site's own. Each request's wall time (from the client's call to its return)
is split into three parts that add up to it exactly:

  - database: the time spent in the database driver's execute, summed over every query the
    request made, wherever it made it (connection.execute_wrapper). Fetching the rows of a
    query, and making model instances of them, happens after execute returns: not counted here;
  - templates: the time inside Django's Template.render (the outermost one; includes, context
    processors, template tags and forms' widgets all run inside it), less the database time
    of any query made meanwhile (a lazy queryset evaluated by the template: counted above);
  - the rest: everything else, i.e. the total less the two parts: URL resolving, every
    middleware (sessions, CSRF, security headers, gzip), the view's own Python (building
    querysets and the context, turning rows into objects) and the test client's own cost of
    building the request and the response, which gunicorn has its own version of.

The figures are means per request (means add up; medians would not). The queries per request
can have a fraction: a process reads the content version again at most once a second
(core.content_version), so one request in every second's worth makes one query more.
The process's CPU time per request is given alongside the wall time: on SQLite the database
runs in the process too, so the two are close; with a remote PostgreSQL (DATABASE_URL) the
database time is waiting. The instrumentation (a wrapper per query, a timer per render)
costs a little and is counted in the parts, so the total is slightly above what the same
request costs unobserved.
"""

import json
import os
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prodserver import PYTHON, ROOT, ServerError

WARMUP_REQUESTS = 5
RESULT_PREFIX = "BREAKDOWN_JSON "


@dataclass
class Breakdown:
    """Means per request, in milliseconds, over `requests` requests of `path`."""

    path: str
    requests: int
    total_ms: float
    database_ms: float
    templates_ms: float
    rest_ms: float
    cpu_ms: float
    queries: float  # per request
    queries_while_rendering: float  # of those, made inside a template's render


class Timers:
    """Adds up, for the requests it watches, query time and template time (outermost only)."""

    def __init__(self):
        self.database = 0.0
        self.queries = 0
        self.rendering = 0.0
        self.database_while_rendering = 0.0
        self.queries_while_rendering = 0
        self.depth = 0  # Template.render calls in progress (includes nest)

    def query(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.database += took
            self.queries += 1
            if self.depth:
                self.database_while_rendering += took
                self.queries_while_rendering += 1

    def timed_render(self, render):
        timers = self

        def timed(template, context):
            if timers.depth:
                return render(template, context)
            timers.depth += 1
            started = time.perf_counter()
            try:
                return render(template, context)
            finally:
                timers.rendering += time.perf_counter() - started
                timers.depth -= 1

        return timed


@contextmanager
def watching(timers: Timers):
    """Time every query and every template render in this thread until the block ends."""
    from django.db import connection
    from django.template.base import Template

    render = Template.render
    with ExitStack() as stack:
        stack.enter_context(connection.execute_wrapper(timers.query))
        Template.render = timers.timed_render(render)
        stack.callback(setattr, Template, "render", render)
        yield timers


def breakdown(path: str, requests: int, *, host: str | None = None, warmup: int = WARMUP_REQUESTS):
    """GET path `requests` times in this process (Django set up) and split the time it took.

    host: the Host header (one of ALLOWED_HOSTS); by default the test client's own."""
    from django.test import Client

    headers = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    if host:
        headers["HTTP_HOST"] = host
    for _ in range(warmup):
        get(Client(**headers), path)
    timers = Timers()
    total = cpu = 0.0
    with watching(timers):
        for _ in range(requests):
            client = Client(**headers)  # a new visitor: no cookies from the last request
            cpu_started, started = time.process_time(), time.perf_counter()
            get(client, path)
            total += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
    templates = timers.rendering - timers.database_while_rendering
    per_request = 1000 / requests
    return Breakdown(
        path=path,
        requests=requests,
        total_ms=total * per_request,
        database_ms=timers.database * per_request,
        templates_ms=templates * per_request,
        rest_ms=(total - timers.database - templates) * per_request,
        cpu_ms=cpu * per_request,
        queries=timers.queries / requests,
        queries_while_rendering=timers.queries_while_rendering / requests,
    )


def get(client, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise ServerError(f"the breakdown's GET {path} answered {response.status_code}, not 200")


def measure(
    env: dict[str, str], path: str, requests: int, *, without_work=False, parts=False
) -> Breakdown:
    """Run breakdown() in a subprocess with env (the production site's) and the cache disabled:
    the whole page built on every request. parts: the page cache off but the cache of a page's
    parts on (core.page_parts), warm from the unmeasured first requests: a page of a career
    whose other addresses were asked for before, as in the long tail.

    without_work: the profile as it was before O*NET's data (issue 24's baseline): the one
    function that reads it for a career's page answers "no data", so the page leaves out
    every section it feeds, as for a career O*NET does not cover."""
    flag = ["--without-work"] if without_work else []
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [str(PYTHON), str(Path(__file__).resolve()), path, str(requests), *flag],
        cwd=ROOT,
        env={**env, "DJANGO_PAGE_CACHE": "0"} if parts else {**env, "DJANGO_CACHE_DISABLED": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return Breakdown(**json.loads(line.removeprefix(RESULT_PREFIX)))
    raise ServerError(
        f"the breakdown of {path} gave no result (exit {result.returncode}):\n"
        f"{result.stdout}{result.stderr[-4000:]}"
    )


def main() -> None:
    path, requests = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    import django
    from django.conf import settings

    django.setup()
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else None
    if "--without-work" in sys.argv[3:]:
        import occupations.selectors

        occupations.selectors.career_work = lambda *args, **kwargs: None
    result = breakdown(path, requests, host=host)
    print(RESULT_PREFIX + json.dumps(asdict(result)), flush=True)


if __name__ == "__main__":
    main()
