"""Registry of the steps `manage.py setup_site` runs, in order.

Each app declares its steps in its own `setup_steps.py` module (found by
autodiscovery), so `home` never imports the apps that build on it:

    from home.setup import setup_step

    @setup_step(order=200, label="Geografía electoral")
    def import_geography(*, stdout, **options):
        ...

Every step must be idempotent: `setup_site` runs them all each time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Step:
    order: int
    label: str
    func: Callable


_steps: dict[str, Step] = {}


def setup_step(order, label):
    def register(func):
        key = f"{func.__module__}.{func.__qualname__}"
        _steps[key] = Step(order=order, label=label, func=func)
        return func

    return register


def registered_steps():
    autodiscover_modules("setup_steps")
    return sorted(_steps.values(), key=lambda s: (s.order, s.label))
