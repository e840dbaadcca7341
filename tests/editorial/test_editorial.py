"""Editorial workflow: draft → in review → published, scheduling, roles, history and revert."""

import datetime
import io
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from certifications.models import Certification
from core.models import Status
from editorial.roles import EDITOR, PUBLISHER
from guides.models import GUIDE_PARTS, CareerGuide
from tests.conftest import soup
from tests.factories import (
    CareerGuideFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    TrainingStepFactory,
    complete_guide,
)
from tests.guides.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_packs):
    """The guide as its pack ships it: these tests follow its history from the first version."""


GUIDE_SLUG = "medical-records-specialist"
PASSWORD = "a-long-test-password"


def user_in(django_user_model, group_name: str, username: str):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, EDITOR, "ed")


@pytest.fixture
def publisher(django_user_model):
    return user_in(django_user_model, PUBLISHER, "pub")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return client_for(publisher)


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def run_action(client, model, action: str, *objects):
    return client.post(
        changelist_url(model),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objects]},
        follow=True,
    )


def snapshot(guide) -> dict:
    """Every field of the guide's parts, ids included, in a comparable form."""
    return {
        name: [
            {f.attname: f.value_from_object(part) for f in part._meta.concrete_fields}
            for part in getattr(guide, name).order_by("pk")
        ]
        for name in GUIDE_PARTS
    }


def status_choices(response) -> list[str]:
    select = soup(response).find("select", attrs={"name": "status"})
    return [option["value"] for option in select.find_all("option")] if select else []


# Workflow states and scheduling ----------------------------------------------------------------


def test_review_is_a_state_between_draft_and_published():
    assert [value for value, _ in Status.choices] == ["draft", "review", "published"]
    assert Status.REVIEW.label == "In review"


def test_only_published_items_whose_time_has_come_are_public(client):
    now = timezone.now()
    public = CareerGuideFactory(title="Public now")
    was_scheduled = CareerGuideFactory(
        title="Was scheduled", publish_at=now - datetime.timedelta(1)
    )
    scheduled = CareerGuideFactory(title="Scheduled", publish_at=now + datetime.timedelta(1))
    in_review = CareerGuideFactory(title="In review", status=Status.REVIEW)
    draft = CareerGuideFactory(title="Draft", status=Status.DRAFT)
    assert set(CareerGuide.objects.published()) == {public, was_scheduled}
    for guide in (scheduled, in_review, draft):
        assert client.get(guide.get_absolute_url()).status_code == 404
        assert not guide.is_published
    assert scheduled.is_scheduled
    assert scheduled.state_label == "Scheduled"


@pytest.mark.parametrize(
    ("fields", "banner"),
    [
        ({"status": Status.DRAFT}, "Draft preview"),
        ({"status": Status.REVIEW}, "In review preview"),
        (
            {"publish_at": datetime.datetime(2099, 3, 4, 9, 30, tzinfo=datetime.UTC)},
            "the public sees this page only from 4 March 2099, 09:30",
        ),
    ],
)
def test_staff_preview_every_state_with_a_banner_saying_which(staff_client, fields, banner):
    guide = CareerGuideFactory(**fields)
    cert = CertificationFactory(**fields)
    for obj in (guide, cert):
        response = staff_client.get(obj.get_absolute_url())
        assert response.status_code == 200
        assert banner in soup(response).find(class_="draft-banner").text


def test_staff_lists_label_each_state(staff_client):
    CareerGuideFactory(title="Reviewed guide", status=Status.REVIEW)
    CertificationFactory(code="SOON", publish_at=timezone.now() + datetime.timedelta(days=3))
    assert "In review" in soup(staff_client.get("/careers/")).find(class_="badge").text
    badges = [badge.text for badge in soup(staff_client.get("/certifications/")).select(".badge")]
    assert "Scheduled" in badges


