"""The package's contents: counts, whose targets, no rejected text, checksums."""

import csv
import hashlib
import io
import zipfile

import pytest
from openpyxl import load_workbook

from participation.delivery import services
from participation.delivery.models import DeliveryPackage
from participation.delivery.recipients import all_recipients, recipient_for
from participation.models import Idea, Reaction, Target

pytestmark = pytest.mark.django_db


def generate(dataset, slug, user=None):
    package, _ = services.generate(dataset.actors[slug], user)
    return package


def sheets(xlsx_bytes):
    workbook = load_workbook(io.BytesIO(xlsx_bytes), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def zip_files(zip_bytes):
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def all_text(package):
    texts = [bytes(package.xlsx_data)]
    with zipfile.ZipFile(io.BytesIO(bytes(package.xlsx_data))) as archive:
        texts += [archive.read(n) for n in archive.namelist()]
    texts += list(zip_files(bytes(package.zip_data)).values())
    return b"\n".join(texts).decode("utf-8", "replace")


def test_counts_equal_the_stored_reactions_and_ideas_exactly(dataset):
    package = generate(dataset, "pan")
    book = sheets(bytes(package.xlsx_data))
    assert list(book) == ["Resumen", "Ideas", "No entregadas", "Datos"]
    header, *rows = book["Resumen"]
    col = {name: i for i, name in enumerate(header)}
    items = [r for r in rows if r[col["Fila"]] == "Elemento"]
    ids = services.recipient_for(dataset.actors["pan"]).actor_ids
    targets = Target.objects.filter(actor_id__in=ids)
    assert len(items) == targets.count() == 3 + 2 + 3  # PAN platform, PAN profile, coalition
    for target in targets:
        row = next(
            r
            for r in items
            if r[col["Elemento"]] == target.label and r[col["Página"]] == target.page_title
        )
        likes = Reaction.objects.filter(target=target, value=Reaction.LIKE).count()
        dislikes = Reaction.objects.filter(target=target, value=Reaction.DISLIKE).count()
        accepted = Idea.objects.filter(target=target, status=Idea.ACCEPTED).count()
        flagged = Reaction.objects.filter(target=target, burst__isnull=False).count()
        assert row[col["Me gusta"]] == likes
        assert row[col["No me gusta"]] == dislikes
        assert row[col["Total de reacciones"]] == likes + dislikes
        assert row[col["Ideas aceptadas"]] == accepted
        assert row[col["Reacciones señaladas como anómalas"]] == flagged
    total = next(r for r in rows if r[col["Fila"]] == "Total")
    assert (
        total[col["Me gusta"]]
        == Reaction.objects.filter(target__in=targets, value=Reaction.LIKE).count()
    )
    assert (
        total[col["No me gusta"]]
        == Reaction.objects.filter(target__in=targets, value=Reaction.DISLIKE).count()
    )
    # One subtotal per page: PAN's platform, PAN's candidate, the coalition's platform.
    subtotals = [r for r in rows if r[col["Fila"]] == "Subtotal"]
    assert len(subtotals) == 3
    assert any("de la candidatura «Ana Prueba" in r[col["Elemento"]] for r in subtotals)
    for sub in subtotals:
        page_rows = [r for r in items if r[col["Página"]] == sub[col["Página"]]]
        assert sub[col["Me gusta"]] == sum(r[col["Me gusta"]] for r in page_rows)
    # Ideas: exactly the accepted ones, with municipality, never name or e-mail.
    accepted = Idea.objects.filter(target__in=targets, status=Idea.ACCEPTED)
    idea_header, *idea_rows = book["Ideas"]
    assert sorted(r[idea_header.index("Idea")] for r in idea_rows) == sorted(
        accepted.values_list("text", flat=True)
    )
    assert any(r[idea_header.index("Municipio")] == "Acambay" for r in idea_rows)
    # No entregadas: rejected counted per target and reason.
    rej_header, *rej_rows = book["No entregadas"]
    assert (
        sum(r[-1] for r in rej_rows)
        == Idea.objects.filter(target__in=targets, status=Idea.REJECTED).count()
    )
    assert package.counts["Ideas"] == accepted.count()
    assert package.counts["Resumen"] == 8
    datos = {r[0]: r[1] for r in book["Datos"][1:]}
    assert datos["Actor político"] == "Partido Acción Nacional"
    assert datos["SHA-256 de los datos (resumen.csv, ideas.csv y no_entregadas.csv)"] == (
        package.data_sha256
    )
    assert datos["Reacciones señaladas como anómalas (ráfagas; se cuentan en las cifras)"] == 4
    assert "Va por Prueba" in datos["Coaliciones y candidaturas comunes incluidas"]


def test_a_package_holds_nothing_of_another_actor(dataset):
    text = all_text(generate(dataset, "pan"))
    assert "IDEA-ACEPTADA-pan" in text
    assert "IDEA-ACEPTADA-va" in text  # its coalition's
    for other in ("pri", "morena", "ind-a"):
        assert f"IDEA-ACEPTADA-{other}" not in text
        assert f"Seguridad {other.upper()}" not in text
    morena = all_text(generate(dataset, "morena"))
    assert "IDEA-ACEPTADA-morena" in morena
    assert "IDEA-ACEPTADA-pan" not in morena and "IDEA-ACEPTADA-va" not in morena
    assert "Va por Prueba" not in morena


def test_coalition_targets_go_to_each_member_marked_as_such(dataset):
    for slug in ("pan", "pri"):
        book = sheets(bytes(generate(dataset, slug).xlsx_data))
        header, *rows = book["Resumen"]
        origins = {r[header.index("Origen")] for r in rows if r[0] == "Elemento"}
        assert origins == {"Propio", "De la coalición Va por Prueba"}
        idea_header, *ideas = book["Ideas"]
        coalition = [r for r in ideas if "IDEA-ACEPTADA-va" in r[idea_header.index("Idea")]]
        assert coalition and all(
            r[idea_header.index("Origen")] == "De la coalición Va por Prueba" for r in coalition
        )


def test_rejected_and_pending_texts_and_personal_data_never_appear(dataset):
    for slug in ("pan", "pri", "morena", "ind-a"):
        text = all_text(generate(dataset, slug))
        assert "RECHAZADA-" not in text
        assert "PENDIENTE-" not in text
        assert "Nombre Secreto" not in text and "secreto@example.org" not in text


def test_a_formula_looking_idea_is_text_in_the_workbook_and_quoted_in_the_csv(dataset):
    package = generate(dataset, "morena")
    workbook = load_workbook(io.BytesIO(bytes(package.xlsx_data)))
    cells = [c for row in workbook["Ideas"].iter_rows() for c in row if "FORMULA" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)
    ideas_csv = zip_files(bytes(package.zip_data))["ideas.csv"].decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(ideas_csv)) if "FORMULA" in ",".join(r))
    assert any(cell.startswith("'=HYPERLINK") for cell in row)


