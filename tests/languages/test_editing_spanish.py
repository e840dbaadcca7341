"""Editors write the Spanish in admin beside the English, and the editorial workflow (history,
what reverting changes, revert) covers both languages."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from guides.models import CareerGuide
from occupations.models import Occupation
from tests.conftest import soup
from tests.editorial.test_editorial import change_url
from tests.guides.test_admin import form_data

pytestmark = pytest.mark.django_db

SLUG = "medical-records-specialist"


def test_the_spanish_of_each_text_is_edited_beside_its_english(admin_client, seeded):
    guide = CareerGuide.objects.get(slug=SLUG)
    form = soup(admin_client.get(change_url(guide)))
    for name in ("title", "summary", "overview"):
        assert form.find(attrs={"name": name}) is not None
        assert form.find(attrs={"name": f"{name}_es"}) is not None
        assert form.find(attrs={"name": f"{name}_en"}) is None  # one box for the English
    assert form.find(attrs={"name": "faqs-0-question_es"}) is not None
    profile = Occupation.objects.get(slug="actuaries")
    profile_form = soup(admin_client.get(change_url(profile)))
    assert profile_form.find(attrs={"name": "summary_es"}) is not None
    assert profile_form.find(attrs={"name": "duties-0-text_es"}) is not None


def test_a_spanish_edit_shows_on_the_spanish_page_only_and_can_be_reverted(admin_client, seeded):
    guide = CareerGuide.objects.get(slug=SLUG)
    shipped = guide.summary_es
    data = form_data(admin_client.get(change_url(guide)))
    data["summary_es"] = "Un resumen nuevo, escrito por una editora."
    assert admin_client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert guide.summary_es == "Un resumen nuevo, escrito por una editora."
    assert guide.summary_en != guide.summary_es
    assert "Un resumen nuevo" in Client().get(f"/es/careers/{SLUG}/").content.decode()
    assert "Un resumen nuevo" not in Client().get(f"/careers/{SLUG}/").content.decode()

    first = Version.objects.get_for_object(guide).last()
    url = reverse("admin:guides_careerguide_revision", args=[guide.pk, first.pk])
    response = admin_client.get(url)
    rows = {
        row.th.text: [cell.text for cell in row.find_all("td")]
        for row in soup(response).find(id="version-diff").select("tbody tr")
    }
    assert rows == {
        "One-line summary [es]": [shipped, "Un resumen nuevo, escrito por una editora."]
    }
    assert admin_client.post(url, form_data(response)).status_code == 302
    guide.refresh_from_db()
    assert guide.summary_es == shipped
