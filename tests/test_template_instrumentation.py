"""tests/conftest.py renders templates without Django's test instrumentation
(no `template_rendered` signal, no context copies); `recorded_templates` puts it back."""

from django.template import Context, Template
from django.test.signals import template_rendered


def renders_signalled():
    seen = []

    def receiver(sender, template, context, **kwargs):
        seen.append(template)

    template_rendered.connect(receiver)
    try:
        Template("Hola {{ nombre }}").render(Context({"nombre": "Ana"}))
    finally:
        template_rendered.disconnect(receiver)
    return seen


def test_templates_render_without_the_signal_by_default():
    assert Template("Hola {{ nombre }}").render(Context({"nombre": "Ana"})) == "Hola Ana"
    assert renders_signalled() == []


def test_recorded_templates_sends_the_signal_again(recorded_templates):
    assert len(renders_signalled()) == 1
