"""guides 0009 to 0012: a guide's salary bands become pay figures of AreaPay, and its copies
of its occupation's facts give way to a link to the data, losing nothing and coming back when
migrated backwards. Run on the database as it was before, then migrated up again."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("guides", "0008_pathway_moves"),
    ("occupations", "0003_area_pay_lookup_indexes"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ("contenttypes", "0002_remove_content_type_name"),
]
AFTER = [("guides", "0009_pay_in_one_table")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def band(SalaryBand, guide, percentile, annual, period="May 2024", region="United States"):
    return SalaryBand.objects.create(
        guide=guide,
        label={10: "Entry level", 50: "Median", 90: "Experienced"}.get(percentile, "Other"),
        percentile=percentile,
        annual_amount=Decimal(annual),
        hourly_amount=Decimal("24.16") if percentile == 50 else None,
        region=region,
        reference_period=period,
        source_name="BLS OEWS",
    )


def old_guide(apps, slug="flagship", soc_code="29-2072"):
    return apps.get_model("guides", "CareerGuide").objects.create(
        title=slug.title(),
        slug=slug,
        soc_code=soc_code,
        field="Healthcare",
        summary="s",
        overview="o",
        work_setting="w",
        who_it_suits="w",
        entry_education="e",
        last_reviewed="2026-01-01",
        status="published",
    )


def back_to_the_latest():
    """Forward again for the next test, without the guides this one made the old way."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in ("guides_salaryband", "guides_careerguide"):
            if table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a name from the list)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def before():
    apps = migrate(BEFORE)
    yield apps
    back_to_the_latest()


