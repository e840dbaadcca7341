"""guides 0009: a guide's salary bands become pay figures of AreaPay, losing nothing, and come
back when migrated backwards. Run on the database as it was before, then migrated up again."""

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


@pytest.fixture
def before():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"period": "Spring 2024"}, "the period is not an OEWS release"),
        ({"region": "Ontario"}, "not the nation or a known state"),
        ({"percentile": 5}, "OEWS publishes no 5th percentile"),
        ({"soc_code": ""}, "the guide has no SOC code or occupation"),
    ],
)
def test_a_band_that_cannot_be_carried_stops_the_migration_and_is_named(before, change, named):
    SalaryBand = before.get_model("guides", "SalaryBand")
    guide = old_guide(before, soc_code=change.pop("soc_code", "29-2072"))
    band(SalaryBand, guide, change.pop("percentile", 50), "50250", **change)

    with pytest.raises(Exception, match=named):
        migrate(AFTER)
    assert SalaryBand.objects.count() == 1  # nothing changed
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
