"""`manage.py export_party_delivery`."""

import hashlib
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from participation.delivery import audit
from participation.delivery.models import DeliveryPackage
from tests.participation.conftest import set_phase

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("export_party_delivery", *args, stdout=out)
    return out.getvalue()


def test_writes_the_workbook_or_the_zip_of_one_actor(dataset, tmp_path):
    out = run("--actor", "pan", "--output", str(tmp_path / "pan.xlsx"))
    package = DeliveryPackage.objects.get(actor=dataset.actors["pan"])
    assert "paquete generado (versión 1)" in out and package.xlsx_sha256 in out
    data = (tmp_path / "pan.xlsx").read_bytes()
    assert hashlib.sha256(data).hexdigest() == package.xlsx_sha256
    assert load_workbook(io.BytesIO(data), read_only=True).sheetnames == [
        "Resumen",
        "Ideas",
        "No entregadas",
        "Datos",
    ]
    out = run("--actor", "pan", "--output", str(tmp_path / "pan.zip"))
    assert "ya estaba generado" in out
    data = (tmp_path / "pan.zip").read_bytes()
    assert hashlib.sha256(data).hexdigest() == package.zip_sha256
    assert "LEEME.txt" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    entries = PageLogEntry.objects.filter(page=dataset.actors["pan"], action=audit.GENERATE)
    assert entries.count() == 1 and entries.get().data["zip_sha256"] == package.zip_sha256


def test_all_writes_one_zip_per_receiving_actor_and_says_why_not(dataset, tmp_path):
    out = run("--all", "--output-dir", str(tmp_path / "entregas"))
    names = sorted(p.name for p in (tmp_path / "entregas").iterdir())
    assert names == [
        "entrega-ind-a.zip",
        "entrega-morena.zip",
        "entrega-pan.zip",
        "entrega-pri.zip",
    ]
    assert "Independiente No Electo: sin paquete. La candidatura no resultó electa" in out
    assert "Va por Prueba: sin paquete. Las coaliciones no reciben" in out
    assert "Paquetes escritos: 4; actores sin paquete: 2." in out


def test_refuses_before_the_delivery_date_and_bad_arguments(dataset, tmp_path):
    with pytest.raises(CommandError, match="El calendario|La entrega a los partidos empieza"):
        set_phase("results")
        run("--actor", "pan", "--output", str(tmp_path / "pan.zip"))
    assert not DeliveryPackage.objects.exists() and not (tmp_path / "pan.zip").exists()
    set_phase("delivery")
    with pytest.raises(CommandError, match="debe terminar en .xlsx"):
        run("--actor", "pan", "--output", str(tmp_path / "pan.pdf"))
    with pytest.raises(CommandError, match="No hay un actor con slug «nadie»"):
        run("--actor", "nadie", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="La candidatura no resultó electa"):
        run("--actor", "ind-b", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="Falta --output-dir"):
        run("--all")


def test_all_on_the_real_2021_actors_and_results(site, tmp_path):
    """setup_site's data: the 2021 actors, their example platforms and the official results."""
    from electoral.models import PlatformPage, PoliticalActorPage
    from participation import targets
    from participation.delivery.recipients import all_recipients
    from participation.models import Reaction

    set_phase("campaign")
    pan = PoliticalActorPage.objects.get(slug="pan")
    coalition = pan.alliances.order_by("registration_order").first()
    seeded = {}
    for actor, n in ((pan, 17), (coalition, 23)):
        platform = PlatformPage.objects.live().child_of(actor).first()
        target = targets.resolve(platform.pk, "")
        Reaction.objects.bulk_create(
            Reaction(target=target, participant=f"{actor.slug}-{i}", value=Reaction.LIKE)
            for i in range(n)
        )
        seeded[actor.title] = n
    set_phase("delivery")
    out = run("--all", "--output-dir", str(tmp_path))
    recipients = all_recipients()
    receiving = [r for r in recipients if r.receives]
    assert len(list(tmp_path.iterdir())) == len(receiving) > 5
    assert f"Paquetes escritos: {len(receiving)}" in out
    for r in recipients:
        if r.actor.is_independent and not r.receives:
            assert f"{r.actor.title}: sin paquete. " in out and r.why_not
        if r.actor.is_alliance:
            assert not r.receives
    book = load_workbook(
        io.BytesIO(zipfile.ZipFile(tmp_path / "entrega-pan.zip").read("entrega-pan.xlsx")),
        read_only=True,
    )
    rows = list(book["Resumen"].iter_rows(values_only=True))
    whole = {r[1]: r[5] for r in rows if r[0] == "Elemento" and r[4] == "Plataforma completa"}
    assert whole["Propio"] == 17
    assert coalition.title.startswith("Coalición ")  # «Coalición PAN-PRI-PRD»
    assert whole["De la coalición " + coalition.title.removeprefix("Coalición ")] == 23
