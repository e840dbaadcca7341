"""O*NET's data in the admin: read-only, searchable, and an editor may hide an item (a title,
a product, a rating), which is kept in the occupation's history."""

import pytest
from django.urls import reverse
from reversion.models import Version

from editorial.roles import EDITOR
from tests.conftest import soup
from tests.editorial.test_editorial import client_for, user_in
from tests.factories import (
    OnetOccupationFactory,
    OnetRatingFactory,
    OnetTechnologyFactory,
    OnetTitleFactory,
)
from tests.guides.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(django_user_model):
    return client_for(user_in(django_user_model, EDITOR, "ed"))


def change_url(occupation) -> str:
    return reverse("admin:occupations_onetoccupation_change", args=[occupation.pk])


def test_an_editor_finds_an_occupation_by_a_title_employers_use(editor_client):
    coder = OnetTitleFactory(title="Certified Professional Coder (CPC)").occupation
    other = OnetOccupationFactory()
    response = editor_client.get(
        reverse("admin:occupations_onetoccupation_changelist"), {"q": "professional coder"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert coder.code in text
    assert other.code not in text


def test_the_numbers_are_read_only_and_nothing_can_be_added(editor_client):
    occupation = OnetOccupationFactory(job_zone=3)
    OnetRatingFactory(occupation=occupation)
    page = soup(editor_client.get(change_url(occupation)))
    assert page.find("input", attrs={"name": "job_zone"}) is None
    assert page.find("input", attrs={"name": "ratings-0-importance"}) is None
    assert page.find("input", attrs={"name": "ratings-0-hidden"}) is not None
    assert editor_client.get(reverse("admin:occupations_onetoccupation_add")).status_code == 403


def test_an_editor_hides_a_misleading_item_and_it_is_kept_in_history(editor_client):
    occupation = OnetOccupationFactory()
    title = OnetTitleFactory(occupation=occupation, title="Coding Ninja")
    use = OnetTechnologyFactory(occupation=occupation)
    data = form_data(editor_client.get(change_url(occupation)))
    data["titles-0-hidden"] = "on"

    response = editor_client.post(change_url(occupation), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    title.refresh_from_db()
    use.refresh_from_db()
    assert title.hidden
    assert not use.hidden
    assert Version.objects.get_for_object(occupation).count() == 1
    assert Version.objects.get_for_object(title).count() == 1
