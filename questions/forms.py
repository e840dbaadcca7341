from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH, SubmittedQuestion


class AskQuestionForm(forms.ModelForm):
    question = forms.CharField(
        label=_("Your question"),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Please type your question."),
            "min_length": _(
                "Please write at least %(limit_value)s characters so we understand the question "
                "(you wrote %(show_value)s)."
            ),
            "max_length": _(
                "Please keep the question to %(limit_value)s characters (you wrote %(show_value)s)."
            ),
        },
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_(
            "Only if you would like a reply. We use it for nothing else, never show it, and "
            "delete it after %(days)s days."
        ),
        error_messages={
            "invalid": _("Enter an email address like name@example.com, or leave it empty.")
        },
    )
    # A field people never see (hidden by CSS and from assistive technology) but form-filling
    # bots do; anything typed in it marks the submission as spam.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = SubmittedQuestion
        fields = ["question", "email"]

    def __init__(self, *args, retention_days=90, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in here, per request: a lazy text with % applied at import would stay English.
        self.fields["question"].help_text = _("Between %(min)s and %(max)s characters.") % {
            "min": QUESTION_MIN_LENGTH,
            "max": f"{QUESTION_MAX_LENGTH:,}",
        }
        email = self.fields["email"]
        email.help_text = email.help_text % {"days": retention_days}
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
