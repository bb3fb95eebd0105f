from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves. The e-mail is their login: it changes
    through allauth's e-mail page, which checks the new address."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = ["display_name", "phone", "language"]
        labels = {
            "display_name": _("My name"),
            "phone": _("My phone"),
            "language": _("My language"),
        }
        help_texts = {"phone": _("Optional. Only your group sees it, if you agree.")}
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
