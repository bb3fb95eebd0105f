from django import forms
from django.utils.translation import gettext_lazy as _

from cdq.forms import PlainForm


class GuestForm(PlainForm):
    """Someone without an account registers for a public event."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), required=False)
    phone = forms.CharField(label=_("Or your phone"), max_length=30, required=False)
    companions = forms.TypedChoiceField(label=_("People you bring"), coerce=int, initial=0)

    def __init__(self, *args, most_companions: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companions"].choices = [(n, n) for n in range(most_companions + 1)]
        if not most_companions:
            self.fields["companions"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if not data.get("email") and not (data.get("phone") or "").strip():
            raise forms.ValidationError(_("Give an e-mail or a phone number, to reach you."))
        return data
