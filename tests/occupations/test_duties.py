"""A profile's duties: the site's own words (data/ooh/duties.json), imported once per profile,
edited in the admin, shown in "What they do" and in the page's data."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from occupations.duties import PER_PROFILE, DutiesFileError, Duty, import_duties
from tests.conftest import FIXTURES, soup
from tests.factories import DutyFactory, OccupationCodeFactory, OccupationFactory

pytestmark = pytest.mark.django_db

DUTIES_FILE = FIXTURES.parents[1] / "data" / "ooh" / "duties.json"
HANDBOOK = FIXTURES.parents[1] / "data" / "ooh" / "occupations-2024-34.json"


def duties_file(tmp_path, entries: dict):
    path = tmp_path / "duties.json"
    path.write_text(json.dumps({"about": "test", "duties": entries}), encoding="utf-8")
    return path


def four(prefix: str) -> list[str]:
    return [f"{prefix} task {n}, done with care." for n in range(1, 5)]


@pytest.fixture
def profile():
    return OccupationCodeFactory(
        occupation__slug="tilers", occupation__soc_codes="47-2044"
    ).occupation


def test_a_profile_without_duties_takes_the_files(tmp_path, profile):
    report = import_duties(duties_file(tmp_path, {"tilers": four("Tile")}))
    assert report.added == ["tilers"]
    assert [d.text for d in profile.duties.all()] == four("Tile")
    version = Version.objects.get_for_object(profile).get()  # in the profile's history,
    saved = {v.object_repr for v in version.revision.version_set.all()}  # with its duties
    assert {str(duty) for duty in profile.duties.all()} <= saved


def test_a_second_run_adds_nothing_and_an_editors_duties_are_kept(tmp_path, profile):
    path = duties_file(tmp_path, {"tilers": four("Tile")})
    import_duties(path)
    duty = profile.duties.first()
    duty.text = "Set tiles in rooms people use every day."
    duty.save()
    report = import_duties(duties_file(tmp_path, {"tilers": four("Lay")}))
    assert (report.added, report.kept) == ([], 1)
    assert profile.duties.first().text == "Set tiles in rooms people use every day."
    assert profile.duties.count() == 4


def test_a_profile_with_codes_the_file_lacks_is_reported(tmp_path, profile):
    report = import_duties(duties_file(tmp_path, {}))
    assert report.missing == ["tilers"]
    assert "with codes but none in the file: 1." in report.lines()[0]


@pytest.mark.parametrize(
    "entries",
    [
        {"tilers": four("Tile")[: PER_PROFILE[0] - 1]},
        {"tilers": four("Tile") * 3},
        {"tilers": [*four("Tile")[:3], "   "]},
        {"tilers": [*four("Tile")[:3], 7]},
        {"tilers": "Tile floors."},
    ],
    ids=["too few", "too many", "blank", "not text", "not a list"],
)
def test_a_bad_entry_stops_the_import_and_saves_nothing(tmp_path, profile, entries):
    OccupationFactory(slug="roofers")
    path = duties_file(tmp_path, {"roofers": four("Roof"), **entries})
    with pytest.raises(DutiesFileError, match="profile tilers"):
        import_duties(path)
    assert not Duty.objects.exists()


def test_the_command_reports_and_a_dry_run_saves_nothing(tmp_path, profile):
    path = duties_file(tmp_path, {"tilers": four("Tile")})
    out = io.StringIO()
    call_command("import_duties", str(path), "--dry-run", stdout=out)
    assert "profiles given duties: 1;" in out.getvalue()
    assert "Dry run" in out.getvalue()
    assert not Duty.objects.exists()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_duties", str(tmp_path / "missing.json"), stdout=out)


def test_the_profile_page_lists_the_duties_escaped_with_a_link_on_the_page(client, profile):
    DutyFactory(occupation=profile, position=1, text="Grout the <joints> between tiles.")
    DutyFactory(occupation=profile, position=0, text="Measure the floor before laying tiles.")
    response = client.get(profile.get_absolute_url())
    page = soup(response)
    section = page.find("section", id="duties")
    assert [li.get_text() for li in section.find_all("li")] == [
        "Measure the floor before laying tiles.",
        "Grout the <joints> between tiles.",
    ]
    assert b"&lt;joints&gt;" in response.content
    assert page.select_one('nav.toc a[href="#duties"]').get_text() == "What they do"
    assert "written from the handbook" in page.find("section", id="sources").get_text()


def test_a_profile_without_duties_has_no_section_nor_link(client, profile):
    page = soup(client.get(profile.get_absolute_url()))
    assert page.find("section", id="duties") is None
    assert page.select_one('nav.toc a[href="#duties"]') is None


def test_the_json_and_json_ld_carry_the_duties(client, profile):
    DutyFactory(occupation=profile, text="Measure the floor before laying tiles.")
    data = client.get(f"/careers/{profile.slug}.json").json()
    assert data["duties"] == ["Measure the floor before laying tiles."]
    scripts = soup(client.get(profile.get_absolute_url())).find_all(
        "script", type="application/ld+json"
    )
    graph = [node for script in scripts for node in json.loads(script.string)["@graph"]]
    occupation = next(node for node in graph if node["@type"] == "Occupation")
    assert occupation["responsibilities"] == ["Measure the floor before laying tiles."]


def test_editors_edit_duties_in_the_profiles_admin(admin_client, profile):
    DutyFactory(occupation=profile, text="Measure the floor before laying tiles.")
    response = admin_client.get(f"/admin/occupations/occupation/{profile.pk}/change/")
    assert response.status_code == 200
    field = soup(response).find("input", attrs={"name": "duties-0-text"})
    assert field["value"] == "Measure the floor before laying tiles."


def test_every_career_with_a_soc_code_ships_with_its_duties():
    """The file make run loads: every handbook profile with codes, nothing else, each 4–8."""
    handbook = json.loads(HANDBOOK.read_text(encoding="utf-8"))["occupations"]
    with_codes = {entry["slug"] for entry in handbook if entry["soc_codes"]}
    duties = json.loads(DUTIES_FILE.read_text(encoding="utf-8"))["duties"]
    assert set(duties) == with_codes
    assert len(with_codes) == 341
    low, high = PER_PROFILE
    assert all(low <= len(items) <= high for items in duties.values())
