"""import_oews: every national and state row of an OEWS file as pay by area, all or nothing."""

import csv
import gzip
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from occupations.models import (
    NATIONAL_AREA_NAME,
    AreaPay,
    AreaType,
    CodeLevel,
    ImportRun,
    PayRelease,
)
from occupations.oews_import import WAGE_COLUMNS, BadRows, import_files, import_release
from tests.conftest import OEWS_SAMPLE, soup
from tests.factories import CareerGuideFactory, OccupationCodeFactory, OccupationFactory
from tests.occupations.test_profile_page import (
    PERCENTILES,
    annual,
    hourly,
    pay_table_rows,
    quick_facts,
    state_table,
)

pytestmark = pytest.mark.django_db

PERIOD = "May 2025"
PERCENTILE_COLUMNS = {10: "A_PCT10", 25: "A_PCT25", 50: "A_MEDIAN", 75: "A_PCT75", 90: "A_PCT90"}
HOURLY_COLUMNS = {10: "H_PCT10", 25: "H_PCT25", 50: "H_MEDIAN", 75: "H_PCT75", 90: "H_PCT90"}


def sample_rows() -> tuple[list[str], list[dict]]:
    with OEWS_SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


HEADER, ROWS = sample_rows()


def row_of(code, postal, rows=ROWS) -> dict:
    return next(row for row in rows if row["OCC_CODE"] == code and row["PRIM_STATE"] == postal)


def line_of(row, rows) -> int:
    """A row's line in a file written by write_csv (the header is line 1)."""
    return rows.index(row) + 2


def write_csv(path, rows, header=HEADER):
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    return path


def copy_rows():
    return [dict(row) for row in ROWS]


def money(text) -> Decimal:
    return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))


def pay(code, postal) -> AreaPay:
    """The code's figures for all industries in the nation (postal US) or a state."""
    areas = AreaPay.objects.filter(area_type__in=["national", "state", "territory"])
    return areas.get(soc_code=code, postal=postal, release__name=PERIOD)


def guide_for(code, *, own_profile=True):
    """A published guide whose pay is `code`'s: through its own profile, or (own_profile=False)
    as the one occupation of a handbook profile it is not linked to (the handbook line)."""
    occupation = OccupationFactory()
    if own_profile:
        OccupationCodeFactory(occupation=occupation, soc_code=code)
        return CareerGuideFactory(occupation=occupation)
    OccupationCodeFactory(occupation=occupation, soc_code=code, level=CodeLevel.DETAILED)
    return CareerGuideFactory(occupation=None, detailed_code=code)


def guide_page(client, guide, **query):
    response = client.get(guide.get_absolute_url(), query)
    assert response.status_code == 200
    return soup(response)


def pay_sections(client, guide) -> str:
    """What the guide's page shows of pay: quick facts, the pay section, pay by state."""
    page = guide_page(client, guide)
    parts = [
        page.select_one("aside.quick-facts"),
        page.find(id="pay"),
        page.find(id="pay-by-state"),
    ]
    return "\n".join(str(part) for part in parts)


def code_rows(code) -> list[dict]:
    return [row for row in ROWS if row["OCC_CODE"] == code]


def run(command_args=(), path=OEWS_SAMPLE):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oews", str(path), *command_args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# Every row as AreaPay ---------------------------------------------------------------------------


def test_every_data_row_becomes_area_pay():
    report = import_release(OEWS_SAMPLE, PERIOD)

    assert report.created == len(ROWS) == AreaPay.objects.count()
    assert (report.updated, report.unchanged, report.skipped) == (0, 0, [])
    release = PayRelease.objects.get()
    assert (release.name, release.code) == (PERIOD, "2025A01")
    stored = set(AreaPay.objects.values_list("soc_code", "area_code"))
    assert stored == {(row["OCC_CODE"], row["AREA"]) for row in ROWS}


