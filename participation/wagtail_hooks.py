from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .delivery import admin_views as delivery_views
from .delivery.audit import register_actions as register_delivery_log_actions
from .fragments import render_controls

# Registered first: Wagtail must not create its default policy for Idea.
from .ideas.admin_views import (  # noqa: E402
    MODERATE_PERMISSION,
    AcceptIdeasBulkAction,
    IdeaPermissionPolicy,
    IdeaViewSet,
    PendingIdeasPanel,
    RejectIdeasBulkAction,
)
from .ideas.audit import register_actions as register_moderation_log_actions
from .models import Idea
from .reactions.admin_views import (  # noqa: E402
    BURSTS_PERMISSION,
    REPORT_PERMISSION,
    BurstsReportView,
    ReactionsReportView,
)
from .statistics.admin_views import VIEW_PERMISSION as STATISTICS_PERMISSION
from .statistics.admin_views import StatisticsPanel, StatisticsReportView

register_permission_policy(Idea, IdeaPermissionPolicy(Idea))
register_snippet(IdeaViewSet)
hooks.register("register_bulk_action", AcceptIdeasBulkAction)
hooks.register("register_bulk_action", RejectIdeasBulkAction)
hooks.register("register_log_actions", register_moderation_log_actions)
hooks.register("register_log_actions", register_delivery_log_actions)


@hooks.register("decide_target_extras")
def participation_controls(context, page, block_id):
    return render_controls(context, page, block_id)


@hooks.register("register_admin_urls")
def participation_admin_urls():
    # Ideas are never deleted: the permission policy refuses it to everyone,
    # and the snippets' «Eliminar» bulk button (registered for every snippet
    # model) is taken off the moderation list too. Every wagtail_hooks module
    # has been imported by the time the admin URLs are built.
    bulk_action_registry.get_bulk_actions_for_model("participation", "idea")
    bulk_action_registry.actions.get("participation", {}).get("idea", {}).pop("delete", None)
    return [
        path(
            "participacion/reacciones/",
            ReactionsReportView.as_view(),
            name="participation_reactions_report",
        ),
        path(
            "estadisticas/",
            StatisticsReportView.as_view(),
            name="participation_statistics_report",
        ),
        path(
            "participacion/rafagas/",
            BurstsReportView.as_view(),
            name="participation_bursts_report",
        ),
        # «Entrega de la participación»: a party editor may open the index, and
        # the package and receipt URLs of their own actor only
        # (electoral/editorial/admin_guard.py checks `actor_id`).
        path("entrega/", delivery_views.DeliveryIndexView.as_view(), name="decide_delivery_index"),
        path(
            "entrega/generar-todos/",
            delivery_views.generate_all_view,
            name="decide_delivery_generate_all",
        ),
        path(
            "entrega/<int:actor_id>/generar/",
            delivery_views.generate_view,
            name="decide_delivery_generate",
        ),
        path(
            "entrega/<int:actor_id>/regenerar/",
            delivery_views.RegenerateView.as_view(),
            name="decide_delivery_regenerate",
        ),
        path(
            "entrega/<int:actor_id>/paquete.zip",
            delivery_views.download_zip_view,
            name="decide_delivery_zip",
        ),
        path(
            "entrega/<int:actor_id>/libro.xlsx",
            delivery_views.download_xlsx_view,
            name="decide_delivery_xlsx",
        ),
        path(
            "entrega/<int:actor_id>/oficio/",
            delivery_views.receipt_view,
            name="decide_delivery_receipt",
        ),
    ]


class _PermissionMenuItem(MenuItem):
    permission = REPORT_PERMISSION

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class _BurstsMenuItem(_PermissionMenuItem):
    permission = BURSTS_PERMISSION


class _StatisticsMenuItem(_PermissionMenuItem):
    permission = STATISTICS_PERMISSION


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return _StatisticsMenuItem(
        "Estadísticas de uso",
        reverse("participation_statistics_report"),
        name="estadisticas-de-uso",
        icon_name="table",
        order=253,
    )


@hooks.register("register_admin_menu_item")
def reactions_report_menu_item():
    return _PermissionMenuItem(
        "Reacciones por elemento",
        reverse("participation_reactions_report"),
        name="reacciones-por-elemento",
        icon_name="pick",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def bursts_report_menu_item():
    return _BurstsMenuItem(
        "Ráfagas señaladas",
        reverse("participation_bursts_report"),
        name="rafagas-senaladas",
        icon_name="warning",
        order=252,
    )


class _DeliveryMenuItem(MenuItem):
    def is_shown(self, request):
        return delivery_views.may_use_screen(request.user)


@hooks.register("register_admin_menu_item")
def delivery_menu_item():
    return _DeliveryMenuItem(
        "Entrega de la participación",
        reverse("decide_delivery_index"),
        name="entrega-participacion",
        icon_name="download",
        order=253,
    )


@hooks.register("construct_homepage_panels")
def pending_ideas_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.insert(0, PendingIdeasPanel())


@hooks.register("construct_homepage_panels")
def statistics_panel(request, panels):
    if request.user.has_perm(STATISTICS_PERMISSION):
        panels.append(StatisticsPanel())
