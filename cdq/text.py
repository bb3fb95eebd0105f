"""Text as people type it into a search box: without accents, whatever the case.

Many cooks type "pates" for "pâtes" or "creme" for "crème" (a phone keyboard makes
accents slow). Searchable names are stored folded (`fold`), and the query is folded the
same way, so the search matches on SQLite and PostgreSQL alike.
"""

import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: "Pâtes  à l'Œuf" → "pates a l'oeuf"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return " ".join(bare.casefold().split())
