from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ConfirmForm, PlainForm, PlainModelForm
from core.uploads import ImageUploadField
from groups.models import Commune, Group, Membership


class GroupForm(PlainModelForm):
    logo = ImageUploadField(label=_("Logo"), required=False)

    class Meta:
        model = Group
        fields = [
            "name",
            "description",
            "commune",
            "neighbourhood",
            "frequency",
            "languages",
            "logo",
            "pricing",
            "settling",
            "treasurer",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "pricing": forms.RadioSelect,
            "settling": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The treasurer is one of the group's members, listed once (no query per drawing).
        members = [m.person for m in self.instance.memberships.listed()] if self.instance.pk else []
        field = self.fields["treasurer"]
        field.queryset = field.queryset.filter(pk__in=[person.pk for person in members])
        field.choices = [("", "—")] + [(person.pk, person.display_name) for person in members]
        field.help_text = _("Needed when everyone settles with the treasurer.")

    def clean(self):
        data = super().clean()
        if data.get("settling") == Group.Settling.TREASURER and not data.get("treasurer"):
            self.add_error("treasurer", _("Choose the treasurer."))
        return data


class StatusForm(PlainForm):
    status = forms.ChoiceField(label=_("New status"), choices=Group.Status.choices)
    note = forms.CharField(label=_("Why? (optional)"), max_length=200, required=False)


class MemberWithoutEmailForm(PlainForm):
    display_name = forms.CharField(label=_("Name"), max_length=80)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    share_phone = forms.BooleanField(label=_("The group may see this phone number"), required=False)


class MembershipForm(PlainForm):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class AttachEmailForm(PlainForm):
    email = forms.EmailField(label=_("E-mail, so this person can log in"))


class LeaveForm(ConfirmForm):
    """The box a referent ticks before a member leaves the group: inside its label, and
    the browser asks for it too."""

    def __init__(self, *args, **kwargs):
        label = _("Yes, this person leaves the group")
        super().__init__(*args, label=label, auto_id=False, use_required_attribute=True, **kwargs)


class InvitationForm(PlainForm):
    days = forms.IntegerField(
        label=_("Valid for how many days"), min_value=1, max_value=90, initial=14
    )
    max_uses = forms.IntegerField(
        label=_("For how many people"), min_value=1, max_value=200, initial=20
    )


class OverviewFilterForm(PlainForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Group.Status.choices], required=False
    )
    commune = forms.ChoiceField(
        label=_("Commune"), choices=[("", _("All")), *Commune.choices], required=False
    )


class BookingForm(PlainForm):
    # Most referents have one group: it is chosen already.
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), empty_label=None
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
