"""Small helpers to read rendered HTML as a visitor would."""

import re
from html.parser import HTMLParser

FOREIGN_URL = re.compile(
    r"""(?:src|href|action|content)\s*=\s*["'](https?:)?//"""
    r"(?!testserver|localhost|127\.0\.0\.1)",
    re.I,
)


def foreign_references(html):
    """Attributes that would make the browser contact another host."""
    return FOREIGN_URL.findall(html)


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def meta_of(html):
    parser = _MetaParser()
    parser.feed(html)
    return parser.title.strip(), parser.meta
