"""Personio XML feed: https://developer.personio.de/docs/retrieving-open-job-positions
(`https://{account}.jobs.personio.de/xml?language=en`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from lxml import etree
from scrapy.http import Response

from spiders.base import BoardSpider

DEFAULT_LANGUAGE = "en"


class PersonioSpider(BoardSpider):
    """All published positions of a Personio career site, text included, in one XML document.

    Board id: the account name. The host names the board, so a base URL given for tests or
    mirrors should hold `{board}` (e.g. `http://127.0.0.1:8765/personio/{board}`). Spider
    argument / sources.toml option: `language` (default "en"; Personio answers in German
    without it, and leaves out the text of a position not written in the language asked for).
    """

    name = "personio"
    source = "personio"
    board_path = "/xml?language={language}"
    response_format = "xml"

    def board_url(self, board: str) -> str:
        language = quote(str(self.option(board, "language", DEFAULT_LANGUAGE)), safe="")
        return self.base_url.replace("{board}", quote(board, safe="")) + self.board_path.format(
            language=language)

    def decode(self, response: Response) -> Any:
        """The feed's text, once it has parsed as well-formed XML."""
        text = response.text
        parse_feed(text)
        return text

    def count_postings(self, body: Any, kind: str) -> int | None:
        root = parse_feed(body)
        return len(root.findall("position")) if root.tag == "workzag-jobs" else None


def parse_feed(text: str) -> etree._Element:
    """The root element of an XML document; ValueError when it is not well-formed XML."""
    # no entity expansion, no DTD or network fetches: the feed is untrusted input
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, encoding="utf-8")
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(str(error)) from None
