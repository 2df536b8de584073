"""Candidacy importer: the real 2021 file and broken files (all or nothing)."""

import pytest
from django.core.management import CommandError, call_command

from electoral.importing import ImportFileError
from electoral.models import Candidacy, PoliticalActorPage
from electoral.parties.importers import CANDIDATES_FILE

pytestmark = pytest.mark.django_db

HEADER = "ord;IDENTIFICADOR_MUNICIPIO;mun;part;CANDIDATURA_PROPIETARIA;CANDIDATURA_SUPLENTE\n"


def write(tmp_path, text, name="candidatos.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_2021_file(actors_2021):
    report = Candidacy.objects.import_csv(CANDIDATES_FILE, source="2021")
    assert (report.rows, report.created) == (952, 1904)
    assert Candidacy.objects.count() == 1904
    assert Candidacy.objects.heads().count() == 952
    assert Candidacy.objects.filter(role="suplente").count() == 952
    # Gender is not in the file: never inferred.
    assert set(Candidacy.objects.values_list("gender", flat=True)) == {"no_registrado"}
    # pt-morena-pna rows go to the coalición or the candidatura común by place.
    coalition = PoliticalActorPage.objects.get(registry_key="pt-morena-pna")
    common = PoliticalActorPage.objects.get(registry_key="pt-morena-pna/cc")
    assert coalition.candidacies.count() == 180 and common.candidacies.count() == 60
    for actor in (coalition, common):
        places = set(actor.candidacies.values_list("municipality_id", flat=True))
        assert places == set(actor.municipalities.values_list("id", flat=True))
    independents = Candidacy.objects.filter(actor__kind="independiente")
    assert independents.count() == 30
    assert independents.values("actor").distinct().count() == 15
    toluca = Candidacy.objects.filter(municipality__ine_code=107)
    assert toluca.count() == 14
    head = toluca.get(actor__registry_key="pan-pri-prd", role="propietaria")
    assert head.name == "RAYMUNDO EDGAR MARTINEZ CARBAJAL" and head.source_line == 825
    assert head.display_name == "Raymundo Edgar Martinez Carbajal"
    # Names kept exactly as given (double spaces included).
    assert Candidacy.objects.filter(name="YOLANDA  GARCIA").exists()
    # Idempotent.
    again = Candidacy.objects.import_csv(CANDIDATES_FILE, source="2021")
    assert (again.created, again.updated, again.unchanged, again.deleted) == (0, 0, 1904, 0)


def test_command_reports_counts(actors_2021, capsys):
    call_command("import_candidacies", str(CANDIDATES_FILE))
    out = capsys.readouterr().out
    assert "952 filas, 1904 candidaturas (1904 nuevas" in out
    assert "Presidencia municipal: 1904" in out


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            "1;999;NADA;pan;ANA LOPEZ;EVA RUIZ\n",
            "línea 3, campo «IDENTIFICADOR_MUNICIPIO»: no existe el municipio",
        ),
        (
            "1;107;TOLUCA;pvx;ANA LOPEZ;EVA RUIZ\n",
            "línea 3, campo «part»: etiqueta de partido desconocida «pvx»",
        ),
        (
            "1;107;TOLUCA;pan;ANA LOPEZ;EVA RUIZ\n",
            "línea 3: fila duplicada; repite la candidatura de la línea 2",
        ),
        (
            "1;107;TOLUCA;mc;;EVA RUIZ\n",
            "línea 3, campo «CANDIDATURA_PROPIETARIA»: falta el nombre",
        ),
        (
            "1;abc;TOLUCA;mc;ANA;EVA\n",
            "línea 3, campo «IDENTIFICADOR_MUNICIPIO»: «abc» no es un número",
        ),
        (
            "1;107;TOLUCA;indep;NADIE;EVA\n",
            "línea 3, campo «part»: no hay candidatura independiente",
        ),
        (
            "1;1;ACAMBAY;pan-pri-prd;ANA;EVA\n",
            "línea 3, campo «part»: «pan-pri-prd» no tiene registro",
        ),
    ],
)
def test_broken_files_import_nothing(actors_2021, tmp_path, rows, message):
    if "pan-pri-prd" in rows:
        # A place is only checked when a label names two actors (coalición and
        # candidatura común): give PAN-PRI-PRD's label to a second actor.
        PoliticalActorPage.objects.filter(registry_key="pt-morena-pna/cc").update(
            ballot_label="pan-pri-prd"
        )
    good = "1;107;TOLUCA;pan;ANA LOPEZ;EVA RUIZ\n"
    path = write(tmp_path, HEADER + good + rows)
    with pytest.raises(ImportFileError) as exc:
        Candidacy.objects.import_csv(path)
    assert any(message in e for e in exc.value.messages), exc.value.messages
    assert Candidacy.objects.count() == 0


