"""Text helpers: searching without accents, file names people can read.

Text as people type it into a search box: without accents, whatever the case.

Many cooks type "pates" for "pâtes" or "creme" for "crème" (a phone keyboard makes
accents slow). Searchable names are stored folded (`fold`), and the query is folded the
same way, so the search matches on SQLite and PostgreSQL alike.
"""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: "Pâtes  à l'Œuf" → "pates a l'oeuf"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return " ".join(bare.casefold().split())


def slug(title: str) -> str:
    """A file name people can read: "Soupe à l'oignon" → "soupe-a-l-oignon"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "recipe"