def test_the_national_medical_records_row_matches_the_file():
    import_release(OEWS_SAMPLE, PERIOD)
    national = pay("29-2072", "US")
    row = row_of("29-2072", "US")

    assert (national.area_type, national.area_code) == (AreaType.NATIONAL, "99")
    assert national.area_name == NATIONAL_AREA_NAME
    assert national.soc_title == row["OCC_TITLE"] == "Medical Records Specialists"
    assert national.employment == 194720
    assert national.annual_median == Decimal("51140")
    assert national.annual_p10 == Decimal("37000")
    assert national.annual_p90 == Decimal("81150")
    assert national.hourly_median == Decimal("24.59")
    for name, column in WAGE_COLUMNS.items():
        assert getattr(national, name) == money(row[column]), name
    assert national.top_coded == ""
    assert (national.annual_only, national.hourly_only) == (False, False)


def test_state_and_territory_rows():
    import_release(OEWS_SAMPLE, PERIOD)
    california = pay("29-2072", "CA")
    puerto_rico = pay("29-2072", "PR")

    assert california.annual_median == Decimal("61810")
    assert (california.area_type, california.area_name) == (AreaType.STATE, "California")
    assert california.area_code == row_of("29-2072", "CA")["AREA"]
    assert california.employment == int(row_of("29-2072", "CA")["TOT_EMP"])
    assert (puerto_rico.area_type, puerto_rico.area_name) == (AreaType.TERRITORY, "Puerto Rico")


def test_top_coded_figures_are_not_numbers_and_are_named():
    row = row_of("29-1022", "AL")  # every wage of this row is "#" in BLS's file
    top = [name for name, column in WAGE_COLUMNS.items() if row[column] == "#"]
    assert top

    import_release(OEWS_SAMPLE, PERIOD)
    surgeons = pay("29-1022", "AL")

    assert surgeons.top_coded.split() == top
    for name in top:
        assert getattr(surgeons, name) is None, name
    assert surgeons.employment == int(row["TOT_EMP"])


def test_a_row_with_some_top_coded_figures(tmp_path):
    rows = [dict(row_of("29-1021", "US"))]
    rows[0].update(A_PCT90="#", H_PCT90="#")
    path = write_csv(tmp_path / "oews_M2025_top.csv", rows)

    import_release(path, PERIOD)
    dentists = pay("29-1021", "US")

    assert dentists.top_coded.split() == ["annual_p90", "hourly_p90"]
    assert (dentists.annual_p90, dentists.hourly_p90) == (None, None)
    assert dentists.annual_p75 == money(rows[0]["A_PCT75"])


def test_figures_not_available_are_none():
    import_release(OEWS_SAMPLE, PERIOD)
    surgeons = pay("29-1022", "CA")  # every wage "*"
    orthodontists = pay("29-1023", "AL")  # employment "**", relative error "*"

    assert all(row_of("29-1022", "CA")[column] == "*" for column in WAGE_COLUMNS.values())
    assert all(getattr(surgeons, name) is None for name in WAGE_COLUMNS)
    assert surgeons.top_coded == ""
    assert row_of("29-1023", "AL")["TOT_EMP"] == "**"
    assert orthodontists.employment is None
    assert orthodontists.annual_median == money(row_of("29-1023", "AL")["A_MEDIAN"])


def test_annual_only_and_hourly_only_flags(tmp_path):
    annual, hourly = dict(row_of("29-2072", "US")), dict(row_of("29-2072", "CA"))
    annual.update(ANNUAL="TRUE", **dict.fromkeys(HOURLY_COLUMNS.values(), "*"))
    hourly.update(HOURLY="TRUE")
    path = write_csv(tmp_path / "oews_M2025_flags.csv", [annual, hourly])

    import_release(path, PERIOD)

    assert (pay("29-2072", "US").annual_only, pay("29-2072", "US").hourly_only) == (True, False)
    assert pay("29-2072", "US").hourly_median is None
    assert (pay("29-2072", "CA").annual_only, pay("29-2072", "CA").hourly_only) == (False, True)


# Running again --------------------------------------------------------------------------------


def test_a_second_run_creates_and_updates_nothing():
    import_release(OEWS_SAMPLE, PERIOD)
    before = list(AreaPay.objects.order_by("pk").values())

    report = import_release(OEWS_SAMPLE, PERIOD)

    assert (report.created, report.updated, report.unchanged) == (0, 0, len(ROWS))
    assert list(AreaPay.objects.order_by("pk").values()) == before
    assert PayRelease.objects.count() == 1


