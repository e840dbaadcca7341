"""make bench-scale's content (ops/scale_content.py): N× the site, and it imports."""

import csv
import gzip
import importlib
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from guides.models import CareerGuide
from occupations.models import AreaPay, Occupation, OccupationCode
from occupations.onet_models import OnetCareerCode, OnetOccupation, OnetRelated

OPS = Path(__file__).resolve().parents[2] / "ops"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ooh"
SAMPLE = {
    "ooh_file": FIXTURES / "sample.json",
    "oews_file": FIXTURES / "oews_M2025_sample.csv",
    "areas_file": FIXTURES / "oews_M2025_msa_sample.csv",
    "industries_file": FIXTURES / "oews_M2025_nat_ind_sample.csv",
}


@pytest.fixture
def scale_content(monkeypatch):
    monkeypatch.syspath_prepend(str(OPS))
    return importlib.import_module("scale_content")


def oews_rows(folder: Path, name="oews.csv.gz") -> list[dict]:
    with gzip.open(folder / name, "rt", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_three_times_the_profiles_each_with_its_own_slug_codes_and_similar(scale_content, tmp_path):
    real = json.loads(SAMPLE["ooh_file"].read_text())["occupations"]

    written = scale_content.write(3, tmp_path, **SAMPLE)

    profiles = json.loads((tmp_path / "occupations.json").read_text())["occupations"]
    assert written["profiles"] == len(profiles) == 3 * len(real)
    slugs = [p["slug"] for p in profiles]
    codes = [c["soc_code"] for p in profiles for c in p["soc_codes"]]
    assert len(set(slugs)) == len(slugs)
    assert len(set(codes)) == len(codes)
    assert len({p["url"] for p in profiles}) == len(profiles)
    for profile in profiles:
        if profile["slug"].endswith("-x3"):
            assert all(s["slug"].endswith("-x3") for s in profile["similar"])
            assert all(c["soc_code"][:2] >= "61" for c in profile["soc_codes"])


def test_every_copied_code_has_the_pay_rows_of_its_original(scale_content, tmp_path):
    scale_content.write(2, tmp_path, **SAMPLE)
    profiles = json.loads((tmp_path / "occupations.json").read_text())["occupations"]
    by_slug = {p["slug"]: p for p in profiles}
    areas: dict[str, list[str]] = {}
    for row in oews_rows(tmp_path):
        areas.setdefault(row["OCC_CODE"], []).append(row["AREA"])

    for slug, profile in by_slug.items():
        if slug.endswith("-x2"):
            original = by_slug[slug.removesuffix("-x2")]
            pairs = zip(original["soc_codes"], profile["soc_codes"], strict=True)
            for real, copied in pairs:
                assert areas.get(copied["soc_code"]) == areas.get(real["soc_code"])


def test_copied_guides_name_their_own_copys_guides_and_profiles(scale_content, tmp_path):
    scale_content.write(2, tmp_path, **SAMPLE)

    for pack in (tmp_path / "guides").glob("*.json"):
        for guide in json.loads(pack.read_text())["guides"]:
            assert guide["slug"].endswith("-x2")
            assert not guide["occupation"] or guide["occupation"].endswith("-x2")
            assert all(m["to_guide"].endswith("-x2") for m in guide["moves"])
            assert all(
                s["next_guide"].endswith("-x2") for s in guide["progression"] if s["next_guide"]
            )


@pytest.mark.parametrize("name", ["oews_msa.csv.gz", "oews_ind.csv.gz"])
def test_every_copied_code_has_its_originals_areas_and_industries(scale_content, tmp_path, name):
    scale_content.write(2, tmp_path, **SAMPLE)
    rows = oews_rows(tmp_path, name)
    by_code: dict[str, list[tuple]] = {}
    for row in rows:
        by_code.setdefault(row["OCC_CODE"], []).append((row["AREA"], row.get("NAICS")))

    copies = [code for code in by_code if code[:2] >= "61"]
    assert copies
    real = [code for code in by_code if code[:2] < "61"]
    assert sorted(map(sorted, (by_code[code] for code in copies))) == sorted(
        map(sorted, (by_code[code] for code in real))
    )


def test_the_same_factor_writes_the_same_bytes(scale_content, tmp_path):
    scale_content.write(2, tmp_path / "a", **SAMPLE)
    scale_content.write(2, tmp_path / "b", **SAMPLE)

    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.django_db
def test_the_doubled_site_imports_with_the_sites_own_importers(
    scale_content, tmp_path, onet_sample
):
    real = json.loads(SAMPLE["ooh_file"].read_text())["occupations"]
    scale_content.write(2, tmp_path, **SAMPLE, onet_file=onet_sample)
    quiet = {"stdout": io.StringIO()}

    call_command("import_ooh", str(tmp_path / "occupations.json"),
                 "--summaries", str(tmp_path / "summaries.json"), **quiet)  # fmt: skip
    call_command("import_duties", str(tmp_path / "duties.json"), **quiet)
    call_command("seed_content", "content", str(tmp_path / "guides"), **quiet)
    pay_files = [
        str(tmp_path / name) for name in ("oews.csv.gz", "oews_msa.csv.gz", "oews_ind.csv.gz")
    ]
    call_command("import_oews", *pay_files, "--period", "May 2025", **quiet)
    call_command("import_onet", str(tmp_path / "onet.json"), **quiet)

    assert Occupation.objects.count() == 2 * len(real)
    shipped = CareerGuide.objects.exclude(slug__endswith="-x2")
    assert CareerGuide.objects.filter(slug__endswith="-x2").count() == shipped.count() > 0
    copy = CareerGuide.objects.get(slug="medical-records-specialist-x2")
    assert copy.occupation.slug == "medical-records-and-health-information-technicians-x2"
    assert copy.faqs.count() == shipped.get(slug="medical-records-specialist").faqs.count() > 0
    records, records_copy = (
        Occupation.objects.get(slug=f"medical-records-and-health-information-technicians{s}")
        for s in ("", "-x2")
    )
    real_code = records.codes.first().soc_code
    copied_code = records_copy.codes.first().soc_code
    assert (
        AreaPay.objects.filter(soc_code=copied_code).count()
        == (AreaPay.objects.filter(soc_code=real_code).count())
        > 0
    )
    assert [d.text for d in records_copy.duties.all()] == [d.text for d in records.duties.all()]
    # O*NET: each occupation copied once, naming the copy's codes and related inside the copy.
    carried = OccupationCode.objects.filter(soc_code__lt="61").values("soc_code")
    originals = OnetOccupation.objects.filter(code__lt="61", careers__soc_code__in=carried)
    copies = OnetOccupation.objects.filter(code__gte="61")
    assert copies.count() == originals.distinct().count() > 0
    onet_copy = OnetCareerCode.objects.get(soc_code=copied_code).occupation
    assert onet_copy.code >= "61"
    assert "(synthetic copy 2)" in onet_copy.title
    related = OnetRelated.objects.filter(occupation=onet_copy)
    assert related.exists()
    assert all(link.related.code >= "61" for link in related)


def test_the_repositorys_own_files_doubled_keep_codes_unique_and_pay_everywhere(
    scale_content, tmp_path
):
    """The real handbook, OEWS file and packs (what make bench-scale writes), at 2×."""
    real = json.loads(scale_content.OOH.read_text())["occupations"]
    real_codes = {c["soc_code"] for p in real for c in p["soc_codes"]}

    written = scale_content.write(2, tmp_path)

    profiles = json.loads((tmp_path / "occupations.json").read_text())["occupations"]
    assert written["profiles"] == len(profiles) == 2 * len(real)
    slugs = {p["slug"] for p in profiles}
    assert len(slugs) == len(profiles)
    codes = [c["soc_code"] for p in profiles for c in p["soc_codes"]]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"\d{2}-\d{4}", code) for code in codes)
    copies = [p for p in profiles if p["slug"].endswith("-x2")]
    copied_codes = {c["soc_code"] for p in copies for c in p["soc_codes"]}
    assert not copied_codes & real_codes
    summaries = json.loads((tmp_path / "summaries.json").read_text())["summaries"]
    assert all(summaries.get(p["slug"]) for p in copies)  # import_ooh skips a profile without

    areas: dict[str, set[str]] = {}
    for row in oews_rows(tmp_path):
        areas.setdefault(row["OCC_CODE"], set()).add(row["AREA"])
    by_slug = {p["slug"]: p for p in profiles}
    for profile in copies:
        original = by_slug[profile["slug"].removesuffix("-x2")]
        for real_code, copied in zip(original["soc_codes"], profile["soc_codes"], strict=True):
            assert areas.get(copied["soc_code"]) == areas.get(real_code["soc_code"])
        # The handbook's May 2024 figures for a group's occupations name the copy's codes too.
        for detailed in (profile.get("pay_2024") or {}).get("detailed", []):
            assert detailed["soc_code"] in copied_codes
        assert {s["slug"] for s in profile["similar"]} <= slugs

    guides = [g for pack in (tmp_path / "guides").glob("*.json")
              for g in json.loads(pack.read_text())["guides"]]  # fmt: skip
    guide_slugs = {g["slug"] for g in guides}
    assert len(guides) == len(guide_slugs) == written["guides"] // 2 > 0
    for guide in guides:
        if guide["occupation"]:  # or it is about one occupation inside a group's profile
            assert guide["occupation"] in slugs
            assert guide["occupation"].endswith("-x2")
        else:
            assert guide["detailed_code"] in copied_codes
        assert {m["to_guide"] for m in guide["moves"]} <= guide_slugs
        assert {s["next_guide"] for s in guide["progression"] if s["next_guide"]} <= guide_slugs
