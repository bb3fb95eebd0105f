from django.db import models
from django.utils.translation import gettext_lazy as _


class Commune(models.TextChoices):
    """The 19 communes of the Brussels-Capital Region (names as the region writes them)."""

    ANDERLECHT = "anderlecht", "Anderlecht"
    AUDERGHEM = "auderghem", _("Auderghem")
    BERCHEM = "berchem-sainte-agathe", _("Berchem-Sainte-Agathe")
    BRUXELLES = "bruxelles", _("Brussels (city)")
    ETTERBEEK = "etterbeek", "Etterbeek"
    EVERE = "evere", "Evere"
    FOREST = "forest", _("Forest")
    GANSHOREN = "ganshoren", "Ganshoren"
    IXELLES = "ixelles", _("Ixelles")
    JETTE = "jette", "Jette"
    KOEKELBERG = "koekelberg", "Koekelberg"
    MOLENBEEK = "molenbeek-saint-jean", _("Molenbeek-Saint-Jean")
    SAINT_GILLES = "saint-gilles", _("Saint-Gilles")
    SAINT_JOSSE = "saint-josse-ten-noode", _("Saint-Josse-ten-Noode")
    SCHAERBEEK = "schaerbeek", _("Schaerbeek")
    UCCLE = "uccle", _("Uccle")
    WATERMAEL = "watermael-boitsfort", _("Watermael-Boitsfort")
    WOLUWE_LAMBERT = "woluwe-saint-lambert", _("Woluwe-Saint-Lambert")
    WOLUWE_PIERRE = "woluwe-saint-pierre", _("Woluwe-Saint-Pierre")
