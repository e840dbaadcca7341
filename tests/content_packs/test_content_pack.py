"""Content packs: export_content / import_content round trips, idempotence, dry runs, rejected
packs, and the read-only /careers/<slug>.json view."""

import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from reversion.models import Version

from certifications.models import Certification, CertifyingBody
from content_packs import export as pack_export
from content_packs import format as pack_format
from content_packs.format import FORMAT, VERSION
from content_packs.validate import content_dir
from guides.models import (
    FAQ,
    CareerGuide,
    GuideCertification,
    PathwayMove,
    ProgressionStep,
    RelatedTitle,
    TrainingStep,
)
from guides.selectors import attach_facts
from occupations.models import AreaPay, CodeLevel, OccupationCode, PayRelease
from tests.factories import (
    CareerGuideFactory,
    CertificationFactory,
    GuideCertificationFactory,
    ProgressionStepFactory,
    complete_guide,
)

pytestmark = pytest.mark.django_db

SLUG = "medical-records-specialist"
# What a version 2 pack's guides carried and version 3 reads from the occupation's data.
FIELDS_FROM_DATA = (
    "soc_code",
    "field",
    "entry_education",
    "outlook",
    "outlook_source_name",
    "outlook_source_url",
)


def flagship_at(pack: dict) -> int:
    """Where the flagship is in a pack's guides (packs list guides by slug)."""
    return [guide["slug"] for guide in pack["guides"]].index(SLUG)


def flagship_of(pack: dict) -> dict:
    return pack["guides"][flagship_at(pack)]


def detailed_code_in(pack: dict) -> str:
    """The code of a guide in the pack about one occupation inside a group's profile."""
    return next(guide["detailed_code"] for guide in pack["guides"] if guide["detailed_code"])


def certification_of(pack: dict, code: str) -> dict:
    return next(cert for cert in pack["certifications"] if cert["code"] == code)


def items_on_site() -> int:
    """What an import reports on: bodies, certifications and guides."""
    return sum(model.objects.count() for model in (CertifyingBody, Certification, CareerGuide))


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_content", *args, stdout=out)
    return out.getvalue()


def import_text(tmp_path, text: str, *args) -> str:
    path = tmp_path / "pack.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_content", str(path), *args, stdout=out)
    return out.getvalue()


def import_pack(tmp_path, pack: dict, *args) -> str:
    return import_text(tmp_path, json.dumps(pack), *args)


def wipe():
    CareerGuide.objects.all().delete()
    Certification.objects.all().delete()
    CertifyingBody.objects.all().delete()


@pytest.fixture
def content(seeded):
    """The seeded content plus a second guide with every kind of child, a draft and links."""
    extra = complete_guide(children_each=2, slug="health-data-analyst", title="Data Analyst")
    TrainingStep.objects.filter(guide=extra).update(
        cost_min=Decimal("1200.50"), cost_max=Decimal("3000")
    )
    flagship = CareerGuide.objects.get(slug=SLUG)
    ProgressionStepFactory(guide=flagship, position=99, next_guide=extra, median_pay=None)
    CareerGuideFactory(slug="draft-guide", status="draft")
    CertificationFactory(code="DRAFTC", status="draft", renewal_cycle_years=None)


def test_export_round_trip_is_byte_identical(content, tmp_path):
    first = export()
    counts = {
        model: model.objects.count()
        for model in (CareerGuide, Certification, CertifyingBody, FAQ, ProgressionStep)
    }
    wipe()
    assert not CareerGuide.objects.exists()

    report = import_text(tmp_path, first)
    assert "0 updated, 0 unchanged" in report
    assert export() == first
    for model, count in counts.items():
        assert model.objects.count() == count, model
    rung = ProgressionStep.objects.get(guide__slug=SLUG, position=99)
    assert rung.next_guide.slug == "health-data-analyst"


