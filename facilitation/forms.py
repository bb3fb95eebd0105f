"""The forms of facilitation: a contact, a group's rhythm, its launch steps."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import PlainForm
from facilitation.models import Contact, LaunchStep, Need
from facilitation.services import ContactNote

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactForm(PlainForm):
    contacted_on = forms.DateField(label=_("Day of the contact"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("How"), choices=Contact.Channel.choices, widget=forms.RadioSelect
    )
    news = forms.CharField(
        label=_("News"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few lines: how is the group doing?"),
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that apply."),
    )
    resources = forms.CharField(
        label=_("Resources given"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_contact_on = forms.DateField(label=_("Next contact"), required=False, widget=DATE)

    def __init__(self, *args, rhythm_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.rhythm_days = rhythm_days
        self.fields["contacted_on"].initial = timezone.localdate
        self.fields["channel"].initial = Contact.Channel.VISIT
        self.fields["next_contact_on"].help_text = _(
            "Empty: in %(days)s days, the group's rhythm."
        ) % {"days": rhythm_days}

    def clean_contacted_on(self):
        day = self.cleaned_data["contacted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This day is in the future."))
        return day

    def clean(self):
        data = super().clean()
        day, following = data.get("contacted_on"), data.get("next_contact_on")
        if day and following and following <= day:
            self.add_error("next_contact_on", _("Choose a day after the contact."))
        if following and day and following > day + timedelta(days=366):
            self.add_error("next_contact_on", _("Choose a day within a year."))
        return data

    @staticmethod
    def initial_from(contact: Contact) -> dict:
        fields = ["contacted_on", "channel", "news", "needs", "resources", "next_steps"]
        return {name: getattr(contact, name) for name in fields} | {
            "next_contact_on": contact.next_contact_on
        }

    def note(self) -> ContactNote:
        data = self.cleaned_data
        return ContactNote(
            contacted_on=data["contacted_on"],
            channel=data["channel"],
            news=data["news"],
            needs=tuple(data["needs"]),
            resources=data["resources"],
            next_steps=data["next_steps"],
            next_contact_on=data["next_contact_on"],
        )


class RhythmForm(PlainForm):
    rhythm_days = forms.IntegerField(
        label=_("Contact every (days)"), min_value=7, max_value=365, initial=42
    )


class LaunchForm(PlainForm):
    steps = forms.MultipleChoiceField(
        label=_("Launch steps done"),
        choices=LaunchStep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