def test_a_changed_value_updates_that_row_only(tmp_path):
    import_release(OEWS_SAMPLE, PERIOD)
    rows = copy_rows()
    california = row_of("29-2072", "CA", rows)
    california["A_MEDIAN"] = "61900"
    path = write_csv(tmp_path / "oews_M2025_sample.csv", rows)

    report = import_release(path, PERIOD)

    assert (report.created, report.updated, report.unchanged) == (0, 1, len(ROWS) - 1)
    assert pay("29-2072", "CA").annual_median == Decimal("61900")
    assert pay("29-2072", "US").annual_median == Decimal("51140")


def test_a_dry_run_saves_nothing():
    report = import_release(OEWS_SAMPLE, PERIOD, dry_run=True)

    assert report.created == len(ROWS)
    assert report.dry_run
    assert "dry run: nothing was saved" in report.lines()[0]
    assert not AreaPay.objects.exists()
    assert not PayRelease.objects.exists()
    assert not ImportRun.objects.exists()


def test_each_run_is_recorded():
    import_release(OEWS_SAMPLE, PERIOD)
    import_release(OEWS_SAMPLE, PERIOD)

    second, first = ImportRun.objects.all()
    assert (first.kind, first.file_name) == ("oews", OEWS_SAMPLE.name)
    assert (first.created, first.updated, first.unchanged) == (len(ROWS), 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(ROWS))
    assert f"{len(ROWS)} created" in first.report


# Bad rows: nothing is saved -------------------------------------------------------------------


def break_median(row):
    row["A_MEDIAN"] = "abc"
    return "A_MEDIAN “abc” is not a number"


def reverse_percentiles(row):
    row["A_PCT10"], row["A_PCT90"] = row["A_PCT90"], row["A_PCT10"]
    return "percentiles are not in increasing order"


def break_employment(row):
    row["TOT_EMP"] = "lots"
    return "TOT_EMP “lots” is not a number of jobs"


@pytest.mark.parametrize("spoil", [break_median, reverse_percentiles, break_employment])
def test_a_bad_row_stops_the_run_with_its_file_and_line(client, tmp_path, spoil):
    guide = guide_for("29-2072")
    rows = copy_rows()
    bad = row_of("11-9111", "TX", rows)  # a row well after the first good ones
    reason = spoil(bad)
    path = write_csv(tmp_path / "oews_M2025_bad.csv", rows)

    with pytest.raises(BadRows) as caught:
        import_release(path, PERIOD)

    [message] = caught.value.lines
    assert message.startswith(f"oews_M2025_bad.csv, line {line_of(bad, rows)}: ")
    assert reason in message
    assert "nothing was imported" in str(caught.value)
    assert not AreaPay.objects.exists()
    assert not PayRelease.objects.exists()
    assert not ImportRun.objects.exists()
    assert guide_page(client, guide).find(id="pay") is None  # the guide shows no pay


def test_a_bad_row_for_a_guides_code_also_stops_the_run(client, tmp_path):
    guide = guide_for("29-2072")
    rows = copy_rows()
    bad = row_of("29-2072", "OH", rows)
    bad["A_PCT25"] = "-5"
    path = write_csv(tmp_path / "oews_M2025_bad.csv", rows)

    with pytest.raises(BadRows) as caught:
        import_release(path, PERIOD)

    assert caught.value.lines == [
        f"oews_M2025_bad.csv, line {line_of(bad, rows)}: "
        "A_PCT25 -5 is not a plausible annual wage"  # pay is never negative
    ]
    assert not AreaPay.objects.exists()
    assert guide_page(client, guide).find(id="pay") is None