def test_a_scheduled_guide_appears_on_time_without_a_stale_cached_page(client):
    """Time travel: the list, home and guide pages are cached before the publish time; the
    first request after it shows the guide (no cron job, no cache clear)."""
    now = timezone.now()
    CareerGuideFactory(title="Already public guide")
    scheduled = CareerGuideFactory(
        title="Scheduled guide", featured=True, publish_at=now + datetime.timedelta(hours=2)
    )
    for _ in range(2):  # the second time from the cache
        assert "Scheduled guide" not in client.get("/careers/").content.decode()
        assert "Scheduled guide" not in client.get("/").content.decode()
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    just_before = now + datetime.timedelta(hours=1, minutes=59)
    with mock.patch("django.utils.timezone.now", return_value=just_before):
        assert "Scheduled guide" not in client.get("/careers/").content.decode()

    after = now + datetime.timedelta(hours=2, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        assert "Scheduled guide" in client.get("/careers/").content.decode()
        assert "Scheduled guide" in client.get("/").content.decode()
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        guides_sitemap = client.get("/sitemap-guides.xml").content.decode()
        assert scheduled.get_absolute_url() in guides_sitemap


def test_a_scheduled_certification_appears_on_time_on_the_guide_that_recommends_it(client):
    now = timezone.now()
    guide = complete_guide()
    link = guide.recommended_certifications.get()
    link.certification.publish_at = now + datetime.timedelta(days=1)
    link.certification.save()
    cert_url = link.certification.get_absolute_url()
    assert not soup(client.get(guide.get_absolute_url())).find("a", href=cert_url)
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(days=2)):
        assert soup(client.get(guide.get_absolute_url())).find("a", href=cert_url)


def test_search_hides_the_parts_of_a_scheduled_guide(client):
    guide = CareerGuideFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    TrainingStepFactory(guide=guide, title="Zygomorphic apprenticeship")
    assert "Zygomorphic" not in client.get("/search/", {"q": "zygomorphic"}).content.decode()


# Roles -------------------------------------------------------------------------------------


def perms_of(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_migrate_creates_the_editor_and_publisher_roles():
    editor, publisher = perms_of(EDITOR), perms_of(PUBLISHER)
    for perm in (
        "guides.view_careerguide",
        "guides.add_careerguide",
        "guides.change_careerguide",
        "guides.change_trainingstep",
        "guides.delete_trainingstep",  # removing a row of a guide's section
        "certifications.change_certification",
        "certifications.change_certifyingbody",
    ):
        assert perm in editor, perm
    for perm in (
        "guides.publish_careerguide",
        "certifications.publish_certification",
        "guides.delete_careerguide",
        "certifications.delete_certification",
        "certifications.delete_certifyingbody",
    ):
        assert perm not in editor, perm
        assert perm in publisher, perm
    assert editor < publisher
    assert not {perm for perm in publisher if perm.startswith(("auth.", "reversion."))}
    for label in ("questions", "feedback"):  # matched by app label, when installed
        if apps.is_installed(label):
            for model in apps.get_app_config(label).get_models():
                assert f"{label}.change_{model._meta.model_name}" in editor


def test_setup_roles_is_idempotent_and_restores_the_definition():
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    editor = Group.objects.get(name=EDITOR)
    editor.permissions.add(Permission.objects.get(codename="publish_careerguide"))
    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())
    assert Group.objects.filter(name__in=[EDITOR, PUBLISHER]).count() == 2
    assert "guides.publish_careerguide" not in perms_of(EDITOR)


def test_editor_cannot_manage_users_or_delete_guides(editor_client):
    guide = CareerGuideFactory()
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    delete = reverse("admin:guides_careerguide_delete", args=[guide.pk])
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    run_action(editor_client, CareerGuide, "delete_selected", guide)
    assert CareerGuide.objects.filter(pk=guide.pk).exists()


def test_editor_is_offered_no_publishing_actions(editor_client, publisher_client):
    CareerGuideFactory()

    def actions(client, model):
        select = soup(client.get(changelist_url(model))).find("select", attrs={"name": "action"})
        return {option["value"] for option in select.find_all("option") if option["value"]}

    for model in (CareerGuide, Certification):
        CertificationFactory()
        assert actions(editor_client, model) == {"submit_for_review"}
        assert actions(publisher_client, model) == {
            "submit_for_review",
            "publish",
            "unpublish",
            "delete_selected",
        }


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_editor_cannot_publish_or_unpublish_with_an_action(editor_client, action):
    guide = CareerGuideFactory(status=Status.REVIEW if action == "publish" else Status.PUBLISHED)
    cert = CertificationFactory(status=guide.status)
    before = guide.status
    run_action(editor_client, CareerGuide, action, guide)
    run_action(editor_client, Certification, action, cert)
    guide.refresh_from_db()
    cert.refresh_from_db()
    assert guide.status == cert.status == before


