"""A guide's pay: `import_oews` with real OEWS columns stores it as pay by area (`AreaPay`),
and the one pay section a guide shares with a handbook profile shows it: the state picker, the
chart, the table, how pay changed and its history (`occupations.pay.career_pay`).

Every figure here is built in the test (factories, or a small OEWS file written here), so the
tests control everything the pay section shows; the flagship as `make run` loads it is tested
in tests/guides/test_family_guides.py and tests/occupations.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from reversion.models import Version

from core.freshness import period_order
from occupations.models import AreaPay, AreaType, CodeLevel, ImportRun
from occupations.oews_files import OEWS_TABLES_URL, period_from_file_name
from occupations.oews_import import KNOWN_RELEASES, WAGE_COLUMNS
from occupations.pay import career_pay
from tests.conftest import soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
)

pytestmark = pytest.mark.django_db

CODE = "29-2072"
TITLE = "Medical Records Specialists"
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
ANNUAL_FIELDS = ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
HOURLY_FIELDS = ("hourly_p10", "hourly_p25", "hourly_median", "hourly_p75", "hourly_p90")
ROW_HEADERS = [
    "10th percentile (entry level)",
    "25th percentile",
    "Median",
    "75th percentile",
    "90th percentile (experienced)",
]
OEWS_NAME = "BLS Occupational Employment and Wage Statistics (OEWS)"


# Building the data --------------------------------------------------------------------------


def release(period):
    """The release as import_oews makes it (same code and publication day)."""
    code, published = KNOWN_RELEASES[period]
    return PayReleaseFactory(code=code, name=period, published=published)


def national(period, soc_code=CODE, **figures):
    """A code's national row for a release: only the figures given (BLS published no other)."""
    values = dict.fromkeys(WAGE_COLUMNS)
    values.update(figures)
    return AreaPayFactory(release=release(period), soc_code=soc_code, soc_title=TITLE, **values)


def state(period, name, postal, soc_code=CODE, **figures):
    values = dict.fromkeys(WAGE_COLUMNS)
    values.update(figures)
    return AreaPayFactory(
        release=release(period),
        soc_code=soc_code,
        soc_title=TITLE,
        area_type=AreaType.STATE,
        area_code=postal,
        area_name=name,
        postal=postal,
        **values,
    )


def profile_with_code(soc_code=CODE, **fields):
    occupation = OccupationFactory(**fields)
    OccupationCodeFactory(occupation=occupation, soc_code=soc_code, level=CodeLevel.SINGLE)
    return occupation


@pytest.fixture
def guide():
    """A guide on the medical records specialists' profile (code 29-2072), without any pay."""
    occupation = profile_with_code(title="Medical records specialists")
    return CareerGuideFactory(title="Medical Records Specialist", occupation=occupation)


@pytest.fixture
def guide_url(guide):
    return guide.get_absolute_url()


@pytest.fixture(params=["guide", "profile"])
def page_url(request, guide):
    """The guide's page, or a handbook profile's with the same code: one pay section."""
    if request.param == "guide":
        return guide.get_absolute_url()
    return profile_with_code(title="Medical records specialists elsewhere").get_absolute_url()


@pytest.fixture
def earlier_pay():
    """What the flagship's pack used to carry (its salary bands, now pay by area): national
    figures for May 2023 and May 2024, 10th, median and 90th only, no state figures."""
    national(
        "May 2023",
        annual_p10=Decimal("35080"),
        annual_median=Decimal("48780"),
        annual_p90=Decimal("77810"),
    )
    national(
        "May 2024",
        annual_p10=Decimal("35780"),
        annual_median=Decimal("50250"),
        annual_p90=Decimal("80950"),
        hourly_median=Decimal("24.16"),
    )


