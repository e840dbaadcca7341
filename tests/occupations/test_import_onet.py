"""import_onet: O*NET's data on what the work is, from the file scripts/extract_onet.py writes
(here from the trimmed sample in tests/fixtures/onet), all or nothing."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from occupations.models import ImportRun
from occupations.onet_models import (
    OnetCareerCode,
    OnetOccupation,
    OnetRating,
    OnetRelease,
    OnetTechnology,
    OnetTitle,
    Technology,
)
from tests.factories import OnetOccupationFactory, OnetTitleFactory
from tests.site.test_extract_onet import HANDBOOK, SAMPLE, extract_onet

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def onet_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("onet") / extract_onet.OUTPUT_NAME
    path.write_text(extract_onet.canonical_json(extract_onet.extract(SAMPLE, HANDBOOK)))
    return path


def import_onet(path, *args) -> str:
    out = io.StringIO()
    call_command("import_onet", str(path), *args, stdout=out)
    return out.getvalue()


def changed_copy(onet_file, tmp_path, change) -> str:
    data = json.loads(onet_file.read_text())
    change(data)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data))
    return path


def test_everything_the_file_holds_is_imported_and_counted(onet_file):
    data = json.loads(onet_file.read_text())
    out = import_onet(onet_file)

    assert OnetOccupation.objects.count() == len(data["occupations"])
    assert f"{len(data['occupations'])} occupations" in out
    records = OnetOccupation.objects.get(code="29-2072.00")
    assert str(records.release) == "O*NET 30.1 Database"
    assert records.release.skills_version == "29.3"
    assert "O*NET 30.1 Database" in records.release.credit
    assert records.job_zone == 3
    assert records.interests["C"] == "6.97"
    assert records.high_points == "CI"
    assert list(records.careers.values_list("soc_code", flat=True)) == ["29-2072"]
    assert records.titles.filter(kind="alternate").count() == 53
    epic = records.technology.get(technology__name="Epic Systems")
    assert (epic.hot, epic.in_demand) == (True, True)
    assert not records.ratings.exists()  # O*NET has no skills for it
    dentists = OnetOccupation.objects.get(code="29-1021.00")
    reading = dentists.ratings.get(kind="skill", element_id="2.A.1.a")
    assert reading.name == "Reading Comprehension"
    assert 1 <= reading.importance <= 5
    assert dentists.related.exists()
    run = ImportRun.objects.get(kind="onet")
    assert run.created == len(data["occupations"])


def test_the_same_file_again_changes_nothing(onet_file):
    import_onet(onet_file)
    ids = set(OnetTitle.objects.values_list("pk", flat=True))
    assert "nothing changed" in import_onet(onet_file)
    assert set(OnetTitle.objects.values_list("pk", flat=True)) == ids


def test_a_new_file_replaces_everything_and_keeps_what_editors_hid(onet_file, tmp_path):
    import_onet(onet_file)
    stale = OnetOccupationFactory(code="99-9999.00")  # an occupation the new file drops
    title = OnetTitle.objects.filter(occupation__code="29-2072.00").first()
    title.hidden = True
    title.save()
    use = OnetTechnology.objects.filter(occupation__code="29-2072.00").first()
    use.hidden = True
    use.save()

    def retitle(data):
        data["occupations"]["29-2072.00"]["job_zone"] = 4

    import_onet(changed_copy(onet_file, tmp_path, retitle))
    assert not OnetOccupation.objects.filter(pk=stale.pk).exists()
    records = OnetOccupation.objects.get(code="29-2072.00")
    assert records.job_zone == 4
    assert records.titles.get(title=title.title, kind=title.kind).hidden
    assert records.technology.get(technology__name=use.technology.name).hidden
    assert records.titles.filter(hidden=True).count() == 1
    assert Technology.objects.filter(name=use.technology.name).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["occupations"]["29-2072.00"].update(job_zone=9), "29-2072.00: job zone 9"),
        (
            lambda d: d["occupations"]["29-2072.00"]["interests"].update(C="8"),
            "interest C: 8 is outside 1–7",
        ),
        (
            lambda d: d["occupations"]["29-1021.00"]["skills"]["2.A.1.a"].update(IM="x"),
            "'x' is not a number",
        ),
        (lambda d: d["occupations"].update({"29-2072": {}}), "not an O*NET-SOC code"),
        (lambda d: d["release"].pop("version"), "names no O*NET release"),
    ],
)
def test_a_bad_entry_stops_the_import_named_and_nothing_is_saved(
    onet_file, tmp_path, change, message
):
    OnetTitleFactory()
    before = OnetTitle.objects.count()
    with pytest.raises(CommandError, match=re.escape(message)):
        import_onet(changed_copy(onet_file, tmp_path, change))
    assert OnetTitle.objects.count() == before
    # The release record is the factory's, untouched: the file's was never written.
    assert list(OnetRelease.objects.values_list("file_sha256", flat=True)) == ["0" * 64]


def test_not_json_and_no_file_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(CommandError, match=r"bad\.json is not JSON"):
        import_onet(bad)
    with pytest.raises(CommandError, match="No such file"):
        import_onet(tmp_path / "missing.json")


def test_a_dry_run_counts_and_saves_nothing(onet_file):
    out = import_onet(onet_file, "--dry-run")
    assert "Dry run, nothing saved" in out
    assert "occupations" in out
    assert not OnetOccupation.objects.exists()
    assert not OnetCareerCode.objects.exists()
    assert not OnetRating.objects.exists()
    assert not ImportRun.objects.exists()
