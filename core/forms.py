import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class FormRenderer(DjangoTemplates):
    """Django's renderer with our one field template (settings.FORM_RENDERER):
    `{{ field.as_field_group }}` shows the label, the help text, the errors, then the input,
    as every form of the member space does."""

    field_template_name = "core/field.html"


class PlainForm(forms.Form):
    """Labels without a trailing colon, as everywhere in the member space."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PlainModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ConfirmForm(PlainForm):
    """The box to tick before what cannot be undone; the caller gives its sentence
    (`ConfirmForm(request.POST, label=_("Yes, delete this recipe"))`). Left unticked, the
    form is not valid: "Tick the box to confirm.".

    The box is `id="confirm"`, posts "1" and has no `required` attribute, so the browser
    sends the form and the page says what is missing; Form's own `auto_id` and
    `use_required_attribute` change that. A page that says the refusal in a message shows
    an unbound form again: the bound one would mark the box invalid, pointing at an error
    the page does not show."""

    confirm = forms.BooleanField(
        widget=forms.CheckboxInput(attrs={"value": "1"}),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args: Any, label: "str | _StrPromise", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label


class EuroField(forms.CharField):
    """An amount of money typed as people type it here — "38,40", "38.40", "38,40 €",
    "€ 1.234,50" — cleaned to whole cents (int). Refuses 0 and less, and absurd amounts."""

    default_error_messages = {
        "invalid": _("Write an amount like 12,50."),
        "not_positive": _("The amount must be more than 0 €."),
        "too_much": _("That is a lot: %(limit)s at most. Check the amount."),
    }

    MAX_TYPED = 20  # characters; checked on the text, since the field cleans to an int

    def __init__(self, *, max_cents: int = 100_000, **kwargs: Any) -> None:
        self.max_cents = max_cents
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": self.MAX_TYPED})
        return attrs

    # It cleans the typed text to cents, as IntegerField does (django-stubs says a CharField
    # cleans to a str).
    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        cents = parse_euros(text) if len(text) <= self.MAX_TYPED else None
        if cents is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if cents <= 0:
            raise ValidationError(self.error_messages["not_positive"], code="not_positive")
        if cents > self.max_cents:
            raise ValidationError(
                self.error_messages["too_much"],
                code="too_much",
                params={"limit": f"{self.max_cents // 100} €"},
            )
        return cents

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return f"{value // 100},{value % 100:02d}"
        return value


AMOUNT = re.compile(
    r"^(?P<sign>[-−]?)(?P<units>\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?$"
)


def parse_euros(text: str) -> int | None:
    """Cents from "38,40", "38.40", "38,40 €", "€38.4", "1.234,50", "1 234,50"; None if
    it is not an amount. A dot or comma followed by exactly three digits groups
    thousands ("1.234" is 1,234 €); followed by one or two, it marks the cents."""
    text = text.strip().replace("€", "").replace("EUR", "").strip()
    match = AMOUNT.match(text)
    if not match:
        return None
    units = re.sub(r"\D", "", match["units"])
    cents = int(units) * 100 + int((match["cents"] or "0").ljust(2, "0"))
    return -cents if match["sign"] else cents
