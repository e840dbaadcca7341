"""Content in Spanish: the careers' words from data/ooh/spanish.json, the guides' and
certifications' from the content packs; an editor's Spanish is never replaced, and a text with
no Spanish yet shows the English with a note."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from content_packs.export import export_pack
from content_packs.importing import seed_pack
from guides.models import FAQ, CareerGuide
from occupations.duties import Duty
from occupations.models import Field, Occupation
from tests.conftest import soup

pytestmark = pytest.mark.django_db

GUIDE = "/careers/medical-records-specialist/"


def read_json(path: str):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def spanish_import(*args) -> str:
    out = io.StringIO()
    call_command("import_spanish", *args, stdout=out)
    return out.getvalue()


def test_every_career_and_field_of_the_handbook_has_spanish(seeded):
    data = read_json("data/ooh/spanish.json")
    handbook = read_json("data/ooh/occupations-2024-34.json")
    english_duties = read_json("data/ooh/duties.json")["duties"]
    assert set(data["careers"]) == {entry["slug"] for entry in handbook["occupations"]}
    assert set(data["fields"]) == {entry["slug"] for entry in handbook["fields"]}
    for slug, career in data["careers"].items():
        assert career["title"], slug
        assert career["summary"], slug
        assert len(career["duties"]) == len(english_duties.get(slug, [])), slug


def test_import_gives_the_sample_careers_their_spanish_and_a_rerun_changes_nothing(seeded):
    profile = Occupation.objects.get(slug="actuaries")
    assert profile.title_es
    assert profile.summary_es
    assert profile.search_terms_es
    assert all(duty.text_es for duty in profile.duties.all())
    assert Field.objects.get(slug="healthcare").name_es == "Atención médica"
    with translation.override("es"):
        assert Occupation.objects.get(slug="actuaries").title == profile.title_es
    assert "0 titles, 0 summaries" in spanish_import()


def test_import_keeps_an_editors_spanish_and_leaves_duties_changed_in_english(seeded):
    profile = Occupation.objects.get(slug="actuaries")
    profile.summary_es = "El resumen de una editora."
    profile.save()
    duty = profile.duties.order_by("position").first()
    duty.text = "An editor's own duty."
    duty.text_es = ""
    duty.save()
    Occupation.objects.filter(pk=profile.pk).update(title_es="")
    report = spanish_import()
    profile.refresh_from_db()
    assert profile.summary_es == "El resumen de una editora."
    assert profile.title_es  # empty: given again
    assert "1 titles" in report
    assert "1 profiles' duties left" in report
    assert Duty.objects.get(pk=duty.pk).text_es == ""


def test_a_bad_file_changes_nothing_and_says_where(seeded, tmp_path):
    bad = tmp_path / "spanish.json"
    bad.write_text(json.dumps({"fields": {}, "careers": {"actuaries": {"title": "x" * 201}}}))
    with pytest.raises(CommandError, match="career actuaries"):
        spanish_import(str(bad))
    bad.write_text("{")
    with pytest.raises(CommandError, match="no Spanish could be read"):
        spanish_import(str(bad))


def test_the_guides_and_certifications_come_with_their_spanish(client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    assert guide.overview_es
    assert guide.title_es == "Especialista en registros médicos"
    assert all(faq.question_es and faq.answer_es for faq in guide.faqs.all())
    page = soup(client.get("/es" + GUIDE))
    assert guide.faqs.first().question_es in page.get_text(" ")
    certification = soup(client.get("/es/certifications/cpc/")).get_text(" ")
    assert "examen" in certification


def test_a_pack_written_before_spanish_still_imports(seeded):
    pack = export_pack()
    for section in ("certifying_bodies", "certifications", "guides"):
        for record in pack[section]:
            for key in [key for key in record if key.endswith("_es")]:
                del record[key]
    report = seed_pack(pack)
    assert report.count("created") == 0


def test_seeding_gives_an_empty_spanish_field_the_packs_and_keeps_an_editors(seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    faq = guide.faqs.order_by("position").first()
    shipped = faq.answer_es
    FAQ.objects.filter(pk=faq.pk).update(answer_es="")
    CareerGuide.objects.filter(pk=guide.pk).update(summary_es="Un resumen de la editora.")
    report = seed_pack(export_pack_with(guide, faq, shipped))
    faq.refresh_from_db()
    guide.refresh_from_db()
    assert faq.answer_es == shipped
    assert guide.summary_es == "Un resumen de la editora."
    assert report.count("translated") == 1


def export_pack_with(guide, faq, answer_es) -> dict:
    """The site's pack, but for one FAQ's Spanish answer as it ships."""
    pack = export_pack()
    record = next(g for g in pack["guides"] if g["slug"] == guide.slug)
    entry = next(f for f in record["faqs"] if f["question"] == faq.question_en)
    entry["answer_es"] = answer_es
    return pack


def test_the_json_of_a_guide_is_english_with_its_spanish_beside_it_in_both_languages(
    client, seeded
):
    english = client.get("/careers/medical-records-specialist.json").json()
    spanish = client.get("/es/careers/medical-records-specialist.json").json()
    assert english["guide"] == spanish["guide"]  # (its "work" is O*NET's, said in each)
    assert english["guide"]["title"] == "Medical Records Specialist"
    assert english["guide"]["title_es"] == "Especialista en registros médicos"
    assert "title_en" not in english["guide"]


def test_a_text_without_spanish_shows_the_english_and_says_so(client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    CareerGuide.objects.filter(pk=guide.pk).update(overview_es="")
    page = soup(client.get("/es" + GUIDE))
    assert guide.overview_en.split("\n")[0][:40] in page.get_text(" ")
    note = page.select_one(".untranslated-note")
    assert note is not None
    assert "inglés" in note.get_text()
    assert soup(client.get(GUIDE)).select_one(".untranslated-note") is None


def test_seeding_gives_no_spanish_to_an_english_an_editor_rewrote(seeded):
    """The pack's Spanish translates the pack's English: a rewritten summary gets none (the
    page shows the editor's English with the note) until an editor writes its Spanish."""
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    CareerGuide.objects.filter(pk=guide.pk).update(
        summary="An editor's own summary.", summary_en="An editor's own summary.", summary_es=""
    )
    seed_pack(export_pack_with_spanish_summary(guide))
    guide.refresh_from_db()
    assert guide.summary_es == ""


def export_pack_with_spanish_summary(guide) -> dict:
    pack = export_pack()
    record = next(g for g in pack["guides"] if g["slug"] == guide.slug)
    record["summary"] = "The summary as the pack ships it."
    record["summary_es"] = "El resumen tal como lo trae el paquete."
    return pack
