"""«Entrega de la participación» in the admin: who sees what, when; receipt; logs."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry

from electoral.editorial.groups import COMMS_GROUP, ensure_staff_groups
from participation.delivery import audit
from participation.delivery.models import DeliveryPackage
from tests.participation.conftest import set_phase
from tests.participation.delivery.conftest import make_delivery_editors

# Every test here needs IEEM's admin or the actors' editors: the snapshot holds them.
pytestmark = [pytest.mark.django_db, pytest.mark.snapshot("delivery-admin")]


def package_urls(actor_id):
    return {
        "zip": reverse("decide_delivery_zip", args=[actor_id]),
        "xlsx": reverse("decide_delivery_xlsx", args=[actor_id]),
        "receipt": reverse("decide_delivery_receipt", args=[actor_id]),
        "generate": reverse("decide_delivery_generate", args=[actor_id]),
        "regenerate": reverse("decide_delivery_regenerate", args=[actor_id]),
    }


def refused(response):
    """403, 404 (405: a GET of a POST-only action), or Wagtail's refusal: back to
    the admin home (or the login)."""
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and response.url.split("?")[0] in (
        "/admin/",
        reverse("wagtailadmin_login"),
    )


def refused_plainly(response):
    """What a party editor gets at a delivery URL that is not theirs: a plain
    403/404 (405: a GET of a POST-only action), never a redirect."""
    return response.status_code in (403, 404, 405)


def is_file(response):
    return response.get("Content-Type", "").startswith(("application/zip", "application/vnd"))


@pytest.fixture
def editors(dataset):
    return make_delivery_editors(dataset)


@pytest.fixture
def generated(dataset, ieem_admin, client):
    client.force_login(ieem_admin)
    response = client.post(reverse("decide_delivery_generate_all"))
    assert response.status_code == 302
    client.logout()
    return {p.actor.slug: p for p in DeliveryPackage.objects.select_related("actor")}


def test_admin_generates_all_and_the_screen_lists_every_actor(client, dataset, ieem_admin):
    client.force_login(ieem_admin)
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "Generar los 4 paquetes pendientes" in html
    for actor in dataset.actors.values():
        assert actor.title in html
    assert "Independiente No Electo" in html and "La candidatura no resultó electa" in html
    response = client.post(reverse("decide_delivery_generate_all"), follow=True)
    assert "Paquetes generados: 4" in response.content.decode()
    assert set(DeliveryPackage.objects.values_list("actor_slug", flat=True)) == {
        "pan",
        "pri",
        "morena",
        "ind-a",
    }
    entries = PageLogEntry.objects.filter(action=audit.GENERATE)
    assert entries.count() == 4 and all(e.user_id == ieem_admin.pk for e in entries)
    pan = DeliveryPackage.objects.get(actor_slug="pan")
    entry = entries.get(page_id=pan.actor_id)
    assert entry.data["zip_sha256"] == pan.zip_sha256 and entry.data["actor"] == pan.actor_title
    # Asking again changes nothing (a snapshot).
    client.post(reverse("decide_delivery_generate", args=[pan.actor_id]))
    assert DeliveryPackage.objects.get(pk=pan.pk).zip_sha256 == pan.zip_sha256
    assert PageLogEntry.objects.filter(action=audit.GENERATE).count() == 4


def test_editor_downloads_only_their_own_package(client, dataset, editors, generated):
    pan = generated["pan"]
    client.force_login(editors["pan"])
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "Partido Acción Nacional" in html and pan.zip_sha256 in html
    for other in ("Morena", "Partido Revolucionario Institucional", "Independiente Electa"):
        assert other not in html
    assert "Generar" not in html and "Regenerar" not in html
    response = client.get(reverse("decide_delivery_zip", args=[pan.actor_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="entrega-pan.zip"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert hashlib.sha256(response.content).hexdigest() == pan.zip_sha256
    assert "LEEME.txt" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    response = client.get(reverse("decide_delivery_xlsx", args=[pan.actor_id]))
    assert hashlib.sha256(response.content).hexdigest() == pan.xlsx_sha256
    entries = PageLogEntry.objects.filter(action=audit.DOWNLOAD, page_id=pan.actor_id)
    assert entries.count() == 2 and {e.user_id for e in entries} == {editors["pan"].pk}
    assert {e.data["sha256"] for e in entries} == {pan.zip_sha256, pan.xlsx_sha256}


@pytest.mark.parametrize("editor,owner", [("morena", "pan"), ("va", "pan"), ("pan", "ind-a")])
def test_another_actors_editor_is_refused_at_every_url_of_a_package(
    client, dataset, editors, generated, editor, owner
):
    client.force_login(editors[editor])
    for name, url in package_urls(generated[owner].actor_id).items():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert refused_plainly(response), (
                f"{editor} → {owner} {method} {name}: {response.status_code}"
            )
            assert not is_file(response)
    response = client.post(reverse("decide_delivery_generate_all"))
    assert refused_plainly(response)
    assert not PageLogEntry.objects.filter(action=audit.DOWNLOAD).exists()
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert generated[owner].zip_sha256 not in html


def test_before_the_delivery_date_nothing_is_downloadable(
    client, dataset, editors, generated, ieem_admin
):
    set_phase("results")
    pan = generated["pan"]
    for user in (editors["pan"], ieem_admin):
        client.force_login(user)
        html = client.get(reverse("decide_delivery_index")).content.decode()
        assert "La entrega a los partidos empieza el" in html
        assert reverse("decide_delivery_zip", args=[pan.actor_id]) not in html
        if user == editors["pan"]:
            assert "Disponible desde la fecha de entrega." in html
            assert pan.zip_sha256 not in html
        for name in ("zip", "xlsx", "receipt"):
            response = client.get(package_urls(pan.actor_id)[name])
            assert refused(response) and not is_file(response), name
    assert not PageLogEntry.objects.filter(action=audit.DOWNLOAD).exists()


def test_before_the_delivery_date_nothing_is_generated(client, dataset, ieem_admin):
    set_phase("results")
    client.force_login(ieem_admin)
    pan = dataset.actors["pan"]
    response = client.post(reverse("decide_delivery_generate", args=[pan.pk]), follow=True)
    assert "La entrega a los partidos empieza el" in response.content.decode()
    client.post(reverse("decide_delivery_generate_all"))
    assert not DeliveryPackage.objects.exists()


def test_non_elected_independent_and_coalition_have_no_package_and_are_told_why(
    client, dataset, editors, generated
):
    assert "ind-b" not in generated and "va" not in generated
    client.force_login(editors["ind-b"])
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "Sin paquete." in html
    assert "La candidatura no resultó electa según los resultados oficiales" in html
    client.force_login(editors["va"])
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "Las coaliciones no reciben un paquete propio" in html
    client.force_login(editors["ind-a"])
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "Electa:" in html and generated["ind-a"].zip_sha256 in html


def test_regenerating_needs_administration_and_a_reason(
    client, dataset, generated, ieem_admin, ieem_moderator
):
    pan = generated["pan"]
    url = reverse("decide_delivery_regenerate", args=[pan.actor_id])
    client.force_login(ieem_moderator)
    assert refused(client.get(url))
    assert refused(client.post(url, {"reason": "quiero"}))
    client.force_login(ieem_admin)
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Escribe el motivo: sin él no se regenera el paquete." in response.content.decode()
    assert DeliveryPackage.objects.get(pk=pan.pk).version == 1
    assert not PageLogEntry.objects.filter(action=audit.REGENERATE).exists()
    response = client.post(url, {"reason": "Se aceptaron 2 ideas por error"}, follow=True)
    assert "regenerado (versión 2" in response.content.decode()
    package = DeliveryPackage.objects.get(pk=pan.pk)
    assert package.version == 2 and package.reason == "Se aceptaron 2 ideas por error"
    entry = PageLogEntry.objects.get(action=audit.REGENERATE)
    assert entry.data["reason"] == package.reason and entry.data["zip_sha256"] == (
        package.zip_sha256
    )
    assert entry.user_id == ieem_admin.pk


def test_staff_see_who_downloaded_and_the_log(client, dataset, editors, generated, ieem_admin):
    pan = generated["pan"]
    client.force_login(editors["pan"])
    client.get(reverse("decide_delivery_zip", args=[pan.actor_id]))
    client.force_login(ieem_admin)
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "El partido descargó: editor-pan" in html
    assert "El partido aún no descarga su paquete." in html  # the others
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Descarga: el paquete ZIP de «Partido Acción Nacional»" in history
    assert "Paquete de «Partido Acción Nacional» generado" in history


def test_communication_staff_and_plain_users_see_nothing(
    client, dataset, generated, django_user_model
):
    ensure_staff_groups()
    comms = django_user_model.objects.create_user("comunicacion", password="x")
    comms.groups.add(Group.objects.get(name=COMMS_GROUP))
    client.force_login(comms)
    assert refused(client.get(reverse("decide_delivery_index")))
    for url in package_urls(generated["pan"].actor_id).values():
        assert refused(client.get(url)) and refused(client.post(url, {"reason": "x"}))
    assert DeliveryPackage.objects.get(actor_slug="pan").version == 1
    home = client.get("/admin/").content.decode()
    assert "Entrega de la participaci" not in home and "/admin/entrega/" not in home


def test_receipt_names_the_counts_and_the_checksum_of_the_file(client, dataset, editors, generated):
    pan = generated["pan"]
    client.force_login(editors["pan"])
    html = client.get(reverse("decide_delivery_receipt", args=[pan.actor_id])).content.decode()
    zip_bytes = client.get(reverse("decide_delivery_zip", args=[pan.actor_id])).content
    assert "Oficio de remisión" in html and "Partido PAN (PAN) · Partido político nacional" in html
    assert "Recibe: Partido PAN" in html
    assert hashlib.sha256(zip_bytes).hexdigest() in html
    assert pan.xlsx_sha256 in html and pan.data_sha256 in html
    assert f'<td class="num">{pan.counts["Ideas"]}</td>' in html
    assert f'<td class="num">{pan.counts["Resumen"]}</td>' in html
    assert "Va por Prueba" in html and pan.generated_by_name in html
    assert "/static/css/delivery_receipt.css" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    css = (Path(settings.BASE_DIR) / "static/css/delivery_receipt.css").read_text()
    assert "@media print" in css and ".no-print" in css


def test_editor_sees_the_menu_item(client, dataset, editors):
    client.force_login(editors["pan"])
    html = client.get("/admin/").content.decode()
    # The sidebar menu is JSON in the page (accents escaped).
    assert "Entrega de la participaci" in html and '"/admin/entrega/"' in html


def test_staff_screen_counts_ideas_deliver_ideas_has_not_stamped(client, dataset, ieem_admin):
    from django.core.management import call_command

    from participation.models import Idea

    client.force_login(ieem_admin)
    accepted = Idea.objects.filter(status=Idea.ACCEPTED).count()
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert f"(hoy: {accepted} ideas aceptadas sin marcar)" in html
    call_command("deliver_ideas", stdout=io.StringIO())
    html = client.get(reverse("decide_delivery_index")).content.decode()
    assert "(hoy no queda ninguna idea aceptada sin marcar)" in html


def test_party_audit_report_lists_the_actors_delivery_events(
    client, dataset, editors, generated, ieem_admin
):
    pan, morena = generated["pan"], generated["morena"]
    client.force_login(editors["pan"])
    client.get(reverse("decide_delivery_receipt", args=[pan.actor_id]))
    client.force_login(ieem_admin)
    html = client.get(reverse("decide_party_audit") + f"?actor={pan.actor_id}").content.decode()
    assert "Paquete de «Partido Acción Nacional» generado" in html
    assert "Descarga: el oficio de remisión de «Partido Acción Nacional»" in html
    assert pan.zip_sha256 in html and morena.zip_sha256 not in html
