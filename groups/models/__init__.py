from groups.models.communes import Commune
from groups.models.followup import (
    DEFAULT_RHYTHM_DAYS,
    Contact,
    FacilitationReminder,
    FollowUp,
    LaunchStep,
    Need,
)
from groups.models.groups import Group, GroupStatusChange, Membership
from groups.models.invitations import Invitation
from groups.models.kitchens import Equipment, FoodHub, Kitchen, KitchenBooking
from groups.models.partners import Partner

__all__ = [
    "DEFAULT_RHYTHM_DAYS",
    "Commune",
    "Contact",
    "Equipment",
    "FacilitationReminder",
    "FollowUp",
    "FoodHub",
    "Group",
    "GroupStatusChange",
    "Invitation",
    "Kitchen",
    "KitchenBooking",
    "LaunchStep",
    "Membership",
    "Need",
    "Partner",
]
