from django import forms
from django.utils.translation import gettext_lazy as _


class PayRegionForm(forms.Form):
    """The pay section's GET form: which state's figures to show beside the national ones."""

    state = forms.ChoiceField(
        label=_("Compare with a state"),
        required=False,
        error_messages={
            # Never echo the value: this message is cached and shown to other visitors.
            "invalid_choice": _("We have no pay figures for that state. Choose one from the list.")
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, states, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("National figures only"))] + [
            (state, state) for state in states
        ]

    def chosen_state(self) -> str:
        return self.cleaned_data["state"] if self.is_valid() else ""
