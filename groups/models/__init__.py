from groups.models.communes import Commune
from groups.models.groups import Group, GroupStatusChange, Membership
from groups.models.invitations import Invitation
from groups.models.kitchens import Equipment, FoodHub, Kitchen, KitchenBooking
from groups.models.partners import Partner

__all__ = [
    "Commune",
    "Equipment",
    "FoodHub",
    "Group",
    "GroupStatusChange",
    "Invitation",
    "Kitchen",
    "KitchenBooking",
    "Membership",
    "Partner",
]
