"""Initial text of the privacy notice (aviso de privacidad integral).

Written for this site; IEEM staff edit the live page in the admin.
"""

import json


def _h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _p(html):
    return {"type": "paragraph", "value": html}


PRIVACY_BODY = json.dumps(
    [
        _h("Responsable"),
        _p(
            "<p>El Instituto Electoral del Estado de México (IEEM), con domicilio en Paseo "
            "Tollocan número 944, colonia Santa Ana Tlapaltitlán, Toluca, Estado de México, "
            "es responsable de los datos personales que se recaban en Decide IEEM, conforme a "
            "la Ley de Protección de Datos Personales en Posesión de Sujetos Obligados del "
            "Estado de México y Municipios.</p>"
        ),
        _h("Qué datos recabamos"),
        _p(
            "<ul><li>Tu reacción («Me gusta» o «No me gusta») a una plataforma o propuesta, "
            "ligada a un identificador aleatorio guardado en una cookie de este sitio. No "
            "pedimos cuenta ni guardamos tu dirección IP: solo una huella cifrada que cambia "
            "periódicamente y sirve para evitar abusos.</li>"
            "<li>Si envías una idea: el texto que escribas y, solo si decides darlos, tu "
            "nombre, tu municipio y un correo electrónico para avisarte cuando se entregue.</li>"
            "<li>Estadísticas de uso agregadas (visitas por sección y por día), sin datos que "
            "te identifiquen.</li></ul>"
        ),
        _h("Para qué los usamos"),
        _p(
            "<p>Para contar las reacciones (una por persona), revisar las ideas antes de "
            "entregarlas, entregar a cada partido político, coalición o candidatura "
            "independiente la base de datos de reacciones e ideas recibidas sobre su propio "
            "contenido al terminar el proceso electoral, y publicar estadísticas generales de "
            "uso de la herramienta. Las cifras por partido nunca se publican.</p>"
        ),
        _h("Transferencias"),
        _p(
            "<p>Las ideas aceptadas se transfieren al partido, coalición o candidatura "
            "independiente al que se dirigieron, con el nombre y el municipio solo si los "
            "diste. Tu correo electrónico no se transfiere. No hay otras transferencias.</p>"
        ),
        _h("Cuánto tiempo los conservamos"),
        _p(
            "<p>Después de la entrega a los partidos, el IEEM elimina los datos personales "
            "(nombre y correo) y conserva solo cifras agregadas y textos anónimos.</p>"
        ),
        _h("Tus derechos ARCO"),
        _p(
            "<p>Puedes ejercer tus derechos de acceso, rectificación, cancelación y oposición "
            "ante la Unidad de Transparencia del IEEM, en el domicilio señalado o por medio "
            "de la Plataforma Nacional de Transparencia.</p>"
        ),
    ]
)
