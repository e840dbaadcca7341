"""import_ooh: the handbook's facts (tests/fixtures/ooh/sample.json) as published profiles."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from core.models import Status
from occupations.models import (
    AreaPay,
    EntryEducation,
    ImportRun,
    LargestEmployer,
    Occupation,
    OccupationCode,
    OutlookLabel,
    SimilarOccupation,
    Training,
    WorkExperience,
)
from occupations.ooh_import import OOHFileError, import_ooh
from tests.conftest import FIXTURES, OOH_SAMPLE

pytestmark = pytest.mark.django_db

SUMMARIES = FIXTURES.parents[1] / "data" / "ooh" / "summaries.json"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
SLUGS = sorted(PROFILES)
COUNT = len(SLUGS)  # the sample's profiles, every one with a summary in data/ooh
FLAGSHIP = "medical-records-and-health-information-technicians"
MILITARY = "military-careers"
SEE_PROFILE = "See How to Become One"


def copy_of_sample():
    """A deep copy of the sample's data, to change and write elsewhere."""
    return json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))


def profile(data, slug):
    return next(entry for entry in data["occupations"] if entry["slug"] == slug)


def write_canonical(path, data):
    """The layout scripts/extract_ooh.py writes (sorted keys, indent 1)."""
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return path


def write_one_profile_a_line(path, data):
    """The same data with each profile on a line of its own, so that "the profile's line" is
    one line; returns {slug: [line numbers]} (a list, as a bad file may repeat a slug)."""
    head = {key: value for key, value in data.items() if key != "occupations"}
    lines = ["{", f'"head": {json.dumps(head, ensure_ascii=False)},', '"occupations": [']
    where: dict[str, list[int]] = {}
    for index, entry in enumerate(data["occupations"]):
        comma = "," if index < len(data["occupations"]) - 1 else ""
        lines.append(json.dumps(entry, ensure_ascii=False) + comma)
        where.setdefault(entry["slug"], []).append(len(lines))
    lines += ["],", f'"fields": {json.dumps(data["fields"], ensure_ascii=False)}', "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["occupations"] == data["occupations"]
    return where


def summaries_file(path, slugs):
    every = json.loads(SUMMARIES.read_text(encoding="utf-8"))["summaries"]
    path.write_text(json.dumps({"summaries": {slug: every[slug] for slug in slugs}}), "utf-8")
    return path


def choice(choices, text):
    """The stored value for BLS's wording, worked out from the model's labels."""
    if text is None:
        return ""
    if text == SEE_PROFILE:
        return choices.SEE_PROFILE
    by_label = {str(label).replace("’", "'"): value for value, label in choices.choices}
    return by_label[text.replace("’", "'")]


def first_import(**options):
    return import_ooh(OOH_SAMPLE, SUMMARIES, **options)


# A first import -------------------------------------------------------------------------------


def test_first_import_creates_every_profile_published():
    report = first_import()

    assert sorted(report.created) == SLUGS
    assert (report.updated, report.unchanged) == ([], [])
    assert sorted(Occupation.objects.values_list("slug", flat=True)) == SLUGS
    assert set(Occupation.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert all(occupation.is_published for occupation in Occupation.objects.all())


def test_facts_follow_the_file_and_are_mapped_to_choices():
    first_import()

    for slug, entry in PROFILES.items():
        occupation = Occupation.objects.get(slug=slug)
        assert occupation.title == entry["title"]
        assert occupation.ooh_url == entry["url"]
        assert occupation.field.slug == entry["field"]
        assert occupation.jobs == entry["jobs"]
        assert occupation.projected_jobs == entry["projected"]
        assert occupation.employment_change == entry["employment_change"]
        assert occupation.outlook_percent == entry["outlook_percent"]
        assert occupation.openings_per_year == entry["openings_per_year"]
        assert occupation.entry_education == choice(EntryEducation, entry["entry_education"])
        assert occupation.work_experience == choice(WorkExperience, entry["work_experience"])
        assert occupation.training == choice(Training, entry["on_the_job_training"])
        assert occupation.outlook_label == choice(OutlookLabel, entry["outlook_label"])
        modified = occupation.ooh_modified
        assert (modified.isoformat() if modified else None) == entry["last_modified"]
        occupation.full_clean()  # every mapped value is one of the model's choices


def test_bls_wording_maps_to_the_right_categories():
    first_import()
    flagship = Occupation.objects.get(slug=FLAGSHIP)
    secretaries = Occupation.objects.get(slug="secretaries-and-administrative-assistants")
    actuaries = Occupation.objects.get(slug="actuaries")

    assert PROFILES[FLAGSHIP]["entry_education"] == "Postsecondary nondegree award"
    assert flagship.entry_education == EntryEducation.POSTSECONDARY
    assert PROFILES["actuaries"]["entry_education"] == "Bachelor's degree"  # a plain apostrophe
    assert actuaries.entry_education == EntryEducation.BACHELORS
    assert actuaries.training == Training.LONG_TERM
    assert actuaries.outlook_label == OutlookLabel.MUCH_FASTER
    assert PROFILES["secretaries-and-administrative-assistants"]["work_experience"] == SEE_PROFILE
    assert secretaries.work_experience == WorkExperience.SEE_PROFILE
    assert secretaries.training == Training.SEE_PROFILE
    assert secretaries.outlook_label == OutlookLabel.LITTLE_OR_NO_CHANGE


def test_codes_employers_and_similar_links_are_as_in_the_file():
    first_import()

    for slug, entry in PROFILES.items():
        occupation = Occupation.objects.get(slug=slug)
        codes = [
            (c.soc_code, c.title, c.level, c.jobs, c.projected_jobs, c.change_percent, c.change)
            for c in occupation.codes.order_by("position")
        ]
        assert codes == [
            (
                c["soc_code"],
                c["title"],
                c["level"],
                c["jobs"],
                c["projected"],
                c["change_percent"],
                c["change"],
            )
            for c in entry["soc_codes"]
        ]
        employers = list(
            occupation.employers.order_by("position").values_list("industry", "percent")
        )
        assert employers == [(e["industry"], e["percent"]) for e in entry["largest_employers"]]
        similar = list(
            occupation.similar_links.order_by("position").values_list("similar__slug", flat=True)
        )
        assert similar == [s["slug"] for s in entry["similar"] if s["slug"] in PROFILES]
    assert OccupationCode.objects.count() == sum(len(e["soc_codes"]) for e in PROFILES.values())


def test_a_group_profile_keeps_the_group_first_then_its_detailed_codes():
    first_import()
    secretaries = Occupation.objects.get(slug="secretaries-and-administrative-assistants")
    levels = [code.level for code in secretaries.codes.all()]

    assert levels[0] == "group"
    assert set(levels[1:]) == {"detailed"}
    assert secretaries.group_code.soc_code == PROFILES[secretaries.slug]["soc_codes"][0]["soc_code"]


def test_military_careers_imports_with_blank_facts():
    first_import()
    military = Occupation.objects.get(slug=MILITARY)

    assert PROFILES[MILITARY]["soc_codes"] == []
    assert military.is_published
    assert (military.entry_education, military.work_experience, military.training) == ("", "", "")
    assert military.outlook_label == ""
    assert (military.jobs, military.projected_jobs, military.openings_per_year) == (None,) * 3
    assert (military.employment_change, military.outlook_percent) == (None, None)
    assert not military.codes.exists()
    assert not military.employers.exists()
    assert military.group_code is None


def test_summaries_come_from_the_sites_own_text():
    first_import()
    every = json.loads(SUMMARIES.read_text(encoding="utf-8"))["summaries"]

    for occupation in Occupation.objects.all():
        assert occupation.summary == every[occupation.slug].strip()


# Running again ------------------------------------------------------------------------------


def test_a_second_run_changes_nothing():
    first_import()
    before = list(Occupation.objects.order_by("pk").values())
    parts = [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (OccupationCode, LargestEmployer, SimilarOccupation)
    ]

    report = first_import()

    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, COUNT)
    assert report.unchanged == SLUGS
    assert f"0 created, 0 updated, {COUNT} unchanged" in report.lines()[0]
    assert list(Occupation.objects.order_by("pk").values()) == before
    assert parts == [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (OccupationCode, LargestEmployer, SimilarOccupation)
    ]


def test_a_changed_fact_updates_that_profile_only(tmp_path):
    first_import()
    data = copy_of_sample()
    profile(data, "actuaries")["jobs"] += 100
    changed = write_canonical(tmp_path / "occupations-2024-34.json", data)

    report = import_ooh(changed, SUMMARIES)

    assert report.created == []
    assert report.updated == ["actuaries"]
    assert sorted(report.unchanged) == [slug for slug in SLUGS if slug != "actuaries"]
    assert "  updated actuaries" in report.lines()
    assert Occupation.objects.get(slug="actuaries").jobs == PROFILES["actuaries"]["jobs"] + 100
    assert Occupation.objects.get(slug="dentists").jobs == PROFILES["dentists"]["jobs"]


def test_a_changed_employer_updates_the_profile(tmp_path):
    first_import()
    data = copy_of_sample()
    profile(data, FLAGSHIP)["largest_employers"][0]["percent"] -= 1
    changed = write_canonical(tmp_path / "occupations-2024-34.json", data)

    report = import_ooh(changed, SUMMARIES)

    assert report.updated == [FLAGSHIP]
    first = Occupation.objects.get(slug=FLAGSHIP).employers.order_by("position").first()
    assert first.percent == PROFILES[FLAGSHIP]["largest_employers"][0]["percent"] - 1


def test_an_editors_summary_survives_reimport(tmp_path):
    first_import()
    Occupation.objects.filter(slug=FLAGSHIP).update(summary="An editor's own words.")
    data = copy_of_sample()
    profile(data, FLAGSHIP)["openings_per_year"] += 10  # a change that does update the profile
    changed = write_canonical(tmp_path / "occupations-2024-34.json", data)

    same = first_import()
    report = import_ooh(changed, SUMMARIES)

    assert (same.updated, same.summaries_kept) == ([], 1)  # the file's summary is not taken
    occupation = Occupation.objects.get(slug=FLAGSHIP)
    assert report.updated == [FLAGSHIP]
    assert occupation.openings_per_year == PROFILES[FLAGSHIP]["openings_per_year"] + 10
    assert occupation.summary == "An editor's own words."


def test_a_profile_without_a_summary_is_skipped_with_a_reason(tmp_path):
    some = summaries_file(tmp_path / "summaries.json", [s for s in SLUGS if s != "dentists"])

    report = import_ooh(OOH_SAMPLE, some)

    assert "dentists" not in report.created
    assert len(report.created) == COUNT - 1
    assert sorted(report.created) == [s for s in SLUGS if s != "dentists"]
    assert not Occupation.objects.filter(slug="dentists").exists()
    reasons = dict(report.skipped)
    assert "summary" in reasons["dentists"]
    assert any(line.startswith("  skipped dentists: ") for line in report.lines())


def test_import_without_any_summaries_creates_nothing():
    report = import_ooh(OOH_SAMPLE)

    assert report.created == []
    assert sorted(slug for slug, why in report.skipped if "summary" in why) == SLUGS
    assert not Occupation.objects.exists()


def test_similar_links_outside_the_file_are_skipped_and_reported():
    report = first_import()

    outside = [
        (entry["slug"], similar["slug"])
        for entry in SAMPLE["occupations"]
        for similar in entry["similar"]
        if similar["slug"] not in PROFILES
    ]
    assert outside  # the sample links to profiles it does not hold
    for slug, target in outside:
        assert (slug, f"similar occupation {target}: not in the file") in report.skipped
    linked = set(SimilarOccupation.objects.values_list("similar__slug", flat=True))
    assert linked <= set(PROFILES)
    assert not linked & {target for _, target in outside}


# Bad input: nothing is saved ------------------------------------------------------------------


def assert_nothing_saved():
    assert not Occupation.objects.exists()
    assert not OccupationCode.objects.exists()
    assert not ImportRun.objects.exists()


def test_invalid_json_names_the_file_and_line(tmp_path):
    text = OOH_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    bad_line = next(i for i, line in enumerate(text, 1) if f'"slug": "{FLAGSHIP}"' in line)
    text[bad_line - 1] = text[bad_line - 1].replace('"slug":', '"slug"')  # a missing colon
    path = tmp_path / "broken.json"
    path.write_text("".join(text), encoding="utf-8")

    with pytest.raises(OOHFileError) as caught:
        import_ooh(path, SUMMARIES)

    assert str(caught.value).startswith(f"{path}, line {bad_line}: not valid JSON")
    assert_nothing_saved()


def linked_from_others(slug):
    return [e["slug"] for e in PROFILES.values() if slug in {s["slug"] for s in e["similar"]}]


@pytest.mark.parametrize(
    ("slug", "change", "words"),
    [
        (
            "dentists",
            lambda entry: entry.update(entry_education="Postgraduate diploma"),
            "entry_education “Postgraduate diploma” is not one of BLS's categories",
        ),
        (
            "dentists",
            lambda entry: entry["largest_employers"][0].update(percent=101),
            "percent is not 0–100",
        ),
        (
            "military-careers",
            lambda entry: entry.update(jobs="many"),
            "jobs “many” is not a whole number",
        ),
    ],
    ids=["unknown-education", "employer-percent-over-100", "jobs-not-a-number"],
)
def test_a_bad_profile_names_the_file_line_and_profile(tmp_path, slug, change, words):
    assert not linked_from_others(slug)  # (for one that is: the test below)
    data = copy_of_sample()
    change(profile(data, slug))
    path = tmp_path / "bad.json"
    where = write_one_profile_a_line(path, data)
    assert SAMPLE["occupations"][0]["slug"] != slug  # good profiles come before the bad one

    with pytest.raises(OOHFileError) as caught:
        import_ooh(path, SUMMARIES)

    assert str(caught.value).startswith(f"{path}, line {where[slug][0]} (profile {slug}): ")
    assert words in str(caught.value)
    assert_nothing_saved()


def reported_line(error) -> int:
    return int(str(error).split(", line ")[1].split()[0])


def profile_lines(path, slug) -> range:
    """The lines of a profile's object in the canonical layout (its own "slug" is indented by
    three spaces, a similar occupation's by five)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    slug_line = lines.index(f'   "slug": "{slug}",') + 1
    start = max(i for i in range(1, slug_line) if lines[i - 1] == "  {")
    end = min(i for i in range(slug_line, len(lines) + 1) if lines[i - 1] in ("  }", "  },"))
    return range(start, end + 1)


def test_a_bad_profile_in_the_canonical_layout_points_into_that_profile(tmp_path):
    assert not linked_from_others("dentists")
    data = copy_of_sample()
    profile(data, "dentists")["entry_education"] = "A diploma of some kind"
    path = write_canonical(tmp_path / "bad.json", data)

    with pytest.raises(OOHFileError) as caught:
        import_ooh(path, SUMMARIES)

    assert reported_line(caught.value) in profile_lines(path, "dentists")
    assert "(profile dentists)" in str(caught.value)
    assert_nothing_saved()


@pytest.mark.parametrize("layout", [write_canonical, write_one_profile_a_line])
def test_a_bad_profile_that_others_link_to_is_named_at_its_own_line(tmp_path, layout):
    slug = "medical-assistants"
    assert linked_from_others(slug)
    data = copy_of_sample()
    profile(data, slug)["entry_education"] = "Postgraduate diploma"
    path = tmp_path / "bad.json"
    where = layout(path, data)
    own = where[slug] if isinstance(where, dict) else profile_lines(path, slug)

    with pytest.raises(OOHFileError) as caught:
        import_ooh(path, SUMMARIES)

    assert f"(profile {slug})" in str(caught.value)
    assert reported_line(caught.value) in own


def test_a_duplicate_slug_is_refused(tmp_path):
    data = copy_of_sample()
    twin = json.loads(json.dumps(profile(data, "dentists")))
    twin["url"] += "?again"
    data["occupations"].append(twin)
    path = tmp_path / "twice.json"
    where = write_one_profile_a_line(path, data)
    assert len(where["dentists"]) == 2

    with pytest.raises(OOHFileError) as caught:
        import_ooh(path, SUMMARIES)

    message = str(caught.value)
    assert "(profile dentists): the slug appears twice" in message
    line = reported_line(caught.value)
    assert message.startswith(f"{path}, line {line} ")
    assert line in where["dentists"]
    assert_nothing_saved()


def test_a_file_that_is_not_a_list_of_occupations_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[]\n", encoding="utf-8")

    with pytest.raises(OOHFileError, match=r", line 1: expected an object"):
        import_ooh(path, SUMMARIES)
    assert_nothing_saved()


def test_a_bad_file_leaves_existing_profiles_as_they_were(tmp_path):
    first_import()
    before = list(Occupation.objects.order_by("pk").values())
    data = copy_of_sample()
    profile(data, "actuaries")["jobs"] += 1  # would be an update …
    profile(data, "dentists")["entry_education"] = "Unknown"  # … but the file is bad
    path = write_canonical(tmp_path / "bad.json", data)

    with pytest.raises(OOHFileError):
        import_ooh(path, SUMMARIES)

    assert list(Occupation.objects.order_by("pk").values()) == before
    assert ImportRun.objects.count() == 1


# Dry run, history -------------------------------------------------------------------------------


def test_a_dry_run_saves_nothing():
    report = first_import(dry_run=True)

    assert sorted(report.created) == SLUGS
    assert not Occupation.objects.exists()
    assert not OccupationCode.objects.exists()
    assert not ImportRun.objects.exists()
    assert not Version.objects.exists()


def test_each_run_is_recorded_with_its_counts():
    first_import()
    first_import()

    second, first = ImportRun.objects.all()  # newest first
    skipped = sum(s["slug"] not in PROFILES for e in PROFILES.values() for s in e["similar"])
    assert (first.kind, first.file_name) == ("ooh", OOH_SAMPLE.name)
    assert (first.created, first.updated, first.unchanged, first.skipped) == (COUNT, 0, 0, skipped)
    assert (second.created, second.updated, second.unchanged) == (0, 0, COUNT)
    assert len(first.file_sha256) == 64
    assert first.file_sha256 == second.file_sha256
    assert f"{COUNT} created" in first.report


def test_a_created_profile_has_a_version_with_its_parts():
    first_import()
    flagship = Occupation.objects.get(slug=FLAGSHIP)

    versions = Version.objects.get_for_object(flagship)
    assert versions.count() == 1
    revision = versions.get().revision
    assert "OOH import" in revision.comment
    followed = {version.content_type.model for version in revision.version_set.all()}
    assert {"occupation", "occupationcode", "largestemployer", "similaroccupation"} <= followed


def test_an_unchanged_profile_gets_no_new_version(tmp_path):
    first_import()
    data = copy_of_sample()
    profile(data, "actuaries")["jobs"] += 1
    import_ooh(write_canonical(tmp_path / "changed.json", data), SUMMARIES)

    assert Version.objects.get_for_object(Occupation.objects.get(slug="actuaries")).count() == 2
    assert Version.objects.get_for_object(Occupation.objects.get(slug="dentists")).count() == 1


# The command ------------------------------------------------------------------------------------


def test_the_command_prints_the_counts():
    out = io.StringIO()
    call_command("import_ooh", str(OOH_SAMPLE), "--summaries", str(SUMMARIES), stdout=out)
    assert f"{COUNT} created, 0 updated, 0 unchanged" in out.getvalue()

    out = io.StringIO()
    call_command("import_ooh", str(OOH_SAMPLE), stdout=out)  # data/ooh/summaries.json
    assert f"0 created, 0 updated, {COUNT} unchanged" in out.getvalue()


def test_the_command_dry_run_says_so_and_saves_nothing():
    out = io.StringIO()
    call_command("import_ooh", str(OOH_SAMPLE), "--dry-run", stdout=out)

    assert f"{COUNT} created" in out.getvalue()
    assert "Dry run: nothing was saved." in out.getvalue()
    assert not Occupation.objects.exists()


def test_the_command_turns_a_bad_file_into_a_command_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"occupations": [\n', encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_ooh", str(path), stdout=io.StringIO())

    assert str(path) in str(caught.value)
    assert "line 2" in str(caught.value)
    assert "Nothing was imported." in str(caught.value)
    assert isinstance(caught.value.__cause__, OOHFileError)
    assert_nothing_saved()


# The handbook's May 2024 pay ----------------------------------------------------------------


def handbook_row(soc_code):
    return AreaPay.objects.get(
        release__name="May 2024", soc_code=soc_code, area_name="United States"
    )


def test_the_handbooks_pay_becomes_the_national_row_of_may_2024():
    report = first_import()

    actuaries = PROFILES["actuaries"]["pay_2024"]
    row = handbook_row("15-2011")
    assert (row.annual_p10, row.annual_median, row.annual_p90) == tuple(
        Decimal(actuaries[name]) for name in ("annual_p10", "annual_median", "annual_p90")
    )
    assert row.hourly_median == Decimal(actuaries["hourly_median"])
    assert (row.annual_p25, row.annual_p75, row.top_coded) == (None, None, "")
    assert row.release.code == "2024A01"
    # The group's figure is the group code's; groups without a code of their own get none.
    assert handbook_row("43-6000").annual_median == Decimal("47460")
    assert not AreaPay.objects.filter(soc_code__in=["43-3021", "43-4021"]).exists()
    assert report.pay_created == AreaPay.objects.count()
    assert "Pay, May 2024 (the handbook's national figures):" in "\n".join(report.lines())


def test_a_figure_at_the_top_wage_is_named_not_stored_as_a_number():
    first_import()

    dentists = handbook_row("29-1020")
    assert dentists.annual_p90 is None
    assert dentists.top_coded == "annual_p90"
    assert dentists.annual_median == Decimal("179210")


def test_a_second_run_leaves_the_pay_alone_and_keeps_figures_the_handbook_lacks():
    first_import()
    row = handbook_row("15-2011")
    row.annual_p25 = Decimal("90000")  # as BLS's own May 2024 file would give it
    row.save()

    report = first_import()

    assert (report.pay_created, report.pay_updated) == (0, 0)
    assert handbook_row("15-2011").annual_p25 == Decimal("90000")


def test_a_changed_handbook_figure_updates_the_row(tmp_path):
    first_import()
    data = copy_of_sample()
    profile(data, "actuaries")["pay_2024"]["annual_median"] = 126000
    path = tmp_path / "changed.json"
    write_canonical(path, data)

    report = import_ooh(path, SUMMARIES)

    assert (report.pay_created, report.pay_updated) == (0, 1)
    assert handbook_row("15-2011").annual_median == Decimal("126000")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"annual_median": "lots"}, "pay_2024 annual_median “lots” is not an amount of dollars"),
        ({"annual_p10": -5}, "pay_2024 annual_p10 “-5” is not an amount of dollars"),
        ({"top_coded": ["annual_p99"]}, "pay_2024 top_coded names annual_p99, not a figure"),
    ],
)
def test_bad_pay_names_the_profile_and_saves_nothing(tmp_path, change, words):
    data = copy_of_sample()
    profile(data, "dentists")["pay_2024"].update(change)
    path = tmp_path / "bad.json"
    write_one_profile_a_line(path, data)

    with pytest.raises(OOHFileError, match="profile dentists"):
        import_ooh(path, SUMMARIES)
    with pytest.raises(OOHFileError, match=words):
        import_ooh(path, SUMMARIES)
    assert_nothing_saved()
    assert not AreaPay.objects.exists()
