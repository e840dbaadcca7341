"""What site search looks through: each kind of content, its weighted fields and where its
results link; and the result every backend returns."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from certifications.models import Certification
from core.models import published_q
from core.translated_text import is_translated
from guides.links import career_link
from guides.models import FAQ, CareerGuide, RelatedTitle, TrainingStep
from occupations.models import Occupation

CONFIG = "english"
# PostgreSQL's text-search configuration for each language: Spanish folds accents first
# (search/migrations/0004_spanish_text_search).
CONFIGS = {"en": CONFIG, "es": "spanish_unaccent"}
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's ts_rank defaults
MAX_PER_KIND = 100


@dataclass(frozen=True)
class Result:
    kind: str  # what it is, for people: "Career guide", "Certification", …
    title: SafeString  # escaped, matched words in <mark>
    url: str
    snippet: SafeString  # escaped, matched words in <mark>
    context: str = ""  # the guide a part belongs to
    score: float = 0.0
    matches_all_words: bool = True
    kind_order: int = 0
    jobs: int = 0  # a profile's employment: between equal scores, the job more people do first


@dataclass(frozen=True)
class Kind:
    """One kind of searchable content: which fields, how much each counts, where it links."""

    label: str
    order: int  # breaks ties in score: guides, certifications, then parts of guides
    model: type
    weighted_fields: tuple[tuple[str, tuple[str, ...]], ...]  # ((weight, (field, …)), …)
    title_fields: tuple[str, ...]  # the result's title, joined by ": "
    snippet_fields: tuple[str, ...]
    anchor: str = ""  # parts of a guide link to this element of the guide page
    fallback_snippet: str = ""  # when no snippet field has text; may use %(guide)s
    related: tuple[str, ...] = ()  # loaded with each object, for `page_of`
    page_of: Callable | None = None  # the object's page, when not get_absolute_url()
    spanish_terms: str = ""  # a field of words people type in Spanish, weighted as the title

    @property
    def is_guide_part(self) -> bool:
        return bool(self.anchor)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for _, names in self.weighted_fields for name in names)

    def queryset(self):
        if self.is_guide_part:
            # Parts of a guide are public only while their guide is.
            return self.model.objects.filter(published_q("guide__")).select_related("guide")
        found = self.model.objects.published()
        return found.select_related(*self.related) if self.related else found

    def searched(self, language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """weighted_fields, with the Spanish search terms among the title's in Spanish."""
        if language == settings.LANGUAGE_CODE or not self.spanish_terms:
            return self.weighted_fields
        (weight, names), *rest = self.weighted_fields
        return ((weight, (*names, self.spanish_terms)), *rest)

    def text(self, name: str, language: str):
        """A field's text in `language`, the English where it has none yet (as pages show)."""
        if language == settings.LANGUAGE_CODE or not is_translated(self.model, name):
            return F(name)
        return Coalesce(
            NullIf(F(f"{name}_{language}"), Value("")), F(f"{name}_en"), output_field=TextField()
        )

    def vector(self, language: str | None = None):
        """The weighted search vector; in English, search/migrations indexes exactly this
        expression; in another language, each field's text in it (not indexed: one guide's
        or profile's worth of rows, a few hundred)."""
        language = language or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            vectors = [
                SearchVector(*names, weight=weight, config=CONFIG)
                for weight, names in self.weighted_fields
            ]
        else:
            vectors = [
                SearchVector(
                    *(self.text(name, language) for name in names),
                    weight=weight,
                    config=CONFIGS[language],
                )
                for weight, names in self.searched(language)
            ]
        combined = vectors[0]
        for vector in vectors[1:]:
            combined = combined + vector
        return combined

    def url(self, obj) -> str:
        if self.is_guide_part:
            return f"{obj.guide.get_absolute_url()}#{self.anchor.format(pk=obj.pk)}"
        return self.page_of(obj) if self.page_of else obj.get_absolute_url()

    def context(self, obj) -> str:
        return obj.guide.title if self.is_guide_part else ""

    def fallback(self, obj) -> str:
        guide = obj.guide.title if self.is_guide_part else ""
        return self.fallback_snippet % {"guide": guide} if self.fallback_snippet else ""


GUIDES = Kind(
    label=_("Career guide"),
    order=0,
    model=CareerGuide,
    weighted_fields=(
        ("A", ("title",)),
        ("B", ("summary",)),
        ("C", ("overview",)),
        ("D", ("work_setting", "who_it_suits")),
    ),
    title_fields=("title",),
    snippet_fields=("summary", "overview", "work_setting", "who_it_suits"),
)
PROFILES = Kind(
    label=_("Career profile"),
    order=1,
    model=Occupation,
    weighted_fields=(("A", ("title", "soc_codes")), ("B", ("summary",))),
    title_fields=("title",),
    snippet_fields=("summary",),
    # A profile a published guide covers leads to the guide (its own address redirects
    # there), and search() keeps one result per page.
    related=("guide",),
    page_of=career_link,
    spanish_terms="search_terms",
)
CERTIFICATIONS = Kind(
    label=_("Certification"),
    order=2,
    model=Certification,
    weighted_fields=(
        ("A", ("code", "name")),
        ("B", ("summary", "best_for")),
        ("C", ("eligibility", "leads_to")),
        ("D", ("exam_notes", "experience_note", "renewal_notes")),
    ),
    title_fields=("code", "name"),
    snippet_fields=("summary", "eligibility", "leads_to", "exam_notes", "experience_note"),
)
RELATED_TITLES = Kind(
    label=_("Also known as"),
    order=3,
    model=RelatedTitle,
    weighted_fields=(("A", ("title",)), ("C", ("note",))),
    title_fields=("title",),
    snippet_fields=("note",),
    anchor="also-known-as",
    fallback_snippet=_("Another name for the job of %(guide)s."),
)
TRAINING_STEPS = Kind(
    label=_("Training step"),
    order=4,
    model=TrainingStep,
    weighted_fields=(("A", ("title",)), ("C", ("description",))),
    title_fields=("title",),
    snippet_fields=("description",),
    anchor="step-{pk}",
)
FAQS = Kind(
    label=_("Question"),
    order=5,
    model=FAQ,
    weighted_fields=(("B", ("question",)), ("C", ("answer",))),
    title_fields=("question",),
    snippet_fields=("answer",),
    anchor="faq-{pk}",
)
KINDS = (GUIDES, PROFILES, CERTIFICATIONS, RELATED_TITLES, TRAINING_STEPS, FAQS)
