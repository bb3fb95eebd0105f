"""Build static/icons/sprite.svg from the Tabler icons we use.

Tabler icons (MIT) come from the npm registry; we vendor only the symbols the
pages use, so a phone downloads a few kilobytes once instead of an icon font.

    npm pack @tabler/icons && tar xzf tabler-icons-*.tgz
    python scripts/build_icons.py package/icons/outline

Add a name to ICONS and run it again to make a new pictogram available as
{% icon "name" %}.
"""

import re
import sys
from pathlib import Path

ICONS = [
    "alert-circle",
    "alert-triangle",
    "arrow-left",
    "arrow-right",
    "bell",
    "book-2",
    "bottle",
    "building-store",
    "calendar-event",
    "calendar-month",
    "calendar-plus",
    "carrot",
    "chart-bar",
    "check",
    "chef-hat",
    "circle-plus",
    "clipboard-check",
    "clock",
    "copy",
    "currency-euro",
    "device-floppy",
    "egg",
    "file-download",
    "file-text",
    "file-type-pdf",
    "filter",
    "fish",
    "fridge",
    "glass-full",
    "glass-off",
    "grain",
    "heart-handshake",
    "home",
    "key",
    "leaf",
    "list-check",
    "login",
    "logout",
    "mail",
    "map-pin",
    "message-circle",
    "microphone",
    "milk",
    "minus",
    "news",
    "notes",
    "nut",
    "pencil",
    "phone",
    "photo",
    "photo-plus",
    "pig-off",
    "plant",
    "player-play",
    "plus",
    "printer",
    "qrcode",
    "ripple",
    "search",
    "seedling",
    "settings",
    "shopping-cart",
    "snowflake",
    "soup",
    "tag",
    "tools-kitchen-2",
    "trash",
    "user",
    "user-plus",
    "users",
    "users-group",
    "video",
    "volume",
    "wheat",
    "x",
]

OUT = Path(__file__).resolve().parent.parent / "static" / "icons" / "sprite.svg"


def symbol(name: str, svg: str) -> str:
    # Keep the drawing, drop the invisible bounding-box path Tabler adds.
    paths = re.findall(r"<(?:path|circle|rect|line|polyline|polygon|ellipse)\b[^>]*/>", svg)
    paths = [p for p in paths if 'stroke="none"' not in p]
    return f'<symbol id="{name}" viewBox="0 0 24 24">{"".join(paths)}</symbol>'


def main(source: Path) -> None:
    symbols = [symbol(name, (source / f"{name}.svg").read_text()) for name in ICONS]
    OUT.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        + "".join(symbols)
        + "</svg>\n"
    )
    print(f"{OUT}: {len(symbols)} icons, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
