"""The Spanish catalogue is whole: every interface string is marked, every marked string is in
locale/es/LC_MESSAGES/django.po with a Spanish translation (none missing, none fuzzy, the same
placeholders), and the compiled file the site reads is the catalogue's."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from core.management.commands.compile_catalogue import compile_catalogue

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale/es/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")

# Text that is the same in both languages: names, codes, units and marks (every word of it).
SAME_IN_BOTH = re.compile(
    r"^(?:(?:CareerPath|O\*NET|[A-Z]{2,6}|English|Español|\w)(?:\W+|$)|[\W\d_]+)+$"
)
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "content", "aria-description")
TEMPLATE_CODE = re.compile(
    r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}"
    r"|\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}"
    r"|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}",
    re.S,
)


def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = catalogue()
    assert len(po) > 500
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


def test_every_translation_keeps_its_placeholders():
    wrong = []
    for entry in catalogue():
        if entry.msgid_plural:
            # Either form may use the number or not ("one career", "%(count)s careers"), but
            # only the placeholders the English has.
            wanted = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(text)) <= wanted:
                    wrong.append((entry.msgid, text))
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


def test_the_compiled_catalogue_is_the_catalogues(tmp_path):
    """make compiles it whenever the .po changes; a stale .mo would show old Spanish."""
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists():
        pytest.skip("Not compiled yet: make test compiles it first.")
    copy = tmp_path / "django.po"
    shutil.copy(CATALOGUE, copy)
    assert compile_catalogue(copy).read_bytes() == compiled.read_bytes()


NOT_THE_SITE = {"tests", "ops", "scripts"}


def source_copy(folder: Path) -> Path:
    """The site's templates and its apps' Python, copied: makemessages writes into the first
    locale folder above the files it reads, so it runs on a copy and never touches the real
    one."""
    copy = folder / "source"
    apps = [
        path
        for path in ROOT.iterdir()
        if (path / "__init__.py").is_file() and path.name not in NOT_THE_SITE
    ]
    for source in [ROOT / "templates", *apps]:
        shutil.copytree(
            source,
            copy / source.name,
            ignore=lambda directory, names: [
                name
                for name in names
                if not (Path(directory, name).is_dir() or name.endswith((".py", ".html", ".txt")))
                or name == "__pycache__"
            ],
        )
    (copy / "locale/es/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE, copy / "locale/es/LC_MESSAGES/django.po")
    return copy


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext's xgettext is not here")
def test_every_marked_string_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """makemessages, run on a copy of the source, finds no string the catalogue lacks."""
    copy = source_copy(tmp_path)
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["es"], no_location=True, verbosity=0)
    fresh = polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))
    assert [entry.msgid for entry in fresh.untranslated_entries()] == []
    assert [entry.msgid for entry in fresh.fuzzy_entries()] == []


class VisibleText(HTMLParser):
    """The words a visitor sees or hears in a template once its tags are taken out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg") and tag != "svg":
            self.skipping += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value and tag != "meta":
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data):
        if not self.skipping:
            self.found.append(data)


def unmarked(template: Path) -> list[str]:
    source = TEMPLATE_CODE.sub(" ", template.read_text(encoding="utf-8"))
    parser = VisibleText()
    parser.feed(source)
    texts = [" ".join(text.split()) for text in parser.found]
    return [text for text in texts if text and not SAME_IN_BOTH.match(text)]


def test_no_template_shows_text_that_is_not_marked_for_translation():
    found = {
        str(path.relative_to(ROOT)): texts
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (texts := unmarked(path))
    }
    assert found == {}


def test_the_unmarked_check_finds_text_and_leaves_names_and_marked_text(tmp_path):
    template = tmp_path / "sample.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Pay" %}</h1><p title="Median pay">CareerPath · BLS</p>'
        "<p>{% blocktranslate %}In {{ place }}{% endblocktranslate %} Jobs here</p>"
        '<img alt="{{ alt }}"><script>var x = "not shown";</script>',
        encoding="utf-8",
    )
    assert unmarked(template) == ["Median pay", "Jobs here"]
