"""Time and memory of one actor's delivery package at the scale of issue 16.

Data (fresh SQLite database): one party with 200 targets (its platform and
topics, candidate profiles and proposals), 100,000 reactions and 10,000
ideas (8,000 accepted with texts of ~600 characters, 1,500 rejected, 500
pending), plus 3,000 reactions flagged in bursts. Measured: the whole
generation as Administración IEEM runs it (`services.generate`: read, build
the XLSX, the CSVs and the ZIP, store the bytes, log), then the peak memory
of the process (resource.getrusage: it includes the data set-up) and the
peak of Python allocations during one build (tracemalloc).
Budget: under 30 s and under 500 MB. Run: `.venv/bin/python bench/bench_delivery.py`.
"""

import resource
import sys
import time
import tracemalloc

from fresh_django import migrated_sqlite_django

TIME_BUDGET = 30.0
MEMORY_BUDGET_MB = 500
TARGETS, REACTIONS, IDEAS, FLAGGED = 200, 100_000, 10_000, 3_000
TEXT = (
    "Propongo que el ayuntamiento instale alumbrado público en las colonias de la periferia, "
    "con luminarias de bajo consumo, y que publique cada mes el avance de la obra; también "
    "pido que se revise el transporte nocturno, porque quienes trabajamos de noche caminamos "
    "a oscuras hasta la parada. Texto de prueba, ficticio, para medir el paquete de entrega. "
) * 2


def main():
    migrated_sqlite_django("bench-delivery-")
    from django.utils import timezone

    from electoral.models import PoliticalActorPage
    from electoral.parties.importers import ensure_parties_index
    from home.calendar import dates_for_phase
    from home.models import ElectionCalendar
    from home.pagetree import ensure_home_page
    from participation.delivery import services
    from participation.delivery.package import build
    from participation.delivery.recipients import recipient_for
    from participation.models import Idea, Reaction, ReactionBurst, Target

    home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    index = ensure_parties_index(home)
    actor = PoliticalActorPage(
        title="Partido de Medición",
        slug="medicion",
        kind=PoliticalActorPage.KIND_NATIONAL_PARTY,
        acronym="PDM",
        full_name="Partido de Medición (ficticio)",
        registration_order=1,
        registry_key="medicion",
        ballot_label="PDM",
    )
    index.add_child(instance=actor)
    calendar = ElectionCalendar.load()
    calendar.apply(dates_for_phase("delivery"))
    calendar.save()

    now = timezone.now()
    targets = Target.objects.bulk_create(
        Target(
            page_key=900_000 + i // 10,
            block_id="" if i % 10 == 0 else f"b{i}",
            kind=(Target.KIND_PLATFORM if i % 10 == 0 else Target.KIND_TOPIC)
            if i < 20
            else Target.KIND_PROPOSAL,
            label=f"Elemento {i}",
            page_title="Plataforma" if i < 20 else f"Candidatura {i // 10}",
            actor=actor,
            actor_title=actor.title,
            actor_acronym=actor.acronym,
            actor_slug=actor.slug,
            actor_order=1,
        )
        for i in range(TARGETS)
    )
    burst = ReactionBurst.objects.create(
        target=targets[1], bucket="x", window_start=now, window_seconds=600
    )
    Reaction.objects.bulk_create(
        (
            Reaction(
                target=targets[0 if i < REACTIONS // 4 else i % TARGETS],
                participant=f"p{i:060d}",
                value=Reaction.LIKE if i % 3 else Reaction.DISLIKE,
                created_at=now,
                updated_at=now,
                burst=burst if i < FLAGGED else None,
            )
            for i in range(REACTIONS)
        ),
        batch_size=5000,
    )
    statuses = [Idea.ACCEPTED] * 16 + [Idea.REJECTED] * 3 + [Idea.PENDING]
    Idea.objects.bulk_create(
        (
            Idea(
                target=targets[i % TARGETS],
                text=f"{i}: {TEXT}",
                text_hash=f"{i:064d}",
                municipality_name="Toluca" if i % 2 else "",
                consent_at=now,
                status=statuses[i % 20],
                reason="spam" if statuses[i % 20] == Idea.REJECTED else "",
            )
            for i in range(IDEAS)
        ),
        batch_size=1000,
    )

    start = time.perf_counter()
    package, created = services.generate(actor)
    seconds = time.perf_counter() - start
    assert created and package.checksums_match()
    assert package.counts["Ideas"] == Idea.objects.filter(status=Idea.ACCEPTED).count()
    likes = Reaction.objects.filter(value=Reaction.LIKE).count()
    assert package.counts["Me gusta"] == likes, (package.counts, likes)
    assert package.counts["Reacciones señaladas"] == FLAGGED
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start()
    build(
        recipient_for(actor),
        calendar=calendar,
        generated_at=package.generated_at,
        generated_by_name="medición",
    )
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(
        f"1 actor, {TARGETS} targets, {REACTIONS:,} reactions ({FLAGGED:,} flagged), "
        f"{IDEAS:,} ideas (SQLite):"
    )
    print(f"  generation: {seconds:.1f} s (budget {TIME_BUDGET:.0f} s)")
    print(
        f"  ZIP {len(bytes(package.zip_data)) / 1e6:.1f} MB, XLSX "
        f"{len(bytes(package.xlsx_data)) / 1e6:.1f} MB; {package.counts['Ideas']:,} ideas"
    )
    print(
        f"  peak memory: process {peak_rss_mb:.0f} MB (data set-up included), Python "
        f"allocations during one build {traced_peak / 1e6:.0f} MB (budget {MEMORY_BUDGET_MB} MB)"
    )
    ok = seconds < TIME_BUDGET and peak_rss_mb < MEMORY_BUDGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