def test_bad_header_and_encoding(actors_2021, tmp_path):
    path = write(tmp_path, "a;b;c\n1;2;3\n")
    with pytest.raises(ImportFileError) as exc:
        Candidacy.objects.import_csv(path)
    assert "línea 1: encabezado no reconocido" in exc.value.messages[0]
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "1;107;TOLUCA;pan;ANA NUÑEZ;EVA\n").encode("latin-1"))
    with pytest.raises(ImportFileError) as exc:
        Candidacy.objects.import_csv(latin)
    assert "no está en UTF-8" in exc.value.messages[0]


def test_command_fails_cleanly_in_spanish(actors_2021, tmp_path):
    path = write(tmp_path, HEADER + "1;999;X;pan;A;B\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_candidacies", str(path))
    assert "No se importó nada" in str(exc.value) and "línea 2" in str(exc.value)


def test_registry_layout_with_every_office_and_gender(actors_2021, tmp_path):
    text = (
        "cargo,municipio,distrito,actor,posicion,calidad,nombre,genero,reeleccion\n"
        "presidencia-municipal,107,,pan,1,propietaria,ANA NUÑEZ,mujer,si\n"
        "sindicatura,107,,pan,1,suplente,EVA RUIZ,Mujer,\n"
        "regiduria,107,,pan,3,propietaria,LUIS SOTO,hombre,no\n"
        "diputacion-mr,,12,pt-morena-pna,1,propietaria,ROSA DIAZ,mujer,\n"
        "diputacion-rp,,,morena,2,suplente,JUANA PEREZ,no binaria,\n"
    )
    report = Candidacy.objects.import_csv(write(tmp_path, text), source="registro")
    assert report.created == 5
    ana = Candidacy.objects.get(name="ANA NUÑEZ")
    assert ana.gender == "mujer" and ana.reelection is True and ana.is_head
    rosa = Candidacy.objects.get(name="ROSA DIAZ")
    # District 12 had PT-MORENA-NAEM as a candidatura común (alianzas file).
    assert rosa.district.number == 12 and rosa.actor.registry_key == "pt-morena-pna/cc"
    assert rosa.is_head
    assert Candidacy.objects.get(name="JUANA PEREZ").gender == "no_binaria"
    # A new version of the same source withdraws rows no longer in it.
    shorter = "\n".join(text.splitlines()[:2]) + "\n"
    report = Candidacy.objects.import_csv(write(tmp_path, shorter, "v2.csv"), source="registro")
    assert report.deleted == 4 and Candidacy.objects.count() == 1


def test_registry_layout_errors_name_line_and_field(actors_2021, tmp_path):
    text = (
        "cargo,municipio,distrito,actor,posicion,calidad,nombre,genero\n"
        "alcaldia,107,,pan,1,propietaria,ANA,mujer\n"
        "regiduria,107,,pan,0,titular,EVA,x\n"
        "diputacion-mr,,,pan,1,propietaria,LUIS,\n"
    )
    with pytest.raises(ImportFileError) as exc:
        Candidacy.objects.import_csv(write(tmp_path, text))
    errors = "\n".join(exc.value.messages)
    assert "línea 2, campo «cargo»: «alcaldia» no es un cargo válido" in errors
    assert "línea 3, campo «posicion»" in errors and "línea 3, campo «calidad»" in errors
    assert "línea 3, campo «genero»: «x» no es válido" in errors
    assert "línea 4, campo «distrito»: la diputación de mayoría requiere distrito" in errors
    assert Candidacy.objects.count() == 0