def oews_row(area_title, wages, *, area_type="2", occ=CODE, naics="000000", group=None):
    state_code = "US" if area_type == "1" else area_title[:2].upper()
    return [
        "99" if area_type == "1" else str(sum(map(ord, area_title))),
        area_title,
        area_type,
        state_code,
        naics,
        group or ("cross-industry" if naics == "000000" else "sector"),
        occ,
        TITLE,
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


def pay_in(area_name, period="May 2024", soc_code=CODE) -> AreaPay | None:
    return (
        AreaPay.objects.filter(soc_code=soc_code, area_name=area_name, release__name=period)
        .exclude(area_type=AreaType.INDUSTRY)
        .first()
    )


def annual(area_name, period="May 2024") -> dict:
    """{percentile: annual amount} of what the area's row gives (figures BLS published)."""
    pay = pay_in(area_name, period)
    if pay is None:
        return {}
    amounts = zip((10, 25, 50, 75, 90), (getattr(pay, name) for name in ANNUAL_FIELDS), strict=True)
    return {percentile: amount for percentile, amount in amounts if amount is not None}


def counts(created, updated, unchanged, skipped, period="May 2024") -> str:
    return (
        f"Pay by area ({period}): {created} created, {updated} updated, "
        f"{unchanged} unchanged, {skipped} skipped."
    )


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


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def pay_section(client, url, **query):
    return soup(client.get(url, query)).find(id="pay")


def table_rows(pay, class_="pay-table") -> list[list[str]]:
    table = pay.find("table", class_=class_)
    return [
        [text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")
    ]


def table_headers(pay, class_="pay-table") -> list[str]:
    return [text_of(th) for th in pay.find("table", class_=class_).select("thead th")]


def quick_facts(page) -> str:
    return text_of(page.find("aside", class_="quick-facts"))


# The import command -----------------------------------------------------------------------


def test_import_stores_national_and_state_percentiles(guide, earlier_pay, sample):
    out, err = import_file(sample)

    assert annual("United States") == {
        10: Decimal("35780"),
        25: Decimal("41680"),
        50: Decimal("50250"),
        75: Decimal("63640"),
        90: Decimal("80950"),
    }
    assert annual("California")[50] == Decimal("62400")
    # California, Alaska, Texas, Los Angeles and another code's row are new; the nation's row
    # (May 2024, 10th, median and 90th) gains its 25th and 75th percentiles.
    assert counts(5, 1, 0, 0) in out
    assert not err
    california = pay_in("California")
    assert (california.area_type, california.postal) == (AreaType.STATE, "CA")
    run = ImportRun.objects.get()
    assert run.report.startswith("OEWS import of state_M2024_dl.csv for May 2024")
    assert (run.created, run.updated, run.skipped) == (5, 1, 0)


def test_import_keeps_special_values_out_of_the_figures_and_stores_local_areas(guide, sample):
    import_file(sample)

    los_angeles = pay_in("Los Angeles-Long Beach-Anaheim, CA")
    assert los_angeles.area_type == AreaType.METRO
    alaska = pay_in("Alaska")  # "#": at or above the top published wage
    assert alaska.annual_p90 is None
    assert alaska.top_coded == "annual_p90"
    texas = pay_in("Texas")  # "*": not available
    assert texas.annual_p10 is None
    assert texas.top_coded == ""
    # A code no guide is about is pay by area like any other (a profile may show it).
    assert pay_in("California", soc_code="29-2071").annual_median == Decimal("3")


def test_a_bad_row_stops_the_whole_import_and_names_its_line(guide, sample):
    rows = sample.read_text().splitlines()
    bad = ",".join(oews_row("New York", ["39,000", "45,000", "abc", "66,000", "81,000"]))
    sample.write_text("\n".join([*rows[:3], bad, *rows[3:]]) + "\n")

    with pytest.raises(CommandError, match="1 bad row") as raised:
        import_file(sample)

    assert "nothing was imported" in str(raised.value)
    assert not AreaPay.objects.exists()  # California, before and after it, too
    assert not ImportRun.objects.exists()


def test_import_is_idempotent(guide, sample):
    import_file(sample)
    count = AreaPay.objects.count()

    out, _ = import_file(sample)

    assert AreaPay.objects.count() == count
    assert counts(0, 0, 6, 0) in out


def test_import_updates_figures_that_changed(client, guide, guide_url, earlier_pay, tmp_path):
    wages = ["35,780", "41,680", "51,000", "63,640", "80,950"]
    path = write_csv(tmp_path / "nat.csv", [oews_row("U.S.", wages, area_type="1")])

    out, _ = import_file(path, "--period", "May 2024")

    assert counts(0, 1, 0, 0) in out
    assert pay_in("United States").annual_median == Decimal("51000")
    assert pay_in("United States", "May 2023").annual_median == Decimal("48780")  # as it was
    assert "$51,000 a year" in quick_facts(soup(client.get(guide_url)))


def test_dry_run_reports_but_saves_nothing(guide, earlier_pay, sample):
    count = AreaPay.objects.count()
    versions = Version.objects.count()

    out, _ = import_file(sample, "--dry-run")

    assert "dry run: nothing was saved" in out
    assert counts(5, 1, 0, 0) in out
    assert AreaPay.objects.count() == count
    assert pay_in("United States").annual_p25 is None
    assert not ImportRun.objects.exists()  # no record of what was not saved
    assert Version.objects.count() == versions


def test_import_reads_excel_workbooks(guide, tmp_path):
    path = write_xlsx(
        tmp_path / "state_M2024_dl.xlsx",
        [oews_row("U.S.", WAGES_US, area_type="1"), oews_row("California", WAGES_CA)],
    )

    out, _ = import_file(path)

    assert annual("California")[90] == Decimal("98120")
    assert annual("United States")[50] == Decimal("50250")
    assert counts(2, 0, 0, 0) in out
    made = pay_in("California").release  # the release, as the import names its source
    assert (made.name, made.code) == ("May 2024", "2024A01")
    assert (made.source_name, made.source_url) == (OEWS_NAME, OEWS_TABLES_URL)


def test_an_industry_row_of_a_national_file_is_stored_apart_from_all_industries(guide, tmp_path):
    path = write_csv(
        tmp_path / "national_M2024_dl.csv",
        [
            oews_row("U.S.", ["1", "2", "3", "4", "5"], area_type="1", naics="622000"),
            oews_row("U.S.", WAGES_US, area_type="1"),
        ],
    )

    out, _ = import_file(path)

    assert annual("United States")[25] == Decimal("41680")
    assert counts(2, 0, 0, 0) in out
    hospitals = AreaPay.objects.get(area_type=AreaType.INDUSTRY)
    assert (hospitals.industry_code, hospitals.annual_median) == ("622000", Decimal("3"))


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
def test_bad_rows_are_named_with_their_line(guide, tmp_path, row, message):
    path = write_csv(tmp_path / "x.csv", [oews_row("California", WAGES_CA), row])
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)

    assert f"x.csv, line 3: {message}" in err.getvalue()
    assert not annual("California")  # all or nothing


def test_a_repeated_area_is_a_bad_row(guide, tmp_path):
    path = write_csv(
        tmp_path / "x.csv", [oews_row("California", WAGES_CA), oews_row("California", WAGES_CA)]
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)
    assert "x.csv, line 3: repeats line 2" in err.getvalue()
    assert not annual("California")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "No such file"),
        ("pay.xls", "x", "expected a .csv, .csv.gz or .xlsx file"),
        ("pay.csv", "AREA_TITLE,OCC_CODE\nU.S.,29-2072\n", "missing column(s) A_MEDIAN"),
        ("pay.csv", "", "missing column(s) AREA_TITLE"),
        ("pay.xlsx", "not a zip", "not a readable Excel workbook"),
    ],
)
def test_unreadable_files_get_a_clear_error(guide, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(path, "--period", "May 2024")
    assert not AreaPay.objects.exists()


def test_period_is_read_from_bls_file_names_or_must_be_given(guide, tmp_path):
    assert period_from_file_name("state_M2024_dl.xlsx") == "May 2024"
    assert period_from_file_name("all_data_M_2023.xlsx") == "May 2023"
    assert period_from_file_name("oesm22nat.csv") == "May 2022"
    path = write_csv(tmp_path / "pay.csv", [oews_row("California", WAGES_CA)])
    with pytest.raises(CommandError, match="--period"):
        import_file(path)
    with pytest.raises(CommandError, match="not a period like"):
        import_file(path, "--period", "last year")


# The pay section, on a guide and on a profile alike ----------------------------------------


def test_all_imported_percentiles_show_in_chart_and_table(client, page_url, earlier_pay, sample):
    import_file(sample)

    pay = pay_section(client, page_url)

    assert len(pay.find("svg").find_all("rect")) == 5
    rows = table_rows(pay)
    assert [row[0] for row in rows] == ROW_HEADERS
    assert [row[1] for row in rows] == ["$35,780", "$41,680", "$50,250", "$63,640", "$80,950"]


def test_the_chart_has_an_accessible_title_naming_every_figure(client, page_url, sample):
    import_file(sample)

    svg = pay_section(client, page_url).select_one("figure.pay-chart svg")

    assert svg["role"] == "img"
    title = svg.find("title")
    assert svg["aria-labelledby"] == title["id"]
    assert title.string == (
        "Bar chart of annual pay, United States, May 2024: 10th percentile $35,780; "
        "25th percentile $41,680; median $50,250; 75th percentile $63,640; "
        "90th percentile $80,950"
    )


def test_state_picker_only_when_state_figures_exist(client, page_url, earlier_pay, sample):
    pay = pay_section(client, page_url)
    assert pay.find("table", class_="pay-table") is not None  # national figures, no states
    assert pay.find("select") is None

    import_file(sample)
    page = soup(client.get(page_url))
    select = page.find(id="pay").find("select", attrs={"name": "state"})

    assert select["id"] == "pay-state"
    options = [(option.get("value"), text_of(option)) for option in select.find_all("option")]
    assert options == [
        ("", "National figures only"),
        (None, "Alaska"),  # an option without a value sends its text
        (None, "California"),
        (None, "Texas"),
    ]
    assert select.find_parent("form")["method"] == "get"
    label = page.find("label", attrs={"for": select["id"]})
    assert label.text == "Compare with a state"


def test_choosing_a_state_shows_it_beside_the_national_figures(client, page_url, sample):
    import_file(sample)

    response = client.get(page_url, {"state": "California"})

    assert response["Cache-Control"].startswith("public")  # a state the page offers
    pay = soup(response).find(id="pay")
    assert table_headers(pay) == [
        "Percentile",
        "United States, a year",
        "An hour",
        "California, a year",
        "An hour",
    ]
    assert "United States and California" in text_of(pay.find("table").caption)
    median = table_rows(pay)[2]
    assert [median[0], median[1], median[3]] == ["Median", "$50,250", "$62,400"]
    assert text_of(pay.find("option", selected=True)) == "California"
    assert pay.find(id="pay-state-error") is None


def test_missing_percentiles_say_so_in_the_comparison(client, page_url, sample):
    import_file(sample)
    tenth = table_rows(pay_section(client, page_url, state="Texas"))[0]
    assert tenth[1] == "$35,780"  # the nation's
    assert tenth[3] == "not published"  # Texas's: "*" in the file


@pytest.mark.parametrize("chosen", ["Atlantis", "<script>alert(1)</script>", "x" * 5000, "\x00"])
def test_an_unknown_state_gets_a_clear_message_without_echoing_it(client, page_url, sample, chosen):
    import_file(sample)

    response = client.get(page_url, {"state": chosen})

    assert response.status_code == 200
    # The message answers what this visitor typed: the page is neither shared nor kept.
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    pay = soup(response).find(id="pay")
    error = pay.find(id="pay-state-error")
    assert text_of(error) == "We have no pay figures for that state. Choose one from the list."
    select = pay.find(id="pay-state")
    assert (select["aria-describedby"], select["aria-invalid"]) == ("pay-state-error", "true")
    assert table_headers(pay) == ["Percentile", "United States, a year", "An hour"]
    assert pay.find("option", selected=True) is None
    assert "<script>alert(1)" not in response.content.decode()


def test_each_state_is_cached_separately_and_anonymous_visitors_share_them(guide_url, sample):
    import_file(sample)
    first, second = Client(), Client()

    def section(client, **query):
        return str(pay_section(client, guide_url, **query))

    california = section(first, state="California")
    texas = section(second, state="Texas")
    nation = section(second)

    assert "$62,400" in california
    assert "$62,400" not in texas
    assert "$46,700" in texas
    assert "$46,700" not in california
    assert "$62,400" not in nation
    assert "$46,700" not in nation
    assert "$62,400" in section(Client(), state="California")


def test_importing_new_figures_updates_the_cached_page(client, guide_url, earlier_pay, sample):
    assert "$41,680" not in client.get(guide_url).content.decode()
    import_file(sample)
    assert "$41,680" in client.get(guide_url).content.decode()


# How pay changed, and its history ----------------------------------------------------------


@pytest.fixture
def two_releases():
    """The nation's figures for May 2024 (10th, median and 90th) and May 2025 (all five)."""
    national(
        "May 2024",
        annual_p10=Decimal("35780"),
        annual_median=Decimal("50250"),
        annual_p90=Decimal("80950"),
    )
    national(
        "May 2025",
        annual_p10=Decimal("37000"),
        annual_p25=Decimal("43490"),
        annual_median=Decimal("51140"),
        annual_p75=Decimal("64820"),
        annual_p90=Decimal("81150"),
        hourly_median=Decimal("24.59"),
    )


def test_how_pay_changed_compares_the_two_latest_national_medians(client, page_url, two_releases):
    pay = pay_section(client, page_url)

    assert text_of(pay.find(class_="pay-change")) == (
        "How pay changed: the national median rose 1.8%, from $50,250 in May 2024 to $51,140 "
        "in May 2025 (before inflation)."
    )
    assert table_headers(pay, "pay-history") == ["Percentile", "May 2024", "May 2025"]
    assert table_rows(pay, "pay-history") == [
        ["10th percentile", "$35,780", "$37,000"],
        ["25th percentile", "not published", "$43,490"],
        ["Median", "$50,250", "$51,140"],
        ["75th percentile", "not published", "$64,820"],
        ["90th percentile", "$80,950", "$81,150"],
    ]
    caption = pay.find("table", class_="pay-history").caption
    assert "May 2024 from" in text_of(caption)
    assert len(caption.find_all("a")) == 2  # each release's source


def test_the_history_leaves_out_percentiles_no_release_gives(client, page_url, earlier_pay):
    pay = pay_section(client, page_url)
    assert table_headers(pay, "pay-history") == ["Percentile", "May 2023", "May 2024"]
    assert table_rows(pay, "pay-history") == [
        ["10th percentile", "$35,080", "$35,780"],
        ["Median", "$48,780", "$50,250"],
        ["90th percentile", "$77,810", "$80,950"],
    ]
    assert "rose 3.0%" in text_of(pay.find(class_="pay-change"))


def test_pay_that_fell_is_described_as_falling(client, page_url):
    national("May 2024", annual_median=Decimal("40000"))
    national("May 2025", annual_median=Decimal("38000"))

    change = text_of(pay_section(client, page_url).find(class_="pay-change"))

    assert "fell 5.0%, from $40,000 in May 2024 to $38,000 in May 2025" in change


def test_pay_that_stayed_the_same_says_so(client, page_url):
    national("May 2024", annual_median=Decimal("40000"))
    national("May 2025", annual_median=Decimal("40000"))

    change = text_of(pay_section(client, page_url).find(class_="pay-change"))

    assert change == (
        "How pay changed: the national median stayed at $40,000 from May 2024 to May 2025 "
        "(before inflation)."
    )


def test_a_career_with_one_release_has_no_change_line(client, page_url):
    national("May 2025", annual_median=Decimal("40000"))
    pay = pay_section(client, page_url)
    assert pay.find("table", class_="pay-table") is not None
    assert pay.find(class_="pay-change") is None
    assert pay.find(class_="pay-history") is None


def test_periods_sort_by_time_not_alphabetically():
    periods = ["May 2024", "November 2023", "May 2023", "2022"]
    assert sorted(periods, key=period_order) == ["2022", "May 2023", "November 2023", "May 2024"]


# CareerPay: change and history --------------------------------------------------------------


def code_of(occupation):
    return list(occupation.codes.all())


@pytest.mark.parametrize(
    ("earlier", "later", "direction", "percent"),
    [
        ("50250", "51140", "rose", "1.8"),
        ("40000", "38000", "fell", "5.0"),
        ("40000", "40000", "unchanged", "0.0"),
    ],
)
def test_change_compares_the_two_latest_medians(earlier, later, direction, percent):
    profile = profile_with_code()
    national("May 2024", annual_median=Decimal(earlier))
    national("May 2025", annual_median=Decimal(later))

    change = career_pay(code_of(profile)).change

    assert change.direction == direction
    assert change.percent == Decimal(percent)
    assert (change.earlier.release.name, change.later.release.name) == ("May 2024", "May 2025")
    assert (change.earlier.annual_median, change.later.annual_median) == (
        Decimal(earlier),
        Decimal(later),
    )


def test_no_change_when_one_of_two_releases_has_no_median():
    profile = profile_with_code()
    national("May 2024", annual_p10=Decimal("30000"))  # no median published
    national("May 2025", annual_p10=Decimal("31000"), annual_median=Decimal("40000"))

    pay = career_pay(code_of(profile))

    assert [row.release.name for row in pay.history] == ["May 2024", "May 2025"]
    assert pay.change is None


def test_no_change_when_the_current_release_has_no_median():
    profile = profile_with_code()
    national("May 2023", annual_median=Decimal("39000"))
    national("May 2024", annual_median=Decimal("40000"))
    national("May 2025", annual_p10=Decimal("31000"))  # the current release: no median

    pay = career_pay(code_of(profile))

    assert pay.national.release.name == "May 2025"
    assert len(pay.history) == 3
    assert pay.change is None  # never an older change passed off as the latest


def test_change_skips_an_earlier_release_without_a_median():
    profile = profile_with_code()
    national("May 2023", annual_median=Decimal("39000"))
    national("May 2024", annual_p10=Decimal("30000"))
    national("May 2025", annual_median=Decimal("40000"))

    change = career_pay(code_of(profile)).change

    assert (change.earlier.release.name, change.later.release.name) == ("May 2023", "May 2025")
    assert (change.direction, change.percent) == ("rose", Decimal("2.6"))


def test_history_runs_oldest_first_up_to_the_release_shown():
    profile = profile_with_code()
    for period, median in (("May 2025", "41000"), ("May 2023", "39000"), ("May 2024", "40000")):
        national(period, annual_median=Decimal(median))
    state("May 2024", "Ohio", "OH", annual_median=Decimal("45000"))  # not the nation's
    national("May 2024", soc_code="29-2071", annual_median=Decimal("99000"))  # another code

    current = career_pay(code_of(profile))
    older = career_pay(code_of(profile), release=release("May 2024"))

    assert [row.release.name for row in current.history] == ["May 2023", "May 2024", "May 2025"]
    assert [row.annual_median for row in current.history] == [
        Decimal("39000"),
        Decimal("40000"),
        Decimal("41000"),
    ]
    assert older.national.release.name == "May 2024"
    assert [row.release.name for row in older.history] == ["May 2023", "May 2024"]
    assert older.change.later == older.national
    assert [percentile for percentile, _ in older.history_rows] == [50]


def test_a_single_release_has_no_history():
    profile = profile_with_code()
    national("May 2025", annual_median=Decimal("40000"))
    national("May 2024", soc_code="29-2071", annual_median=Decimal("39000"))  # another code

    pay = career_pay(code_of(profile))

    assert pay.national is not None
    assert pay.history == []
    assert pay.history_rows == []
    assert pay.change is None


def test_the_labels_a_job_seeker_knows_are_labels_of_percentiles():
    profile = profile_with_code()
    national("May 2025", annual_p10=Decimal("1"), annual_median=Decimal("2"))

    labels = {point.percentile: point.label for point, _ in career_pay(code_of(profile)).comparison}

    assert labels == {10: "Entry level", 25: "", 50: "Median", 75: "", 90: "Experienced"}


# A guide on one occupation inside a group's profile ----------------------------------------


@pytest.fixture
def group_profile():
    """Secretaries: a group code with figures of its own, and its detailed occupations."""
    profile = OccupationFactory(title="Secretaries and administrative assistants")
    for position, (code, level, title) in enumerate(
        [
            ("43-6000", CodeLevel.GROUP, "Secretaries and administrative assistants"),
            ("43-6011", CodeLevel.DETAILED, "Executive secretaries"),
            ("43-6013", CodeLevel.DETAILED, "Medical secretaries"),
        ]
    ):
        OccupationCodeFactory(
            occupation=profile, soc_code=code, level=level, title=title, position=position
        )
    for code, median in (("43-6000", "47460"), ("43-6011", "75000"), ("43-6013", "43380")):
        national("May 2025", soc_code=code, annual_median=Decimal(median))
        state("May 2025", "Ohio", "OH", soc_code=code, annual_median=Decimal(median) - 1000)
        state("May 2025", "Texas", "TX", soc_code=code, annual_median=Decimal(median) - 2000)
    return profile


def test_a_guide_inside_a_group_profile_has_its_own_codes_pay_not_the_groups(client, group_profile):
    guide = CareerGuideFactory(title="Medical Secretary", occupation=None, detailed_code="43-6013")

    response = client.get(guide.get_absolute_url())

    page = soup(response)
    assert "$43,380 a year" in quick_facts(page)
    assert "whole group" not in quick_facts(page)
    pay = page.find(id="pay")
    assert table_rows(pay)[2][:2] == ["Median", "$43,380"]
    assert "May 2025" in text_of(pay.find("table", class_="pay-table").caption)
    assert "for the whole group" not in text_of(pay)
    assert len(pay.find_all("table")) == 1  # no table of the group's occupations
    main = text_of(page.find("main"))
    assert "$47,460" not in main  # the group's median
    assert "$75,000" not in main  # another occupation in the group
    rows = {row[0]: row[2] for row in table_rows(page.find(id="pay-by-state"), "state-pay-table")}
    assert rows == {"Ohio": "$42,380", "Texas": "$41,380"}  # the code's states, not the group's


def test_career_pay_of_a_detailed_code_alone_is_that_codes_headline(group_profile):
    line = group_profile.codes.get(soc_code="43-6013")

    pay = career_pay([line])

    assert pay.headline_code == line
    assert pay.headline_is_group is False
    assert pay.national.soc_code == "43-6013"
    assert pay.map_code == line
    assert pay.by_code == []


# Hourly pay ---------------------------------------------------------------------------------

HOURLY_HEADER = [*HEADER, "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"]
HOURLY_US = ["17.20", "20.04", "24.50", "30.60", "38.92"]


def test_import_keeps_the_hourly_wages_a_file_gives(guide, earlier_pay, tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        [
            [*oews_row("U.S.", WAGES_US, area_type="1"), *HOURLY_US],
            [*oews_row("California", WAGES_CA), "*", "*", "30.00", "#", ""],
        ],
        header=HOURLY_HEADER,
    )
    out, _ = import_file(path, "--period", "May 2024")

    nation = pay_in("United States")
    assert nation.hourly_median == Decimal("24.50")  # the earlier 24.16, updated from the file
    assert [getattr(nation, name) for name in HOURLY_FIELDS] == [
        Decimal(wage) for wage in HOURLY_US
    ]
    assert counts(1, 1, 0, 0) in out
    california = pay_in("California")
    assert [getattr(california, name) for name in HOURLY_FIELDS] == [
        None,
        None,
        Decimal("30.00"),
        None,
        None,
    ]
    assert california.top_coded == "hourly_p75"


def test_import_without_hourly_columns_leaves_hourly_pay_as_it_was(
    client, guide_url, earlier_pay, sample
):
    import_file(sample)  # annual columns only: the file says nothing about hourly pay
    assert pay_in("United States").hourly_median == Decimal("24.16")
    assert "(about $24.16 an hour)" in quick_facts(soup(client.get(guide_url)))


@pytest.mark.parametrize(
    ("median", "message"),
    [
        ("abc", "H_MEDIAN “abc” is not a number"),
        ("5000000", "H_MEDIAN 5000000 is not a plausible hourly wage"),
        ("-1", "H_MEDIAN -1 is not a plausible hourly wage"),
    ],
)
def test_a_bad_hourly_wage_makes_its_row_bad(guide, tmp_path, median, message):
    path = write_csv(
        tmp_path / "x.csv",
        [[*oews_row("California", WAGES_CA), "20", "24", median, "38", "47"]],
        header=HOURLY_HEADER,
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_oews", str(path), "--period", "May 2024", stderr=err)
    assert f"x.csv, line 2: {message}" in err.getvalue()
    assert not AreaPay.objects.filter(area_name="California").exists()


def test_quick_facts_and_pay_table_give_the_hourly_median(client, guide_url, earlier_pay):
    page = soup(client.get(guide_url))
    assert (
        f"Median pay $50,250 a year (about $24.16 an hour) United States, May 2024 ({OEWS_NAME})"
    ) in quick_facts(page)
    pay = page.find(id="pay")
    assert table_headers(pay) == ["Percentile", "United States, a year", "An hour"]
    hourly = [row[2] for row in table_rows(pay)]
    assert hourly == ["not published", "not published", "$24.16", "not published", "not published"]
    caption = text_of(pay.find("table", class_="pay-table").caption)
    assert caption == f"Pay by percentile, May 2024: United States ({OEWS_NAME})"


def test_without_hourly_figures_the_quick_facts_give_annual_pay_only(client, guide_url):
    national("May 2024", annual_median=Decimal("50250"))
    page = soup(client.get(guide_url))
    facts = quick_facts(page)
    assert "$50,250 a year" in facts
    assert "an hour" not in facts
    hourly = [row[2] for row in table_rows(page.find(id="pay"))]
    assert hourly == ["not published"] * 5


def test_a_guide_without_pay_has_no_pay_section(client, guide_url):
    page = soup(client.get(guide_url))
    assert page.find(id="pay") is None
    assert "Median pay" not in quick_facts(page)
    assert page.select_one('nav.toc a[href="#pay"]') is None
    national("May 2024", annual_median=Decimal("50250"), soc_code="29-2071")  # another code
    assert soup(client.get(guide_url)).find(id="pay") is None


def test_quick_facts_give_the_newest_release(client, guide_url):
    national("May 2025", annual_median=Decimal("51140"))
    national("May 2024", annual_median=Decimal("50250"))
    facts = quick_facts(soup(client.get(guide_url)))
    assert "$51,140 a year" in facts
    assert "United States, May 2025" in facts
