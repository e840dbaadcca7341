from django import forms
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH

# The pages that ask "Was this page useful?".
PAGES_WITH_FEEDBACK = {"careers:detail", "certifications:detail"}
PATH_MAX_LENGTH = 300
NOT_A_PAGE_THAT_ASKS = _("Feedback can only be given on a guide or certification page.")


def page_asking_for_feedback(path: str | None) -> str | None:
    """The path when it is one of this site's pages that ask for feedback, else None.

    The one test for a visitor-supplied path, used by the POST (the form) and by the GET page
    that links back to it: anything else (another host, `//host`, `/\\host`, a `javascript:` or
    `data:` address, a page that does not ask) is never shown as a link nor accepted.
    """
    if not path or len(path) > PATH_MAX_LENGTH or not path.startswith("/"):
        return None
    # Browsers drop tabs and newlines inside addresses and read "\" as "/", so "/\t/host" and
    # "/\host" would leave the site; Django's own check knows those tricks.
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return path if match.view_name in PAGES_WITH_FEEDBACK else None


class FeedbackForm(forms.Form):
    path = forms.CharField(
        widget=forms.HiddenInput,
        max_length=PATH_MAX_LENGTH,
        # The path comes from the link, not from the visitor: one plain message for any bad one.
        error_messages={"required": NOT_A_PAGE_THAT_ASKS, "max_length": NOT_A_PAGE_THAT_ASKS},
    )
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
        path = page_asking_for_feedback(self.cleaned_data["path"])
        if path is None:
            raise forms.ValidationError(NOT_A_PAGE_THAT_ASKS)
        return path
