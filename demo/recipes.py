"""Demo foods, prices and recipes: everyday meals cooked in big batches (16 portions) by
the neighbourhood groups, at cost price. Brussels prices of 2026."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.food_names import FOOD_NAMES
from groups.models import Group
from recipes.allergens import Allergen, to_mask
from recipes.models import Food, Ingredient, Price, Recipe, RecipeEquipment, Step, month_bit

C = Food.Category
B = Food.SoldBy
A = Allergen
GLUTEN, MILK, EGGS, FISH, SOY = A.GLUTEN, A.MILK, A.EGGS, A.FISH, A.SOY
CELERY, MUSTARD, SESAME, SULPHITES = A.CELERY, A.MUSTARD, A.SESAME, A.SULPHITES
PEANUTS, NUTS = A.PEANUTS, A.NUTS

# name, plural, shop section, sold by, allergens, flags, grams per piece, grams per litre.
# Flags: meat, pork, fish, dairy, egg, animal (honey), alcohol.
FOODS = [
    # Fruit and vegetables
    ("carotte", "carottes", C.VEGETABLES, B.MASS, (), "", 100, None),
    ("oignon", "oignons", C.VEGETABLES, B.MASS, (), "", 150, None),
    ("gousse d'ail", "gousses d'ail", C.VEGETABLES, B.MASS, (), "", 5, None),
    ("pomme de terre", "pommes de terre", C.VEGETABLES, B.MASS, (), "", 180, None),
    ("courgette", "courgettes", C.VEGETABLES, B.MASS, (), "", 250, None),
    ("aubergine", "aubergines", C.VEGETABLES, B.MASS, (), "", 300, None),
    ("poivron", "poivrons", C.VEGETABLES, B.MASS, (), "", 150, None),
    ("tomate", "tomates", C.VEGETABLES, B.MASS, (), "", 120, None),
    ("citron", "citrons", C.VEGETABLES, B.COUNT, (), "", 100, None),
    ("poireau", "poireaux", C.VEGETABLES, B.MASS, (), "", 200, None),
    ("céleri-rave", "céleris-raves", C.VEGETABLES, B.MASS, (CELERY,), "", 800, None),
    ("branche de céleri", "branches de céleri", C.VEGETABLES, B.MASS, (CELERY,), "", 40, None),
    ("potiron", "potirons", C.VEGETABLES, B.MASS, (), "", 2500, None),
    ("patate douce", "patates douces", C.VEGETABLES, B.MASS, (), "", 300, None),
    ("navet", "navets", C.VEGETABLES, B.MASS, (), "", 150, None),
    ("chou blanc", "choux blancs", C.VEGETABLES, B.MASS, (), "", 1200, None),
    ("chou-fleur", "choux-fleurs", C.VEGETABLES, B.MASS, (), "", 1000, None),
    ("gingembre frais", "", C.VEGETABLES, B.MASS, (), "", None, None),
    ("persil", "", C.VEGETABLES, B.BUNCH, (), "", None, None),
    ("coriandre", "", C.VEGETABLES, B.BUNCH, (), "", None, None),
    ("basilic", "", C.VEGETABLES, B.BUNCH, (), "", None, None),
    ("menthe", "", C.VEGETABLES, B.BUNCH, (), "", None, None),
    ("thym frais", "", C.VEGETABLES, B.BUNCH, (), "", None, None),
    # Bread
    ("pain", "pains", C.BAKERY, B.COUNT, (GLUTEN,), "", 800, None),
    ("pain d'épices", "", C.BAKERY, B.MASS, (GLUTEN,), "", 25, None),
    # Meat and fish
    ("cuisse de poulet", "cuisses de poulet", C.MEAT_FISH, B.MASS, (), "meat", 220, None),
    ("bœuf haché", "", C.MEAT_FISH, B.MASS, (), "meat", None, None),
    ("haché porc et bœuf", "", C.MEAT_FISH, B.MASS, (), "meat pork", None, None),
    ("bœuf à braiser", "", C.MEAT_FISH, B.MASS, (), "meat", None, None),
    ("lardons", "", C.MEAT_FISH, B.MASS, (), "meat pork", None, None),
    ("dés de jambon", "", C.MEAT_FISH, B.MASS, (), "meat pork", None, None),
    ("saucisse fumée", "saucisses fumées", C.MEAT_FISH, B.MASS, (), "meat pork", 275, None),
    # Dairy and eggs
    ("lait demi-écrémé", "", C.DAIRY, B.VOLUME, (MILK,), "dairy", None, 1030),
    ("beurre", "", C.DAIRY, B.MASS, (MILK,), "dairy", None, 910),
    ("crème liquide", "", C.DAIRY, B.VOLUME, (MILK,), "dairy", None, 1010),
    ("fromage râpé", "", C.DAIRY, B.MASS, (MILK,), "dairy", None, None),
    ("yaourt nature", "yaourts nature", C.DAIRY, B.MASS, (MILK,), "dairy", 125, 1040),
    ("feta", "", C.DAIRY, B.MASS, (MILK,), "dairy", None, None),
    ("parmesan", "", C.DAIRY, B.MASS, (MILK,), "dairy", None, None),
    ("œuf", "œufs", C.DAIRY, B.COUNT, (EGGS,), "egg", 60, None),
    # Rice, pasta, flour, pulses
    ("riz long", "", C.DRY, B.MASS, (), "", None, None),
    ("riz basmati", "", C.DRY, B.MASS, (), "", None, None),
    ("penne", "", C.DRY, B.MASS, (GLUTEN,), "", None, None),
    ("spaghetti", "", C.DRY, B.MASS, (GLUTEN,), "", None, None),
    ("feuilles de lasagne", "", C.DRY, B.MASS, (GLUTEN,), "", None, None),
    ("semoule de couscous", "", C.DRY, B.MASS, (GLUTEN,), "", None, None),
    ("boulgour", "", C.DRY, B.MASS, (GLUTEN,), "", None, None),
    ("farine de blé", "", C.DRY, B.MASS, (GLUTEN,), "", None, 550),
    ("lentilles corail", "", C.DRY, B.MASS, (), "", None, None),
    ("lentilles vertes", "", C.DRY, B.MASS, (), "", None, None),
    ("pois chiches secs", "", C.DRY, B.MASS, (), "", None, None),
    ("pois cassés", "", C.DRY, B.MASS, (), "", None, None),
    ("sucre", "", C.DRY, B.MASS, (), "", None, 850),
    ("cassonade", "", C.DRY, B.MASS, (), "", None, 800),
    ("amandes effilées", "", C.DRY, B.MASS, (NUTS,), "", None, None),
    ("noix de cajou", "", C.DRY, B.MASS, (NUTS,), "", None, None),
    ("graines de sésame", "", C.DRY, B.MASS, (SESAME,), "", None, 600),
    # Tins and jars
    ("tomates concassées (boîte)", "", C.TINS, B.COUNT, (), "", 400, None),
    ("concentré de tomate", "", C.TINS, B.MASS, (), "", None, 1100),
    ("pois chiches (boîte)", "", C.TINS, B.COUNT, (), "", 400, None),
    ("haricots rouges (boîte)", "", C.TINS, B.COUNT, (), "", 400, None),
    ("maïs (boîte)", "", C.TINS, B.COUNT, (), "", 285, None),
    ("thon au naturel (boîte)", "", C.TINS, B.COUNT, (FISH,), "fish", 140, None),
    ("lait de coco", "", C.TINS, B.VOLUME, (), "", None, 1000),
    ("pâte d'arachide", "", C.TINS, B.MASS, (PEANUTS,), "", None, 1050),
    ("miel", "", C.TINS, B.MASS, (), "animal", None, 1400),
    ("purée de sésame (tahini)", "", C.TINS, B.MASS, (SESAME,), "", None, 1000),
    # Oil, vinegar, sauces
    ("huile de tournesol", "", C.OILS, B.VOLUME, (), "", None, 920),
    ("huile d'olive", "", C.OILS, B.VOLUME, (), "", None, 920),
    ("sauce soja", "", C.OILS, B.VOLUME, (SOY, GLUTEN), "", None, 1150),
    ("moutarde", "", C.OILS, B.MASS, (MUSTARD,), "", None, 1050),
    ("bouillon de légumes", "", C.OILS, B.VOLUME, (CELERY,), "", None, 1000),
    # Spices and herbs
    ("sel", "", C.SPICES, B.MASS, (), "", None, 1200),
    ("poivre noir moulu", "", C.SPICES, B.MASS, (), "", None, 500),
    ("cumin moulu", "", C.SPICES, B.MASS, (), "", None, 450),
    ("curry en poudre", "", C.SPICES, B.MASS, (), "", None, 450),
    ("paprika", "", C.SPICES, B.MASS, (), "", None, 450),
    ("curcuma", "", C.SPICES, B.MASS, (), "", None, 500),
    ("piment en poudre", "", C.SPICES, B.MASS, (), "", None, 450),
    ("herbes de Provence", "", C.SPICES, B.MASS, (), "", None, 250),
    ("feuille de laurier", "feuilles de laurier", C.SPICES, B.MASS, (), "", 0.2, None),
    ("ras el hanout", "", C.SPICES, B.MASS, (), "", None, 450),
    ("garam masala", "", C.SPICES, B.MASS, (), "", None, 450),
    # Frozen food
    ("épinards hachés surgelés", "", C.FROZEN, B.MASS, (), "", None, None),
    ("petits pois surgelés", "", C.FROZEN, B.MASS, (), "", None, None),
    ("colin surgelé", "", C.FROZEN, B.MASS, (FISH,), "fish", None, None),
    # Drinks
    ("bière brune", "", C.DRINKS, B.VOLUME, (GLUTEN,), "alcohol", None, 1010),
    ("vin rouge", "", C.DRINKS, B.VOLUME, (SULPHITES,), "alcohol", None, 990),
]

MIDI = "Marché du Midi"
COLRUYT = "Colruyt"
LIDL = "Lidl"
BOUCHERIE = "Boucherie Sainte-Marie"
EPICERIE = "Épicerie Al Baraka"
BOULANGERIE = "Boulangerie de la place Liedts"

# The movement's price of each food: food, cents, for this quantity, unit, shop, days ago.
# "ras el hanout" and "garam masala" have no price yet; three prices are over a year old.
PRICES = [
    ("carotte", 189, "1", "kg", MIDI, 12),
    ("oignon", 149, "1", "kg", MIDI, 12),
    ("gousse d'ail", 890, "1", "kg", MIDI, 12),
    ("pomme de terre", 599, "5", "kg", COLRUYT, 20),
    ("courgette", 249, "1", "kg", MIDI, 12),
    ("aubergine", 299, "1", "kg", MIDI, 12),
    ("poivron", 349, "1", "kg", MIDI, 12),
    ("tomate", 279, "1", "kg", MIDI, 12),
    ("citron", 35, "1", "piece", MIDI, 12),
    ("poireau", 229, "1", "kg", MIDI, 30),
    ("céleri-rave", 249, "1", "kg", MIDI, 30),
    ("branche de céleri", 299, "1", "kg", COLRUYT, 45),
    ("potiron", 199, "1", "kg", MIDI, 60),
    ("patate douce", 299, "1", "kg", MIDI, 30),
    ("navet", 199, "1", "kg", MIDI, 30),
    ("chou blanc", 149, "1", "kg", MIDI, 30),
    ("chou-fleur", 229, "1", "kg", MIDI, 30),
    ("gingembre frais", 699, "1", "kg", EPICERIE, 40),
    ("persil", 99, "1", "bunch", MIDI, 12),
    ("coriandre", 99, "1", "bunch", MIDI, 12),
    ("basilic", 179, "1", "bunch", COLRUYT, 50),
    ("menthe", 99, "1", "bunch", MIDI, 12),
    ("thym frais", 149, "1", "bunch", COLRUYT, 50),
    ("pain", 245, "1", "piece", BOULANGERIE, 8),
    ("pain d'épices", 199, "500", "g", COLRUYT, 35),
    ("cuisse de poulet", 899, "1", "kg", BOUCHERIE, 15),
    ("bœuf haché", 1199, "1", "kg", BOUCHERIE, 15),
    ("haché porc et bœuf", 849, "1", "kg", COLRUYT, 15),
    ("bœuf à braiser", 1490, "1", "kg", BOUCHERIE, 15),
    ("lardons", 545, "500", "g", COLRUYT, 40),
    ("dés de jambon", 1290, "1", "kg", COLRUYT, 40),
    ("saucisse fumée", 990, "1", "kg", COLRUYT, 70),
    ("lait demi-écrémé", 99, "1", "l", COLRUYT, 20),
    ("beurre", 239, "250", "g", COLRUYT, 20),
    ("crème liquide", 175, "50", "cl", COLRUYT, 20),
    ("fromage râpé", 899, "1", "kg", COLRUYT, 20),
    ("yaourt nature", 179, "1", "kg", COLRUYT, 20),
    ("feta", 1090, "1", "kg", LIDL, 50),
    ("parmesan", 1990, "1", "kg", LIDL, 50),
    ("œuf", 30, "1", "piece", COLRUYT, 20),
    ("riz long", 249, "1", "kg", COLRUYT, 20),
    ("riz basmati", 349, "1", "kg", EPICERIE, 40),
    ("penne", 169, "1", "kg", COLRUYT, 20),
    ("spaghetti", 159, "1", "kg", COLRUYT, 20),
    ("feuilles de lasagne", 299, "1", "kg", COLRUYT, 20),
    ("semoule de couscous", 199, "1", "kg", EPICERIE, 40),
    ("boulgour", 299, "1", "kg", EPICERIE, 40),
    ("farine de blé", 89, "1", "kg", COLRUYT, 20),
    ("lentilles corail", 349, "1", "kg", COLRUYT, 20),
    ("lentilles vertes", 299, "1", "kg", COLRUYT, 20),
    ("pois chiches secs", 279, "1", "kg", EPICERIE, 40),
    ("pois cassés", 229, "1", "kg", COLRUYT, 70),
    ("sucre", 139, "1", "kg", COLRUYT, 20),
    ("cassonade", 249, "1", "kg", COLRUYT, 70),
    ("amandes effilées", 1790, "1", "kg", LIDL, 450),
    ("noix de cajou", 1690, "1", "kg", LIDL, 50),
    ("graines de sésame", 990, "1", "kg", EPICERIE, 40),
    ("tomates concassées (boîte)", 79, "1", "piece", COLRUYT, 20),
    ("concentré de tomate", 449, "1", "kg", COLRUYT, 20),
    ("pois chiches (boîte)", 89, "1", "piece", COLRUYT, 20),
    ("haricots rouges (boîte)", 79, "1", "piece", COLRUYT, 20),
    ("maïs (boîte)", 99, "1", "piece", COLRUYT, 20),
    ("thon au naturel (boîte)", 149, "1", "piece", LIDL, 50),
    ("lait de coco", 159, "400", "ml", EPICERIE, 40),
    ("pâte d'arachide", 690, "1", "kg", EPICERIE, 40),
    ("miel", 1290, "1", "kg", COLRUYT, 70),
    ("purée de sésame (tahini)", 1190, "1", "kg", EPICERIE, 520),
    ("huile de tournesol", 279, "1", "l", COLRUYT, 20),
    ("huile d'olive", 899, "1", "l", COLRUYT, 20),
    ("sauce soja", 299, "50", "cl", EPICERIE, 40),
    ("moutarde", 399, "1", "kg", COLRUYT, 70),
    ("bouillon de légumes", 40, "1", "l", COLRUYT, 20),  # cubes: 1 cube for 0,5 l
    ("sel", 59, "1", "kg", COLRUYT, 20),
    ("poivre noir moulu", 2990, "1", "kg", EPICERIE, 40),
    ("cumin moulu", 1990, "1", "kg", EPICERIE, 40),
    ("curry en poudre", 1790, "1", "kg", EPICERIE, 40),
    ("paprika", 1990, "1", "kg", EPICERIE, 40),
    ("curcuma", 1690, "1", "kg", EPICERIE, 40),
    ("piment en poudre", 1990, "1", "kg", EPICERIE, 40),
    ("herbes de Provence", 2990, "1", "kg", COLRUYT, 70),
    ("feuille de laurier", 3900, "1", "kg", EPICERIE, 400),
    ("épinards hachés surgelés", 279, "1", "kg", COLRUYT, 20),
    ("petits pois surgelés", 249, "1", "kg", COLRUYT, 20),
    ("colin surgelé", 949, "1", "kg", LIDL, 50),
    ("bière brune", 195, "75", "cl", COLRUYT, 410),
    ("vin rouge", 449, "75", "cl", COLRUYT, 70),
]

# "Ça Chauffe" buys some things cheaper from its suppliers: group, food, cents, quantity,
# unit, supplier, days ago.
GROUP_PRICES = [
    ("ca-chauffe", "carotte", 95, "1", "kg", "Cultureghem", 10),
    ("ca-chauffe", "oignon", 99, "1", "kg", "Cultureghem", 10),
    ("ca-chauffe", "lentilles corail", 280, "1", "kg", "VRAC", 25),
    ("ca-chauffe", "pois chiches secs", 220, "1", "kg", "VRAC", 25),
]


def _season(*months: int) -> int:
    return sum(month_bit(month) for month in months)


WINTER = _season(10, 11, 12, 1, 2, 3)
SUMMER = _season(6, 7, 8, 9)

POT_20 = ("Marmite", "20 l", 1)
POT_10 = ("Marmite", "10 l", 1)
BOARDS = ("Planche à découper", "", 4, False)  # as many as hands, not portions
KNIVES = ("Couteau", "", 4, False)
PEELERS = ("Éplucheur", "", 4, False)
BLENDER = ("Mixeur plongeant", "", 1, False)
OVEN = ("Four", "", 1, False)
TRAYS = ("Plat à four", "40 × 30 cm", 3)
SALT = (None, "g", "sel", "à volonté")
PEPPER = (None, "g", "poivre noir moulu", "à volonté")
ZOUT = (None, "g", "sel", "naar smaak")
PEPER = (None, "g", "poivre noir moulu", "naar smaak")

CA_CHAUFFE = ("ca-chauffe", "referente@example.org")
MOSAIQUES = ("les-mosaiques-de-saveurs", "nadia@example.org")
CASA = ("cuisine-casa", "facilitation@example.org")
JETTE = ("jette-ta-recette-cbo", "facilitation@example.org")

# Quantities for 16 portions. Ingredients: quantity, unit, food, note[, scales];
# equipment: name, size, how many[, more for more portions].
RECIPES = [
    {
        "title": "Soupe de légumes de saison",
        "by": CA_CHAUFFE,
        "summary": "La soupe de tous les samedis d'hiver, avec les légumes du marché.",
        "prep": 40,
        "cook": 40,
        "season": WINTER,
        "fridge": 3,
        "freezer": 3,
        "sterilise": True,
        "equipment": [POT_20, BLENDER, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("800", "g", "carotte", "en rondelles"),
            ("1", "kg", "poireau", "en rondelles"),
            ("1.2", "kg", "pomme de terre", "en dés"),
            ("3", "piece", "oignon", "émincés"),
            ("500", "g", "céleri-rave", "en dés"),
            ("4", "tbsp", "huile de tournesol", ""),
            ("4", "l", "bouillon de légumes", ""),
            ("1", "bunch", "persil", "haché"),
            ("2", "piece", "pain", "pour servir"),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Épluchez et coupez tous les légumes.",
            "Faites revenir les oignons et les poireaux dans l'huile, 5 minutes.",
            "Ajoutez les autres légumes et le bouillon. Laissez cuire 30 minutes.",
            "Mixez. Goûtez, puis salez et poivrez.",
            "Servez avec le persil et le pain.",
        ],
    },
    {
        "title": "Tajine de poulet aux légumes",
        "by": MOSAIQUES,
        "summary": "Poulet mijoté aux épices douces, carottes, courgettes et citron.",
        "prep": 40,
        "cook": 60,
        "fridge": 3,
        "freezer": 3,
        "equipment": [POT_20, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("16", "piece", "cuisse de poulet", ""),
            ("4", "piece", "oignon", "émincés"),
            ("6", "piece", "gousse d'ail", "écrasées"),
            ("1.2", "kg", "carotte", "en bâtonnets"),
            ("1.5", "kg", "courgette", "en gros morceaux"),
            ("1.5", "kg", "pomme de terre", "en quartiers"),
            ("30", "g", "gingembre frais", "râpé"),
            ("2", "tbsp", "ras el hanout", ""),
            ("1", "tsp", "curcuma", ""),
            ("6", "tbsp", "huile d'olive", ""),
            ("1", "l", "bouillon de légumes", ""),
            ("2", "piece", "citron", "en quartiers"),
            ("100", "g", "amandes effilées", "grillées"),
            ("1", "bunch", "coriandre", "hachée"),
            SALT,
        ],
        "steps": [
            "Faites dorer le poulet dans l'huile. Retirez-le.",
            "Faites revenir les oignons, l'ail, le gingembre et les épices.",
            "Remettez le poulet. Ajoutez les carottes, les pommes de terre et le bouillon.",
            "Couvrez et laissez cuire 40 minutes. Ajoutez les courgettes et le citron "
            "pour les 20 dernières minutes.",
            "Servez avec les amandes et la coriandre.",
        ],
    },
    {
        "title": "Tajine aux pois chiches (variante)",
        "by": CASA,
        "variant_of": "Tajine de poulet aux légumes",
        "summary": "Le tajine des Mosaïques sans viande : pois chiches, patate douce et miel.",
        "prep": 35,
        "cook": 45,
        "fridge": 4,
        "freezer": 3,
        "equipment": [POT_20, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("8", "piece", "pois chiches (boîte)", "égouttés"),
            ("4", "piece", "oignon", "émincés"),
            ("6", "piece", "gousse d'ail", "écrasées"),
            ("1.5", "kg", "carotte", "en bâtonnets"),
            ("1.5", "kg", "courgette", "en gros morceaux"),
            ("1", "kg", "patate douce", "en cubes"),
            ("1", "kg", "pomme de terre", "en quartiers"),
            ("2", "tbsp", "ras el hanout", ""),
            ("1", "tsp", "curcuma", ""),
            ("3", "tbsp", "miel", ""),
            ("6", "tbsp", "huile d'olive", ""),
            ("1.5", "l", "bouillon de légumes", ""),
            ("2", "piece", "citron", "en quartiers"),
            ("1", "bunch", "coriandre", "hachée"),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons, l'ail et les épices dans l'huile.",
            "Ajoutez les carottes, les patates douces, les pommes de terre et le bouillon.",
            "Laissez cuire 25 minutes, puis ajoutez les courgettes, les pois chiches, "
            "le miel et le citron.",
            "Laissez encore cuire 15 minutes. Servez avec la coriandre.",
        ],
    },
    {
        "title": "Dahl de lentilles corail",
        "by": CA_CHAUFFE,
        "summary": "Lentilles corail au lait de coco et aux épices, avec du riz basmati.",
        "prep": 20,
        "cook": 35,
        "fridge": 4,
        "freezer": 3,
        "sterilise": True,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES],
        "ingredients": [
            ("1.6", "kg", "lentilles corail", "rincées"),
            ("4", "piece", "oignon", "émincés"),
            ("8", "piece", "gousse d'ail", "hachées"),
            ("50", "g", "gingembre frais", "râpé"),
            ("4", "tbsp", "huile de tournesol", ""),
            ("2", "tsp", "curcuma", ""),
            ("2", "tsp", "cumin moulu", ""),
            ("2", "tbsp", "garam masala", ""),
            ("2", "piece", "tomates concassées (boîte)", ""),
            ("1.6", "l", "lait de coco", ""),
            ("2", "l", "bouillon de légumes", ""),
            ("2", "piece", "citron", "le jus"),
            ("1", "bunch", "coriandre", "hachée"),
            ("1.6", "kg", "riz basmati", ""),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons, l'ail et le gingembre dans l'huile.",
            "Ajoutez les épices et mélangez 1 minute.",
            "Ajoutez les lentilles, les tomates, le lait de coco et le bouillon. "
            "Laissez cuire 25 minutes en remuant souvent.",
            "Faites cuire le riz dans la deuxième marmite.",
            "Ajoutez le jus de citron et la coriandre au dahl. Servez avec le riz.",
        ],
    },
    {
        "title": "Spaghetti bolognaise",
        "by": JETTE,
        "summary": "La sauce tomate à la viande hachée que tout le monde aime.",
        "prep": 30,
        "cook": 60,
        "fridge": 3,
        "freezer": 3,
        "conservation_note": "Congelez la sauce seule, sans les pâtes.",
        "equipment": [POT_20, POT_10, BOARDS, KNIVES, ("Passoire", "", 1)],
        "ingredients": [
            ("1.6", "kg", "bœuf haché", ""),
            ("4", "piece", "oignon", "hachés"),
            ("600", "g", "carotte", "en petits dés"),
            ("5", "piece", "branche de céleri", "en petits dés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("4", "tbsp", "huile d'olive", ""),
            ("6", "piece", "tomates concassées (boîte)", ""),
            ("4", "tbsp", "concentré de tomate", ""),
            ("2", "tbsp", "herbes de Provence", ""),
            ("1.6", "kg", "spaghetti", ""),
            ("400", "g", "fromage râpé", "pour servir"),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites revenir les oignons, les carottes, le céleri et l'ail dans l'huile.",
            "Ajoutez la viande et faites-la dorer en l'émiettant.",
            "Ajoutez les tomates, le concentré et les herbes. Laissez cuire 45 minutes "
            "à petit feu.",
            "Faites cuire les spaghetti dans beaucoup d'eau salée. Égouttez.",
            "Servez avec la sauce et le fromage.",
        ],
    },
    {
        "title": "Bolognaise aux lentilles (variante)",
        "by": CASA,
        "variant_of": "Spaghetti bolognaise",
        "summary": "La bolognaise de Jette, avec des lentilles vertes à la place de la viande.",
        "prep": 30,
        "cook": 50,
        "fridge": 4,
        "freezer": 3,
        "sterilise": True,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES, ("Passoire", "", 1)],
        "ingredients": [
            ("800", "g", "lentilles vertes", "rincées"),
            ("4", "piece", "oignon", "hachés"),
            ("600", "g", "carotte", "en petits dés"),
            ("5", "piece", "branche de céleri", "en petits dés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("4", "tbsp", "huile d'olive", ""),
            ("6", "piece", "tomates concassées (boîte)", ""),
            ("4", "tbsp", "concentré de tomate", ""),
            ("2", "tbsp", "herbes de Provence", ""),
            ("1.5", "l", "bouillon de légumes", ""),
            ("1.6", "kg", "spaghetti", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites revenir les oignons, les carottes, le céleri et l'ail dans l'huile.",
            "Ajoutez les lentilles, les tomates, le concentré, les herbes et le bouillon.",
            "Laissez cuire 40 minutes à petit feu. Ajoutez un peu d'eau si besoin.",
            "Faites cuire les spaghetti. Égouttez et servez avec la sauce.",
        ],
    },
    {
        "title": "Couscous aux légumes",
        "by": MOSAIQUES,
        "summary": "Semoule, pois chiches et sept légumes dans un bouillon parfumé.",
        "prep": 45,
        "cook": 60,
        "fridge": 3,
        "freezer": 3,
        "conservation_note": "Mettez les pois chiches à tremper la veille.",
        "equipment": [POT_20, ("Grand saladier", "", 2), BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("600", "g", "pois chiches secs", "trempés une nuit"),
            ("4", "piece", "oignon", "en quartiers"),
            ("1.5", "kg", "carotte", "en gros tronçons"),
            ("1.5", "kg", "courgette", "en gros tronçons"),
            ("1", "kg", "navet", "en quartiers"),
            ("2", "piece", "tomates concassées (boîte)", ""),
            ("3", "tbsp", "concentré de tomate", ""),
            ("2", "tbsp", "ras el hanout", ""),
            ("1", "tsp", "cumin moulu", ""),
            ("8", "tbsp", "huile d'olive", ""),
            ("3", "l", "bouillon de légumes", ""),
            ("1.6", "kg", "semoule de couscous", ""),
            ("1", "bunch", "coriandre", ""),
            SALT,
        ],
        "steps": [
            "Faites cuire les pois chiches 45 minutes dans de l'eau, sans sel.",
            "Faites revenir les oignons dans l'huile avec les épices et le concentré.",
            "Ajoutez le bouillon, les tomates, les carottes et les navets. "
            "Laissez cuire 20 minutes.",
            "Ajoutez les courgettes et les pois chiches. Laissez cuire 15 minutes.",
            "Versez la semoule dans les saladiers avec autant d'eau bouillante salée. "
            "Couvrez 5 minutes, puis égrainez à la fourchette.",
        ],
    },
    {
        "title": "Ratatouille et riz",
        "by": CA_CHAUFFE,
        "summary": "Les légumes du soleil cuits doucement à l'huile d'olive.",
        "prep": 45,
        "cook": 60,
        "season": SUMMER,
        "fridge": 4,
        "freezer": 6,
        "sterilise": True,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES],
        "ingredients": [
            ("2", "kg", "courgette", "en dés"),
            ("1.5", "kg", "aubergine", "en dés"),
            ("10", "piece", "poivron", "en lanières"),
            ("2", "kg", "tomate", "en morceaux"),
            ("4", "piece", "oignon", "émincés"),
            ("8", "piece", "gousse d'ail", "hachées"),
            ("12", "cl", "huile d'olive", ""),
            ("1", "tbsp", "herbes de Provence", ""),
            ("1", "bunch", "basilic", "ciselé"),
            ("1.2", "kg", "riz long", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Coupez tous les légumes en dés.",
            "Faites revenir les oignons et les poivrons dans l'huile, 10 minutes.",
            "Ajoutez les aubergines, puis les courgettes, les tomates, l'ail et les herbes.",
            "Laissez cuire 45 minutes à petit feu, sans couvrir.",
            "Faites cuire le riz. Servez avec le basilic.",
        ],
    },
    {
        "title": "Stoemp met wortelen",
        "language": "nl",
        "by": JETTE,
        "summary": "Brusselse puree van aardappelen en wortelen, met een spiegelei.",
        "prep": 30,
        "cook": 30,
        "season": WINTER,
        "fridge": 3,
        "freezer": 2,
        "equipment": [POT_20, ("Stamper", "", 2), ("Grote pan", "", 2), BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("3", "kg", "pomme de terre", "geschild"),
            ("1.5", "kg", "carotte", "in stukken"),
            ("3", "piece", "oignon", "gesnipperd"),
            ("150", "g", "beurre", ""),
            ("5", "dl", "lait demi-écrémé", "warm"),
            ("16", "piece", "œuf", ""),
            ("1", "bunch", "persil", "fijngehakt"),
            ZOUT,
            PEPER,
        ],
        "steps": [
            "Schil de aardappelen en de wortelen en snij ze in stukken.",
            "Kook ze samen 25 minuten in gezouten water. Giet af.",
            "Bak de uien in een beetje boter.",
            "Stamp de groenten met de rest van de boter, de warme melk en de uien.",
            "Bak de eieren en leg er een op elk bord. Strooi de peterselie erover.",
        ],
    },
    {
        "title": "Erwtensoep",
        "language": "nl",
        "by": JETTE,
        "summary": "Dikke soep van spliterwten met rookworst, voor koude dagen.",
        "prep": 30,
        "cook": 120,
        "season": _season(11, 12, 1, 2, 3),
        "fridge": 4,
        "freezer": 3,
        "equipment": [POT_20, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("1.2", "kg", "pois cassés", "gespoeld"),
            ("4", "piece", "saucisse fumée", ""),
            ("250", "g", "lardons", ""),
            ("3", "piece", "poireau", "in ringen"),
            ("500", "g", "carotte", "in blokjes"),
            ("500", "g", "céleri-rave", "in blokjes"),
            ("2", "piece", "oignon", "gesnipperd"),
            ("600", "g", "pomme de terre", "in blokjes"),
            ("4", "l", "bouillon de légumes", ""),
            ("3", "piece", "feuille de laurier", "", False),
            ("2", "piece", "pain", "erbij"),
            ZOUT,
            PEPER,
        ],
        "steps": [
            "Bak de spekjes en de ui in de grote pan.",
            "Voeg de erwten, de bouillon en de laurier toe. Laat 1 uur zacht koken.",
            "Voeg de groenten toe en laat nog 45 minuten koken. Roer vaak.",
            "Leg de worsten de laatste 15 minuten in de soep. Snij ze in plakjes.",
            "Proef, en voeg zout en peper toe. Geef er brood bij.",
        ],
    },
    {
        "title": "Chili sin carne",
        "by": CASA,
        "summary": "Haricots rouges, lentilles et maïs dans une sauce tomate épicée.",
        "prep": 25,
        "cook": 45,
        "fridge": 4,
        "freezer": 3,
        "sterilise": True,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES, ("Ouvre-boîte", "", 2)],
        "ingredients": [
            ("8", "piece", "haricots rouges (boîte)", "égouttés"),
            ("500", "g", "lentilles vertes", ""),
            ("4", "piece", "maïs (boîte)", "égoutté"),
            ("6", "piece", "tomates concassées (boîte)", ""),
            ("6", "piece", "poivron", "en dés"),
            ("4", "piece", "oignon", "hachés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("4", "tbsp", "huile de tournesol", ""),
            ("2", "tbsp", "cumin moulu", ""),
            ("2", "tbsp", "paprika", ""),
            ("1", "tsp", "piment en poudre", "moins pour les enfants", False),
            ("1.5", "l", "bouillon de légumes", ""),
            ("1.6", "kg", "riz long", ""),
            ("1", "bunch", "coriandre", ""),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons, l'ail et les poivrons dans l'huile.",
            "Ajoutez les épices, les tomates, les lentilles et le bouillon. "
            "Laissez cuire 30 minutes.",
            "Ajoutez les haricots et le maïs. Laissez cuire 10 minutes.",
            "Faites cuire le riz. Servez avec la coriandre.",
        ],
    },
    {
        "title": "Lasagne aux légumes",
        "by": MOSAIQUES,
        "summary": "Courgettes, épinards et sauce tomate, avec une béchamel maison.",
        "prep": 60,
        "cook": 45,
        "fridge": 3,
        "freezer": 3,
        "equipment": [POT_10, ("Casserole", "5 l", 1), TRAYS, OVEN, ("Fouet", "", 1)],
        "ingredients": [
            ("1", "kg", "feuilles de lasagne", ""),
            ("2", "kg", "courgette", "en fines tranches"),
            ("1", "kg", "épinards hachés surgelés", "décongelés"),
            ("6", "piece", "tomates concassées (boîte)", ""),
            ("3", "piece", "oignon", "hachés"),
            ("4", "piece", "gousse d'ail", "hachées"),
            ("150", "g", "beurre", ""),
            ("150", "g", "farine de blé", ""),
            ("2", "l", "lait demi-écrémé", ""),
            ("500", "g", "fromage râpé", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites une sauce avec les oignons, l'ail et les tomates. Laissez cuire 15 minutes.",
            "Béchamel : faites fondre le beurre, ajoutez la farine, puis le lait petit à "
            "petit en fouettant.",
            "Dans les plats : sauce, feuilles, courgettes et épinards, béchamel. "
            "Recommencez 3 fois.",
            "Finissez par la béchamel et le fromage. Cuisez 45 minutes au four à 180 °C.",
        ],
    },
    {
        "title": "Curry de pois chiches aux épinards",
        "by": CASA,
        "summary": "Pois chiches et épinards au lait de coco, avec du riz.",
        "prep": 20,
        "cook": 30,
        "fridge": 4,
        "freezer": 3,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES, ("Ouvre-boîte", "", 2)],
        "ingredients": [
            ("10", "piece", "pois chiches (boîte)", "égouttés"),
            ("1.2", "l", "lait de coco", ""),
            ("4", "piece", "tomates concassées (boîte)", ""),
            ("1", "kg", "épinards hachés surgelés", ""),
            ("4", "piece", "oignon", "émincés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("40", "g", "gingembre frais", "râpé"),
            ("3", "tbsp", "curry en poudre", ""),
            ("4", "tbsp", "huile de tournesol", ""),
            ("1.6", "kg", "riz basmati", ""),
            ("1", "bunch", "coriandre", ""),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons, l'ail et le gingembre dans l'huile.",
            "Ajoutez le curry, puis les tomates et le lait de coco.",
            "Ajoutez les pois chiches et les épinards. Laissez cuire 20 minutes.",
            "Faites cuire le riz. Servez avec la coriandre.",
        ],
    },
    {
        "title": "Riz cantonais",
        "by": JETTE,
        "summary": "Riz sauté aux œufs, petits pois, carottes et dés de jambon.",
        "prep": 30,
        "cook": 30,
        "fridge": 2,
        "conservation_note": "Faites cuire le riz la veille : il se sépare mieux.",
        "equipment": [POT_20, ("Wok ou grande poêle", "40 cm", 2), BOARDS, KNIVES],
        "ingredients": [
            ("1.6", "kg", "riz long", "cuit la veille"),
            ("12", "piece", "œuf", "battus"),
            ("1", "kg", "petits pois surgelés", ""),
            ("800", "g", "carotte", "en petits dés"),
            ("3", "piece", "oignon", "hachés"),
            ("800", "g", "dés de jambon", ""),
            ("8", "tbsp", "sauce soja", ""),
            ("8", "tbsp", "huile de tournesol", ""),
            ("2", "tbsp", "graines de sésame", ""),
        ],
        "steps": [
            "Faites cuire le riz la veille. Gardez-le au frigo.",
            "Faites cuire les œufs en omelette fine. Coupez-la en lanières.",
            "Faites sauter les oignons et les carottes dans l'huile, puis les petits pois "
            "et le jambon.",
            "Ajoutez le riz et la sauce soja. Mélangez bien sur feu vif.",
            "Ajoutez l'omelette et le sésame au moment de servir.",
        ],
    },
    {
        "title": "Shakshuka",
        "by": MOSAIQUES,
        "summary": "Œufs pochés dans une sauce tomate aux poivrons et au cumin.",
        "prep": 25,
        "cook": 35,
        "fridge": 2,
        "equipment": [("Grande poêle", "40 cm", 4), BOARDS, KNIVES],
        "ingredients": [
            ("8", "piece", "tomates concassées (boîte)", ""),
            ("8", "piece", "poivron", "en lanières"),
            ("4", "piece", "oignon", "émincés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("6", "tbsp", "huile d'olive", ""),
            ("1", "tbsp", "cumin moulu", ""),
            ("1", "tbsp", "paprika", ""),
            ("32", "piece", "œuf", ""),
            ("400", "g", "feta", "émiettée"),
            ("1", "bunch", "coriandre", ""),
            ("3", "piece", "pain", "pour servir"),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons et les poivrons dans l'huile, 10 minutes.",
            "Ajoutez l'ail, les épices et les tomates. Laissez cuire 15 minutes.",
            "Faites des creux dans la sauce et cassez-y les œufs.",
            "Couvrez et laissez cuire 8 minutes.",
            "Ajoutez la feta et la coriandre. Servez avec le pain.",
        ],
    },
    {
        "title": "Hachis parmentier",
        "by": CA_CHAUFFE,
        "summary": "Viande hachée et carottes sous une purée gratinée.",
        "prep": 45,
        "cook": 30,
        "fridge": 3,
        "freezer": 3,
        "equipment": [POT_20, ("Grande poêle", "40 cm", 2), ("Presse-purée", "", 2), TRAYS, OVEN],
        "ingredients": [
            ("3.5", "kg", "pomme de terre", ""),
            ("1.6", "kg", "haché porc et bœuf", ""),
            ("4", "piece", "oignon", "hachés"),
            ("600", "g", "carotte", "râpées"),
            ("2", "tbsp", "concentré de tomate", ""),
            ("1", "bunch", "thym frais", ""),
            ("8", "dl", "lait demi-écrémé", "chaud"),
            ("200", "g", "beurre", ""),
            ("300", "g", "fromage râpé", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites cuire les pommes de terre 25 minutes dans l'eau salée.",
            "Faites revenir les oignons, les carottes et la viande. Ajoutez le concentré "
            "et le thym.",
            "Écrasez les pommes de terre avec le beurre et le lait chaud.",
            "Dans les plats : la viande, puis la purée, puis le fromage.",
            "Gratinez 20 minutes au four à 200 °C.",
        ],
    },
    {
        "title": "Hachis parmentier aux lentilles (variante)",
        "by": JETTE,
        "variant_of": "Hachis parmentier",
        "summary": "Le hachis de Ça Chauffe, avec des lentilles vertes à la place de la viande.",
        "prep": 45,
        "cook": 30,
        "fridge": 3,
        "freezer": 3,
        "equipment": [POT_20, POT_10, ("Presse-purée", "", 2), TRAYS, OVEN],
        "ingredients": [
            ("3.5", "kg", "pomme de terre", ""),
            ("800", "g", "lentilles vertes", ""),
            ("4", "piece", "oignon", "hachés"),
            ("1", "kg", "carotte", "râpées"),
            ("2", "tbsp", "concentré de tomate", ""),
            ("2", "l", "bouillon de légumes", ""),
            ("1", "bunch", "thym frais", ""),
            ("8", "dl", "lait demi-écrémé", "chaud"),
            ("200", "g", "beurre", ""),
            ("300", "g", "fromage râpé", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites cuire les lentilles 25 minutes dans le bouillon avec le thym.",
            "Faites cuire les pommes de terre 25 minutes dans l'eau salée.",
            "Faites revenir les oignons et les carottes. Ajoutez les lentilles et le concentré.",
            "Écrasez les pommes de terre avec le beurre et le lait chaud.",
            "Dans les plats : les lentilles, la purée, le fromage. Gratinez 20 minutes à 200 °C.",
        ],
    },
    {
        "title": "Soupe de potiron",
        "by": CASA,
        "summary": "Un velouté doux et orange pour l'automne, avec des croûtons.",
        "prep": 30,
        "cook": 35,
        "season": _season(9, 10, 11, 12),
        "fridge": 3,
        "freezer": 3,
        "sterilise": True,
        "conservation_note": "Stérilisez la soupe sans la crème ; ajoutez-la en servant.",
        "equipment": [POT_20, BLENDER, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("3", "kg", "potiron", "épluché, en cubes"),
            ("800", "g", "pomme de terre", "en cubes"),
            ("500", "g", "carotte", "en rondelles"),
            ("3", "piece", "oignon", "émincés"),
            ("3", "tbsp", "huile de tournesol", ""),
            ("3", "l", "bouillon de légumes", ""),
            ("50", "cl", "crème liquide", ""),
            ("1", "tsp", "cumin moulu", ""),
            ("2", "piece", "pain", "en croûtons"),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites revenir les oignons dans l'huile.",
            "Ajoutez le potiron, les pommes de terre, les carottes, le cumin et le "
            "bouillon. Laissez cuire 30 minutes.",
            "Mixez, puis ajoutez la crème.",
            "Faites griller les dés de pain au four. Servez-les sur la soupe.",
        ],
    },
    {
        "title": "Penne au pesto et aux courgettes",
        "by": JETTE,
        "summary": "Un pesto de basilic aux noix de cajou, des courgettes poêlées.",
        "prep": 30,
        "cook": 20,
        "season": SUMMER,
        "fridge": 2,
        "equipment": [POT_20, ("Mixeur", "", 1, False), ("Grande poêle", "40 cm", 2), KNIVES],
        "ingredients": [
            ("1.6", "kg", "penne", ""),
            ("1.5", "kg", "courgette", "en demi-rondelles"),
            ("5", "bunch", "basilic", ""),
            ("200", "g", "noix de cajou", ""),
            ("250", "g", "parmesan", "râpé"),
            ("4", "piece", "gousse d'ail", ""),
            ("40", "cl", "huile d'olive", ""),
            ("2", "piece", "citron", "le jus"),
            SALT,
        ],
        "steps": [
            "Mixez le basilic, les noix de cajou, l'ail, le parmesan, le jus de citron et l'huile.",
            "Faites dorer les courgettes à la poêle.",
            "Faites cuire les penne. Gardez un bol d'eau de cuisson.",
            "Mélangez les pâtes, les courgettes et le pesto, avec un peu d'eau de cuisson.",
        ],
    },
    {
        "title": "Vlaamse stoverij",
        "language": "nl",
        "by": JETTE,
        "summary": "Rundvlees gestoofd in bruin bier, met gekookte aardappelen.",
        "prep": 40,
        "cook": 150,
        "season": WINTER,
        "fridge": 4,
        "freezer": 3,
        "equipment": [("Stoofpot", "15 l", 2), POT_20, BOARDS, KNIVES],
        "ingredients": [
            ("2", "kg", "bœuf à braiser", "in blokjes"),
            ("1.5", "kg", "oignon", "in ringen"),
            ("100", "g", "beurre", ""),
            ("2", "l", "bière brune", ""),
            ("8", "piece", "pain d'épices", "sneetjes, met mosterd besmeerd"),
            ("4", "tbsp", "moutarde", ""),
            ("2", "tbsp", "cassonade", ""),
            ("4", "piece", "feuille de laurier", "", False),
            ("1", "bunch", "thym frais", ""),
            ("3", "kg", "pomme de terre", ""),
            ZOUT,
            PEPER,
        ],
        "steps": [
            "Bak het vlees in porties bruin in de boter.",
            "Bak de uien zacht in dezelfde pot.",
            "Voeg het bier, de laurier, de tijm en de suiker toe.",
            "Leg het peperkoek met mosterd erop. Laat 2 uur en een half zacht stoven.",
            "Kook de aardappelen en geef ze erbij.",
        ],
    },
    {
        "title": "Pâtes au thon et à la tomate",
        "by": CASA,
        "summary": "Un plat rapide avec des boîtes du placard.",
        "prep": 15,
        "cook": 25,
        "fridge": 2,
        "equipment": [POT_20, POT_10, ("Ouvre-boîte", "", 2), KNIVES],
        "ingredients": [
            ("1.6", "kg", "penne", ""),
            ("8", "piece", "thon au naturel (boîte)", "égoutté"),
            ("6", "piece", "tomates concassées (boîte)", ""),
            ("3", "piece", "oignon", "hachés"),
            ("4", "piece", "gousse d'ail", "hachées"),
            ("6", "tbsp", "huile d'olive", ""),
            ("1", "bunch", "persil", "haché"),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites revenir les oignons et l'ail dans l'huile.",
            "Ajoutez les tomates. Laissez cuire 15 minutes.",
            "Ajoutez le thon émietté, juste pour le chauffer.",
            "Faites cuire les pâtes. Mélangez avec la sauce et le persil.",
        ],
    },
    {
        "title": "Gratin de chou-fleur du samedi",
        "by": CA_CHAUFFE,
        "visibility": Recipe.Visibility.GROUP,
        "summary": "Notre gratin avec les choux-fleurs de Cultureghem.",
        "prep": 40,
        "cook": 35,
        "season": _season(9, 10, 11, 12, 1, 2, 3),
        "fridge": 3,
        "freezer": 2,
        "equipment": [POT_20, ("Casserole", "5 l", 1), ("Fouet", "", 1), TRAYS, OVEN],
        "ingredients": [
            ("4", "piece", "chou-fleur", "en bouquets"),
            ("2", "kg", "pomme de terre", "en rondelles"),
            ("150", "g", "beurre", ""),
            ("150", "g", "farine de blé", ""),
            ("2", "l", "lait demi-écrémé", ""),
            ("400", "g", "fromage râpé", ""),
            SALT,
            PEPPER,
        ],
        "steps": [
            "Faites cuire le chou-fleur et les pommes de terre 10 minutes dans l'eau salée.",
            "Béchamel : faites fondre le beurre, ajoutez la farine, puis le lait en fouettant.",
            "Mettez les légumes dans les plats. Versez la béchamel, puis le fromage.",
            "Faites gratiner 30 minutes au four à 200 °C.",
        ],
    },
    {
        "title": "Mafé de légumes",
        "by": MOSAIQUES,
        "visibility": Recipe.Visibility.GROUP,
        "summary": "La sauce à l'arachide de la maman de Nadia, avec des patates douces.",
        "prep": 35,
        "cook": 45,
        "fridge": 3,
        "freezer": 3,
        "equipment": [POT_20, POT_10, BOARDS, KNIVES, PEELERS],
        "ingredients": [
            ("600", "g", "pâte d'arachide", ""),
            ("2", "kg", "patate douce", "en cubes"),
            ("1", "kg", "carotte", "en rondelles"),
            ("1", "kg", "chou blanc", "en lanières"),
            ("4", "piece", "oignon", "hachés"),
            ("6", "piece", "gousse d'ail", "hachées"),
            ("3", "piece", "tomates concassées (boîte)", ""),
            ("4", "tbsp", "concentré de tomate", ""),
            ("4", "tbsp", "huile de tournesol", ""),
            ("1", "tsp", "piment en poudre", "", False),
            ("2", "l", "bouillon de légumes", ""),
            ("1.6", "kg", "riz long", ""),
            SALT,
        ],
        "steps": [
            "Faites revenir les oignons et l'ail dans l'huile. Ajoutez le concentré.",
            "Délayez la pâte d'arachide dans un peu de bouillon chaud.",
            "Ajoutez tout le bouillon, les tomates, les légumes et le piment. "
            "Laissez cuire 40 minutes en remuant.",
            "Faites cuire le riz et servez avec la sauce.",
        ],
    },
]


def _flags(words: str) -> dict[str, bool]:
    names = {"animal": "is_other_animal"}
    return {names.get(word, f"is_{word}"): True for word in words.split()}


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _seed_foods() -> dict[str, Food]:
    foods = {}
    for name, plural, category, sold_by, allergens, flags, per_piece, per_litre in FOODS:
        foods[name], _ = Food.objects.get_or_create(
            name=name,
            defaults={
                "plural": plural,
                "category": category,
                "sold_by": sold_by,
                "allergens": to_mask(allergens),
                "grams_per_piece": _decimal(per_piece),
                "grams_per_litre": _decimal(per_litre),
                **_flags(flags),
            },
        )
        food = foods[name]
        if not (food.name_nl or food.name_en):  # also for a demo loaded before they existed
            food.name_nl, food.plural_nl, food.name_en, food.plural_en = FOOD_NAMES[name]
            food.save(update_fields=["name_nl", "plural_nl", "name_en", "plural_en"])
    return foods


def _seed_prices(foods: dict[str, Food], groups: dict[str, Group], by: User) -> list[Price]:
    today = timezone.localdate()
    rows = [(None, *row) for row in PRICES] + GROUP_PRICES
    prices = []
    for group, food, cents, quantity, unit, source, days_ago in rows:
        price, _ = Price.objects.get_or_create(
            food=foods[food],
            group=groups[group] if group else None,
            source=source,
            defaults={
                "amount_cents": cents,
                "quantity": Decimal(quantity),
                "unit": unit,
                "observed_on": today - timedelta(days=days_ago),
                "created_by": by,
            },
        )
        prices.append(price)
    return prices


def _seed_recipe(data: dict, foods, groups, people, recipes) -> Recipe:
    group, email = data["by"]
    recipe, created = Recipe.objects.get_or_create(
        title=data["title"],
        defaults={
            "language": data.get("language", "fr"),
            "summary": data["summary"],
            "portions": 16,
            "prep_minutes": data.get("prep"),
            "cook_minutes": data.get("cook"),
            "season": data.get("season", 0),
            "fridge_days": data.get("fridge"),
            "freezer_months": data.get("freezer"),
            "can_sterilise": data.get("sterilise", False),
            "conservation_note": data.get("conservation_note", ""),
            "author_group": groups[group],
            "created_by": people[email],
            "visibility": data.get("visibility", Recipe.Visibility.MOVEMENT),
            "variant_of": recipes.get(data.get("variant_of")),
        },
    )
    if not created:
        return recipe
    Ingredient.objects.bulk_create(
        Ingredient(
            recipe=recipe,
            position=position,
            food=foods[food],
            quantity=_decimal(quantity),
            unit=unit,
            note=note,
            scales=quantity is not None and (not rest or rest[0]),
        )
        for position, (quantity, unit, food, note, *rest) in enumerate(data["ingredients"])
    )
    RecipeEquipment.objects.bulk_create(
        RecipeEquipment(
            recipe=recipe,
            position=position,
            name=name,
            size=size,
            quantity=quantity,
            scales=not rest or rest[0],
        )
        for position, (name, size, quantity, *rest) in enumerate(data["equipment"])
    )
    Step.objects.bulk_create(
        Step(recipe=recipe, position=position, text=text)
        for position, text in enumerate(data["steps"])
    )
    return recipe


def _check_units(recipes: list[Recipe], prices: list[Price]) -> None:
    """Every line and every price must be in a unit its food is bought in."""
    wrong = [
        f"{line.recipe.title}: {line.unit} of {line.food.name}"
        for line in Ingredient.objects.filter(recipe__in=recipes).select_related("food", "recipe")
        if not line.food.converts(line.unit)
    ]
    wrong += [
        f"price of {price.food.name} in {price.unit}"
        for price in prices
        if not price.food.converts(price.unit)
    ]
    if wrong:
        raise ValueError("Demo data in units the food cannot be counted in: " + "; ".join(wrong))


@transaction.atomic
def seed_recipes(groups: dict[str, Group], people: dict[str, User]) -> list[Recipe]:
    """The demo foods, prices and recipes; running it again changes nothing."""
    foods = _seed_foods()
    prices = _seed_prices(foods, groups, people["coordination@example.org"])
    recipes: dict[str, Recipe] = {}
    for data in RECIPES:
        recipes[data["title"]] = _seed_recipe(data, foods, groups, people, recipes)
    _check_units(list(recipes.values()), prices)
    return list(recipes.values())
