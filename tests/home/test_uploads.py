"""Uploads: allowed types and sizes for images and documents; documents always download."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
    b"<script>alert(1)</script></svg>"
)


def png_bytes(size=(8, 8), padding=0):
    out = io.BytesIO()
    PILImage.new("RGB", size, "red").save(out, "PNG")
    return out.getvalue() + b"\0" * padding


@pytest.fixture
def staff(client, home_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = get_user_model().objects.create_superuser("ieem-uploads", "u@example.mx", "x" * 16)
    client.force_login(user)
    return client


def add_image(client, name, content, content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post("/admin/images/add/", {"title": "Prueba", "file": upload, "collection": 1})


def add_document(client, name, content, content_type="application/octet-stream"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(
        "/admin/documents/add/", {"title": "Prueba", "file": upload, "collection": 1}
    )


def test_settings(settings):
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["jpg", "jpeg", "png", "webp"]
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    for risky in ("svg", "html", "htm", "js", "xml", "exe", "zip"):
        assert risky not in settings.WAGTAILDOCS_EXTENSIONS
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440


@pytest.mark.django_db
def test_a_png_is_accepted(staff):
    response = add_image(staff, "logo.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("logo.svg", SVG, "image/svg+xml"),
        ("logo.png", SVG, "image/png"),  # an SVG passed off as PNG
        ("logo.gif", b"GIF89a" + b"\0" * 20, "image/gif"),
    ],
)
def test_svg_and_other_formats_are_refused(staff, name, content, content_type):
    response = add_image(staff, name, content, content_type)
    assert response.status_code == 200  # the form again, with the error
    if name.endswith((".svg", ".gif")):
        assert "Formatos soportados: JPG, JPEG, PNG, WEBP" in response.content.decode()
    assert Image.objects.count() == 0


@pytest.mark.django_db
def test_an_image_over_5_mb_is_refused(staff):
    response = add_image(staff, "grande.png", png_bytes(padding=5 * 1024 * 1024))
    assert response.status_code == 200
    assert "Este archivo es demasiado grande" in response.content.decode()
    assert Image.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["pagina.html", "dibujo.svg", "codigo.js", "datos.xml"])
def test_risky_documents_are_refused(staff, name):
    response = add_document(staff, name, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert "no esta permitida" in response.content.decode()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_a_document_over_20_mb_is_refused(staff, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # the same check, without a 20 MB body
    response = add_document(staff, "acta.pdf", b"%PDF-1.4\n" + b"0" * 2048, "application/pdf")
    assert response.status_code == 200
    assert Document.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [("acta.pdf", b"%PDF-1.4\n%%EOF\n"), ("nota.txt", b"texto"), ("tabla.csv", b"a,b\n")],
)
def test_documents_are_served_as_attachments(staff, client, name, content):
    response = add_document(staff, name, content)
    assert response.status_code == 302, response.content.decode()[:500]
    document = Document.objects.get()
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in served
