"""Freshness: review intervals, the "needs review" filter, the admin panel and content_report."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command, get_commands
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certifications.models import Certification
from core.freshness import (
    DUE_SOON_DAYS,
    ReviewState,
    add_months,
    period_is_stale,
    review_state,
    reviewed_on_or_after,
)
from guides.models import CareerGuide
from occupations.models import PayRelease
from tests.conftest import soup
from tests.factories import CareerGuideFactory, CertificationFactory, PayReleaseFactory

TODAY = datetime.date(2026, 11, 27)


def test_add_months_keeps_the_day_where_the_month_allows():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2028, 1, 31), 1) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 11, 27), 12) == datetime.date(2027, 11, 27)
    assert add_months(datetime.date(2026, 3, 31), -1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 1, 15), -13) == datetime.date(2024, 12, 15)


@given(
    last=st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)),
    today=st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)),
    months=st.integers(1, 120),
)
def test_database_cut_offs_agree_with_the_python_state(last, today, months):
    """The list filter and report (date cut-offs) classify exactly as the model does."""
    not_overdue = reviewed_on_or_after(today, months)
    not_due_soon = reviewed_on_or_after(today + datetime.timedelta(DUE_SOON_DAYS + 1), months)
    if last < not_overdue:
        expected = ReviewState.OVERDUE
    elif last < not_due_soon:
        expected = ReviewState.DUE_SOON
    else:
        expected = ReviewState.UP_TO_DATE
    assert review_state(last, months, today) == expected


def test_review_state_of_a_guide():
    guide = CareerGuide(last_reviewed=datetime.date(2025, 11, 1), review_interval_months=12)
    assert guide.review_due == datetime.date(2026, 11, 1)
    assert guide.review_state(TODAY) == ReviewState.OVERDUE
    assert guide.review_state(datetime.date(2026, 10, 15)) == ReviewState.DUE_SOON
    assert guide.review_state(datetime.date(2026, 9, 1)) == ReviewState.UP_TO_DATE
    cert = Certification(last_checked=datetime.date(2026, 5, 1), review_interval_months=6)
    assert cert.review_state(TODAY) == ReviewState.OVERDUE


def months_ago(months: int, days: int = 0) -> datetime.date:
    return add_months(timezone.localdate(), -months) - datetime.timedelta(days)


@pytest.fixture
def guides_by_state(db):
    return {
        ReviewState.OVERDUE: CareerGuideFactory(
            title="Overdue guide", last_reviewed=months_ago(13)
        ),
        ReviewState.DUE_SOON: CareerGuideFactory(
            title="Due soon guide", last_reviewed=months_ago(12, days=-20)
        ),
        ReviewState.UP_TO_DATE: CareerGuideFactory(
            title="Fresh guide", last_reviewed=timezone.localdate()
        ),
        "short interval": CareerGuideFactory(
            title="Quarterly guide", last_reviewed=months_ago(4), review_interval_months=3
        ),
    }


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ReviewState.OVERDUE, {"Overdue guide", "Quarterly guide"}),
        (ReviewState.DUE_SOON, {"Due soon guide"}),
        (ReviewState.UP_TO_DATE, {"Fresh guide"}),
    ],
)
def test_needs_review_filter_on_the_guide_list(admin_client, guides_by_state, state, expected):
    response = admin_client.get(reverse("admin:guides_careerguide_changelist"), {"review": state})
    titles = {link.text for link in soup(response).select("#result_list tbody th a")}
    assert titles == expected


def test_needs_review_filter_on_the_certification_list(admin_client):
    CertificationFactory(code="OLD", last_checked=months_ago(14))
    CertificationFactory(code="NEW", last_checked=timezone.localdate())
    url = reverse("admin:certifications_certification_changelist")
    response = admin_client.get(url, {"review": "overdue"})
    codes = {link.text for link in soup(response).select("#result_list tbody th a")}
    assert codes == {"OLD"}
    assert "needs review" in soup(admin_client.get(url)).find(id="changelist-filter").text.lower()


def test_the_admin_index_lists_what_is_overdue(admin_client, guides_by_state):
    CertificationFactory(code="OLD", last_checked=months_ago(14))
    panel = soup(admin_client.get(reverse("admin:index"))).find(id="review-panel")
    assert panel is not None
    text = panel.text
    assert "2 career guides" in text
    assert "Overdue guide" in text
    assert "Quarterly guide" in text
    assert "Due soon guide" not in text
    assert "1 certification" in text
    overdue = guides_by_state[ReviewState.OVERDUE]
    assert panel.find("a", href=reverse("admin:guides_careerguide_change", args=[overdue.pk]))
    assert panel.find("a", href=reverse("admin:guides_careerguide_changelist") + "?review=overdue")


def test_no_panel_when_nothing_is_overdue(admin_client):
    CareerGuideFactory(last_reviewed=timezone.localdate())
    assert soup(admin_client.get(reverse("admin:index"))).find(id="review-panel") is None


def test_the_review_interval_is_edited_in_admin(admin_client):
    guide = CareerGuideFactory()
    response = admin_client.get(reverse("admin:guides_careerguide_change", args=[guide.pk]))
    assert soup(response).find("input", attrs={"name": "review_interval_months"})["value"] == "12"


@pytest.mark.parametrize(
    ("period", "stale"),
    [
        ("May 2024", True),
        ("November 2024", False),
        ("October 2024", True),
        ("May 2025", False),
        ("2024", False),
        ("2023", True),
        ("Spring", None),
    ],
)
def test_reference_periods_older_than_two_years(period, stale):
    assert period_is_stale(period, TODAY) is stale


def report(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("content_report", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def may_2023():
    return PayReleaseFactory(code="2023A01", name="May 2023", published=datetime.date(2024, 4, 3))


STALE_PAY = "Pay: the newest release is OEWS May 2023 (import a newer one with import_oews)"


def test_content_report_is_editorials():
    assert get_commands()["content_report"] == "editorial"


def test_content_report_is_quiet_and_succeeds_when_all_is_fresh(db):
    CareerGuideFactory(last_reviewed=TODAY)
    CertificationFactory(last_checked=TODAY)
    may_2023()  # an older release, no longer the site's pay
    PayReleaseFactory()  # May 2025: the current one
    status, output = report("--today", TODAY.isoformat())
    assert status == 0
    assert "Figures older than 2 years\n  none" in output
    assert "Pay:" not in output
    assert "Everything is up to date" in output


def test_content_report_lists_what_needs_attention_and_fails(db):
    CareerGuideFactory(title="Stale guide", last_reviewed=datetime.date(2025, 1, 5))
    CertificationFactory(code="OLDC", last_checked=datetime.date(2025, 6, 1))
    CertificationFactory(code="FRESH", last_checked=TODAY)
    may_2023()  # the newest release the site holds
    status, output = report("--today", TODAY.isoformat())
    assert status == 1
    assert "Stale guide [Published]: last reviewed 2025-01-05" in output
    assert "OLDC" in output
    assert "FRESH" not in output
    assert f"Figures older than 2 years\n  {STALE_PAY}" in output


@pytest.mark.parametrize(
    ("today", "listed"),
    [
        (datetime.date(2025, 5, 31), False),  # May 2023 is two years old, not over two
        (datetime.date(2025, 6, 1), True),
        (TODAY, True),
    ],
)
def test_content_report_lists_the_current_pay_release_once_over_two_years_old(db, today, listed):
    may_2023()
    status, output = report("--today", today.isoformat())
    assert (STALE_PAY in output) is listed
    assert status == (1 if listed else 0)


def test_content_report_is_quiet_about_pay_when_the_site_has_none(db):
    status, output = report("--today", TODAY.isoformat())
    assert (status, "Pay:" in output) == (0, False)


def test_the_public_guide_shows_when_it_was_reviewed_and_the_period_of_its_figures(client, seeded):
    page = soup(client.get("/careers/medical-records-specialist/"))
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    assert page.find("time", attrs={"datetime": guide.last_reviewed.isoformat()})
    release = PayRelease.current()  # the guide's pay is its occupation's, in this release
    assert release.name == "May 2025"
    assert f"United States, {release.name} ({release.source_name})" in (
        page.select_one(".quick-facts").text
    )
    assert f"Annual pay, United States, {release.name}" in page.find(id="pay").text
