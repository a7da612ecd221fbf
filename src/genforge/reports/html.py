"""HTML pages that need no network: inline CSS and script; images (and later audio and video) written
as files beside the page, in `<page>_files/` (report.html -> report_files/), named by their content and
referenced by relative paths, so a page stays small whatever its media weigh. Outside a media folder
(`media_beside`), an image is inlined as a data URI."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import re
import urllib.parse
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

from ..core.storage import remove_quietly, write_bytes_atomically

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .6em 0; } td, th { border: 1px solid #ccc; padding: .25em .6em; }
th { background: #f3f3f3; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; } table.sortable th:hover { background: #e4e4e4; }
th.sorted-asc::after { content: " \\25B2"; } th.sorted-desc::after { content: " \\25BC"; }
img { image-rendering: pixelated; max-width: 100%; } .muted { color: #777; }
pre { background: #f7f7f7; padding: .8em; overflow: auto; font-size: 12px; }
figure { display: inline-block; margin: .4em; vertical-align: top; } figcaption { font-size: 12px; color: #555; }
.warning { background: #fff4e0; border-left: 4px solid #e89a00; padding: .5em .8em; }
"""

# Click a heading to sort by it; click again to reverse. Cells sort by data-value when present.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, column) {
    th.addEventListener("click", function () {
      var ascending = !th.classList.contains("sorted-asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[column];
        var value = cell.getAttribute("data-value");
        if (value === null) { value = cell.textContent.trim(); }
        var number = parseFloat(value);
        return isNaN(number) ? value.toLowerCase() : number;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (typeof x !== typeof y) { return typeof x === "number" ? -1 : 1; }
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def escape(text) -> str:
    return html.escape(str(text))


def data_uri(png: bytes | Path) -> str:
    raw = png.read_bytes() if isinstance(png, Path) else png
    return "data:image/png;base64," + base64.b64encode(raw).decode("ascii")


class MediaFolder:
    """The media of one page, kept until the page is written: `folder` beside it, each file named by
    the SHA-256 of its bytes (a page rendered again reuses its names)."""

    def __init__(self, page_path: Path):
        page_path = Path(page_path)
        self.folder = page_path.parent / f"{page_path.stem}_files"
        self.files: dict[str, bytes] = {}

    def add(self, data: bytes, suffix: str) -> str:
        name = hashlib.sha256(data).hexdigest()[:20] + suffix
        self.files[name] = data
        return f"{urllib.parse.quote(self.folder.name)}/{name}"  # a page named run#3.html still finds its files

    def write(self, what: str) -> None:
        """Every file (atomically), before the page that names them (`what`, for a refused write:
        "the report's pictures")."""
        for name, data in self.files.items():
            if not (self.folder / name).is_file():
                write_bytes_atomically(self.folder / name, data, what)

    def prune(self) -> None:
        """After the page is written: the media of earlier renders that it no longer names. Only files
        named as this class names them (a content hash) go; anything else in the folder (a browser's
        saved page, the user's own files, folders) is never touched."""
        for old in self.folder.iterdir() if self.folder.is_dir() else []:
            if MEDIA_NAME.fullmatch(old.name) and old.is_file() and not old.is_symlink() and old.name not in self.files:
                remove_quietly(old)


# What MediaFolder names its files: the first 20 hex digits of the content's SHA-256 and a suffix.
MEDIA_NAME = re.compile(r"[0-9a-f]{20}\.(png|wav|mp3|gif|mp4|webm)")
_MEDIA: ContextVar[MediaFolder | None] = ContextVar("media", default=None)


@contextlib.contextmanager
def media_beside(page_path: Path) -> Iterator[MediaFolder]:
    """Inside the block, the media of the page rendered go to its MediaFolder."""
    media = MediaFolder(page_path)
    token = _MEDIA.set(media)
    try:
        yield media
    finally:
        _MEDIA.reset(token)


def media_source(data: bytes, suffix: str, mime: str) -> str:
    """What a tag's src holds for these bytes: a file beside the page, or a data URI outside one."""
    media = _MEDIA.get()
    if media is not None:
        return media.add(data, suffix)
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def image(png: bytes | Path, alt: str, caption: str | None = None, width: int | None = None) -> str:
    raw = png.read_bytes() if isinstance(png, Path) else png
    size = f' width="{width}"' if width else ""
    tag = f'<img src="{escape(media_source(raw, ".png", "image/png"))}" alt="{escape(alt)}"{size}>'
    return f"<figure>{tag}<figcaption>{escape(caption)}</figcaption></figure>" if caption else tag


def table(headings: list[str], rows: list[list], sortable: bool = False, table_id: str = "") -> str:
    """`rows` hold plain values, or (shown text, sort value) pairs for cells that sort by number."""
    def cell(value) -> str:
        if isinstance(value, tuple):
            shown, key = value
            return f'<td class="num" data-value="{escape(key)}">{escape(shown)}</td>'
        numeric = isinstance(value, (int, float))
        return f'<td{" class=num" if numeric else ""}>{escape(value)}</td>'

    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    attributes = (' class="sortable"' if sortable else "") + (f' id="{table_id}"' if table_id else "")
    return f"<table{attributes}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(title: str, body: str, script: bool = False) -> str:
    scripts = f"<script>{SORT_SCRIPT}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="icon" href="data:,"><style>{STYLE}</style></head><body>{body}{scripts}</body></html>\n')


def number(value: float | None, digits: int = 3) -> tuple[str, str] | str:
    """A table cell for a number that may be missing."""
    return "–" if value is None else (f"{value:.{digits}f}", repr(float(value)))


def measured(record: dict, latest: int) -> str:
    step = record.get("step")
    if step is None:
        return "Measured at an unrecorded step. "
    which = " (checkpoint best)" if record.get("checkpoint") == "best" else ""
    return f"Measured at step {step}{which}" + (f" (the run is now at step {latest}). " if step != latest else ". ")