@pytest.mark.django_db(transaction=True)
def test_bands_become_pay_figures_and_come_back(before):
    SalaryBand = before.get_model("guides", "SalaryBand")
    guide = old_guide(before)
    band(SalaryBand, guide, 10, "35780")
    band(SalaryBand, guide, 50, "50250")
    band(SalaryBand, guide, 90, "80950")
    band(SalaryBand, guide, 50, "48780", period="May 2023")

    after = migrate(AFTER)
    AreaPay = after.get_model("occupations", "AreaPay")
    may_2024 = AreaPay.objects.get(release__name="May 2024", soc_code="29-2072")
    assert (may_2024.annual_p10, may_2024.annual_median, may_2024.annual_p90) == (
        Decimal("35780"),
        Decimal("50250"),
        Decimal("80950"),
    )
    assert may_2024.hourly_median == Decimal("24.16")
    assert may_2024.area_name == "United States"
    assert may_2024.area_code == "99"
    may_2023 = AreaPay.objects.get(release__name="May 2023", soc_code="29-2072")
    assert may_2023.annual_median == Decimal("48780")
    assert may_2023.annual_p10 is None
    assert after.get_model("occupations", "PayRelease").objects.get(name="May 2023").code == (
        "2023A01"
    )

    back = migrate(BEFORE)
    bands = back.get_model("guides", "SalaryBand").objects.filter(guide_id=guide.pk)
    assert sorted((b.reference_period, b.percentile, b.annual_amount, b.label) for b in bands) == [
        ("May 2023", 50, Decimal("48780.00"), "Median"),
        ("May 2024", 10, Decimal("35780.00"), "Entry level"),
        ("May 2024", 50, Decimal("50250.00"), "Median"),
        ("May 2024", 90, Decimal("80950.00"), "Experienced"),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_state_band_takes_the_states_code_from_imported_pay(before):
    SalaryBand = before.get_model("guides", "SalaryBand")
    release = before.get_model("occupations", "PayRelease").objects.create(
        code="2025A01", name="May 2025", published="2026-05-15"
    )
    before.get_model("occupations", "AreaPay").objects.create(
        release=release,
        soc_code="11-1011",
        soc_title="Chief executives",
        area_type="state",
        area_code="06",
        area_name="California",
        postal="CA",
    )
    guide = old_guide(before)
    band(SalaryBand, guide, 50, "61810", period="May 2025", region="California")

    after = migrate(AFTER)
    pay = after.get_model("occupations", "AreaPay").objects.get(soc_code="29-2072")
    assert (pay.area_code, pay.postal, pay.area_type, pay.annual_median) == (
        "06",
        "CA",
        "state",
        Decimal("61810"),
    )


CANNOT_BE_CARRIED = [
    ({"period": "Spring 2024"}, "the period is not an OEWS release"),
    ({"region": "Ontario"}, "not the nation or a known state"),
    ({"percentile": 5}, "OEWS publishes no 5th percentile"),
    ({"soc_code": ""}, "the guide has no SOC code or occupation"),
]


@pytest.mark.django_db(transaction=True)
def test_a_band_that_cannot_be_carried_stops_the_migration_and_is_named(before):
    """Each kind in turn, on one database (a migration back and forth costs seconds)."""
    SalaryBand = before.get_model("guides", "SalaryBand")
    for number, (change, named) in enumerate(CANNOT_BE_CARRIED):
        change = dict(change)
        guide = old_guide(before, f"guide-{number}", soc_code=change.pop("soc_code", "29-2072"))
        band(SalaryBand, guide, change.pop("percentile", 50), "50250", **change)

        with pytest.raises(Exception, match=named):
            migrate(AFTER)
        assert SalaryBand.objects.count() == 1, named  # nothing changed
        SalaryBand.objects.all().delete()  # as the message says: fixed, and the migration runs


@pytest.mark.django_db(transaction=True)
def test_band_versions_leave_the_guides_revisions_for_an_archive_and_come_back(before):
    ContentType = before.get_model("contenttypes", "ContentType")
    Revision = before.get_model("reversion", "Revision")
    Version = before.get_model("reversion", "Version")
    SalaryBand = before.get_model("guides", "SalaryBand")
    guide = old_guide(before)
    median = band(SalaryBand, guide, 50, "50250")
    revision = Revision.objects.create(date_created="2026-01-01T00:00Z", comment="An edit.")
    for obj, model in ((guide, "careerguide"), (median, "salaryband")):
        Version.objects.create(
            revision=revision,
            object_id=str(obj.pk),
            content_type=ContentType.objects.get_or_create(app_label="guides", model=model)[0],
            db="default",
            format="json",
            serialized_data="[]",
            object_repr=str(obj.pk),
        )

    after = migrate(AFTER)
    kept = after.get_model("reversion", "Version").objects
    assert [v.content_type.model for v in kept.filter(revision_id=revision.pk)] == ["careerguide"]
    archived = kept.get(content_type__model="salaryband").revision
    assert archived.comment.endswith(f"(was revision {revision.pk}).")

    back = migrate(BEFORE)
    versions = back.get_model("reversion", "Version").objects.filter(revision_id=revision.pk)
    assert sorted(v.content_type.model for v in versions) == ["careerguide", "salaryband"]
    assert not back.get_model("reversion", "Revision").objects.filter(pk=archived.pk).exists()


# guides 0010 to 0012: the guide's facts are read from its occupation ---------------------------

PAY_IN_ONE_TABLE = [*BEFORE[1:], ("guides", "0009_pay_in_one_table")]
FACTS_FROM_DATA = [("guides", "0012_guide_facts_from_the_data")]


@pytest.fixture
def with_pay_in_one_table():
    apps = migrate(PAY_IN_ONE_TABLE)
    yield apps
    back_to_the_latest()


def handbook(apps):
    """A single-code profile and a group profile with a detailed line, as import_ooh makes them."""
    Field = apps.get_model("occupations", "Field")
    Occupation = apps.get_model("occupations", "Occupation")
    field = Field.objects.create(slug="healthcare", name="Healthcare")

    def profile(slug, pay_code, **facts):
        return Occupation.objects.create(
            title=slug.replace("-", " "),
            slug=slug,
            field=field,
            summary="s",
            pay_code=pay_code,
            ooh_url=f"https://www.bls.gov/ooh/{slug}.htm",
            status="published",
            **facts,
        )

    records = profile(
        "records", "29-2072", entry_education="postsecondary_nondegree", outlook_percent=7
    )
    group = profile("secretaries", "43-6000", entry_education="high_school", outlook_percent=0)
    apps.get_model("occupations", "OccupationCode").objects.create(
        occupation=group, soc_code="43-6013", title="Medical secretaries", level="detailed",
        change_percent=4,
    )  # fmt: skip
    return records, group


@pytest.mark.django_db(transaction=True)
def test_each_guide_is_tied_to_the_data_it_is_about_and_back(with_pay_in_one_table):
    apps = with_pay_in_one_table
    records, _group = handbook(apps)
    assistants = records.__class__.objects.create(
        title="medical assistants",
        slug="medical-assistants",
        field=records.field,
        summary="s",
        pay_code="31-9092",
        ooh_url="https://www.bls.gov/ooh/assistants.htm",
        status="published",
    )
    flagship = old_guide(apps, "flagship", soc_code="29-2072")
    flagship.occupation_id = records.pk
    flagship.save()
    old_guide(apps, "medical-secretary", soc_code="43-6013")  # inside the group's profile
    old_guide(apps, "medical-assistant", soc_code="31-9092")  # a profile's code, no link yet

    after = migrate(FACTS_FROM_DATA)
    guides = {g.slug: g for g in after.get_model("guides", "CareerGuide").objects.all()}
    assert (guides["flagship"].occupation_id, guides["flagship"].detailed_code) == (records.pk, "")
    assert (
        guides["medical-secretary"].occupation_id,
        guides["medical-secretary"].detailed_code,
    ) == (
        None,
        "43-6013",
    )
    assert guides["medical-assistant"].occupation_id == assistants.pk
    assert not hasattr(guides["flagship"], "soc_code")

    back = migrate(PAY_IN_ONE_TABLE)
    old = {g.slug: g for g in back.get_model("guides", "CareerGuide").objects.all()}
    assert (old["flagship"].soc_code, old["flagship"].field) == ("29-2072", "Healthcare")
    assert old["flagship"].entry_education == "Postsecondary nondegree award"
    assert old["flagship"].outlook == "+7% projected employment change, 2024–34"
    assert old["flagship"].outlook_source_url == "https://www.bls.gov/ooh/records.htm"
    assert (old["medical-secretary"].soc_code, old["medical-secretary"].outlook) == (
        "43-6013",
        "+4% projected employment change, 2024–34",
    )
    assert old["medical-secretary"].entry_education == "High school diploma or equivalent"


@pytest.mark.django_db(transaction=True)
def test_a_guide_about_no_occupation_in_the_data_stops_the_migration_named(
    with_pay_in_one_table,
):
    apps = with_pay_in_one_table
    handbook(apps)
    old_guide(apps, "lost", soc_code="99-9999")

    with pytest.raises(RuntimeError, match=r"“Lost” \(lost\): no handbook profile or occupation"):
        migrate(FACTS_FROM_DATA)
    guide = apps.get_model("guides", "CareerGuide").objects.get(slug="lost")
    assert guide.soc_code == "99-9999"  # nothing changed
