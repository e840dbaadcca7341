from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class QueryField(forms.CharField):
    """Free text from the search box; NUL bytes go (PostgreSQL rejects them in any query)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\x00", "")
        return super().to_python(value)


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search CareerPath"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={
            "max_length": _(
                "Please shorten your search to %(limit_value)d characters or fewer "
                "(it has %(show_value)d). A few words work best."
            )
        },
    )

    def full_clean(self):
        super().full_clean()
        if "q" in self.errors:
            widget = self.fields["q"].widget
            widget.attrs["class"] = "form-control is-invalid"
