"""The certification comparison: one row per fact, one column per certification.

Every value comes from the Certification model; templates only lay the rows out.
"""

from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.markdown import render_markdown
from core.templatetags.money import money
from core.templatetags.sources import source_link

from .models import Education, Experience, Program


@dataclass
class Row:
    label: str
    cells: list  # one value (text or safe HTML) per certification, in column order


def html_format(sentence: str, **values) -> SafeString:
    """format_html for a translated sentence with named placeholders (%(name)s): each value
    escaped unless it is safe HTML already; the sentence itself is the site's own text."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(sentence % escaped)  # noqa: S308 (every value escaped above)


def education_needed(cert) -> str:
    if not cert.eligibility_checked:
        return _("See %(body)s’s page") % {"body": cert.body.abbreviation}
    text = Education(cert.min_education).label
    if cert.min_education == Education.NONE:
        text = _("No proof of education asked")
    if cert.required_program:
        program = Program(cert.required_program).label
        text += f"; {program[0].lower()}{program[1:]}"
        if cert.experience_in_place_of_program:
            years = Experience(cert.experience_in_place_of_program).label.lower()
            text += ", " + _("or %(years)s of experience in its place") % {"years": years}
    if cert.credential_required:
        text += "; " + _("%(credential)s first") % {"credential": cert.credential_required}
    return text


def experience_needed(cert) -> str:
    if not cert.recommended_experience:
        text = _("None required")
    else:
        label = Experience(cert.recommended_experience).label
        text = _("%(experience)s recommended") % {"experience": label}
    return f"{text}. {cert.experience_note}" if cert.experience_note else text


def see_the_issuer() -> str:
    return _("See the issuer’s page")


def exam_summary(cert):
    parts = []
    if cert.exam_question_count:
        count = cert.exam_question_count
        parts.append(
            ngettext("%(counter)s question", "%(counter)s questions", count) % {"counter": count}
        )
    if cert.exam_questions_note:
        parts.append(cert.exam_questions_note)
    if cert.exam_hours:
        parts.append(cert.exam_hours)
    if cert.exam_book:
        parts.append(cert.get_exam_book_display().lower())
    if cert.exam_passing_score:
        parts.append(_("pass mark %(score)s") % {"score": cert.exam_passing_score})
    summary = "; ".join(parts) or see_the_issuer()
    summary = summary[:1].upper() + summary[1:]  # a note may come first: “reported as …”
    if not cert.exam_notes:
        return summary
    # The notes say what the figures rest on (e.g. “data as of 31 December 2023”).
    notes = mark_safe(render_markdown(cert.exam_notes))  # noqa: S308 (sanitised Markdown)
    return html_format("<p>%(summary)s</p>%(notes)s", summary=summary, notes=notes)


def cost(cert):
    if cert.has_checked_fee:
        note = f" ({cert.fee_note})" if cert.fee_note else ""
        return html_format(
            _("%(amount)s, checked %(when)s at %(source)s"),
            amount=money(cert.fee_amount, cert.fee_currency) + note,
            when=date_format(cert.fee_checked, _("j F Y")),
            source=source_link(cert.fee_source_name, cert.fee_source_url),
        )
    return html_format(
        _('Fees vary and change: see <a href="%(url)s">the %(body)s page</a>'),
        url=cert.official_url,
        body=cert.body.abbreviation,
    )


def renewal(cert) -> str:
    parts = [cert.renewal_summary and f"{cert.renewal_summary}.", cert.renewal_notes]
    return " ".join(filter(None, parts)) or see_the_issuer()


def comparison_rows(certifications) -> list[Row]:
    facts = [
        (_("Issuer"), lambda c: c.body.full_name),
        (_("Kind of work"), lambda c: c.get_work_focus_display()),
        (_("Who it is for"), lambda c: c.best_for or c.summary),
        (_("Where it is valued"), lambda c: c.get_setting_focus_display()),
        (_("Education"), education_needed),
        (_("Experience"), experience_needed),
        (_("Exam"), exam_summary),
        (_("How you sit it"), lambda c: c.exam_delivery or see_the_issuer()),
        (_("Cost"), cost),
        (_("Renewal"), renewal),
        # Sanitised by core.markdown, like every editor-written Markdown field.
        (_("What it leads to"), lambda c: mark_safe(render_markdown(c.leads_to))),  # noqa: S308
        (
            _("Facts checked"),
            lambda c: html_format(
                _("%(when)s at %(source)s"),
                when=date_format(c.last_checked, _("j F Y")),
                source=source_link(c.source_name, c.source_url),
            ),
        ),
    ]
    return [Row(label, [value(cert) for cert in certifications]) for label, value in facts]


class CompareForm(forms.Form):
    c = forms.MultipleChoiceField(
        label=gettext_lazy("Certifications to compare"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, certifications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["c"].choices = [
            (cert.slug, f"{cert.code}: {cert.name}") for cert in certifications
        ]