def test_a_bad_file_leaves_an_earlier_release_as_it_was(client, tmp_path):
    guide = guide_for("29-2072")
    import_release(OEWS_SAMPLE, PERIOD)
    pay_before = list(AreaPay.objects.order_by("pk").values())
    page_before = pay_sections(client, guide)
    assert "$51,140" in page_before
    rows = copy_rows()
    row_of("29-2072", "US", rows)["A_MEDIAN"] = "52000"  # would be an update …
    reverse_percentiles(row_of("43-6014", "WA", rows))  # … but another row is bad
    path = write_csv(tmp_path / "oews_M2025_sample.csv", rows)

    with pytest.raises(BadRows):
        import_release(path, PERIOD)

    assert list(AreaPay.objects.order_by("pk").values()) == pay_before
    assert pay_sections(client, guide) == page_before  # not $52,000
    assert ImportRun.objects.count() == 1


def test_a_repeated_area_is_a_bad_row(tmp_path):
    rows = [dict(row_of("29-2072", "US")), dict(row_of("29-2072", "CA"))]
    rows.append(dict(rows[1]))
    path = write_csv(tmp_path / "oews_M2025_twice.csv", rows)

    with pytest.raises(BadRows) as caught:
        import_release(path, PERIOD)

    assert caught.value.lines == [
        f"oews_M2025_twice.csv, line 4: repeats line 3 (29-2072, {rows[1]['AREA']})"
    ]
    assert not AreaPay.objects.exists()


# Rows the site does not keep, files ----------------------------------------------------------


def test_metropolitan_rows_are_stored_as_areas_apart_from_the_states(client, tmp_path):
    guide = guide_for("29-2072")
    metro = dict(row_of("29-2072", "CA"))
    metro.update(
        AREA="10900", AREA_TITLE="Allentown-Bethlehem-Easton, PA-NJ", AREA_TYPE="4", PRIM_STATE="PA"
    )
    nonmetro = dict(row_of("29-2072", "TX"))
    nonmetro.update(AREA="4800003", AREA_TITLE="Big Thicket Region of Texas nonmetropolitan area")
    nonmetro["AREA_TYPE"] = "6"
    states = [dict(row_of("29-2072", postal)) for postal in ("TX", "NY")]
    rows = [dict(row_of("29-2072", "US")), metro, nonmetro, *states]
    header = [*HEADER[:4], "AREA_STATES", *HEADER[4:]]
    metro["AREA_STATES"] = "PA NJ"
    path = write_csv(tmp_path / "oews_M2025_metro.csv", rows, header)

    report = import_release(path, PERIOD)

    assert (report.created, report.skipped) == (5, [])
    allentown = AreaPay.objects.get(area_code="10900")
    assert (allentown.area_type, allentown.postal, allentown.states) == ("metro", "PA", "PA NJ")
    assert allentown.annual_median == Decimal("61810")
    big_thicket = AreaPay.objects.get(area_code="4800003")
    assert (big_thicket.area_type, big_thicket.states) == ("nonmetro", "TX")  # its one state
    page = guide_page(client, guide)
    # The state table and the state picker stay the states'.
    assert [row[0] for row in state_table(page)] == ["New York", "Texas"]
    assert [option.string for option in page.select("#pay-state option")][1:] == [
        "New York",
        "Texas",
    ]


def test_industry_rows_are_stored_for_the_nation_only(tmp_path):
    industry = dict(row_of("29-2072", "US"))
    industry.update(NAICS="622000", NAICS_TITLE="Hospitals", I_GROUP="3-digit", A_MEDIAN="59120")
    in_state = dict(row_of("29-2072", "CA"))
    in_state.update(NAICS="622000", NAICS_TITLE="Hospitals", I_GROUP="3-digit")
    rows = [dict(row_of("29-2072", "US")), industry, in_state]
    path = write_csv(tmp_path / "oews_M2025_naics.csv", rows)

    report = import_release(path, PERIOD)

    assert report.created == 2
    assert report.skipped == [(4, "an industry-specific row outside the nation")]
    hospitals = AreaPay.objects.get(industry_code="622000")
    assert (hospitals.area_type, hospitals.industry_title) == ("industry", "Hospitals")
    assert hospitals.annual_median == Decimal("59120")
    assert pay("29-2072", "US").annual_median == Decimal("51140")  # all industries, unchanged


