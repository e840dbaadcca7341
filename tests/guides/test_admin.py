"""Editors manage every part of a guide in Django admin, safely and efficiently."""

import io

import factory
import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from certifications.models import Certification
from guides.models import CareerGuide
from occupations.models import AreaPay, AreaType, CodeLevel, OccupationCode
from tests.conftest import soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    CertificationFactory,
    OccupationFactory,
    complete_guide,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_packs):
    """The guide as its pack ships it: these tests follow its history from the first version."""


GUIDE_INLINE_PREFIXES = [
    "duties",
    "related_titles",
    "training_steps",
    "recommended_certifications",
    "tools",
    "progression",
    "moves",
    "faqs",
    "sources",
]


def form_data(response, new_rows: int = 0) -> dict:
    """What a browser would submit from the page's main form, as it was rendered.

    With `new_rows`, each inline also gets that many blank rows with their default values,
    as admin's "Add another" button creates them from the empty template row.
    """
    form = soup(response).find("form", id=lambda value: value and value.endswith("_form"))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button"):
            continue
        if "__prefix__" in name:
            for row in range(new_rows):
                data.update(field_value(field, name.replace("__prefix__", str(row))))
            continue
        data.update(field_value(field, name))
    return data


def field_value(field, name) -> dict:
    """The name/value pair a browser submits for one form control (none for an unticked box)."""
    if field.name == "textarea":
        return {name: field.text}
    if field.name == "select":
        selected = field.find("option", selected=True)
        return {name: selected["value"] if selected else ""}
    if field.get("type") == "checkbox":
        return {name: "on"} if field.has_attr("checked") else {}
    return {name: field.get("value", "")}


def test_admin_is_for_staff_only(django_user_model):
    anonymous = Client()
    assert anonymous.get("/admin/").status_code == 302
    visitor = django_user_model.objects.create_user(username="visitor", password="pw-not-used-123")
    member = Client()
    member.force_login(visitor)
    response = member.get("/admin/guides/careerguide/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_change_page_has_an_inline_for_every_child(admin_client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    response = admin_client.get(reverse("admin:guides_careerguide_change", args=[guide.pk]))
    assert response.status_code == 200
    data = form_data(response)
    for prefix in GUIDE_INLINE_PREFIXES:
        assert f"{prefix}-TOTAL_FORMS" in data, prefix
    assert data["duties-TOTAL_FORMS"] == str(guide.duties.count())
    assert soup(response).find("a", string="View on site")


def test_change_page_has_no_salary_band_inline(admin_client, seeded):
    """Pay is BLS's (AreaPay, by the guide's occupation), not a part of the guide."""
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    response = admin_client.get(reverse("admin:guides_careerguide_change", args=[guide.pk]))
    assert response.status_code == 200
    assert not [name for name in form_data(response, new_rows=1) if "salary" in name]
    assert "salary band" not in response.content.decode().lower()


def test_the_salary_band_list_is_gone_from_admin(admin_client):
    index = admin_client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "salary band" not in index.content.decode().lower()
    assert not soup(index).find("a", href=lambda href: href and "salaryband" in href)
    assert "/admin/occupations/areapay/" in index.content.decode()  # where pay is listed now
    with pytest.raises(NoReverseMatch):
        reverse("admin:guides_salaryband_changelist")
    assert admin_client.get("/admin/guides/salaryband/").status_code == 404
    assert admin_client.get("/admin/guides/salaryband/1/change/").status_code == 404


def test_superuser_creates_a_whole_guide_without_leaving_admin(admin_client):
    cert = CertificationFactory(code="CPC", slug="cpc")
    profile = OccupationFactory(title="Health information technologists")
    manager = CareerGuideFactory(title="Health Information Manager", slug="him-manager")
    add_url = reverse("admin:guides_careerguide_add")
    data = form_data(admin_client.get(add_url), new_rows=1)
    data.update(
        {
            "title": "Health Information Technician",
            "slug": "health-information-technician",
            "status": "published",
            "last_reviewed": "2026-11-20",
            "occupation": str(profile.pk),  # its field, codes, education and pay are read there
            "summary": "Manage health data.",
            "overview": "Overview.",
            "work_setting": "Hospitals.",
            "who_it_suits": "Organised people.",
        }
    )
    children = {
        "duties": {"text": "Keep records accurate."},
        "related_titles": {"title": "HIT"},
        "training_steps": {
            "title": "Get an associate degree",
            "description": "Two years.",
            "cost_currency": "USD",
        },
        "recommended_certifications": {"certification": str(cert.pk), "note": "Useful"},
        "tools": {"kind": "software", "name": "Epic", "description": "An EHR."},
        "progression": {"next_role": "HIM manager", "what_it_takes": "A bachelor's degree."},
        "moves": {
            "to_guide": str(manager.pk),
            "kind": "step_up",
            "what_it_takes": "A bachelor's degree.",
            "source_name": "BLS Occupational Outlook Handbook",
            "source_url": "https://www.bls.gov/ooh/",
        },
        "faqs": {"question": "Is it remote?", "answer": "Often."},
        "sources": {"title": "OOH", "url": "https://www.bls.gov/ooh/"},
    }
    for prefix, fields in children.items():
        data[f"{prefix}-TOTAL_FORMS"] = "1"
        data[f"{prefix}-0-position"] = "0"
        data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})

    response = admin_client.post(add_url, data)

    assert response.status_code == 302, soup(response).select(".errorlist")
    guide = CareerGuide.objects.get(slug="health-information-technician")
    for prefix in GUIDE_INLINE_PREFIXES:
        assert getattr(guide, prefix).count() == 1, prefix
    assert guide.moves.get().to_guide == manager
    assert (guide.occupation, guide.detailed_code) == (profile, "")
    assert Client().get(guide.get_absolute_url()).status_code == 200


