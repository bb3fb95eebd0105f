from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import PlainModelForm


class ProfileForm(PlainModelForm):
    """What a person may change about themselves. The e-mail is their login: it changes
    through allauth's e-mail page, which checks the new address."""

    class Meta:
        model = User
        fields = ["display_name", "phone", "language", "bank_account"]
        labels = {
            "display_name": _("My name"),
            "phone": _("My phone"),
            "language": _("My language"),
            "bank_account": _("My bank account (optional)"),
        }
        help_texts = {
            "phone": _("Optional."),
            "bank_account": _(
                "Only the people who owe you money see it. Empty: people pay you in cash."
            ),
        }
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


class SignupForm(allauth_forms.SignupForm):
    """Sign-up through a group's invitation: a name, an e-mail, a language. No password."""

    display_name = forms.CharField(
        label=_("My name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    language = forms.ChoiceField(label=_("My language"), choices=settings.LANGUAGES)

    field_order = ["display_name", "email", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["email"].label = _("My e-mail")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["language"].initial = translation.get_language()
