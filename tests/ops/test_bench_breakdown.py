"""make bench's breakdown of the real, uncached guide (ops/bench_breakdown.py).

The bench runs it in a process of its own on the production settings; here it runs against the
test database, seeded as `make seed` seeds, with the cache disabled as the bench disables it.
"""

import importlib
from pathlib import Path

import pytest
from django.db import connection
from django.template.base import Template
from django.test import Client

from core import content_version

pytestmark = pytest.mark.django_db

OPS = Path(__file__).resolve().parents[2] / "ops"
GUIDE = "/careers/medical-records-specialist/"
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture
def ops_module(monkeypatch):
    monkeypatch.syspath_prepend(str(OPS))
    return importlib.import_module


@pytest.fixture
def uncached(seeded, settings, monkeypatch):
    """As DJANGO_CACHE_DISABLED=1: every cache a dummy. The content version, which a process
    reads again once a second, is kept for the test, so every request makes the same queries."""
    settings.CACHES = {"default": DUMMY, "pages": DUMMY}
    monkeypatch.setattr(content_version, "VERSION_TTL", 3600.0)


@pytest.fixture
def guide_breakdown(ops_module, uncached):
    return ops_module("bench_breakdown").breakdown(GUIDE, 3, warmup=1)


def test_the_parts_add_up_to_each_request(guide_breakdown):
    parts = guide_breakdown
    assert (parts.path, parts.requests) == (GUIDE, 3)
    assert parts.database_ms > 0
    assert parts.templates_ms > 0
    assert parts.rest_ms > 0
    assert parts.database_ms + parts.templates_ms + parts.rest_ms == pytest.approx(parts.total_ms)
    assert parts.cpu_ms > 0


def test_it_counts_the_real_guide_views_queries(guide_breakdown, django_assert_num_queries):
    queries = guide_breakdown.queries
    assert queries == int(queries) > 0  # every request the same page, the same queries
    assert 0 <= guide_breakdown.queries_while_rendering <= queries
    with django_assert_num_queries(int(queries)):
        response = Client().get(GUIDE)  # the real view, as a new visitor
    assert response.status_code == 200
    assert "Medical Records Specialist" in response.content.decode()


def test_it_leaves_django_as_it_found_it(ops_module, uncached):
    bench_breakdown = ops_module("bench_breakdown")
    render = Template.render
    with bench_breakdown.watching(bench_breakdown.Timers()):
        assert Template.render is not render
        assert len(connection.execute_wrappers) == 1
    assert Template.render is render
    assert connection.execute_wrappers == []


def test_a_page_that_is_not_200_stops_it(ops_module, uncached):
    bench_breakdown = ops_module("bench_breakdown")
    prodserver = ops_module("prodserver")
    with pytest.raises(prodserver.ServerError, match="answered 404"):
        bench_breakdown.breakdown("/careers/no-such-career/", 1, warmup=0)


def test_the_table_gives_each_part_its_share(ops_module):
    bench_breakdown, bench_report = ops_module("bench_breakdown"), ops_module("bench_report")
    parts = bench_breakdown.Breakdown(
        path=GUIDE, requests=100, total_ms=20.0, database_ms=5.0, templates_ms=10.0,
        rest_ms=5.0, cpu_ms=19.5, queries=24.0, queries_while_rendering=2.0,
    )  # fmt: skip
    table = bench_report.breakdown_table(parts, "Guide built whole")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[1:3] for row in rows[1:]] == [
        ["5.00", "25%"],
        ["10.00", "50%"],
        ["5.00", "25%"],
        ["20.00", "100%"],
    ]
    assert "24 |" in rows[1]
    assert "2 of them while templates render" in rows[1]
    assert table.startswith(f"| Guide built whole `{GUIDE}`, in-process, mean of 100 requests")


def test_the_gains_table_sets_each_share_beside_todays(ops_module):
    bench_report = ops_module("bench_report")
    table = bench_report.gains_table(
        {"guide": (0.04, 0.03), "long tail": (0.019, 0.038)},
        {"guide": 0.01, "long tail": 0.019},
        {"guide": 3.0, "long tail": 2.0},
    )
    rows = table.splitlines()[2:]
    assert rows == [
        "| guide | 0.010 | 0.040 | 4.00 × | ≥ 3 × |",
        "| long tail | 0.019 | 0.019 | 1.00 × | ≥ 2 × |",
    ]
