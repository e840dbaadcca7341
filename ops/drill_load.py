"""The drill's traffic: many visitors at once, each doing what a person on the site does.

A Load runs N threads, each one visitor on its own kept-alive connection, until a deadline.
Each round a visitor picks a kind of visit by weight and starts it as a new visitor (no
cookies), so public pages come from caches as they would for first-time visitors, and the
form visits go through the real pages and forms:
  - profile: a random handbook profile with a random state's pay;
  - finder, search, compare: the page's own GET form, filled at random;
  - plan: start a plan from its page's form, then tick a step and write a note in the plan's
    form, then check that the plan page shows the note;
  - question: the ask page's form, sent (counted when the site answers with the thank-you
    redirect);
  - feedback: the guide's "Was this page useful?" link, then the feedback form, sent.
Every request is recorded with its kind, when it started, how long it took and whether it got
the answer a visitor should get; so a report can give p50/p99 per kind and count failures,
and say when they happened.
"""

import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from drill_http import Visitor, form_posting_to, forms_in, query_string, random_choices

SEARCH_WORDS = ["nurse", "medical records", "coding", "teacher", "engineer", "billing",
                "electrician", "pharmacy", "manager", "CPC", "RHIT", "data"]  # fmt: skip
GUIDES = [
    "medical-records-specialist",
    "health-information-technologist",
    "medical-assistant",
    "medical-transcriptionist",
]
FEEDBACK_LINK = re.compile(r'href="(/feedback/\?path=[^"]+)"')


@dataclass
class Record:
    kind: str
    started: float  # time.monotonic()
    seconds: float
    ok: bool
    detail: str = ""


@dataclass
class Traffic:
    """What the visitors may do, read from the site once before the load starts."""

    profile_paths: list[str]
    finder: object  # drill_http.Form of /careers/
    compare: object  # the careers compare page's form
    weights: dict[str, int]
    marker: str = field(default_factory=lambda: f"Drill {uuid.uuid4().hex[:8]}")


class Load:
    def __init__(self, make_visitor, traffic: Traffic, connections: int, seconds: float):
        self.make_visitor = make_visitor
        self.traffic = traffic
        self.connections = connections
        self.seconds = seconds
        self.records: list[Record] = []
        self.sent = {"question": 0, "feedback": 0}
        self.lock = threading.Lock()

    def run(self) -> "Load":
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds
        threads = [
            threading.Thread(target=self._visitor, args=(n,), daemon=True)
            for n in range(self.connections)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=self.seconds + 60)
        self.ended = time.monotonic()
        return self

    def _visitor(self, number: int) -> None:
        rng = random.Random(number)  # noqa: S311 (traffic, not secrets)
        visitor: Visitor = self.make_visitor()
        kinds = list(self.traffic.weights)
        weights = list(self.traffic.weights.values())
        visit = 0
        while time.monotonic() < self.deadline:
            kind = rng.choices(kinds, weights)[0]
            visitor.cookies.clear()  # a new visitor each time
            visit += 1
            try:
                getattr(self, f"_{kind}")(visitor, rng, f"{number}-{visit}")
            except VisitFailed:
                continue  # recorded already
            except Exception as error:
                visitor.close()
                self._record(kind, time.monotonic(), 0.0, False, f"{type(error).__name__}")
        visitor.close()

    def _record(self, kind, started, seconds, ok, detail=""):
        with self.lock:
            self.records.append(Record(kind, started, seconds, ok, detail))

    def _get(self, visitor, kind, path, expect=(200,), **kwargs):
        started = time.monotonic()
        answer = visitor.get(path, **kwargs)
        ok = answer.status in expect
        self._record(kind, started, answer.seconds, ok, "" if ok else f"{answer.status} {path}")
        if not ok:
            raise VisitFailed(kind)
        return answer

    def _send(self, visitor, kind, page, form, changes, expect_location):
        started = time.monotonic()
        answer = visitor.submit(page, form, changes)
        ok = answer.status == 302 and expect_location in answer.location
        detail = "" if ok else f"{answer.status} {answer.location or page}"
        self._record(kind, started, answer.seconds, ok, detail)
        if not ok:
            raise VisitFailed(kind)
        return answer

    # The kinds of visit --------------------------------------------------------------------

    def _profile(self, visitor, rng, _):
        self._get(visitor, "profile", rng.choice(self.traffic.profile_paths), gzip=True)

    def _finder(self, visitor, rng, _):
        form = self.traffic.finder
        self._get(visitor, "finder", f"/careers/?{query_string(form, random_choices(form, rng))}",
                  gzip=True)  # fmt: skip

    def _search(self, visitor, rng, _):
        self._get(
            visitor, "search", f"/search/?q={quote_plus(rng.choice(SEARCH_WORDS))}", gzip=True
        )

    def _compare(self, visitor, rng, _):
        form = self.traffic.compare
        query = query_string(form, random_choices(form, rng))
        self._get(visitor, "compare", f"/careers/compare/?{query}", gzip=True)

    def _plan(self, visitor, rng, name):
        guide = rng.choice(GUIDES)
        start = f"/plan/start/{guide}/"
        page = self._get(visitor, "plan: start page", start)
        self._send(visitor, "plan: start", start, form_posting_to(page.body, start), {}, "/plan/")
        plan = self._get(visitor, "plan: page", "/plan/")
        form = next(f for f in forms_in(plan.body) if "plan" in f.names())
        note = f"{self.traffic.marker} plan {name}"
        changes = {"plan-" + guide + "-0-note": note, "plan-" + guide + "-0-done": "on"}
        self._send(visitor, "plan: update", "/plan/", form, changes, "/plan/")
        shown = self._get(visitor, "plan: page", "/plan/")
        if note not in shown.body:
            self._record("plan: update", time.monotonic(), 0.0, False, "note not shown")
            raise VisitFailed("plan")

    def _question(self, visitor, rng, name):
        ask = f"/careers/{rng.choice(GUIDES)}/ask/"
        page = self._get(visitor, "question: ask page", ask)
        text = f"{self.traffic.marker} question {name}: how long does the training take?"
        self._send(visitor, "question: send", ask, form_posting_to(page.body, ask),
                   {"question": text}, "/ask/thanks/")  # fmt: skip
        with self.lock:
            self.sent["question"] += 1

    def _feedback(self, visitor, rng, name):
        guide = self._get(visitor, "feedback: guide page", f"/careers/{rng.choice(GUIDES)}/")
        link = FEEDBACK_LINK.search(guide.body)
        if not link:
            self._record("feedback: guide page", time.monotonic(), 0.0, False, "no feedback link")
            raise VisitFailed("feedback")
        path = link.group(1).replace("&amp;", "&")
        page = self._get(visitor, "feedback: form page", path)
        comment = f"{self.traffic.marker} feedback {name}"
        self._send(visitor, "feedback: send", path, form_posting_to(page.body, "/feedback/"),
                   {"comment": comment}, "#feedback")  # fmt: skip
        with self.lock:
            self.sent["feedback"] += 1

    # Figures -------------------------------------------------------------------------------

    def failures(self) -> list[Record]:
        return [r for r in self.records if not r.ok]

    def by_kind(self) -> dict[str, list[Record]]:
        kinds: dict[str, list[Record]] = {}
        for record in self.records:
            kinds.setdefault(record.kind, []).append(record)
        return dict(sorted(kinds.items()))


class VisitFailed(Exception):
    """A visit that got the wrong answer (already recorded): the visitor starts afresh."""


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
