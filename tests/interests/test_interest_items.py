"""The questionnaire's activities in the admin: editors write them as drafts, publishers
publish them; the matcher asks only what is published, in the editors' order."""

import pytest
from django.urls import reverse
from reversion.models import Version

from editorial.roles import EDITOR, PUBLISHER
from interests.models import InterestItem
from tests.editorial.test_editorial import client_for, user_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("questionnaire")]
ADD = reverse("admin:interests_interestitem_add")


def new_item(client, **fields):
    data = {"text": "Herd goats on a hillside", "area": "R", "position": "1", "status": "draft"}
    return client.post(ADD, {**data, **fields})


def test_an_editor_writes_a_draft_the_public_does_not_see(client, django_user_model):
    editor = client_for(user_in(django_user_model, EDITOR, "ed"))
    assert new_item(editor).status_code == 302
    item = InterestItem.objects.get(text="Herd goats on a hillside")
    assert item.status == "draft"
    assert Version.objects.get_for_object(item).count() == 1  # in its history
    assert "Herd goats" not in client.get("/careers/match/").content.decode()
    # Publishing is not theirs to do: the form says so and nothing is published.
    response = new_item(editor, text="Shear sheep in spring", status="published")
    assert response.status_code == 200
    assert not InterestItem.objects.filter(text="Shear sheep in spring").exists()


def test_a_publisher_publishes_it_and_the_questionnaire_asks_it_first(client, django_user_model):
    publisher = client_for(user_in(django_user_model, PUBLISHER, "pub"))
    assert new_item(publisher, status="published", position="0").status_code == 302
    first = client.get("/careers/match/").content.decode().index("<fieldset")
    assert (
        "Herd goats on a hillside" in client.get("/careers/match/").content.decode()[first:][:600]
    )


def test_an_activity_must_name_one_of_the_six_areas(django_user_model):
    publisher = client_for(user_in(django_user_model, PUBLISHER, "pub"))
    response = new_item(publisher, area="X")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_editors_find_activities_by_words_and_area(django_user_model):
    editor = client_for(user_in(django_user_model, EDITOR, "ed"))
    changelist = reverse("admin:interests_interestitem_changelist")
    response = editor.get(changelist, {"q": "invoices"})
    assert "Check invoices for pricing mistakes" in response.content.decode()
    response = editor.get(changelist, {"area__exact": "C"})
    assert response.content.decode().count('class="field-text"') == 8
