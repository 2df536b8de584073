import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import ElectionCalendar, HomePage, StandardPage


@pytest.mark.django_db
def test_setup_site_twice_builds_one_tree(site):
    # `site` is the "site" snapshot: one setup_site run on the empty database.
    first = list(Page.objects.values_list("url_path", flat=True).order_by("path"))
    call_command("setup_site", stdout=io.StringIO())
    second = list(Page.objects.values_list("url_path", flat=True).order_by("path"))

    assert first == second
    assert len(second) == len(set(second)), "duplicate pages after a second run"
    assert HomePage.objects.count() == 1
    assert Site.objects.count() == 1
    site = Site.objects.get()
    assert site.is_default_site and site.root_page.specific_class is HomePage
    # Wagtail's placeholder "Welcome" page is gone.
    assert not Page.objects.filter(depth=2).exclude(id=site.root_page_id).exists()
    assert StandardPage.objects.filter(slug="aviso-de-privacidad").count() == 1
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1


@pytest.mark.django_db
def test_setup_site_keeps_calendar_edited_by_staff(site):
    call_command("election_phase", "results", stdout=io.StringIO())
    call_command("setup_site", stdout=io.StringIO())
    assert ElectionCalendar.load().phase == "results"


@pytest.mark.django_db
def test_no_demo_admin_when_accounts_disabled(settings):
    from tests.conftest import run_setup_steps

    settings.DEMO_ACCOUNTS = False
    run_setup_steps(below=200)
    assert not get_user_model().objects.filter(username="admin").exists()
