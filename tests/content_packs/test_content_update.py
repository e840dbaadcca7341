"""The content packs in the repository (content/), seed_content reading them, and update_content
bringing a corrected pack to a site without undoing editors' changes."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from certifications.models import Certification
from content_packs.export import dumps, export_pack
from content_packs.validate import content_dir, pack_files, read_files
from guides.models import FAQ, CareerGuide, Tool
from tests.content_packs.test_seed import snapshot

pytestmark = pytest.mark.django_db

SLUG = "medical-records-specialist"
# The guides that ship, each in a pack of its own.
GUIDES = [
    "billing-and-posting-clerk",
    "health-information-technologist",
    "medical-and-health-services-manager",
    "medical-assistant",
    "medical-records-specialist",
    "medical-secretary",
    "medical-transcriptionist",
]


def test_the_packs_in_the_repository_are_valid_and_split_by_section():
    files = pack_files([content_dir()])
    names = [path.relative_to(content_dir()).as_posix() for path in files]
    assert names == ["certifications.json", *(f"guides/{slug}.json" for slug in GUIDES)]
    pack = read_files([content_dir()])  # checked file by file, then as one pack
    assert [guide["slug"] for guide in pack["guides"]] == GUIDES
    assert [guide["slug"] for guide in pack["guides"] if guide["featured"]] == [SLUG]
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert dumps(data) == path.read_text(encoding="utf-8")  # as the exporter writes it
        if path.parent.name == "guides":
            assert data["certifying_bodies"] == data["certifications"] == []
            assert [guide["slug"] for guide in data["guides"]] == [path.stem]
        else:
            assert data["guides"] == []


def test_seeding_from_the_packs_gives_exactly_the_packs(seeded):
    assert dumps(export_pack()) == dumps(read_files([content_dir()]))


def test_seed_reports_what_it_created_then_what_it_kept(db):
    first = io.StringIO()
    call_command("seed_content", stdout=first)
    assert f"created guide {SLUG}" in first.getvalue()
    assert "created certification CPC" in first.getvalue()
    second = io.StringIO()
    call_command("seed_content", stdout=second)
    assert f"kept guide {SLUG} (already present, left unchanged)" in second.getvalue()


def test_a_bad_pack_file_is_named_and_nothing_is_loaded(db, tmp_path):
    shutil.copytree(content_dir(), tmp_path / "content")
    bad = tmp_path / "content" / "guides" / f"{SLUG}.json"
    pack = json.loads(bad.read_text(encoding="utf-8"))
    pack["guides"][0]["featured"] = 1
    bad.write_text(json.dumps(pack), encoding="utf-8")
    with pytest.raises(CommandError, match=rf"{SLUG}.json: guides\[0\].featured: expected true"):
        call_command("seed_content", str(tmp_path / "content"), stdout=io.StringIO())
    assert not Certification.objects.exists()


@pytest.fixture
def packs(tmp_path):
    """The packs as shipped (previous/) and a corrected copy (new/) to edit."""
    shutil.copytree(content_dir(), tmp_path / "previous")
    shutil.copytree(content_dir(), tmp_path / "new")
    return tmp_path


def edit(packs, name: str, change):
    path = packs / "new" / name
    pack = json.loads(path.read_text(encoding="utf-8"))
    change(pack)
    path.write_text(dumps(pack), encoding="utf-8")


def update(packs, *args) -> str:
    out = io.StringIO()
    previous = str(packs / "previous")
    call_command("update_content", str(packs / "new"), "--previous", previous, *args, stdout=out)
    return out.getvalue()


def correct(pack):
    guide = pack["guides"][0]
    guide["summary"] = "A corrected summary."
    guide["title"] = "A corrected title."
    guide["faqs"][0]["answer"] = "A corrected answer."
    guide["faqs"][1]["answer"] = "Another corrected answer."
    guide["tools"] = [tool for tool in guide["tools"] if tool["name"] != "CPT"]
    guide["sources"].append(
        {"position": 9, "title": "A new source", "publisher": "BLS", "url": "https://www.bls.gov/"}
    )


def test_update_changes_what_the_site_still_holds_as_shipped(seeded, packs):
    def fix_cca(pack):
        next(cert for cert in pack["certifications"] if cert["code"] == "CCA").update(
            summary="Fixed."
        )

    edit(packs, "certifications.json", fix_cca)
    edit(packs, f"guides/{SLUG}.json", correct)

    report = update(packs)

    guide = CareerGuide.objects.get(slug=SLUG)
    assert (guide.summary, guide.title) == ("A corrected summary.", "A corrected title.")
    assert guide.faqs.all()[0].answer == "A corrected answer."
    assert not guide.tools.filter(name="CPT").exists()
    assert guide.sources.filter(title="A new source").exists()
    assert Certification.objects.get(code="CCA").summary == "Fixed."
    assert f"updated   guide {SLUG} (summary, title)" in report.splitlines()
    assert "0 skipped" in report
    assert dumps(export_pack()) == dumps(read_files([packs / "new"]))


def test_update_keeps_what_an_editor_changed_and_reports_it(seeded, packs):
    edit(packs, f"guides/{SLUG}.json", correct)
    guide = CareerGuide.objects.get(slug=SLUG)
    CareerGuide.objects.filter(pk=guide.pk).update(title="An editor's title")
    faq = guide.faqs.all()[1]
    FAQ.objects.filter(pk=faq.pk).update(answer="An editor's answer.")
    Tool.objects.filter(guide=guide, name="CPT").update(description="An editor's description.")

    report = update(packs)

    guide.refresh_from_db()
    assert guide.title == "An editor's title"  # the editor's change wins
    assert guide.summary == "A corrected summary."  # the field the editor left is corrected
    assert FAQ.objects.get(pk=faq.pk).answer == "An editor's answer."
    assert guide.faqs.all()[0].answer == "A corrected answer."
    assert guide.tools.filter(name="CPT").exists()  # edited here: not deleted
    lines = report.splitlines()
    assert f"skipped   guide {SLUG} title" in lines
    assert any(line.startswith(f"skipped   guide {SLUG} faqs") for line in lines)
    assert any("tools" in line and "(kept: edited here)" in line for line in lines)
    assert lines[-1].endswith("3 skipped (changed on this site).")


def test_a_second_update_changes_nothing(seeded, packs):
    edit(packs, f"guides/{SLUG}.json", correct)
    CareerGuide.objects.filter(slug=SLUG).update(title="An editor's title")
    update(packs)
    before = snapshot()

    report = update(packs)

    assert snapshot() == before
    assert report.splitlines()[-1].startswith("0 created, 0 updated, 0 deleted, 1 skipped")


def test_an_update_dry_run_saves_nothing(seeded, packs):
    edit(packs, f"guides/{SLUG}.json", correct)
    before = snapshot()
    report = update(packs, "--dry-run")
    assert f"updated   guide {SLUG} (summary, title)" in report
    assert report.splitlines()[-1] == "Dry run: nothing was saved."
    assert snapshot() == before


def test_an_unchanged_pack_changes_nothing(seeded, packs):
    before = snapshot()
    assert update(packs).splitlines() == [
        "0 created, 0 updated, 0 deleted, 0 skipped (changed on this site)."
    ]
    assert snapshot() == before
