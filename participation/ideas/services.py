"""The rules of ideas, independent of HTTP."""

import re

from .models import Idea, text_hash

URL_RE = re.compile(r"(https?://|www\.)", re.I)


def count_links(text):
    return len(URL_RE.findall(text or ""))


def is_duplicate(target, participant, text):
    digest = text_hash(text)
    same = Idea.objects.filter(text_hash=digest)
    return same.filter(target=target).exists() or (
        bool(participant) and same.filter(participant=participant).exists()
    )
