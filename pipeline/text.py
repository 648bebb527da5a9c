"""HTML to clean text: no script or style content, entities decoded once, lists kept as lines."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

_DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "tr", "hr",
    "figure", "figcaption", "details", "summary", "form", "fieldset", "address",
}
# C0/C1 controls, zero-width space, BOM, bidi overrides and isolates (they reorder the text that
# follows them), and lone surrogates (a broken "\ud800" escape; no file format can store one)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# what the regex fallback removes with its content, as _walk does
_DROPPED = re.compile(r"<(" + "|".join(sorted(_DROP)) + r")\b.*?(?:</\1\s*>|$)", re.I | re.S)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
# "<li><p>text</p></li>" leaves the bullet on a line of its own; join it to its text
_LONE_BULLET = re.compile(r"^-\n+(?=[^\n-])", re.M)


def clean_line_text(text: str) -> str:
    """Remove control characters and collapse runs of spaces (keeps newlines)."""
    return _SPACES.sub(" ", _CONTROL.sub("", text))


def tidy_lines(text: str) -> str:
    """Strip each line, keep at most one blank line between paragraphs."""
    lines = [line.strip() for line in clean_line_text(text).replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip()


def html_to_text(markup: str | None) -> str:
    """Readable text from an HTML fragment; plain text passes through with entities decoded."""
    if not markup:
        return ""
    markup = _CONTROL.sub("", markup)  # lxml refuses control characters; they are not text anyway
    if not _TAG.search(markup):
        return tidy_lines(html.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except AssertionError:  # lxml's "too many bodies": a whole document with an empty body
        return ""
    except (etree.ParserError, ValueError):
        return tidy_lines(html.unescape(_TAG.sub(" ", _DROPPED.sub(" ", markup))))
    chunks: list[str] = []
    _walk(root, chunks)
    return _LONE_BULLET.sub("- ", tidy_lines("".join(chunks)))


def _walk(element: etree._Element, chunks: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP or not isinstance(element.tag, str):
        if element.tail:
            chunks.append(element.tail)
        return
    if tag == "br":
        chunks.append("\n")
    elif tag == "li":
        chunks.append("\n- ")
    elif tag in _BLOCK:
        chunks.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")
    elif tag in {"td", "th"}:
        chunks.append(" ")
    if element.text:
        chunks.append(element.text)
    for child in element:
        _walk(child, chunks)
    if tag in _BLOCK:
        chunks.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")
    if element.tail:
        chunks.append(element.tail)