def test_editor_submits_a_draft_for_review_and_a_publisher_publishes_it(
    editor_client, publisher_client, publisher
):
    guide = CareerGuideFactory(status=Status.DRAFT)
    response = run_action(editor_client, CareerGuide, "submit_for_review", guide)
    assert "1 career guide is now in review" in response.content.decode()
    guide.refresh_from_db()
    assert guide.status == Status.REVIEW
    assert Client().get(guide.get_absolute_url()).status_code == 404

    response = run_action(publisher_client, CareerGuide, "publish", guide)
    assert "1 career guide is now published" in response.content.decode()
    assert Client().get(guide.get_absolute_url()).status_code == 200
    latest = Version.objects.get_for_object(guide).first()
    assert latest.revision.user == publisher
    assert "Published (was In review)" in latest.revision.get_comment()

    run_action(publisher_client, CareerGuide, "unpublish", guide)
    guide.refresh_from_db()
    assert guide.status == Status.DRAFT
    assert Client().get(guide.get_absolute_url()).status_code == 404


def test_each_item_of_a_bulk_action_gets_its_own_revision(publisher_client):
    first, second = CareerGuideFactory.create_batch(2, status=Status.REVIEW)
    run_action(publisher_client, CareerGuide, "publish", first, second)
    one = Version.objects.get_for_object(first).first().revision
    other = Version.objects.get_for_object(second).first().revision
    assert one != other


def test_publishing_a_guide_with_a_future_time_schedules_it(publisher_client):
    when = timezone.now() + datetime.timedelta(days=7)
    guide = CareerGuideFactory(status=Status.REVIEW, publish_at=when)
    response = run_action(publisher_client, CareerGuide, "publish", guide)
    assert "is scheduled: the public sees it from" in response.content.decode()
    assert Client().get(guide.get_absolute_url()).status_code == 404


def test_publisher_publishes_a_certification_with_the_action(publisher_client):
    cert = CertificationFactory(status=Status.REVIEW)
    run_action(publisher_client, Certification, "publish", cert)
    assert Client().get(cert.get_absolute_url()).status_code == 200


def test_editor_status_field_never_offers_published(editor_client):
    draft = CareerGuideFactory(status=Status.DRAFT)
    assert status_choices(editor_client.get(change_url(draft))) == ["draft", "review"]
    assert status_choices(editor_client.get(reverse("admin:guides_careerguide_add"))) == [
        "draft",
        "review",
    ]
    # For an item that is already public: keep it so, or send it back for review.
    published = CareerGuideFactory()
    assert status_choices(editor_client.get(change_url(published))) == ["review", "published"]


def test_editor_choosing_published_in_the_form_gets_a_clear_error(editor_client):
    guide = CareerGuideFactory(status=Status.REVIEW)
    cert = CertificationFactory(status=Status.REVIEW)
    for obj in (guide, cert):
        data = form_data(editor_client.get(change_url(obj)))
        data["status"] = "published"
        response = editor_client.post(change_url(obj), data)
        assert response.status_code == 200
        assert "Only a publisher can publish" in soup(response).select_one(".errorlist").text
        obj.refresh_from_db()
        assert obj.status == Status.REVIEW


def test_editor_cannot_schedule(editor_client):
    guide = CareerGuideFactory(status=Status.REVIEW)
    response = editor_client.get(change_url(guide))
    assert not soup(response).find(attrs={"name": "publish_at_0"})
    data = form_data(response)
    data.update({"publish_at_0": "2020-01-01", "publish_at_1": "00:00"})
    assert editor_client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert guide.publish_at is None


def test_editor_edits_a_published_guide_and_it_stays_published(editor_client):
    guide = CareerGuideFactory()
    data = form_data(editor_client.get(change_url(guide)))
    data["summary"] = "A corrected summary."
    assert editor_client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert (guide.status, guide.summary) == (Status.PUBLISHED, "A corrected summary.")