def test_editor_changes_a_step_inline(admin_client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    url = reverse("admin:guides_careerguide_change", args=[guide.pk])
    data = form_data(admin_client.get(url))
    data["training_steps-0-title"] = "Finish high school (or a GED)"
    response = admin_client.post(url, data)
    assert response.status_code == 302, soup(response).select(".errorlist")
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert "Finish high school (or a GED)" in page


def test_invalid_inline_shows_an_error_and_keeps_what_was_typed(admin_client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    url = reverse("admin:guides_careerguide_change", args=[guide.pk])
    data = form_data(admin_client.get(url))
    data["summary"] = "An edited summary that must survive the error"
    data["training_steps-0-cost_min"] = "900"
    data["training_steps-0-cost_max"] = "100"  # the lowest cost must not exceed the highest
    response = admin_client.post(url, data)
    assert response.status_code == 200
    page = soup(response)
    assert "The lowest cost must not exceed the highest." in page.select_one(".errorlist").text
    assert page.find("input", attrs={"name": "summary"})["value"] == data["summary"]
    assert page.find("input", attrs={"name": "training_steps-0-cost_min"})["value"] == "900"
    guide.refresh_from_db()
    assert guide.summary != data["summary"]


@pytest.mark.parametrize(
    ("changelist", "make_rows"),
    [
        ("admin:guides_careerguide_changelist", lambda n: [complete_guide() for _ in range(n)]),
        ("admin:certifications_certification_changelist", CertificationFactory.create_batch),
        ("admin:certifications_certifyingbody_changelist", CertificationFactory.create_batch),
        (
            "admin:occupations_areapay_changelist",
            lambda n: AreaPayFactory.create_batch(
                n, soc_code=factory.Sequence(lambda i: f"98-{i:04d}")
            ),
        ),
    ],
)
def test_admin_lists_do_not_query_per_row(admin_client, changelist, make_rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(changelist)
    make_rows(1)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    make_rows(5)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200
    assert len(many) == len(few)


def test_certification_admin_edits_a_certification(admin_client, seeded):
    cpc = Certification.objects.get(code="CPC")
    url = reverse("admin:certifications_certification_change", args=[cpc.pk])
    data = form_data(admin_client.get(url))
    data["renewal_ceus"] = "40"
    response = admin_client.post(url, data)
    assert response.status_code == 302, soup(response).select(".errorlist")
    assert "40 CEUs every 2 years" in Client().get("/certifications/cpc/").content.decode()


def test_admin_search_finds_guides_by_related_title(admin_client):
    CareerGuideFactory(title="Medical Records Specialist")
    CareerGuideFactory(title="Something else")
    from tests.factories import RelatedTitleFactory

    RelatedTitleFactory(
        guide=CareerGuide.objects.get(title="Medical Records Specialist"), title="Coder"
    )
    response = admin_client.get(reverse("admin:guides_careerguide_changelist"), {"q": "coder"})
    assert "Medical Records Specialist" in response.content.decode()
    assert "Something else" not in response.content.decode()


def test_the_guide_form_stays_editable_with_every_states_pay_imported(admin_client, seeded):
    """State figures (hundreds of rows once a release is imported) are not inline rows: the form
    stays within Django's field limit and an editor's save keeps them."""
    from django.core.management import call_command

    from tests.conftest import OEWS_SAMPLE

    call_command("import_oews", str(OEWS_SAMPLE), "--period", "May 2025", stdout=io.StringIO())
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    codes = guide.occupation.codes.values_list("soc_code", flat=True)
    state_pay = AreaPay.objects.filter(soc_code__in=codes).exclude(area_type=AreaType.NATIONAL)
    states = list(state_pay.order_by("pk").values_list())
    assert states
    url = reverse("admin:guides_careerguide_change", args=[guide.pk])
    page = admin_client.get(url)
    data = form_data(page)
    assert not any(value == "California" for value in data.values())
    data["summary"] = "Edited with every state's figures in place"

    response = admin_client.post(url, data)

    assert response.status_code == 302, soup(response).select(".errorlist")
    assert list(state_pay.order_by("pk").values_list()) == states


# What a guide is about -------------------------------------------------------------------------

# The fields a guide no longer holds: they are read from what it is about.
FIELDS_FROM_DATA = [
    "soc_code",
    "field",
    "entry_education",
    "outlook",
    "outlook_source_name",
    "outlook_source_url",
]
ABOUT_ONE_OF_THE_TWO = (
    "Choose the handbook profile the guide is about, or give the code of the occupation inside "
    "a group's profile; one of the two, not both."
)
NO_SUCH_OCCUPATION = (
    "No handbook profile has an occupation with this code: use the code of one of the "
    "occupations a group's profile lists."
)


def fieldset(page, heading: str):
    return page.find(["h2", "legend"], string=heading).find_parent("fieldset")


@pytest.mark.parametrize("slug", ["medical-records-specialist", "medical-secretary"])
def test_the_guide_form_asks_what_it_is_about_and_no_facts(admin_client, seeded, slug):
    guide = CareerGuide.objects.get(slug=slug)
    response = admin_client.get(reverse("admin:guides_careerguide_change", args=[guide.pk]))
    assert response.status_code == 200
    page = soup(response)
    about = fieldset(page, "What it is about")
    assert "never typed here" in about.text
    occupation = about.find("select", attrs={"name": "occupation"})
    assert "admin-autocomplete" in occupation["class"]
    chosen = occupation.find("option", selected=True)
    if guide.occupation is not None:
        assert (chosen["value"], chosen.text) == (str(guide.occupation.pk), str(guide.occupation))
    else:
        assert chosen is None or chosen["value"] == ""
    code = about.find("input", attrs={"name": "detailed_code"})
    assert code.get("value", "") == guide.detailed_code
    assert (guide.occupation is None) == bool(guide.detailed_code)
    for heading in ("Classification", "Outlook"):
        assert not page.find(["h2", "legend"], string=heading), heading
    data = form_data(response)
    assert not [name for name in FIELDS_FROM_DATA if name in data]


def test_the_guide_list_shows_and_filters_what_each_guide_is_about(admin_client, seeded):
    url = reverse("admin:guides_careerguide_changelist")
    page = soup(admin_client.get(url))
    flagship = CareerGuide.objects.get(slug="medical-records-specialist")
    secretary = CareerGuide.objects.get(slug="medical-secretary")
    row = page.find("a", string=flagship.title).find_parent("tr")
    assert row.select_one("td.field-occupation").text == str(flagship.occupation)
    row = page.find("a", string=secretary.title).find_parent("tr")
    assert row.select_one("td.field-detailed_code").text == secretary.detailed_code
    field = flagship.occupation.field
    filtered = soup(admin_client.get(url, {"occupation__field__id__exact": field.pk}))
    titles = {a.text for a in filtered.select("#result_list th.field-title a")}
    assert titles == set(
        CareerGuide.objects.filter(occupation__field=field).values_list("title", flat=True)
    )
    assert flagship.title in titles
    assert secretary.title not in titles


@pytest.mark.parametrize("about", ["neither", "both", "an unknown occupation"])
def test_saving_a_guide_about_the_wrong_things_explains_and_keeps_what_was_typed(
    admin_client, seeded, about
):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    url = reverse("admin:guides_careerguide_change", args=[guide.pk])
    data = form_data(admin_client.get(url))
    data["summary"] = "An edited summary that must survive the error"
    line = OccupationCode.objects.filter(level=CodeLevel.DETAILED).order_by("soc_code").first()
    data.update(
        {
            "neither": {"occupation": "", "detailed_code": ""},
            "both": {"detailed_code": line.soc_code},
            "an unknown occupation": {"occupation": "", "detailed_code": "43-9999"},
        }[about]
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    page = soup(response)
    errors = [" ".join(item.text.split()) for item in page.select(".errorlist li")]
    if about == "an unknown occupation":
        assert errors == [NO_SUCH_OCCUPATION]
        assert page.select_one(".field-detailed_code .errorlist")  # next to the field
    else:
        assert errors == [ABOUT_ONE_OF_THE_TWO]
    assert page.find("input", attrs={"name": "summary"})["value"] == data["summary"]
    code = page.find("input", attrs={"name": "detailed_code"})
    assert code.get("value", "") == data["detailed_code"]
    chosen = page.find("select", attrs={"name": "occupation"}).find("option", selected=True)
    assert (chosen["value"] if chosen else "") == data["occupation"]
    saved = CareerGuide.objects.get(pk=guide.pk)
    assert (saved.summary, saved.occupation, saved.detailed_code) == (
        guide.summary,
        guide.occupation,
        "",
    )
