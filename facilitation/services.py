"""The few writes of facilitation: a contact, the rhythm, the launch steps."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from accounts.models import User
from facilitation.models import Contact, FollowUp, LaunchStep, Need
from groups.models import Group


@dataclass(frozen=True)
class ContactNote:
    contacted_on: date
    channel: str
    news: str = ""
    needs: tuple[str, ...] = ()
    resources: str = ""
    next_steps: str = ""
    next_contact_on: date | None = None


@transaction.atomic
def log_contact(group: Group, note: ContactNote, *, by: User) -> Contact:
    """Write down a contact with a group. Its needs are the group's open needs until the
    next contact."""
    return Contact.objects.create(
        group=group,
        contacted_on=note.contacted_on,
        channel=note.channel,
        news=note.news,
        needs=[need.value for need in Need if need.value in note.needs],
        resources=note.resources,
        next_steps=note.next_steps,
        next_contact_on=note.next_contact_on,
        by=by,
    )


@transaction.atomic
def change_contact(contact: Contact, note: ContactNote) -> Contact:
    """Correct what was written down about a contact (who wrote it first stays)."""
    contact.contacted_on = note.contacted_on
    contact.channel = note.channel
    contact.news = note.news
    contact.needs = [need.value for need in Need if need.value in note.needs]
    contact.resources = note.resources
    contact.next_steps = note.next_steps
    contact.next_contact_on = note.next_contact_on
    contact.save()
    return contact


@transaction.atomic
def set_rhythm(group: Group, days: int) -> None:
    FollowUp.objects.update_or_create(group=group, defaults={"rhythm_days": days})


@transaction.atomic
def set_launch_steps(group: Group, steps) -> list[str]:
    """Record the launch steps done (the whole list, as ticked on the page)."""
    done = [step.value for step in LaunchStep if step.value in set(steps)]
    FollowUp.objects.update_or_create(group=group, defaults={"launch_steps": done})
    return done