def test_publisher_publishes_and_schedules_in_the_form(publisher_client):
    guide = CareerGuideFactory(status=Status.REVIEW)
    response = publisher_client.get(change_url(guide))
    assert status_choices(response) == ["draft", "review", "published"]
    data = form_data(response)
    data.update({"status": "published", "publish_at_0": "2099-01-02", "publish_at_1": "08:00"})
    assert publisher_client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert guide.is_scheduled


def test_editor_cannot_publish_a_certification_from_its_issuer_page(editor_client):
    cert = CertificationFactory(status=Status.REVIEW)
    response = editor_client.get(change_url(cert.body))
    assert not soup(response).find("select", attrs={"name": "certifications-0-status"})
    data = form_data(response)
    data["certifications-0-status"] = "published"
    assert editor_client.post(change_url(cert.body), data).status_code == 302
    cert.refresh_from_db()
    assert cert.status == Status.REVIEW


# History, diff, revert and recover -----------------------------------------------------------


def edit_a_step_and_a_figure(client, guide):
    """A step's title, a ladder rung's pay (a figure) and a duty deleted, in one save."""
    data = form_data(client.get(change_url(guide)))
    data["training_steps-0-title"] = "A completely new first step"
    rung = next(
        key.removesuffix("-median_pay")
        for key, value in data.items()
        if key.startswith("progression-") and key.endswith("-median_pay") and value
    )
    data[f"{rung}-median_pay"] = "50999"
    data["duties-0-DELETE"] = "on"
    response = client.post(change_url(guide), data)
    assert response.status_code == 302, soup(response).select(".errorlist")


def test_history_shows_who_changed_what_and_when(editor_client, editor, seeded):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    edit_a_step_and_a_figure(editor_client, guide)
    page = soup(editor_client.get(reverse("admin:guides_careerguide_history", args=[guide.pk])))
    rows = page.select("#change-history tbody tr")
    assert len(rows) == 2  # the edit, then the version seed_content loaded
    assert rows[0].find("td").text.strip() == "ed"
    assert "Changed" in rows[0].text
    assert "Loaded by seed_content" in rows[1].text


def test_editor_cannot_revert(editor_client, seeded):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    version = Version.objects.get_for_object(guide).first()
    url = reverse("admin:guides_careerguide_revision", args=[guide.pk, version.pk])
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {}).status_code == 403


def test_publisher_sees_what_reverting_changes_then_reverts_with_every_part(
    editor_client, publisher_client, seeded
):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    original = snapshot(guide)
    first_step = guide.training_steps.order_by("position", "pk").first().title
    rung_pay = guide.progression.exclude(median_pay=None).get().median_pay
    edit_a_step_and_a_figure(editor_client, guide)
    assert snapshot(guide) != original
    assert "A completely new first step" in Client().get(guide.get_absolute_url()).content.decode()

    history = soup(
        publisher_client.get(reverse("admin:guides_careerguide_history", args=[guide.pk]))
    )
    seed_version_url = history.select("#change-history tbody tr a")[-1]["href"]
    response = publisher_client.get(seed_version_url)
    assert response.status_code == 200
    diff = soup(response).find(id="version-diff")
    rows = {
        row.th.text: [cell.text for cell in row.find_all("td")] for row in diff.select("tbody tr")
    }
    step_change = next(value for key, value in rows.items() if key.endswith(": title"))
    assert step_change == [first_step, "A completely new first step"]
    pay_change = next(value for key, value in rows.items() if key.endswith(": median pay"))
    assert pay_change == [f"{rung_pay:.2f}", "50999.00"]
    assert any("reverting restores it" in " ".join(value) for value in rows.values())
    guide.refresh_from_db()
    assert snapshot(guide) != original  # looking at a version changes nothing

    response = publisher_client.post(seed_version_url, form_data(response))
    assert response.status_code == 302

    guide.refresh_from_db()
    assert snapshot(guide) == original
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert first_step in page
    assert "A completely new first step" not in page


def test_revert_with_the_api_restores_the_parts_exactly(admin_client, seeded):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    duties = guide.duties.count()
    edit_a_step_and_a_figure(admin_client, guide)
    original_version = Version.objects.get_for_object(guide).last()  # the oldest
    after_edit = snapshot(guide)
    original_version.revision.revert(delete=True)
    guide.refresh_from_db()
    assert snapshot(guide) != after_edit
    assert guide.duties.count() == duties


