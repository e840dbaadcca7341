from django import forms
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH

# The pages that ask "Was this page useful?".
PAGES_WITH_FEEDBACK = {"guides:detail", "certifications:detail"}


class FeedbackForm(forms.Form):
    path = forms.CharField(widget=forms.HiddenInput, max_length=300)
    useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Yes or No.")},
    )
    comment = forms.CharField(
        label=_("Anything we could do better? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Please do not include personal details. Up to 500 characters."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "Please keep it to %(limit_value)s characters (you wrote %(show_value)s)."
            )
        },
    )

    def clean_path(self):
        path = self.cleaned_data["path"]
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if not path.startswith("/") or match is None or match.view_name not in PAGES_WITH_FEEDBACK:
            raise forms.ValidationError(
                _("Feedback can only be given on a guide or certification page.")
            )
        return path
