"""scripts/extract_onet.py: the O*NET facts it keeps for the site's careers, and the bytes it
writes. Run on the trimmed sample in tests/fixtures/onet (tests/fixtures/onet/make_sample.py)."""

import hashlib
import json
import shutil

import pytest

from tests.site.test_extract_scripts import ROOT, load_script

extract_onet = load_script("extract_onet")
SAMPLE = ROOT / "tests" / "fixtures" / "onet"
HANDBOOK = SAMPLE / "handbook.json"
SHARED = ROOT.parent / "shared" / "data" / "onet"


@pytest.fixture(scope="module")
def extracted():
    return extract_onet.extract(SAMPLE, HANDBOOK)


def test_the_flagship_as_the_data_readme_checked_it(extracted):
    records = extracted["occupations"]["29-2072.00"]
    assert records["title"] == "Medical Records Specialists"
    assert records["careers"] == ["29-2072"]
    assert records["interests"] == {
        "R": "2.86", "I": "4.33", "A": "1", "S": "3.38", "E": "1.88", "C": "6.97",
    }  # fmt: skip
    assert records["high_points"] == ["C", "I"]
    assert records["job_zone"] == 3
    assert len(records["alternate_titles"]) == 53
    assert ["Certified Professional Coder (CPC)", "CPC"] in records["alternate_titles"]
    assert len(records["technology"]) == 111
    epic = next(item for item in records["technology"] if item[0] == "Epic Systems")
    assert epic[2:] == [True, True]  # hot technology, in demand
    assert extracted["commodities"][epic[1]]
    assert "skills" not in records
    assert "knowledge" not in records


def test_only_the_occupations_of_the_sites_careers_are_kept(extracted):
    codes = set(extracted["occupations"])
    assert "13-2011.00" not in codes  # accountants: no profile of the sample
    assert {"29-2072.00", "43-6013.00", "29-1021.00", "15-2011.00"} <= codes
    # A projection aggregate: both of O*NET's occupations inside it describe the one career.
    assert extracted["occupations"]["21-1011.00"]["careers"] == ["21-1018"]
    assert extracted["occupations"]["21-1014.00"]["careers"] == ["21-1018"]


def test_a_career_split_finer_by_onet_takes_every_part():
    careers = extract_onet.careers_of(
        ["13-1021.00", "13-1022.00", "29-2011.00", "29-2011.01", "99-9999.00"],
        {"13-1020", "29-2011"},
    )
    assert careers == {
        "13-1021.00": ["13-1020"],
        "13-1022.00": ["13-1020"],
        "29-2011.00": ["29-2011"],
        "29-2011.01": ["29-2011"],
    }


def test_skills_and_knowledge_with_importance_and_level(extracted):
    dentists = extracted["occupations"]["29-1021.00"]
    reading = dentists["skills"]["2.A.1.a"]
    assert set(reading) == {"IM", "LV"}
    assert 1 <= float(reading["IM"]) <= 5
    assert 0 <= float(reading["LV"]) <= 7
    assert extracted["elements"]["2.A.1.a"] == "Reading Comprehension"
    assert dentists["knowledge"]
    assert extracted["release"]["skills_and_knowledge"]["version"] == "29.3"


def test_education_work_styles_values_titles_and_related(extracted):
    occupations = extracted["occupations"]
    with_education = [o for o in occupations.values() if "education" in o]
    assert with_education
    for occupation in with_education:
        assert set(occupation["education"]) <= set(extracted["education_levels"])
        # Shares O*NET recommends suppressing are left out, so the rest may add up to less.
        assert all(0 <= float(share) <= 100 for share in occupation["education"].values())
        assert sum(float(share) for share in occupation["education"].values()) <= 100.5
    dentists = occupations["29-1021.00"]
    assert all(set(v) == {"WI", "DR"} for v in dentists["work_styles"].values())
    assert all(element.startswith("1.B.2.") for element in dentists["value_high_points"])
    assert dentists["reported_titles"]
    for occupation in occupations.values():
        related = occupation.get("related", [])
        assert all(code in occupations for code, _tier, _index in related)
        assert [index for *_, index in related] == sorted(index for *_, index in related)


def test_the_output_is_the_same_bytes_every_run(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        assert (
            extract_onet.main(["--source", str(SAMPLE), "--ooh", str(HANDBOOK), "--out", str(out)])
            == 0
        )
    written = (first / extract_onet.OUTPUT_NAME).read_bytes()
    assert written == (second / extract_onet.OUTPUT_NAME).read_bytes()
    data = json.loads(written)
    assert data["release"]["version"] == "30.1"
    # One line a top-level key and one an occupation, between the braces.
    assert written.decode().count("\n") == len(data["occupations"]) + len(data) + 2


def test_a_file_unlike_its_checksum_is_refused_and_nothing_written(tmp_path, capsys):
    source = tmp_path / "onet"
    shutil.copytree(SAMPLE, source)
    jobs = source / "30.1" / "Job Zones.txt"
    jobs.write_bytes(jobs.read_bytes().replace(b"\t3\t", b"\t4\t", 1))
    out = tmp_path / "out"
    assert (
        extract_onet.main(["--source", str(source), "--ooh", str(HANDBOOK), "--out", str(out)]) == 1
    )
    assert "30.1/Job Zones.txt: sha256" in capsys.readouterr().err
    assert not out.exists()


def test_the_committed_data_came_from_the_release_files():
    committed = json.loads((ROOT / "data" / "onet" / extract_onet.OUTPUT_NAME).read_text())
    assert len(committed["occupations"]) > 600
    if not SHARED.exists():
        pytest.skip("the O*NET release files are not beside the project")
    for name, digest in committed["sources"].items():
        assert hashlib.sha256((SHARED / name).read_bytes()).hexdigest() == digest, name
