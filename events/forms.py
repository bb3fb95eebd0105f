from datetime import datetime, time, timedelta

from django import forms
from django.forms.models import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import PlainForm, PlainModelForm
from core.uploads import ImageUploadField
from events.models import Event, Workshop


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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _at(day, hour) -> datetime:
    return timezone.make_aware(datetime.combine(day, hour))


class EventForm(PlainModelForm):
    """An event as coordinators write it. Days and times are separate inputs, so a phone
    shows its own date and time pickers; they are joined into the event's times here."""

    day = forms.DateField(label=_("Day"), widget=DATE)
    starts = forms.TimeField(label=_("Starts at"), widget=TIME, initial=time(14))
    ends = forms.TimeField(label=_("Ends at"), widget=TIME, initial=time(17))
    end_day = forms.DateField(
        label=_("Ends on another day"),
        widget=DATE,
        required=False,
        help_text=_("Empty: the same day."),
    )
    opens_day = forms.DateField(
        label=_("Registration opens on"),
        widget=DATE,
        required=False,
        help_text=_("Empty: open now."),
    )
    opens_time = forms.TimeField(label=_("Opening time"), widget=TIME, required=False)
    closes_day = forms.DateField(
        label=_("Registration closes on"),
        widget=DATE,
        required=False,
        help_text=_("Empty: open until the event starts."),
    )
    closes_time = forms.TimeField(label=_("Closing time"), widget=TIME, required=False)
    cover = ImageUploadField(label=_("Cover photo"), required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "kitchen",
            "address",
            "audience",
            "cover",
            "capacity",
            "most_companions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.RadioSelect,
        }

    WHEN = ["day", "starts", "ends", "end_day"]
    WINDOW = ["opens_day", "opens_time", "closes_day", "closes_time"]

    def __init__(self, *args, kitchens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kitchen"].queryset = kitchens
        self.fields["kitchen"].empty_label = _("No kitchen: at the address below")
        self.fields["capacity"].widget.attrs.update(min=1, inputmode="numeric")
        self.fields["most_companions"].widget.attrs.update(inputmode="numeric")
        self.fields["capacity"].label = _("Places at the event")
        self.fields["most_companions"].max_value = 20
        event = self.instance
        if event.pk and not self.is_bound:
            starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
            self.initial.update(day=starts.date(), starts=starts.time(), ends=ends.time())
            if ends.date() != starts.date():
                self.initial["end_day"] = ends.date()
            for name, moment in (
                ("opens", event.registration_opens),
                ("closes", event.registration_closes),
            ):
                if moment:
                    moment = timezone.localtime(moment)
                    self.initial[f"{name}_day"] = moment.date()
                    self.initial[f"{name}_time"] = moment.time()
        elif not self.is_bound:
            self.initial.setdefault("day", timezone.localdate() + timedelta(days=14))

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("At least 1 place, or empty for no limit."))
        return capacity

    def clean(self):
        data = super().clean()
        if not data.get("kitchen") and not (data.get("address") or "").strip():
            self.add_error("address", _("Choose a kitchen or write an address."))
        if self.has_error("day") or self.has_error("starts") or self.has_error("ends"):
            return data
        starts_at = _at(data["day"], data["starts"])
        ends_at = _at(data.get("end_day") or data["day"], data["ends"])
        if ends_at <= starts_at:
            self.add_error(
                "ends", _("The event must end after it starts: check the times and days.")
            )
        if self.instance.pk is None and starts_at < timezone.now():
            self.add_error("day", _("This day is already past."))
        opens = self._moment(data, "opens", time(0))
        closes = self._moment(data, "closes", time(23, 59))
        if closes and closes > starts_at:
            self.add_error("closes_day", _("Registration must close before the event starts."))
        elif opens and closes and opens >= closes:
            self.add_error("closes_day", _("Registration must close after it opens."))
        elif opens and opens > starts_at:
            self.add_error("opens_day", _("Registration must open before the event starts."))
        if not self.errors:
            event = self.instance
            event.starts_at, event.ends_at = starts_at, ends_at
            event.registration_opens, event.registration_closes = opens, closes
        return data

    def _moment(self, data, name: str, default_time: time) -> datetime | None:
        day, hour = data.get(f"{name}_day"), data.get(f"{name}_time")
        if day is None:
            if hour is not None:
                self.add_error(f"{name}_day", _("Give the day too."))
            return None
        return _at(day, hour or default_time)


class WorkshopForm(PlainModelForm):
    class Meta:
        model = Workshop
        fields = ["slot", "title", "host", "places"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].widget.attrs.update(min=1, inputmode="numeric")
        self.fields["places"].help_text = _("Empty: no limit.")

    def clean_places(self):
        places = self.cleaned_data.get("places")
        if places is not None and places < 1:
            raise forms.ValidationError(_("At least 1 place, or empty for no limit."))
        return places


WorkshopFormSet = inlineformset_factory(
    Event,
    Workshop,
    form=WorkshopForm,
    extra=0,
    can_delete=True,
    max_num=30,
    validate_max=True,
)
