from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
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
        help_texts = {"phone": _("Optional.")}
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }


class ConfirmLoginCodeForm(allauth_forms.ConfirmLoginCodeForm):
    """allauth's code form, with a hint tied to the field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minutes = settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60
        self.fields["code"].help_text = _(
            "It looks like ABCD-EFGH. It works for %(minutes)s minutes."
        ) % {"minutes": minutes}
        self.fields["code"].widget.attrs.update(autocapitalize="characters", spellcheck="false")
