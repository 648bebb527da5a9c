"""schema.org JobPosting markup in HTML pages (https://schema.org/JobPosting): JSON-LD and microdata.

JSON-LD is found wherever it sits (a single object, an array, an @graph, nested in another node)
and `@id` references within the page are resolved; microdata (https://html.spec.whatwg.org/#microdata)
is read only on pages without JSON-LD JobPostings, since pages that carry both describe one job
twice. Microdata items come back in the JSON-LD shape, so one reader maps both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from bs4 import BeautifulSoup, Tag

_JOB_POSTING_TYPE = re.compile(r"(^|[/:#])JobPosting$", re.I)
_MICRODATA_JOB_POSTING = re.compile(r"schema\.org/JobPosting/?$", re.I)
_URL_PROPERTIES = {"a": "href", "area": "href", "link": "href", "img": "src", "audio": "src",
                   "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}


def job_postings(page: str) -> list[dict[str, Any]]:
    """The JobPostings of an HTML page, from JSON-LD, else from microdata, as JSON-LD-shaped dicts."""
    soup = BeautifulSoup(page, "lxml")
    documents = list(_json_ld(soup))
    nodes = {node["@id"]: node for document in documents for node in _nodes(document)
             if isinstance(node.get("@id"), str) and len(node) > 1}
    found = [_resolved(posting, nodes) for document in documents for posting in _find_postings(document)]
    return found or [_microdata_item(element) for element in soup.find_all(itemtype=_MICRODATA_JOB_POSTING)
                     if not element.find_parent(itemtype=_MICRODATA_JOB_POSTING)]


def _json_ld(soup: BeautifulSoup) -> Iterator[Any]:
    for script in soup.find_all("script", type=_is_json_ld):
        text = (script.string or "").strip()
        # CMS templates wrap scripts in CDATA sections or HTML comments
        text = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$|^<!--|-->$", "", text).strip()
        try:
            yield json.loads(text, strict=False)  # strict=False: raw newlines inside descriptions
        except ValueError:
            continue


def _is_json_ld(value: str | None) -> bool:
    return bool(value) and value.split(";")[0].strip().lower() == "application/ld+json"


def _is_job_posting(node: Mapping[str, Any]) -> bool:
    types = node.get("@type")
    return any(isinstance(t, str) and _JOB_POSTING_TYPE.search(t)
               for t in (types if isinstance(types, list) else [types]))


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)


def _find_postings(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _find_postings(item)
    elif isinstance(value, dict):
        if _is_job_posting(value):
            yield value
            return
        for child in value.values():
            yield from _find_postings(child)


def _resolved(posting: dict[str, Any], nodes: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The posting with references such as {"@id": "#org"} replaced by the nodes they name."""
    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            return nodes.get(value["@id"], value)
        return value

    return {key: resolve(value) for key, value in posting.items()}


def _microdata_item(element: Tag) -> dict[str, Any]:
    """An itemscope element as a JSON-LD-shaped dict: @type and its properties."""
    item: dict[str, Any] = {"@type": str(element.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]}
    for prop in _properties(element):
        itemprop = prop.get("itemprop")
        names = (itemprop if isinstance(itemprop, list) else str(itemprop or "").split())
        value = _microdata_item(prop) if prop.has_attr("itemscope") else _property_value(prop, names)
        for name in names:
            if name in item:
                item[name] = [*(item[name] if isinstance(item[name], list) else [item[name]]), value]
            else:
                item[name] = value
    return item


def _properties(element: Tag) -> Iterator[Tag]:
    """The itemprop elements that belong to `element`'s item (not to an item nested in it)."""
    for child in element.find_all(True, recursive=False):
        if child.has_attr("itemprop"):
            yield child
        if not child.has_attr("itemscope"):
            yield from _properties(child)


def _property_value(element: Tag, names: list[str]) -> str:
    if element.has_attr("content"):
        return str(element["content"])
    attribute = _URL_PROPERTIES.get(element.name)
    if attribute and element.has_attr(attribute):
        return str(element[attribute])
    if element.name in {"time"} and element.has_attr("datetime"):
        return str(element["datetime"])
    if element.name in {"data", "meter"} and element.has_attr("value"):
        return str(element["value"])
    if "description" in names:
        return element.decode_contents().strip()
    return element.get_text(" ", strip=True)