def test_zip_holds_xlsx_csvs_and_readme_and_checksums_are_stable(dataset):
    package = generate(dataset, "pan")
    assert package.zip_sha256 == hashlib.sha256(bytes(package.zip_data)).hexdigest()
    assert package.xlsx_sha256 == hashlib.sha256(bytes(package.xlsx_data)).hexdigest()
    files = zip_files(bytes(package.zip_data))
    assert list(files) == [
        "entrega-pan.xlsx",
        "resumen.csv",
        "ideas.csv",
        "no_entregadas.csv",
        "datos.csv",
        "LEEME.txt",
    ]
    assert files["entrega-pan.xlsx"] == bytes(package.xlsx_data)
    assert files["resumen.csv"].startswith("\ufeff".encode())
    readme = files["LEEME.txt"].decode("utf-8")
    assert "Actor político: Partido PAN (PAN)" in readme and package.data_sha256 in readme
    data = hashlib.sha256(
        files["resumen.csv"] + files["ideas.csv"] + files["no_entregadas.csv"]
    ).hexdigest()
    assert data == package.data_sha256
    # Generated once: asking again serves the same bytes.
    again, created = services.generate(dataset.actors["pan"])
    assert not created and again.zip_sha256 == package.zip_sha256
    # Deterministic: a fresh build from the same data and moment is byte for byte equal.
    from home.models import ElectionCalendar
    from participation.delivery.package import build

    rebuilt = build(
        recipient_for(dataset.actors["pan"]),
        calendar=ElectionCalendar.load(),
        generated_at=package.generated_at,
        generated_by_name=package.generated_by_name,
    )
    assert hashlib.sha256(rebuilt.zip_bytes).hexdigest() == package.zip_sha256


def test_who_receives_a_package(dataset):
    by_slug = {r.actor.slug: r for r in all_recipients()}
    assert by_slug["pan"].receives and by_slug["morena"].receives
    assert by_slug["ind-a"].receives and by_slug["ind-a"].won
    assert not by_slug["ind-b"].receives
    assert "La candidatura no resultó electa" in by_slug["ind-b"].why_not
    assert not by_slug["va"].receives and "PAN" in by_slug["va"].why_not
    with pytest.raises(services.DeliveryRefused, match="La candidatura no resultó electa"):
        services.generate(dataset.actors["ind-b"])
    with pytest.raises(services.DeliveryRefused, match="coaliciones no reciben"):
        services.generate(dataset.actors["va"])
    assert not DeliveryPackage.objects.exists()


def test_nothing_is_generated_before_the_delivery_date(dataset):
    from tests.participation.conftest import set_phase

    set_phase("results")
    with pytest.raises(services.DeliveryRefused, match="La entrega a los partidos empieza el"):
        services.generate(dataset.actors["pan"])
    assert not DeliveryPackage.objects.exists()


def test_regenerating_needs_a_reason(dataset, ieem_admin):
    first = generate(dataset, "pan", ieem_admin)
    with pytest.raises(services.DeliveryRefused, match="escribe el motivo"):
        services.generate(dataset.actors["pan"], ieem_admin, regenerate=True, reason="  ")
    package, created = services.generate(
        dataset.actors["pan"], ieem_admin, regenerate=True, reason="Se corrigió una moderación"
    )
    assert created and package.version == 2 and package.reason == "Se corrigió una moderación"
    assert package.pk == first.pk


def test_origin_does_not_repeat_the_alliance_word():
    from types import SimpleNamespace

    from participation.delivery.package import _origin

    actor = SimpleNamespace(pk=1)
    coalition = SimpleNamespace(pk=2, title="Coalición PAN-PRI-PRD", kind="coalicion")
    common = SimpleNamespace(pk=3, title="Juntos", kind="candidatura_comun")
    alliances = {2: coalition, 3: common}
    assert _origin(SimpleNamespace(actor_id=1), actor, alliances) == "Propio"
    assert _origin(SimpleNamespace(actor_id=2), actor, alliances) == "De la coalición PAN-PRI-PRD"
    assert _origin(SimpleNamespace(actor_id=3), actor, alliances) == (
        "De la candidatura común Juntos"
    )