def test_a_malformed_industry_code_is_a_bad_row(tmp_path):
    industry = dict(row_of("29-2072", "US"))
    industry.update(NAICS="hospitals", I_GROUP="3-digit")
    path = write_csv(tmp_path / "oews_M2025_naics.csv", [industry])

    with pytest.raises(BadRows) as error:
        import_release(path, PERIOD)

    assert "NAICS “hospitals” is not an industry code" in error.value.lines[0]
    assert not AreaPay.objects.exists()


def test_files_of_one_release_import_together_or_not_at_all(tmp_path):
    states = write_csv(tmp_path / "oews_M2025_nat_st.csv", ROWS)
    again = write_csv(tmp_path / "oews_M2025_msa.csv", [dict(row_of("29-2072", "CA"))])

    with pytest.raises(BadRows) as error:
        import_files([states, again], PERIOD)

    assert "repeats a row of an earlier file (29-2072, 6)" in error.value.lines[0]
    assert not AreaPay.objects.exists()
    assert import_files([states], PERIOD)[0].created == len(ROWS)


def test_a_gzipped_csv_is_read(tmp_path):
    path = write_csv(tmp_path / "oews_M2025_nat_st.csv.gz", ROWS)
    assert gzip.decompress(path.read_bytes()).decode("utf-8").startswith("AREA,AREA_TITLE,")

    report = import_release(path, PERIOD)

    assert report.created == len(ROWS) == AreaPay.objects.count()
    assert pay("29-2072", "US").annual_median == Decimal("51140")
    assert pay("29-2072", "CA").annual_median == Decimal("61810")


# The guides' pages show the imported figures --------------------------------------------------


@pytest.mark.parametrize("own_profile", [True, False], ids=["its-profile", "handbook-line"])
def test_a_guides_page_shows_the_figures_for_its_code(client, own_profile):
    guide = guide_for("29-2072", own_profile=own_profile)
    national = row_of("29-2072", "US")

    import_release(OEWS_SAMPLE, PERIOD)
    page = guide_page(client, guide)

    assert pay_table_rows(page) == {
        label: [annual(national[a]), hourly(national[h])] for label, a, h in PERCENTILES
    }
    assert quick_facts(page)["Median pay"] == (
        "$51,140 a year (about $24.59 an hour) United States, May 2025 "
        "(BLS Occupational Employment and Wage Statistics (OEWS))"
    )
    caption = page.select_one("#pay table.pay-table caption").get_text()
    assert PERIOD in caption
    assert "OEWS" in caption
    states = [row for row in code_rows("29-2072") if row["AREA_TYPE"] != "1"]
    assert state_table(page) == [
        [
            row["AREA_TITLE"],
            f"{int(row['TOT_EMP']):,}",
            annual(row["A_MEDIAN"]),
            annual(row["A_PCT10"]),
            annual(row["A_PCT90"]),
        ]
        for row in sorted(states, key=lambda row: row["AREA_TITLE"])
    ]


def test_each_state_of_the_file_shows_beside_the_nation_on_the_guide(client):
    guide = guide_for("29-2072")
    national = row_of("29-2072", "US")
    states = [row for row in code_rows("29-2072") if row["AREA_TYPE"] != "1"]
    assert len(states) > 2

    import_release(OEWS_SAMPLE, PERIOD)

    for state in states:
        page = guide_page(client, guide, state=state["AREA_TITLE"])
        assert pay_table_rows(page) == {
            label: [annual(national[a]), hourly(national[h]), annual(state[a]), hourly(state[h])]
            for label, a, h in PERCENTILES
        }, state["AREA_TITLE"]
    california = guide_page(client, guide, state="California")
    assert pay_table_rows(california)["Median"][2] == "$61,810"


def test_a_second_run_leaves_the_guides_page_as_it_was(client):
    guide = guide_for("29-2072")
    import_release(OEWS_SAMPLE, PERIOD)
    before = pay_sections(client, guide)

    report = import_release(OEWS_SAMPLE, PERIOD)

    assert (report.created, report.updated) == (0, 0)
    assert pay_sections(client, guide) == before
    page = guide_page(client, guide)
    assert page.select_one("#pay .pay-change") is None  # still the one release, not a history
    assert page.select_one("#pay table.pay-history") is None