def test_publisher_deletes_a_published_guide_and_recovers_it_with_its_parts(
    publisher_client, seeded
):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    original = snapshot(guide)
    delete = reverse("admin:guides_careerguide_delete", args=[guide.pk])
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    assert not CareerGuide.objects.filter(slug=GUIDE_SLUG).exists()
    assert Client().get(guide.get_absolute_url()).status_code == 404

    listing = soup(publisher_client.get(reverse("admin:guides_careerguide_recoverlist")))
    recover_url = listing.select_one("#change-history tbody a")["href"]
    form = publisher_client.get(recover_url)
    assert form.status_code == 200
    assert publisher_client.post(recover_url, form_data(form)).status_code == 302

    recovered = CareerGuide.objects.get(slug=GUIDE_SLUG)
    assert recovered.pk == guide.pk
    assert snapshot(recovered) == original
    assert Client().get(recovered.get_absolute_url()).status_code == 200


def test_a_guide_without_history_is_still_recoverable_after_deletion(publisher_client):
    guide = complete_guide(children_each=2)
    original = snapshot(guide)
    publisher_client.post(
        changelist_url(CareerGuide),
        {"action": "delete_selected", "_selected_action": [guide.pk], "post": "yes"},
    )
    assert not CareerGuide.objects.filter(pk=guide.pk).exists()
    deleted = Version.objects.get_deleted(CareerGuide).get()
    url = reverse("admin:guides_careerguide_recover", args=[deleted.pk])
    assert publisher_client.post(url, form_data(publisher_client.get(url))).status_code == 302
    assert snapshot(CareerGuide.objects.get(pk=guide.pk)) == original


def test_editor_cannot_recover(editor_client):
    assert editor_client.get(reverse("admin:guides_careerguide_recoverlist")).status_code == 403
    page = editor_client.get(changelist_url(CareerGuide)).content.decode()
    assert "Recover deleted" not in page


def test_certification_history_and_revert(publisher_client):
    cert = CertificationFactory(renewal_ceus=36)
    for ceus in ("40", "44"):
        data = form_data(publisher_client.get(change_url(cert)))
        data["renewal_ceus"] = ceus
        assert publisher_client.post(change_url(cert), data).status_code == 302
    first = Version.objects.get_for_object(cert).last()
    url = reverse("admin:certifications_certification_revision", args=[cert.pk, first.pk])
    response = publisher_client.get(url)
    assert "Renewal CEUs" in soup(response).find(id="version-diff").text
    assert publisher_client.post(url, form_data(response)).status_code == 302
    cert.refresh_from_db()
    assert cert.renewal_ceus == 40


def test_every_content_model_is_under_version_control():
    import reversion

    for label in ("guides", "certifications"):
        for model in apps.get_app_config(label).get_models():
            assert reversion.is_registered(model), model


def test_body_admin_keeps_history_too(publisher_client):
    body = CertifyingBodyFactory()
    data = form_data(publisher_client.get(change_url(body)))
    data["description"] = "Changed."
    assert publisher_client.post(change_url(body), data).status_code == 302
    assert Version.objects.get_for_object(body).count() == 1


def test_snapshot_covers_every_guide_part():
    guide_relations = {
        rel.get_accessor_name()
        for rel in CareerGuide._meta.related_objects
        if rel.related_model._meta.app_label == "guides" and rel.field.name == "guide"
    }
    assert guide_relations == set(GUIDE_PARTS)


def test_the_diff_ignores_the_line_ends_browsers_send(publisher_client, seeded):
    guide = CareerGuide.objects.get(slug=GUIDE_SLUG)
    data = form_data(publisher_client.get(change_url(guide)))
    data["overview"] = data["overview"].replace("\n", "\r\n")
    data["summary"] = "A new summary."
    assert publisher_client.post(change_url(guide), data).status_code == 302
    seed_version = Version.objects.get_for_object(guide).last()
    url = reverse("admin:guides_careerguide_revision", args=[guide.pk, seed_version.pk])
    rows = soup(publisher_client.get(url)).find(id="version-diff").select("tbody th")
    assert [row.text for row in rows] == ["One-line summary"]
