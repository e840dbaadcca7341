"""Pay explorer: `import_oews` with real OEWS columns, state picker, national figures beside it."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from reversion.models import Version

from guides.models import CareerGuide, SalaryBand
from guides.oews import period_from_file_name
from guides.pay import period_order
from tests.conftest import soup
from tests.factories import CareerGuideFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_packs):
    """The flagship as its pack ships it (May 2024 and earlier, no state figures): these tests
    control every figure the pay section shows (May 2025 as make run loads it: tests/occupations).
    """


GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-specialist"  # other guides' packs have national bands of their own
HEADER = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "I_GROUP",
    "OCC_CODE",
    "OCC_TITLE",
    "TOT_EMP",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
]
WAGES_US = ["35,780", "41,680", "50,250", "63,640", "80,950"]
WAGES_CA = ["41,520", "49,870", "62,400", "80,030", "98,120"]


def oews_row(area_title, wages, *, area_type="2", occ="29-2072", naics="000000", group=None):
    state = "US" if area_type == "1" else area_title[:2].upper()
    return [
        "99" if area_type == "1" else str(sum(map(ord, area_title))),
        area_title,
        area_type,
        state,
        naics,
        group or ("cross-industry" if naics == "000000" else "sector"),
        occ,
        "Medical Records Specialists",
        "1,000",
        *wages,
    ]


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        # Excel files from BLS hold numbers as numbers.
        sheet.append([int(v.replace(",", "")) if v.replace(",", "").isdigit() else v for v in row])
    workbook.save(path)
    return path


def import_file(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oews", str(path), *args, verbosity=2, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def bands(region, period="May 2024"):
    return {
        band.percentile: band.annual_amount
        for band in SalaryBand.objects.filter(
            guide__slug=FLAGSHIP, region=region, reference_period=period
        )
    }


@pytest.fixture
def sample(tmp_path):
    return write_csv(
        tmp_path / "state_M2024_dl.csv",
        [
            oews_row("U.S.", WAGES_US, area_type="1"),
            oews_row("California", WAGES_CA),
            oews_row("Alaska", ["43,000", "49,000", "58,000", "68,000", "#"]),
            oews_row("Texas", ["*", "38,900", "46,700", "57,800", "71,200"]),
            oews_row("Los Angeles-Long Beach-Anaheim, CA", WAGES_CA, area_type="4"),
            oews_row("California", ["1", "2", "3", "4", "5"], occ="29-2071"),
        ],
    )


# The import command -----------------------------------------------------------------------


def test_import_creates_national_and_state_percentiles(seeded, sample):
    out, err = import_file(sample)

    assert bands("United States") == {
        10: Decimal("35780"),
        25: Decimal("41680"),
        50: Decimal("50250"),
        75: Decimal("63640"),
        90: Decimal("80950"),
    }
    assert bands("California")[50] == Decimal("62400")
    assert "Created: 15" in out  # 2 new national + 5 CA + 4 AK + 4 TX
    assert "Unchanged: 3" in out  # the seeded national 10th, median and 90th
    assert not err
    band = SalaryBand.objects.get(guide__slug=FLAGSHIP, region="California", percentile=25)
    assert (band.label, band.reference_period) == ("Early career", "May 2024")
    assert "OEWS" in band.source_name


def test_import_reports_special_values_and_local_areas_by_line(seeded, sample):
    out, _ = import_file(sample)

    assert "line 4: Alaska: A_PCT90 is at or above the top published wage (“#”)" in out
    assert "line 5: Texas: A_PCT10 not available (“*”)" in out
    assert "line 6: Los Angeles-Long Beach-Anaheim, CA: local area" in out
    assert "Rows for occupations without a guide: 1" in out
    assert 90 not in bands("Alaska")
    assert 10 not in bands("Texas")


def test_a_bad_row_stops_the_whole_import_and_names_its_line(seeded, sample):
    rows = sample.read_text().splitlines()
    bad = ",".join(oews_row("New York", ["39,000", "45,000", "abc", "66,000", "81,000"]))
    sample.write_text("\n".join([*rows[:3], bad, *rows[3:]]) + "\n")
    before = SalaryBand.objects.count()

    with pytest.raises(CommandError, match="1 bad row") as raised:
        import_file(sample)

    assert "nothing was imported" in str(raised.value)
    assert SalaryBand.objects.count() == before  # California, before and after it, too


def test_import_is_idempotent(seeded, sample):
    import_file(sample)
    count = SalaryBand.objects.count()

    out, _ = import_file(sample)

    assert SalaryBand.objects.count() == count
    assert "Created: 0" in out
    assert "Updated: 0" in out
    assert "Unchanged: 18" in out


def test_import_updates_figures_that_changed_and_keeps_editors_labels(seeded, tmp_path):
    wages = ["35,780", "41,680", "51,000", "63,640", "80,950"]
    path = write_csv(tmp_path / "nat.csv", [oews_row("U.S.", wages, area_type="1")])

    out, _ = import_file(path, "--period", "May 2024")

    assert "Updated: 1" in out
    assert "Medical Records Specialist, United States, median: $51,000" in out
    median = SalaryBand.objects.get(
        guide__slug=FLAGSHIP, region="United States", percentile=50, reference_period="May 2024"
    )
    assert (median.label, median.annual_amount) == ("Median", Decimal("51000"))


def test_an_import_that_changes_pay_is_a_version_in_the_guides_history(seeded, sample):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    versions = Version.objects.get_for_object(guide)
    before = versions.count()

    import_file(sample)
    import_file(sample)  # nothing changes the second time: no new version

    assert versions.count() == before + 1
    latest = versions.first()
    assert latest.revision.comment == "OEWS import of state_M2024_dl.csv for May 2024."
    saved_bands = [
        version.field_dict
        for version in latest.revision.version_set.all()
        if version.content_type.model_class() is SalaryBand
    ]
    assert {"California"} <= {band["region"] for band in saved_bands}


def test_dry_run_reports_but_saves_nothing(seeded, sample):
    count = SalaryBand.objects.count()
    versions = Version.objects.count()

    out, _ = import_file(sample, "--dry-run")

    assert "dry run: nothing was saved" in out
    assert "Created: 15" in out
    assert SalaryBand.objects.count() == count
    assert Version.objects.count() == versions  # no history of what was not saved


def test_import_reads_excel_workbooks(seeded, tmp_path):
    path = write_xlsx(
        tmp_path / "state_M2024_dl.xlsx",
        [oews_row("U.S.", WAGES_US, area_type="1"), oews_row("California", WAGES_CA)],
    )

    out, _ = import_file(path)

    assert bands("California")[90] == Decimal("98120")
    assert "Created: 7" in out


def test_only_the_all_industry_row_of_a_national_file_counts(seeded, tmp_path):
    path = write_csv(
        tmp_path / "national_M2024_dl.csv",
        [
            oews_row("U.S.", ["1", "2", "3", "4", "5"], area_type="1", naics="622000"),
            oews_row("U.S.", WAGES_US, area_type="1"),
        ],
    )

    out, _ = import_file(path)

    assert bands("United States")[25] == Decimal("41680")
    assert "line 2: an industry-specific row" in out


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            oews_row("Ohio", ["50", "40", "30", "20", "10"]),
            "the percentiles are not in increasing order",
        ),
        (oews_row("Ohio", ["-5", "1", "2", "3", "4"]), "A_PCT10 -5 is not a plausible annual wage"),
        (oews_row("", WAGES_US), "AREA_TITLE is empty"),
        (oews_row("Ohio", WAGES_US, area_type="9"), "AREA_TYPE “9” is not an OEWS area type"),
    ],
)
def test_bad_rows_are_named_with_their_line(seeded, tmp_path, row, message):
    path = write_csv(tmp_path / "x.csv", [oews_row("California", WAGES_CA), row])
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)

    assert f"x.csv, line 3: {message}" in err.getvalue()
    assert not bands("California")  # all or nothing


def test_a_repeated_area_is_a_bad_row(seeded, tmp_path):
    path = write_csv(
        tmp_path / "x.csv", [oews_row("California", WAGES_CA), oews_row("California", WAGES_CA)]
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)
    assert "x.csv, line 3: repeats line 2" in err.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "No such file"),
        ("pay.xls", "x", "expected a .csv, .csv.gz or .xlsx file"),
        ("pay.csv", "AREA_TITLE,OCC_CODE\nU.S.,29-2072\n", "missing column(s) A_PCT10"),
        ("pay.csv", "", "missing column(s) AREA_TITLE"),
        ("pay.xlsx", "not a zip", "not a readable Excel workbook"),
    ],
)
def test_unreadable_files_get_a_clear_error(seeded, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(path, "--period", "May 2024")


def test_period_is_read_from_bls_file_names_or_must_be_given(seeded, tmp_path):
    assert period_from_file_name("state_M2024_dl.xlsx") == "May 2024"
    assert period_from_file_name("all_data_M_2023.xlsx") == "May 2023"
    assert period_from_file_name("oesm22nat.csv") == "May 2022"
    path = write_csv(tmp_path / "pay.csv", [oews_row("California", WAGES_CA)])
    with pytest.raises(CommandError, match="--period"):
        import_file(path)
    with pytest.raises(CommandError, match="not a period like"):
        import_file(path, "--period", "last year")


# The pay section ---------------------------------------------------------------------------


def test_all_imported_percentiles_show_in_chart_and_table(client, seeded, sample):
    import_file(sample)

    pay = soup(client.get(GUIDE_URL)).find(id="pay")

    assert len(pay.find("svg").find_all("rect")) == 5
    rows = pay.find("table", class_="pay-table").select("tbody tr")
    assert [row.find_all("td")[1].text for row in rows] == [
        "$35,780",
        "$41,680",
        "$50,250",
        "$63,640",
        "$80,950",
    ]


def test_state_picker_only_when_state_figures_exist(client, seeded, sample):
    assert soup(client.get(GUIDE_URL)).find(id="pay").find("select") is None

    import_file(sample)
    select = soup(client.get(GUIDE_URL)).find(id="pay").find("select", attrs={"name": "state"})

    options = [option["value"] for option in select.find_all("option")]
    assert options == ["", "Alaska", "California", "Texas"]
    assert select.find_parent("form")["method"] == "get"
    label = soup(client.get(GUIDE_URL)).find("label", attrs={"for": select["id"]})
    assert label.text == "Compare with a state"


def test_choosing_a_state_shows_it_beside_the_national_figures(client, seeded, sample):
    import_file(sample)

    page = soup(client.get(GUIDE_URL, {"state": "California"}))

    pay = page.find(id="pay")
    assert [h3.text for h3 in pay.find_all("h3")] == [
        "Annual pay, United States, May 2024",
        "Annual pay, California, May 2024",
    ]
    table = pay.find("table", class_="pay-table")
    assert [th.text for th in table.select("thead th")] == [
        "Percentile",
        "United States",
        "California",
    ]
    median = table.select("tbody tr")[2]
    assert [cell.text for cell in median.find_all(["th", "td"])] == [
        "Median",
        "$50,250",
        "$62,400",
    ]
    assert pay.find("option", selected=True)["value"] == "California"


def test_missing_percentiles_say_so_in_the_comparison(client, seeded, sample):
    import_file(sample)
    table = soup(client.get(GUIDE_URL, {"state": "Texas"})).find("table", class_="pay-table")
    tenth = table.select("tbody tr")[0]
    assert tenth.find_all("td")[1].text == "not published"


@pytest.mark.parametrize("state", ["Atlantis", "<script>alert(1)</script>", "x" * 5000, "\x00"])
def test_an_unknown_state_gets_a_clear_message_without_echoing_it(client, seeded, sample, state):
    import_file(sample)

    response = client.get(GUIDE_URL, {"state": state})

    assert response.status_code == 200
    pay = soup(response).find(id="pay")
    assert "We have no pay figures for that state" in pay.text
    assert len(pay.find_all("h3")) == 1  # national figures only
    assert "<script>alert(1)" not in response.content.decode()


def test_each_state_is_cached_separately_and_anonymous_visitors_share_them(seeded, sample):
    import_file(sample)
    first, second = Client(), Client()

    def pay_section(client, **query):
        return str(soup(client.get(GUIDE_URL, query)).find(id="pay"))

    california = pay_section(first, state="California")
    texas = pay_section(second, state="Texas")
    national = pay_section(second)

    assert "$62,400" in california
    assert "$62,400" not in texas
    assert "$46,700" in texas
    assert "$46,700" not in california
    assert "$62,400" not in national
    assert "$46,700" not in national
    assert "$62,400" in pay_section(Client(), state="California")


def test_importing_new_figures_updates_the_cached_page(client, seeded, sample):
    assert "$41,680" not in client.get(GUIDE_URL).content.decode()
    import_file(sample)
    assert "$41,680" in client.get(GUIDE_URL).content.decode()


def test_how_pay_changed_compares_the_two_latest_national_medians(client, seeded):
    pay = soup(client.get(GUIDE_URL)).find(id="pay")

    change = pay.find(class_="pay-change").text
    assert "rose 3.0%" in change  # 48,780 → 50,250
    assert "$48,780 in May 2023" in change
    assert "$50,250 in May 2024" in change
    history = pay.find("table", class_="pay-history")
    assert [th.text for th in history.select("thead th")] == ["Percentile", "May 2023", "May 2024"]
    median = history.select("tbody tr")[1]
    assert [cell.text for cell in median.find_all(["th", "td"])] == ["Median", "$48,780", "$50,250"]


def test_pay_that_fell_is_described_as_falling(client):
    guide = CareerGuideFactory()
    SalaryBandFactory(guide=guide, annual_amount=Decimal("40000"), reference_period="May 2023")
    SalaryBandFactory(guide=guide, annual_amount=Decimal("38000"), reference_period="May 2024")

    change = soup(client.get(guide.get_absolute_url())).find(class_="pay-change").text

    assert "fell 5.0%, from $40,000 in May 2023 to $38,000 in May 2024" in change


def test_a_guide_with_one_period_has_no_change_line(client):
    guide = CareerGuideFactory()
    SalaryBandFactory(guide=guide)
    pay = soup(client.get(guide.get_absolute_url())).find(id="pay")
    assert pay.find(class_="pay-change") is None
    assert pay.find(class_="pay-history") is None


def test_periods_sort_by_time_not_alphabetically():
    periods = ["May 2024", "November 2023", "May 2023", "2022"]
    assert sorted(periods, key=period_order) == ["2022", "May 2023", "November 2023", "May 2024"]


# Hourly pay ---------------------------------------------------------------------------------

HOURLY_HEADER = [*HEADER, "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"]
HOURLY_US = ["17.20", "20.04", "24.50", "30.60", "38.92"]


def test_import_keeps_the_hourly_wages_a_file_gives(seeded, tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        [
            [
                *oews_row("U.S.", WAGES_US, area_type="1"),
                "17.20",
                "20.04",
                "24.50",
                "30.60",
                "38.92",
            ],
            [*oews_row("California", WAGES_CA), "*", "*", "30.00", "#", ""],
        ],
        header=HOURLY_HEADER,
    )
    out, _ = import_file(path, "--period", "May 2024")

    median = SalaryBand.objects.get(
        guide__slug=FLAGSHIP, region="United States", percentile=50, reference_period="May 2024"
    )
    assert median.hourly_amount == Decimal("24.50")  # the seed's 24.16, updated from the file
    assert "Updated: 3" in out  # the seeded 10th, median and 90th gain or change hourly pay
    california = SalaryBand.objects.filter(guide__slug=FLAGSHIP, region="California").order_by(
        "percentile"
    )
    assert [band.hourly_amount for band in california] == [None, None, Decimal("30.00"), None, None]


def test_import_without_hourly_columns_leaves_hourly_pay_as_it_was(seeded, sample):
    import_file(sample)
    median = SalaryBand.objects.get(
        guide__slug=FLAGSHIP, region="United States", percentile=50, reference_period="May 2024"
    )
    assert median.hourly_amount == Decimal("24.16")


@pytest.mark.parametrize(
    ("median", "message"),
    [
        ("abc", "H_MEDIAN “abc” is not a number"),
        ("5000000", "H_MEDIAN 5000000 is not a plausible hourly wage"),
        ("-1", "H_MEDIAN -1 is not a plausible hourly wage"),
    ],
)
def test_a_bad_hourly_wage_makes_its_row_bad(seeded, tmp_path, median, message):
    path = write_csv(
        tmp_path / "x.csv",
        [[*oews_row("California", WAGES_CA), "20", "24", median, "38", "47"]],
        header=HOURLY_HEADER,
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)
    assert f"x.csv, line 2: {message}" in err.getvalue()
    assert not SalaryBand.objects.filter(region="California").exists()


def test_quick_facts_and_pay_table_give_the_hourly_median(client, seeded):
    page = soup(client.get(GUIDE_URL))
    assert "$50,250 a year (about $24.16 an hour)" in page.find("aside", class_="quick-facts").text
    table = page.find(id="pay").find("table", class_="pay-table")
    assert [th.text for th in table.select("thead th")][-2:] == ["Annual", "Hourly"]
    hourly = [row.find_all("td")[-1] for row in table.select("tbody tr")]
    assert [cell.find(class_="visually-hidden") for cell in hourly][1] is None
    assert [cell.text for cell in hourly] == ["–not given", "$24.16", "–not given"]
    assert table.caption.text.startswith("Annual and hourly pay")


def test_a_pay_table_without_hourly_figures_has_no_hourly_column(client, seeded):
    SalaryBand.objects.update(hourly_amount=None)
    page = soup(client.get(GUIDE_URL))
    assert "an hour" not in page.find("aside", class_="quick-facts").text
    table = page.find(id="pay").find("table", class_="pay-table")
    assert "Hourly" not in table.text