def test_a_changed_value_shows_on_the_guides_page(client, tmp_path):
    guide = guide_for("29-2072")
    import_release(OEWS_SAMPLE, PERIOD)
    rows = copy_rows()
    row_of("29-2072", "CA", rows)["A_MEDIAN"] = "61900"

    report = import_release(write_csv(tmp_path / "oews_M2025_x.csv", rows), PERIOD)

    assert report.updated == 1
    page = guide_page(client, guide, state="California")
    assert pay_table_rows(page)["Median"][2] == "$61,900"
    assert {row[0]: row[2] for row in state_table(page)}["California"] == "$61,900"
    assert "$61,810" not in pay_sections(client, guide)


def test_a_guide_whose_code_has_states_without_figures_does_not_block_the_release(client):
    guide = guide_for("29-1022")
    states = {row["AREA_TITLE"]: row for row in code_rows("29-1022") if row["AREA_TYPE"] != "1"}
    without = {
        name
        for name, row in states.items()
        if all(row[column] in ("*", "#") for column in PERCENTILE_COLUMNS.values())
    }
    assert without  # BLS publishes no annual figure for some states

    report = import_release(OEWS_SAMPLE, PERIOD)

    assert report.created == len(ROWS)
    page = guide_page(client, guide)
    national = row_of("29-1022", "US")
    assert pay_table_rows(page)["Median"] == [
        annual(national["A_MEDIAN"]),
        hourly(national["H_MEDIAN"]),
    ]
    shown = {name: cells for name, _jobs, *cells in state_table(page)}
    assert shown == {
        name: [annual(row[column]) for column in ("A_MEDIAN", "A_PCT10", "A_PCT90")]
        for name, row in states.items()
    }
    assert shown["Florida"][0] == "$233,050"  # the states BLS gives figures for show them
    for name in without:
        # Never a number: "not published", or at or above BLS's top wage.
        assert set(shown[name]) <= {"not published", "$239,200 or more"}, name


# The command ----------------------------------------------------------------------------------


def test_the_command_prints_the_counts():
    out, _ = run(["--period", PERIOD])
    assert out.startswith(f"OEWS import of {OEWS_SAMPLE.name} for {PERIOD}\n")
    assert f"Pay by area ({PERIOD}): {len(ROWS)} created, 0 updated, 0 unchanged" in out

    out, _ = run(["--period", PERIOD])
    assert f"Pay by area ({PERIOD}): 0 created, 0 updated, {len(ROWS)} unchanged" in out
    assert AreaPay.objects.count() == len(ROWS)


def test_the_command_reads_the_period_from_the_file_name(tmp_path):
    path = write_csv(tmp_path / "oews_M2025_nat_st.csv.gz", ROWS[:3])

    out, _ = run(path=path)

    assert f"Pay by area ({PERIOD}): 3 created" in out
    assert PayRelease.objects.get().name == PERIOD


def test_the_command_dry_run_saves_nothing():
    out, _ = run(["--period", PERIOD, "--dry-run"])

    assert f"{len(ROWS)} created" in out
    assert "dry run: nothing was saved" in out
    assert not AreaPay.objects.exists()


def test_the_command_raises_a_command_error_on_bad_rows(tmp_path):
    rows = copy_rows()
    bad = row_of("15-2011", "NY", rows)
    reason = break_median(bad)
    path = write_csv(tmp_path / "oews_M2025_bad.csv", rows)
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_oews", str(path), "--period", PERIOD, stdout=io.StringIO(), stderr=err)

    assert f"oews_M2025_bad.csv, line {line_of(bad, rows)}: {reason}" in err.getvalue()
    assert not AreaPay.objects.exists()


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(["--period", PERIOD], path=tmp_path / "nothing.csv")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statistics table")
def test_an_import_refreshes_the_pay_tables_statistics():
    """Without them SQLite read a code's national figure through the wrong index (every area
    of the code walked): the home page's queries took 88 ms, not 3."""
    import_release(OEWS_SAMPLE, PERIOD)

    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analyzed = {row[0] for row in cursor.fetchall()}
    assert AreaPay._meta.db_table in analyzed