def test_pack_is_deterministic_json_with_a_version_and_natural_keys(content):
    text = export()
    assert text == export()
    pack = json.loads(text)
    assert pack["format"] == FORMAT
    assert pack["version"] == VERSION
    assert json.dumps(pack, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
    abbreviations = [b["abbreviation"] for b in pack["certifying_bodies"]]
    assert abbreviations == sorted(CertifyingBody.objects.values_list("abbreviation", flat=True))
    assert abbreviations[:2] == ["AAMA", "AAPC"]
    slugs = [g["slug"] for g in pack["guides"]]
    assert slugs == sorted(slugs)
    codes = [c["code"] for c in pack["certifications"]]
    assert codes == sorted(codes)
    guide = next(g for g in pack["guides"] if g["slug"] == SLUG)
    assert "id" not in guide
    assert "updated_at" not in guide
    assert [link["certification"] for link in guide["recommended_certifications"]] == [
        "CCA",
        "CPC",
        "RHIT",
    ]
    positions = [duty["position"] for duty in guide["duties"]]
    assert positions == sorted(positions)
    assert "salary_bands" not in guide  # pay is BLS's, read from the occupation's figures
    extra = next(g for g in pack["guides"] if g["slug"] == "health-data-analyst")
    assert {step["cost_min"] for step in extra["training_steps"]} == {"1200.50"}  # decimals as text
    cert = next(c for c in pack["certifications"] if c["code"] == "CPC")
    assert cert["body"] == "AAPC"
    assert cert["last_checked"] == "2026-11-24"


def test_importing_twice_changes_nothing(content, tmp_path):
    text = export()
    first = import_text(tmp_path, text)
    assert "0 created, 0 updated" in first
    ids = sorted(FAQ.objects.values_list("pk", flat=True))
    stamps = list(CareerGuide.objects.order_by("pk").values_list("updated_at", flat=True))

    second = import_text(tmp_path, text)
    lines = second.splitlines()
    total = CertifyingBody.objects.count() + Certification.objects.count()
    total += CareerGuide.objects.count()
    assert lines[-1] == f"0 created, 0 updated, {total} unchanged."
    assert all(line.startswith("unchanged") for line in lines[:-1])
    assert "unchanged guide medical-records-specialist" in second
    assert sorted(FAQ.objects.values_list("pk", flat=True)) == ids  # children left alone
    assert list(CareerGuide.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert export() == text


def test_import_updates_by_natural_key_and_touches_only_changed_children(seeded, tmp_path):
    pack = json.loads(export())
    guide = flagship_of(pack)
    guide["title"] = "Medical Records and Health Information Specialist"
    guide["faqs"] = [{"position": 0, "question": "Only question?", "answer": "Only answer."}]
    certification_of(pack, "CCA")["summary"] = "A new summary."
    step_ids = sorted(TrainingStep.objects.values_list("pk", flat=True))
    items, guides = items_on_site(), CareerGuide.objects.count()

    report = import_pack(tmp_path, pack)

    assert "updated   guide medical-records-specialist (title; changed faqs)" in report.splitlines()
    assert "updated   certification CCA (summary)" in report.splitlines()
    assert f"0 created, 2 updated, {items - 2} unchanged." in report
    flagship = CareerGuide.objects.get(slug=SLUG)
    assert flagship.title == "Medical Records and Health Information Specialist"
    assert list(flagship.faqs.values_list("question", flat=True)) == ["Only question?"]
    assert sorted(TrainingStep.objects.values_list("pk", flat=True)) == step_ids
    assert Certification.objects.get(code="CCA").summary == "A new summary."
    assert CareerGuide.objects.filter(slug=SLUG).count() == 1  # matched by slug, not duplicated
    assert CareerGuide.objects.count() == guides


def test_children_in_any_order_are_stored_in_page_order_and_stay_unchanged(seeded, tmp_path):
    pack = json.loads(export())
    flagship_of(pack)["duties"].reverse()
    unchanged = f"unchanged guide {SLUG}"
    assert unchanged in import_pack(tmp_path, pack).splitlines()  # same content, other order
    assert unchanged in import_pack(tmp_path, pack).splitlines()


def test_dry_run_reports_and_saves_nothing(seeded, tmp_path):
    before = export()
    pack = json.loads(before)
    flagship_of(pack)["summary"] = "Would change."
    new_guide = copy.deepcopy(flagship_of(pack))
    # One guide a profile: the new one is about one occupation inside a group's profile.
    line = OccupationCode.objects.filter(level=CodeLevel.DETAILED).order_by("soc_code").first()
    new_guide.update(
        slug="new-guide", title="New guide", occupation=None, detailed_code=line.soc_code
    )
    pack["guides"].append(new_guide)
    pack["certifying_bodies"].append(
        {
            "abbreviation": "NEW",
            "name": "New Body",
            "slug": "new-body",
            "website": "https://new.example/",
            "description": "",
        }
    )

    items = items_on_site()

    report = import_pack(tmp_path, pack, "--dry-run")

    lines = report.splitlines()
    assert "created   certifying body NEW" in lines
    assert "created   guide new-guide" in lines
    assert "updated   guide medical-records-specialist (summary)" in lines
    assert "unchanged certification CPC" in lines
    assert lines[-2:] == [
        f"2 created, 1 updated, {items - 1} unchanged.",
        "Dry run: nothing was saved.",
    ]
    assert export() == before
    assert not CareerGuide.objects.filter(slug="new-guide").exists()


def break_pack(pack, how):
    guide = flagship_of(pack)
    if how == "wrong version":
        pack["version"] = 99
    elif how == "wrong format":
        pack["format"] = "something-else"
    elif how == "missing top-level key":
        del pack["certifications"]
    elif how == "not a list":
        pack["guides"] = {"slug": "x"}
    elif how == "missing key":
        del guide["training_steps"][1]["title"]
    elif how == "unexpected key":
        guide["faqs"][0]["votes"] = 3
    elif how == "wrong type":
        guide["training_steps"][1]["position"] = "fifty"
    elif how == "wrong date":
        guide["last_reviewed"] = "24/11/2026"
    elif how == "boolean as number":
        guide["featured"] = 1
    elif how == "unknown certification":
        guide["recommended_certifications"][2]["certification"] = "NOPE"
    elif how == "unknown body":
        pack["certifications"][1]["body"] = "NOBODY"
    elif how == "unknown next guide":
        guide["progression"][0]["next_guide"] = "no-such-guide"
    elif how == "model validation":
        guide["training_steps"][1]["position"] = -1  # the JSON type is right, the value is not
    elif how == "bad choice":
        guide["tools"][0]["kind"] = "hammer"
    elif how == "bad detailed code":
        guide.update(occupation=None, detailed_code="436013")
    elif how == "unknown detailed code":
        guide.update(occupation=None, detailed_code="43-9999")  # no profile lists it
    elif how == "unknown occupation":
        guide["occupation"] = "no-such-profile"
    elif how == "about a profile and an occupation in one":
        guide["detailed_code"] = detailed_code_in(pack)
    elif how == "about nothing":
        guide.update(occupation=None, detailed_code="")
    elif how == "facts in a version 3 pack":
        guide.update(dict.fromkeys(FIELDS_FROM_DATA, ""))
    elif how == "duplicate child":
        guide["related_titles"][1]["title"] = guide["related_titles"][0]["title"]
    elif how == "duplicate slug":
        pack["guides"].append(copy.deepcopy(guide))
    elif how == "null where not allowed":
        guide["summary"] = None
    elif how == "pay in a version 2 pack":
        guide["salary_bands"] = []
    return pack


# "{g}" stands for the flagship's place among the pack's guides, "{n}" for one after the last.
MALFORMED = {
    "wrong version": "version: this site reads version 3 packs; this pack is version 99",
    "wrong format": 'format: expected "careerpath-content-pack"',
    "missing top-level key": "missing key(s): certifications",
    "not a list": "guides: expected a list, found an object",
    "missing key": "guides[{g}].training_steps[1]: missing key(s): title",
    "unexpected key": "guides[{g}].faqs[0]: unexpected key(s): votes",
    "wrong type": "guides[{g}].training_steps[1].position: expected a whole number, found text",
    "wrong date": "guides[{g}].last_reviewed: expected a date written YYYY-MM-DD",
    "boolean as number": "guides[{g}].featured: expected true or false, found a number",
    "unknown certification": (
        'guides[{g}].recommended_certifications[2].certification: no certification "NOPE"'
    ),
    "unknown body": 'certifications[1].body: no certifying body "NOBODY"',
    "unknown next guide": 'guides[{g}].progression[0].next_guide: no career guide "no-such-guide"',
    "model validation": (
        "guides[{g}].training_steps[1].position: Ensure this value is greater than or equal to 0"
    ),
    "bad choice": "guides[{g}].tools[0].kind: Value 'hammer' is not a valid choice.",
    "bad detailed code": "guides[{g}].detailed_code: Use the SOC format",
    "unknown detailed code": (
        "guides[{g}].detailed_code: No handbook profile has an occupation with this code: use "
        "the code of one of the occupations a group's profile lists."
    ),
    "unknown occupation": 'guides[{g}].occupation: no occupation "no-such-profile"',
    "about a profile and an occupation in one": (
        "guides[{g}]: Choose the handbook profile the guide is about, or give the code of the "
        "occupation inside a group's profile; one of the two, not both."
    ),
    "about nothing": (
        "guides[{g}]: Choose the handbook profile the guide is about, or give the code of the "
        "occupation inside a group's profile; one of the two, not both."
    ),
    "facts in a version 3 pack": (
        "guides[{g}]: unexpected key(s): entry_education, field, outlook, outlook_source_name, "
        "outlook_source_url, soc_code"
    ),
    "duplicate child": "guides[{g}].related_titles[1]",
    "duplicate slug": 'guides[{n}].slug: "medical-records-specialist" is also used by guides[{g}]',
    "null where not allowed": "guides[{g}].summary: must not be null",
    "pay in a version 2 pack": "guides[{g}]: unexpected key(s): salary_bands",
}


@pytest.mark.parametrize("how", MALFORMED)
def test_malformed_packs_are_rejected_naming_the_place_and_save_nothing(seeded, tmp_path, how):
    before = export()
    pack = json.loads(before)
    place = {"g": flagship_at(pack), "n": len(pack["guides"])}
    assert place["g"] > 0  # a guide before it, imported first were the import not atomic
    # Changes that would be saved before the bad part is reached, were the import not atomic.
    pack["certifying_bodies"][0]["description"] = "Partly imported?"
    pack["certifications"][0]["summary"] = "Partly imported?"
    pack["guides"][0]["title"] = "Partly imported?"
    flagship_of(pack)["title"] = "Partly imported?"
    pack = break_pack(pack, how)

    with pytest.raises(CommandError) as error:
        import_pack(tmp_path, pack)

    message = str(error.value)
    assert MALFORMED[how].format(**place) in message
    assert "nothing was saved" in message
    assert export() == before


def test_invalid_json_is_rejected_with_its_position(seeded, tmp_path):
    before = export()
    with pytest.raises(CommandError, match=r"line 2, column 2: not valid JSON: Extra data"):
        import_text(tmp_path, '{"format": "careerpath-content-pack"\n}}')
    with pytest.raises(CommandError, match="A pack is a JSON object, not a list"):
        import_text(tmp_path, "[]")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(tmp_path / "missing.json"), stdout=io.StringIO())
    assert export() == before


def test_export_one_guide_with_its_certifications_and_their_issuers(content):
    GuideCertificationFactory(
        guide=CareerGuide.objects.get(slug="health-data-analyst"),
        certification=Certification.objects.get(code="CPC"),
    )
    pack = json.loads(export("--guide", "health-data-analyst"))
    assert [g["slug"] for g in pack["guides"]] == ["health-data-analyst"]
    linked = GuideCertification.objects.filter(guide__slug="health-data-analyst")
    assert [c["code"] for c in pack["certifications"]] == sorted(
        linked.values_list("certification__code", flat=True)
    )
    bodies = {c["body"] for c in pack["certifications"]}
    assert {b["abbreviation"] for b in pack["certifying_bodies"]} == bodies
    assert "AAPC" in bodies

    with pytest.raises(CommandError, match='no guide with the slug "nope"'):
        export("--guide", "nope")


def test_a_one_guide_pack_imports_into_an_empty_site(seeded, tmp_path):
    # A guide that links no other guide (the flagship's ladder and moves do: see below).
    PathwayMove.objects.filter(guide__slug=SLUG).delete()
    ProgressionStep.objects.filter(guide__slug=SLUG).update(next_guide=None)
    text = export("--guide", SLUG)
    wipe()
    assert "0 updated, 0 unchanged." in import_text(tmp_path, text)
    assert export() == text


@pytest.mark.parametrize("part", ["progression", "moves"])
def test_a_one_guide_pack_naming_a_guide_the_site_lacks_is_refused(seeded, tmp_path, part):
    pack = json.loads(export("--guide", SLUG))
    guide = flagship_of(pack)
    if part == "moves":  # with the ladder's links gone, the moves' are reached
        for rung in guide["progression"]:
            rung["next_guide"] = None
    key = "next_guide" if part == "progression" else "to_guide"
    at, missing = next((index, child[key]) for index, child in enumerate(guide[part]) if child[key])
    wipe()

    with pytest.raises(CommandError) as error:
        import_pack(tmp_path, pack)

    message = str(error.value)
    assert f'guides[0].{part}[{at}].{key}: no career guide "{missing}"' in message
    assert "nothing was saved" in message
    assert not CareerGuide.objects.exists()
    assert not Certification.objects.exists()
    assert not CertifyingBody.objects.exists()


# /careers/<slug>.json ---------------------------------------------------------------------------


def test_json_view_serves_a_published_guide(client, seeded):
    response = client.get(f"/careers/{SLUG}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    guide = CareerGuide.objects.get(slug=SLUG)
    assert data["guide"]["title"] == guide.title
    # What the guide is about travels; the facts read from there (codes, field...) do not.
    assert data["guide"]["occupation"] == guide.occupation.slug
    assert data["guide"]["detailed_code"] == ""
    assert not set(FIELDS_FROM_DATA) & set(data["guide"])
    assert "salary_bands" not in data["guide"]  # pay is the occupation's, not the guide's
    rung = guide.progression.get(median_pay__isnull=False)  # a figure a part carries
    assert {
        "next_role": rung.next_role,
        "median_pay": f"{rung.median_pay:.2f}",
        "pay_period": rung.pay_period,
    }.items() <= next(
        step for step in data["guide"]["progression"] if step["next_role"] == rung.next_role
    ).items()
    assert data["guide"] == json.loads(export("--guide", SLUG))["guides"][0]


def test_json_view_follows_edits(client, seeded):
    guide = CareerGuide.objects.get(slug=SLUG)
    guide.summary = "Edited summary"
    guide.save()
    assert client.get(f"/careers/{SLUG}.json").json()["guide"]["summary"] == "Edited summary"


def test_json_view_hides_drafts_and_links_to_drafts(staff_client):
    client = Client()
    draft = CareerGuideFactory(status="draft", slug="draft-guide")
    guide = CareerGuideFactory(slug="public-guide")
    GuideCertificationFactory(guide=guide, certification=CertificationFactory(status="draft"))
    ProgressionStepFactory(guide=guide, next_guide=draft)

    assert client.get("/careers/draft-guide.json").status_code == 404
    assert client.get("/careers/no-such-guide.json").status_code == 404
    public = client.get("/careers/public-guide.json").json()["guide"]
    assert public["recommended_certifications"] == []
    assert public["progression"][0]["next_guide"] is None

    assert staff_client.get("/careers/draft-guide.json").status_code == 200
    staff = staff_client.get("/careers/public-guide.json").json()["guide"]
    assert len(staff["recommended_certifications"]) == 1
    assert staff["progression"][0]["next_guide"] == "draft-guide"


def test_json_route_does_not_disturb_the_html_route(client, seeded):
    assert client.get(f"/careers/{SLUG}/").status_code == 200
    assert client.get(f"/careers/{SLUG}.json/").status_code == 404


def test_date_times_travel_as_utc_iso_8601_with_an_offset():
    """For date-time fields (such as a scheduled publication time), whatever model has them."""
    import datetime

    from django.db import models

    from content_packs.export import json_value
    from content_packs.format import PackError
    from content_packs.validate import python_value

    f = models.DateTimeField(null=True)
    moment = datetime.datetime(
        2026, 12, 1, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    text = json_value(f, moment)
    assert text == "2026-12-01T07:30:00+00:00"
    assert python_value(f, text, "x") == moment
    assert python_value(f, None, "x") is None
    for bad in ("2026-12-01T09:30:00", "2026-13-01T09:30:00+00:00", "tomorrow", 1764581400):
        with pytest.raises(PackError, match="expected a date and time with its offset"):
            python_value(f, bad, "guides[0].publish_at")


def test_an_import_updates_the_parts_it_still_describes_in_place(seeded, tmp_path):
    # Ids are in links (#step-12) and in job seekers' plans: an edit must not renew them.
    steps = list(TrainingStep.objects.filter(guide__slug=SLUG).order_by("position"))
    pack = json.loads(export())
    wanted = flagship_of(pack)["training_steps"]
    wanted[1]["description"] = "Edited text."  # same title
    wanted[2]["title"] = "Renamed"  # a renamed step is another step
    wanted.pop()  # the last step is gone
    for step in wanted:
        step["position"] += 1
    wanted.insert(0, {**wanted[0], "position": 0, "title": "A new first step"})

    report = import_pack(tmp_path, pack)

    assert "(changed training_steps)" in report
    after = list(TrainingStep.objects.filter(guide__slug=SLUG).order_by("position"))
    assert [step.title for step in after] == [child["title"] for child in wanted]
    assert [step.pk for step in after[1:3]] == [step.pk for step in steps[:2]]
    assert after[2].description == "Edited text."
    old_ids = {step.pk for step in steps}
    assert after[0].pk not in old_ids
    assert after[3].pk not in old_ids
    assert not TrainingStep.objects.filter(pk__in=[steps[2].pk, steps[-1].pk]).exists()
    assert export() == pack_export.dumps(pack)


def test_an_import_may_swap_values_that_must_be_unique(seeded, tmp_path):
    pack = json.loads(export())
    titles = flagship_of(pack)["related_titles"]  # a title is unique within its guide
    first, second = titles[0], titles[1]
    first["title"], second["title"] = second["title"], first["title"]

    report = import_pack(tmp_path, pack)

    assert "(changed related_titles)" in report
    assert export() == pack_export.dumps(pack)
    titles_now = RelatedTitle.objects.filter(guide__slug=SLUG).order_by("position")
    assert list(titles_now.values_list("title", flat=True)[:2]) == [
        first["title"],
        second["title"],
    ]


def test_every_kind_of_part_can_be_matched_by_name():
    for model in pack_format.CHILDREN.values():
        assert pack_format.unique_fields(model) or model in pack_format.NAMED_BY, model


def test_what_an_import_changes_is_a_version_in_each_items_history(seeded, tmp_path):
    guide = CareerGuide.objects.get(slug=SLUG)
    cca = Certification.objects.get(code="CCA")
    cpc = Certification.objects.get(code="CPC")
    counts = {obj: Version.objects.get_for_object(obj).count() for obj in (guide, cca, cpc)}
    pack = json.loads(export())
    flagship_of(pack)["faqs"][0]["answer"] = "A better answer."
    certification_of(pack, "CCA")["summary"] = "A new summary."

    import_pack(tmp_path, pack, "--dry-run")
    import_pack(tmp_path, pack)

    assert Version.objects.get_for_object(cpc).count() == counts[cpc]  # unchanged: no version
    for obj in (guide, cca):
        versions = Version.objects.get_for_object(obj)
        assert versions.count() == counts[obj] + 1  # the dry run recorded nothing
        assert versions.first().revision.comment == "Imported from pack.json."
    faqs = [
        version.field_dict["answer"]
        for version in Version.objects.get_for_object(guide).first().revision.version_set.all()
        if version.content_type.model_class() is FAQ
    ]
    assert "A better answer." in faqs


# Older packs: version 1 carried each guide's salary bands, versions 1 and 2 its classification
# and outlook --------------------------------------------------------------------------------------


def version_2(pack: dict) -> dict:
    """A pack as version 2 wrote it: each guide with its own code, field, entry education and
    outlook (what the site showed), and no "detailed_code"."""
    pack = copy.deepcopy(pack)
    pack["version"] = 2
    slugs = [guide["slug"] for guide in pack["guides"]]
    on_site = {g.slug: g for g in attach_facts(CareerGuide.objects.filter(slug__in=slugs))}
    for guide in pack["guides"]:
        facts = on_site[guide["slug"]].facts
        del guide["detailed_code"]
        percent = facts.outlook_percent
        guide.update(
            soc_code=facts.pay_code,
            field=facts.field_name,
            entry_education=facts.education,
            outlook="" if percent is None else f"{percent:+d}% projected employment growth",
            outlook_source_name="BLS Employment Projections, 2024–34",
            outlook_source_url=facts.profile.ooh_url,
        )
    assert set(FIELDS_FROM_DATA) <= set(pack["guides"][0])
    return pack


def version_1(pack: dict) -> dict:
    """A pack as version 1 wrote it: version 2's guides, each with its own salary bands."""
    pack = version_2(pack)
    pack["version"] = 1
    for guide in pack["guides"]:
        guide["salary_bands"] = [
            {
                "annual_amount": "50250.00",
                "currency": "USD",
                "hourly_amount": "24.16",
                "label": "Median",
                "percentile": 50,
                "position": 0,
                "reference_period": "May 2024",
                "region": "United States",
                "source_name": "BLS Occupational Employment and Wage Statistics (OEWS)",
                "source_url": "https://www.bls.gov/oes/current/oes292072.htm",
            }
        ]
    return pack


OLDER = {1: version_1, 2: version_2}


def pay_rows() -> list:
    return [
        *PayRelease.objects.order_by("pk").values_list(),
        *AreaPay.objects.order_by("pk").values_list(),
    ]


def assert_refused_as_older(message: str, version: int) -> None:
    assert f"version: this site reads version 3 packs; this pack is version {version}:" in message
    # What changed, and what to do about it.
    if version == 1:
        assert '"salary_bands"' in message
    for key in FIELDS_FROM_DATA:
        assert f'"{key}"' in message, key
    assert '"occupation"' in message
    assert '"detailed_code"' in message
    assert '"version": 3' in message
    assert "nothing was saved" in message.lower()


@pytest.mark.parametrize("version", OLDER)
def test_an_older_pack_is_refused_by_import_naming_what_changed(seeded, tmp_path, version):
    before, pay = export(), pay_rows()
    pack = OLDER[version](json.loads(before))
    flagship_of(pack)["summary"] = "Would change."

    with pytest.raises(CommandError) as error:
        import_pack(tmp_path, pack)

    assert_refused_as_older(str(error.value), version)
    assert export() == before
    assert pay_rows() == pay  # version 1's bands did not become pay figures either


@pytest.mark.parametrize("old", ["previous", "new"])
@pytest.mark.parametrize("version", OLDER)
def test_an_older_pack_is_refused_by_update_content_naming_what_changed(
    seeded, tmp_path, version, old
):
    before, pay = export(), pay_rows()
    shipped = json.loads((content_dir() / "guides" / f"{SLUG}.json").read_text(encoding="utf-8"))
    corrected = copy.deepcopy(shipped)
    corrected["guides"][0]["summary"] = "A corrected summary."
    packs = {"previous": shipped, "new": corrected}
    packs[old] = OLDER[version](packs[old])
    for name, pack in packs.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(pack), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command(
            "update_content",
            str(tmp_path / "new.json"),
            "--previous",
            str(tmp_path / "previous.json"),
            stdout=io.StringIO(),
        )

    message = str(error.value)
    assert f"{old}.json: version:" in message  # the file to fix
    assert_refused_as_older(message, version)
    assert export() == before
    assert pay_rows() == pay
