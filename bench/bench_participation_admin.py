"""Time the confidential participation screens of the admin on a large campaign.

Data (fresh SQLite database): 400 targets of 20 actors, 60,000 reactions and
3,000 ideas, a third of each on one popular platform topic (the shape that
would make per-target counts grow as reactions x ideas if they were joined).
Measured: *Reacciones por elemento* (every target's counts), the idea
moderation queue filtered to pending ideas, and the admin dashboard with its
pending-ideas panel, each as a moderator sees it.
Budget: each screen under 1 s. Run: `.venv/bin/python bench/bench_participation_admin.py`.
"""

import io
import sys
import time

from fresh_django import migrated_sqlite_django

BUDGET = 1.0
TARGETS, REACTIONS, IDEAS = 400, 60_000, 3_000


def main():
    migrated_sqlite_django("bench-participation-admin-")
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.utils import timezone

    from participation.models import Idea, Reaction, Target
    from participation.setup_steps import MODERATORS_GROUP, participation_permissions

    participation_permissions(stdout=io.StringIO())
    user = get_user_model().objects.create_user("bench-moderacion", password="x" * 20)
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))

    now = timezone.now()
    targets = Target.objects.bulk_create(
        Target(
            page_key=900_000 + i,
            block_id=f"b{i}",
            kind=Target.KIND_TOPIC,
            label=f"Tema {i}",
            page_title=f"Plataforma {i % 20}",
            actor_title=f"Actor {i % 20}",
            actor_acronym=f"A{i % 20}",
            actor_order=i % 20,
        )
        for i in range(TARGETS)
    )
    hot = targets[0]

    def target_for(i, total):
        return hot if i < total // 3 else targets[1 + i % (TARGETS - 1)]

    Reaction.objects.bulk_create(
        (
            Reaction(
                target=target_for(i, REACTIONS),
                participant=f"p{i:060d}",
                value=Reaction.LIKE if i % 3 else Reaction.DISLIKE,
                created_at=now,
                updated_at=now,
            )
            for i in range(REACTIONS)
        ),
        batch_size=5000,
    )
    statuses = [Idea.PENDING, Idea.ACCEPTED, Idea.REJECTED]
    Idea.objects.bulk_create(
        (
            Idea(
                target=target_for(i, IDEAS),
                text=f"Idea número {i} sobre el tema, con un texto de prueba suficiente.",
                text_hash=f"{i:064d}",
                consent_at=now,
                status=statuses[i % 3],
                reason="spam" if i % 3 == 2 else "",
            )
            for i in range(IDEAS)
        ),
        batch_size=1000,
    )

    client = Client()
    client.force_login(user)
    screens = {
        "Reacciones por elemento": "/admin/participacion/reacciones/",
        "Moderación de ideas (pendientes)": "/admin/participacion/ideas/?status=pendiente",
        "Panel de inicio": "/admin/",
    }
    timings = {}
    for label, url in screens.items():
        client.get(url)  # warm caches and templates
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            response = client.get(url)
            best = min(best, time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        timings[label] = best
    html = client.get(screens["Reacciones por elemento"]).content.decode()
    hot_likes = Reaction.objects.filter(target=hot, value=Reaction.LIKE).count()
    assert f"<td>{hot_likes}</td>" in html, "the popular topic's likes are not in the report"

    print(f"{TARGETS} targets, {REACTIONS:,} reactions, {IDEAS:,} ideas (SQLite):")
    for label, seconds in timings.items():
        print(f"  {label}: {seconds * 1000:.0f} ms (best of 3; budget {BUDGET * 1000:.0f} ms)")
    return 0 if max(timings.values()) < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
