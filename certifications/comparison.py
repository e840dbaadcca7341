"""The certification comparison: one row per fact, one column per certification.

Every value comes from the Certification model; templates only lay the rows out.
"""

from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.markdown import render_markdown
from core.templatetags.money import money
from core.templatetags.sources import source_link

from .models import Education, Experience, Program


@dataclass
class Row:
    label: str
    cells: list  # one value (text or safe HTML) per certification, in column order


def education_needed(cert) -> str:
    if not cert.eligibility_checked:
        return f"See {cert.body.abbreviation}’s page"
    text = Education(cert.min_education).label
    if cert.min_education == Education.NONE:
        text = "No proof of education asked"
    if cert.required_program:
        program = Program(cert.required_program).label
        text += f"; {program[0].lower()}{program[1:]}"
        if cert.experience_in_place_of_program:
            years = Experience(cert.experience_in_place_of_program).label.lower()
            text += f", or {years} of experience in its place"
    if cert.credential_required:
        text += f"; {cert.credential_required} first"
    return text


def experience_needed(cert) -> str:
    if not cert.recommended_experience:
        text = "None required"
    else:
        text = f"{Experience(cert.recommended_experience).label} recommended"
    return f"{text}. {cert.experience_note}" if cert.experience_note else text


def exam_summary(cert):
    parts = []
    if cert.exam_question_count:
        parts.append(f"{cert.exam_question_count} questions")
    if cert.exam_questions_note:
        parts.append(cert.exam_questions_note)
    if cert.exam_hours:
        parts.append(cert.exam_hours)
    if cert.exam_book:
        parts.append(cert.get_exam_book_display().lower())
    if cert.exam_passing_score:
        parts.append(f"pass mark {cert.exam_passing_score}")
    summary = "; ".join(parts) or "See the issuer’s page"
    summary = summary[:1].upper() + summary[1:]  # a note may come first: “reported as …”
    if not cert.exam_notes:
        return summary
    # The notes say what the figures rest on (e.g. “data as of 31 December 2023”).
    notes = mark_safe(render_markdown(cert.exam_notes))  # noqa: S308 (sanitised Markdown)
    return format_html("<p>{}</p>{}", summary, notes)


def cost(cert):
    if cert.has_checked_fee:
        note = f" ({cert.fee_note})" if cert.fee_note else ""
        return format_html(
            "{}{}, checked {} at {}",
            money(cert.fee_amount, cert.fee_currency),
            note,
            date_format(cert.fee_checked, "j F Y"),
            source_link(cert.fee_source_name, cert.fee_source_url),
        )
    return format_html(
        'Fees vary and change: see <a href="{}">the {} page</a>',
        cert.official_url,
        cert.body.abbreviation,
    )


def renewal(cert) -> str:
    parts = [cert.renewal_summary and f"{cert.renewal_summary}.", cert.renewal_notes]
    return " ".join(filter(None, parts)) or "See the issuer’s page"


def comparison_rows(certifications) -> list[Row]:
    facts = [
        ("Issuer", lambda c: c.body.full_name),
        ("Kind of work", lambda c: c.get_work_focus_display()),
        ("Who it is for", lambda c: c.best_for or c.summary),
        ("Where it is valued", lambda c: c.get_setting_focus_display()),
        ("Education", education_needed),
        ("Experience", experience_needed),
        ("Exam", exam_summary),
        ("How you sit it", lambda c: c.exam_delivery or "See the issuer’s page"),
        ("Cost", cost),
        ("Renewal", renewal),
        # Sanitised by core.markdown, like every editor-written Markdown field.
        ("What it leads to", lambda c: mark_safe(render_markdown(c.leads_to))),  # noqa: S308
        (
            "Facts checked",
            lambda c: format_html(
                "{} at {}",
                date_format(c.last_checked, "j F Y"),
                source_link(c.source_name, c.source_url),
            ),
        ),
    ]
    return [Row(label, [value(cert) for cert in certifications]) for label, value in facts]


class CompareForm(forms.Form):
    c = forms.MultipleChoiceField(
        label="Certifications to compare", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, certifications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["c"].choices = [
            (cert.slug, f"{cert.code}: {cert.name}") for cert in certifications
        ]
