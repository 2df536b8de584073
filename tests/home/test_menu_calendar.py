"""Menus and the calendar (home/navigation.py): a section opened by a calendar
date is listed from that date on, and within one request the main menu and the
footer ask the calendar once per section and agree."""

import pytest
from django.test import Client, RequestFactory

from home import navigation
from home.models import ElectionCalendar
from tests.electoral.results.helpers import set_phase

pytestmark = pytest.mark.django_db


def test_results_are_in_the_menu_once_public_and_asked_once_per_request(site, monkeypatch):
    set_phase("campaign")
    html = Client().get("/aviso-de-privacidad/").content.decode()
    assert 'href="/resultados/"' not in html
    set_phase("results")
    html = Client().get("/aviso-de-privacidad/").content.decode()
    assert '<a href="/resultados/">Resultados</a>' in html

    asked = []
    real = ElectionCalendar.is_open

    def is_open(calendar, feature):
        asked.append(feature)
        return real(calendar, feature)

    monkeypatch.setattr(ElectionCalendar, "is_open", is_open)
    request = RequestFactory().get("/")
    navigation.available(navigation.MAIN_NAVIGATION, request)
    navigation.available(navigation.MAIN_NAVIGATION, request)
    navigation.available(navigation.FOOTER_NAVIGATION, request)
    assert sorted(asked) == sorted(set(asked)) and "results" in asked
    assert navigation.feature_open("results", request) is True
    assert len(asked) == len(set(asked))
