"""Initial text of the privacy notice (aviso de privacidad integral).

Written for this site (participation issue); IEEM staff edit the live page in
the admin. setup_site creates the page once and never overwrites it.
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
        _h("Para qué usamos tus datos"),
        _p(
            "<ul><li>Contar una sola reacción («Me gusta» o «No me gusta») por persona en cada "
            "plataforma, tema y propuesta, y permitirte cambiarla o retirarla.</li>"
            "<li>Recibir tus ideas, propuestas y comentarios, revisarlos (moderación) y "
            "entregar los aceptados al partido político, coalición o candidatura independiente "
            "al que se dirigen, al terminar el proceso electoral.</li>"
            "<li>Avisarte por correo electrónico cuando tu idea se entregue, solo si nos diste "
            "un correo.</li>"
            "<li>Evitar abusos (envíos masivos o automatizados) y publicar estadísticas "
            "generales de uso de la herramienta, que nunca muestran cifras por partido, "
            "candidatura o propuesta ni el texto de las ideas.</li></ul>"
        ),
        _h("Qué datos recabamos"),
        _p(
            "<ul><li><strong>Identificador de participante:</strong> un número aleatorio que "
            "guardamos en una cookie de este sitio (no es una cookie de terceros ni de "
            "publicidad). En nuestra base de datos solo queda una huella cifrada de ese número, "
            "que no permite saber quién eres. No necesitas crear una cuenta.</li>"
            "<li><strong>Tus reacciones:</strong> a qué plataforma, tema o propuesta reaccionaste "
            "y cómo.</li>"
            "<li><strong>Dirección de red (IP):</strong> nunca la guardamos. Solo usamos una "
            "huella cifrada con una clave que cambia cada día y se destruye después, para "
            "limitar el número de envíos desde una misma conexión, señalar ráfagas de "
            "reacciones sospechosas y bloquear intentos repetidos de entrar a la "
            "administración del sitio.</li>"
            "<li><strong>Si envías una idea:</strong> el texto que escribas, la fecha y hora, y tu "
            "aceptación de este aviso; y solo si decides darlos, tu nombre, tu municipio y tu "
            "correo electrónico. No escribas en tu idea datos personales tuyos ni de otras "
            "personas (teléfonos, domicilios, CURP): las ideas con esos datos se rechazan.</li>"
            "</ul><p>No recabamos datos personales sensibles.</p>"
        ),
        _h("Transferencia a los partidos"),
        _p(
            "<p>Después de la fecha de entrega que fija el calendario electoral, el IEEM entrega a "
            "cada partido político, coalición o candidatura independiente únicamente la "
            "participación sobre su propio contenido: el total de reacciones y las ideas "
            "aceptadas, con el nombre y el municipio solo si los diste. Tu correo electrónico, "
            "tu identificador de participante y la huella de tu conexión nunca se transfieren. "
            "No hay otras transferencias, salvo las que ordene una autoridad competente.</p>"
        ),
        _h("Lo que se publica sobre los partidos"),
        _p(
            "<p>En cada partido, coalición o candidatura mostramos «Información publicada por el "
            "partido»: cuántos perfiles de quienes encabezan sus planillas y fórmulas ha "
            "publicado, de cuántos le corresponden. Es una cifra pública por diseño: describe lo "
            "que publica cada partido, se calcula igual para todos y no contiene datos "
            "personales ni cifras de participación ciudadana.</p>"
        ),
        _h("Cuánto tiempo los conservamos"),
        _p(
            "<p>Los contadores contra abusos se borran en cuanto vencen (minutos u horas) y las "
            "claves diarias de las huellas de conexión, al día siguiente. Después de la entrega "
            "a los partidos, el IEEM borra los nombres, los correos y las huellas de "
            "participantes, y conserva solo cifras y textos anónimos como parte del archivo "
            "del proceso electoral.</p>"
        ),
        _h("Tus derechos ARCO"),
        _p(
            "<p>Puedes ejercer tus derechos de acceso, rectificación, cancelación y oposición "
            "(ARCO), así como revocar tu consentimiento, ante la Unidad de Transparencia del IEEM: "
            "en persona en el domicilio señalado, por escrito, o en línea por medio del Sistema "
            "de Acceso, Rectificación, Cancelación y Oposición de Datos Personales del Estado de "
            "México (SARCOEM) o de la Plataforma Nacional de Transparencia. Como no pedimos "
            "cuenta, para localizar tus ideas indícanos el texto, la fecha y, en su caso, el "
            "correo que diste.</p>"
        ),
        _h("Contacto y cambios a este aviso"),
        _p(
            "<p>Para cualquier duda sobre el tratamiento de tus datos, acude a la Unidad de "
            "Transparencia del IEEM en Paseo Tollocan número 944, colonia Santa Ana "
            "Tlapaltitlán, Toluca, Estado de México. Cualquier cambio a este aviso se publicará "
            "en esta misma página.</p>"
        ),
    ]
)
