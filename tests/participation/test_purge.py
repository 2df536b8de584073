import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from participation.models import AddressSalt, Idea, RateCounter, Reaction

from .conftest import set_phase
from .factories import IdeaFactory, ReactionFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(feedback_page):
    target = TargetFactory(page=feedback_page, label="x", page_title="x")
    ReactionFactory(target=target, participant="p" * 64, value="me_gusta")
    IdeaFactory(
        target=target,
        text="Una idea con datos",
        name="Ana",
        email="ana@example.org",
        participant="p" * 64,
        address="a" * 64,
        consent_at=timezone.now(),
    )
    RateCounter.objects.create(key="old", count=3, expires_at=timezone.now() - timedelta(hours=1))
    RateCounter.objects.create(key="live", count=3, expires_at=timezone.now() + timedelta(hours=1))
    AddressSalt.objects.create(day=timezone.localdate() - timedelta(days=5), secret="s")
    AddressSalt.objects.create(day=timezone.localdate(), secret="t")


def test_daily_purge_drops_expired_counters_and_old_address_secrets(data):
    call_command("purge_participation", stdout=io.StringIO())
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["live"]
    assert list(AddressSalt.objects.values_list("day", flat=True)) == [timezone.localdate()]
    assert Idea.objects.get().email == "ana@example.org"  # personal data untouched


def test_personal_data_only_after_delivery(data):
    with pytest.raises(CommandError, match="Aún no llega la fecha de entrega"):
        call_command("purge_participation", "--datos-personales", stdout=io.StringIO())
    set_phase("delivery")
    call_command("purge_participation", "--datos-personales", stdout=io.StringIO())
    idea = Idea.objects.get()
    assert (idea.name, idea.email, idea.participant, idea.address) == ("", "", "", "")
    assert idea.text == "Una idea con datos" and idea.personal_data_purged_at
    reaction = Reaction.objects.get()
    assert reaction.participant == f"borrado-{reaction.pk}" and reaction.value == "me_gusta"
