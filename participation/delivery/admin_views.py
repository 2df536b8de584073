"""«Entrega de la participación» in the Wagtail admin.

- IEEM moderators and administrators (`participation.view_delivery`) see
  every actor: whether it receives a package (and why not), its package,
  receipt and checksums, and who downloaded what and when.
- Administración IEEM (`participation.generate_delivery`) generates one or
  all packages and regenerates one with a written reason.
- A party editor sees only their own actor's package and receipt, from the
  calendar's delivery date. Every URL naming another actor's package answers
  404 (electoral/editorial/admin_guard.py checks `actor_id` before any view;
  these views check it again).
- Nothing is downloadable before the delivery date, for anybody.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_POST

from electoral.editorial.groups import editor_links_for
from electoral.editorial.models import ActorEditorGroup
from electoral.parties.models import PoliticalActorPage
from home.models import ElectionCalendar
from participation.ideas import delivery as idea_delivery

from . import audit, services
from .models import DeliveryPackage
from .recipients import all_recipients, recipient_for

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sees_all(user):
    return user.is_active and user.has_perm(services.VIEW_PERMISSION)


def can_generate(user):
    return user.is_active and user.has_perm(services.GENERATE_PERMISSION)


def own_actor_ids(user):
    return {link.actor_id for link in editor_links_for(user)}


def may_open(user, actor_id):
    """IEEM staff with the view permission: any actor; a party editor: their own."""
    return sees_all(user) or actor_id in own_actor_ids(user)


def may_use_screen(user):
    return sees_all(user) or bool(own_actor_ids(user))


def _actor_or_404(user, actor_id):
    if not may_open(user, actor_id):
        raise Http404("Paquete no disponible")
    actor = PoliticalActorPage.objects.filter(pk=actor_id).first()
    if actor is None:
        raise Http404("Paquete no disponible")
    return actor


def _downloadable_package(request, actor_id):
    """The stored package of `actor_id` if this user may download it now, else 404."""
    actor = _actor_or_404(request.user, actor_id)
    if not services.delivery_open():
        raise Http404("La entrega aún no empieza")
    package = DeliveryPackage.objects.filter(actor=actor).first()
    if package is None:
        raise Http404("Paquete aún no generado")
    return package


def _editor_user_ids(actor_ids):
    ids = {}
    for link in ActorEditorGroup.objects.filter(actor_id__in=actor_ids).prefetch_related(
        "group__user_set"
    ):
        ids[link.actor_id] = {u.pk for u in link.group.user_set.all()}
    return ids


def summary(package):
    c = package.counts or {}
    return (
        f"{c.get('Resumen', 0)} elementos; «Me gusta» {c.get('Me gusta', 0)}; «No me gusta» "
        f"{c.get('No me gusta', 0)}; {c.get('Ideas', 0)} ideas aceptadas; "
        f"{c.get('No entregadas', 0)} rechazadas (sin texto)."
    )


class DeliveryIndexView(View):
    template_name = "participation/admin/delivery_index.html"

    def get(self, request):
        user = request.user
        if not may_use_screen(user):
            raise PermissionDenied
        calendar = ElectionCalendar.load()
        everyone = sees_all(user)
        if everyone:
            recipients = all_recipients()
        else:
            own = own_actor_ids(user)
            actors = PoliticalActorPage.objects.filter(pk__in=own).order_by("registration_order")
            recipients = [recipient_for(a) for a in actors]
        ids = [r.actor.pk for r in recipients]
        packages = {p.actor_id: p for p in DeliveryPackage.objects.filter(actor_id__in=ids)}
        downloads = audit.downloads(ids) if everyone else {}
        editors = _editor_user_ids(ids) if everyone else {}
        rows = []
        for r in recipients:
            entries = downloads.get(r.actor.pk, [])
            party_entries = [e for e in entries if e.user_id in editors.get(r.actor.pk, set())]
            package = packages.get(r.actor.pk)
            rows.append(
                {
                    "summary": summary(package) if package else "",
                    "recipient": r,
                    "actor": r.actor,
                    "package": package,
                    "downloads": entries[:20],
                    "downloads_total": len(entries),
                    "party_download": party_entries[-1] if party_entries else None,
                    "party_last_download": party_entries[0] if party_entries else None,
                }
            )
        is_open = services.delivery_open(calendar)
        context = {
            # Accepted ideas deliver_ideas has not stamped yet (and whose senders
            # are not told yet): IEEM runs it after handing the packages over.
            "undelivered": idea_delivery.to_deliver().count() if everyone else None,
            "rows": rows,
            "staff": everyone,
            "can_generate": can_generate(user),
            "is_open": is_open,
            "not_yet": None if is_open else services.not_yet_message(calendar),
            "pending": [
                row for row in rows if row["recipient"].receives and row["package"] is None
            ],
        }
        return TemplateResponse(request, self.template_name, context)


def _refuse(request, message):
    messages.error(request, message)
    return redirect("decide_delivery_index")


@require_POST
def generate_view(request, actor_id):
    if not can_generate(request.user):
        raise PermissionDenied
    actor = _actor_or_404(request.user, actor_id)
    try:
        package, created = services.generate(actor, request.user)
    except services.DeliveryRefused as refusal:
        return _refuse(request, str(refusal))
    if created:
        messages.success(
            request,
            f"Paquete de {actor.title} generado (versión {package.version}; SHA-256 "
            f"{package.zip_sha256}).",
        )
    else:
        messages.info(
            request,
            f"El paquete de {actor.title} ya estaba generado; no se cambió. Para volver a "
            "generarlo usa «Regenerar» y escribe el motivo.",
        )
    return redirect("decide_delivery_index")


@require_POST
def generate_all_view(request):
    if not can_generate(request.user):
        raise PermissionDenied
    made, errors = [], []
    for recipient in all_recipients():
        if not recipient.receives:
            continue
        try:
            package, created = services.generate(recipient.actor, request.user)
        except services.DeliveryRefused as refusal:
            errors.append(str(refusal))
            continue
        if created:
            made.append(recipient.actor.acronym or recipient.actor.title)
    for error in dict.fromkeys(errors):
        messages.error(request, error)
    if made:
        messages.success(request, f"Paquetes generados: {len(made)} ({', '.join(made)}).")
    elif not errors:
        messages.info(request, "Todos los paquetes ya estaban generados; no se cambió ninguno.")
    return redirect("decide_delivery_index")


class RegenerateForm(forms.Form):
    reason = forms.CharField(
        label="Motivo de la regeneración",
        widget=forms.Textarea({"rows": 4}),
        max_length=2000,
        help_text="Queda en la bitácora y en el paquete nuevo. El partido recibirá el paquete "
        "nuevo con otra huella SHA-256.",
        error_messages={
            "required": "Escribe el motivo: sin él no se regenera el paquete.",
            "max_length": "El motivo puede tener hasta %(limit_value)d caracteres.",
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Escribe el motivo: sin él no se regenera el paquete.")
        return reason


class RegenerateView(View):
    template_name = "participation/admin/delivery_regenerate.html"

    def dispatch(self, request, actor_id):
        if not can_generate(request.user):
            raise PermissionDenied
        self.actor = _actor_or_404(request.user, actor_id)
        self.package = DeliveryPackage.objects.filter(actor=self.actor).first()
        if self.package is None:
            return _refuse(request, f"{self.actor.title} aún no tiene paquete: usa «Generar».")
        return super().dispatch(request, actor_id)

    def render(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "actor": self.actor, "package": self.package},
        )

    def get(self, request, actor_id):
        return self.render(RegenerateForm())

    def post(self, request, actor_id):
        form = RegenerateForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            package, _ = services.generate(
                self.actor, request.user, regenerate=True, reason=form.cleaned_data["reason"]
            )
        except services.DeliveryRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render(form)
        messages.success(
            request,
            f"Paquete de {self.actor.title} regenerado (versión {package.version}; SHA-256 "
            f"{package.zip_sha256}).",
        )
        return redirect("decide_delivery_index")


def _file_response(package, kind):
    data = bytes(package.zip_data if kind == "zip" else package.xlsx_data)
    response = HttpResponse(data, content_type="application/zip" if kind == "zip" else XLSX_TYPE)
    name = f"entrega-{package.actor_slug}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_zip_view(request, actor_id):
    package = _downloadable_package(request, actor_id)
    audit.log_download(package, request.user, "zip")
    return _file_response(package, "zip")


def download_xlsx_view(request, actor_id):
    package = _downloadable_package(request, actor_id)
    audit.log_download(package, request.user, "xlsx")
    return _file_response(package, "xlsx")


def receipt_view(request, actor_id):
    package = _downloadable_package(request, actor_id)
    audit.log_download(package, request.user, "oficio")
    actor = package.actor.specific
    counts = package.counts or {}
    context = {
        "package": package,
        "actor": actor,
        "recipient": recipient_for(actor),
        "calendar": ElectionCalendar.load(),
        "sheets": [
            (
                "Resumen",
                "elementos (plataforma, temas, perfiles y propuestas)",
                counts.get("Resumen"),
            ),
            ("Ideas", "ideas, propuestas y comentarios aceptados", counts.get("Ideas")),
            (
                "No entregadas",
                "ideas rechazadas por moderación (sin su texto)",
                counts.get("No entregadas"),
            ),
            ("Datos", "datos de la entrega y huella de los datos", None),
        ],
        "likes": counts.get("Me gusta", 0),
        "dislikes": counts.get("No me gusta", 0),
        "flagged": counts.get("Reacciones señaladas", 0),
        "index_url": reverse("decide_delivery_index"),
        "zip_name": f"entrega-{package.actor_slug}.zip",
        "xlsx_name": f"entrega-{package.actor_slug}.xlsx",
    }
    response = TemplateResponse(request, "participation/admin/delivery_receipt.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
