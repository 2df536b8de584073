"""Initial content of /organos/: the Legislatura, the ayuntamientos and each ballot office.

StreamField data for home.blocks.BodyStreamBlock, written in plain Spanish.
Figures come from the legal framework: the Legislatura has 75 seats (45 of
relative majority, 30 of proportional representation; Constitución
Política del Estado Libre y Soberano de México), the State has 125
municipalities, and both are renewed every three years. Numbers that
depend on each municipality's population (how many sindicaturas and
regidurías) are deliberately not given. setup_site creates these pages
once; IEEM staff edit them afterwards.

The slugs are agreed with the other apps, which link to them:
legislatura, ayuntamiento, diputacion-local, presidencia-municipal,
sindicatura, regiduria.
"""

from dataclasses import dataclass

CPEUM = "Constitución Política de los Estados Unidos Mexicanos"
CONST_EDOMEX = "Constitución Política del Estado Libre y Soberano de México"
CODIGO = "Código Electoral del Estado de México"
LOM = "Ley Orgánica Municipal del Estado de México"


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def key_fact(html, title="Dato clave"):
    return {"type": "key_fact", "value": {"title": title, "text": html}}


def table(rows, caption=""):
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_caption": caption,
        },
    }


def bullets(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def legal(*laws):
    return key_fact("<p>" + "; ".join(laws) + ".</p>", title="Fundamento legal")


@dataclass(frozen=True)
class BodyPage:
    slug: str
    kind: str  # "body" or "office"
    title: str
    intro: str
    body: list


INDEX_SLUG = "organos"
INDEX_TITLE = "Qué se elige"
INDEX_INTRO = (
    "En la elección local del Estado de México se eligen la Legislatura del Estado y los 125 "
    "ayuntamientos. Aquí te explicamos qué hace cada uno y cada cargo de tus boletas."
)
INDEX_BODY = [
    heading("Tus dos boletas de la elección local"),
    paragraph(
        "<p>Con tu credencial para votar recibes en la casilla una boleta para la diputación "
        "local de tu distrito y otra para el ayuntamiento de tu municipio. Los dos órganos se "
        "renuevan cada tres años.</p>"
    ),
    table(
        [
            ["Boleta", "Qué eliges con tu voto", "En todo el estado"],
            [
                "Diputación local",
                "Una fórmula (propietario y suplente) para tu distrito local. Tu voto también "
                "cuenta para repartir las diputaciones de representación proporcional.",
                "45 diputaciones de mayoría relativa y 30 de representación proporcional: "
                "la Legislatura de 75",
            ],
            [
                "Ayuntamiento",
                "Una planilla completa: presidencia municipal, sindicatura o sindicaturas y "
                "regidurías.",
                "125 ayuntamientos, uno por municipio",
            ],
        ]
    ),
    key_fact(
        "<p>¿No sabes cuál es tu distrito local? Busca el número de sección en tu credencial "
        'para votar y escríbelo en <a href="/mi-boleta/">Mi boleta</a>.</p>'
    ),
]

PAGES = [
    BodyPage(
        slug="legislatura",
        kind="body",
        title="La Legislatura del Estado de México",
        intro=(
            "La asamblea de 75 diputaciones que hace las leyes del Estado, aprueba su "
            "presupuesto y vigila el uso del dinero público. Se renueva completa cada tres años."
        ),
        body=[
            heading("Cómo se integra"),
            paragraph(
                "<p>La Legislatura ejerce el Poder Legislativo del Estado de México. Se integra "
                "con 75 diputaciones: 45 electas por mayoría relativa, una en cada distrito "
                "electoral local, y 30 electas por representación proporcional, que se reparten "
                "entre los partidos según su votación.</p>"
            ),
            table(
                [
                    ["Principio", "Diputaciones", "Cómo se eligen"],
                    [
                        "Mayoría relativa",
                        "45",
                        "En cada distrito local gana la fórmula que obtiene más votos.",
                    ],
                    [
                        "Representación proporcional",
                        "30",
                        "Se asignan a los partidos según su porcentaje de votación, a partir de "
                        "sus listas y con las reglas del Código Electoral del Estado de México.",
                    ],
                    ["Total", "75", "Cada diputación es una fórmula de propietario y suplente."],
                ]
            ),
            key_fact(
                "<p>Ningún partido puede tener, sumando ambos principios, un porcentaje de "
                "diputaciones que supere en más de ocho puntos su porcentaje de votación, salvo "
                "por los distritos que gane (artículo 116 de la Constitución federal).</p>"
            ),
            paragraph(
                "<p>Las candidaturas se registran con paridad de género: al menos la mitad deben "
                "ser mujeres y las listas de representación proporcional alternan mujeres y "
                "hombres.</p>"
            ),
            heading("Cuánto dura su periodo"),
            paragraph(
                "<p>La Legislatura se renueva completa cada tres años. Las diputadas y los "
                "diputados pueden elegirse de manera consecutiva hasta por cuatro periodos; si "
                "los postula un partido, debe ser el mismo o uno de la coalición que los postuló, "
                "salvo que hayan renunciado a su militancia antes de la mitad de su mandato.</p>"
            ),
            heading("Qué hace"),
            paragraph(
                bullets(
                    "Hace, reforma y deroga las leyes del Estado de México.",
                    "Aprueba cada año los ingresos y el presupuesto de egresos del Estado, y las "
                    "leyes de ingresos de los municipios.",
                    "Revisa y fiscaliza las cuentas públicas del Estado y de los municipios, con "
                    "el apoyo del Órgano Superior de Fiscalización del Estado de México.",
                    "Hace los nombramientos y ratificaciones que le encarga la Constitución "
                    "local, por ejemplo de titulares de algunos organismos autónomos.",
                    "Llama a comparecer a titulares de dependencias del gobierno estatal y, "
                    "cuando procede, conoce de juicios políticos.",
                    "Vota, junto con las legislaturas de los demás estados, las reformas a la "
                    "Constitución federal que aprueba el Congreso de la Unión.",
                )
            ),
            heading("Cómo trabaja"),
            paragraph(
                "<p>Las decisiones se votan en el Pleno, donde participan las 75 diputaciones. "
                "Antes, cada asunto se estudia en comisiones por tema (por ejemplo, de hacienda, "
                "de seguridad o de educación). En los recesos funciona una Diputación "
                "Permanente.</p>"
            ),
            heading("Lo que votas tú"),
            paragraph(
                "<p>En la boleta de diputación local eliges la fórmula de tu distrito. Ese mismo "
                "voto se usa para repartir las 30 diputaciones de representación proporcional. "
                'Lee qué hace una persona diputada en <a href="/organos/diputacion-local/">'
                "Diputación local</a>.</p>"
            ),
            legal(f"{CPEUM}, artículos 116 y 135", CONST_EDOMEX, CODIGO),
        ],
    ),
    BodyPage(
        slug="ayuntamiento",
        kind="body",
        title="Los ayuntamientos",
        intro=(
            "Cada uno de los 125 municipios del Estado de México se gobierna por un "
            "ayuntamiento electo cada tres años: presidencia municipal, sindicatura o "
            "sindicaturas y regidurías."
        ),
        body=[
            heading("Qué es un ayuntamiento"),
            paragraph(
                "<p>El municipio es la base de la organización territorial, política y "
                "administrativa del Estado. Cada municipio es gobernado por un ayuntamiento de "
                "elección popular directa, que toma sus decisiones en sesiones de cabildo.</p>"
            ),
            heading("Quiénes lo integran"),
            table(
                [
                    ["Cargo", "Qué hace"],
                    [
                        "Presidencia municipal (una)",
                        "Encabeza el ayuntamiento y la administración municipal, preside el "
                        "cabildo y ejecuta sus acuerdos.",
                    ],
                    [
                        "Sindicatura (una o más)",
                        "Defiende los intereses y el patrimonio del municipio y lo representa "
                        "en juicios.",
                    ],
                    [
                        "Regidurías de mayoría relativa",
                        "Deliberan y votan en el cabildo y vigilan ramas de la administración "
                        "en comisiones. Son de la planilla ganadora.",
                    ],
                    [
                        "Regidurías de representación proporcional",
                        "Las mismas funciones; se asignan a otras planillas según sus votos.",
                    ],
                ]
            ),
            paragraph(
                "<p>El número de sindicaturas y regidurías de cada ayuntamiento depende de la "
                "población del municipio y lo fija la ley: los municipios más poblados tienen "
                "ayuntamientos más numerosos.</p>"
            ),
            key_fact(
                "<p>En la boleta del ayuntamiento no votas por cada cargo por separado: marcas "
                "una sola opción y con ella eliges una planilla completa.</p>"
            ),
            heading("Cómo se elige"),
            paragraph(
                "<p>Los partidos, coaliciones, candidaturas comunes y candidaturas "
                "independientes registran una planilla para cada municipio, con propietario y "
                "suplente para cada cargo y con paridad de género. La planilla que obtiene más "
                "votos gana por mayoría relativa la presidencia municipal y los cargos de "
                "mayoría de la sindicatura y las regidurías. Las regidurías de representación "
                "proporcional se asignan a otras planillas que alcanzan la votación mínima que "
                "fija el Código Electoral del Estado de México.</p>"
            ),
            heading("Cuánto dura su periodo"),
            paragraph(
                "<p>Tres años. Quienes integran el ayuntamiento pueden elegirse de manera "
                "consecutiva para el mismo cargo por un periodo adicional (artículo 115 de la "
                "Constitución federal).</p>"
            ),
            heading("Qué hace el ayuntamiento"),
            paragraph(
                bullets(
                    "Presta los servicios públicos municipales: agua potable, drenaje, "
                    "alcantarillado y tratamiento de aguas residuales; alumbrado público; "
                    "limpia, recolección y disposición de la basura; mercados y centrales de "
                    "abasto; panteones; rastro; calles, parques y jardines.",
                    "Se encarga de la seguridad pública municipal: la policía preventiva y el "
                    "tránsito.",
                    "Aprueba el bando municipal y los reglamentos que rigen la vida del municipio.",
                    "Aprueba el presupuesto de egresos del municipio y administra su hacienda, "
                    "por ejemplo el cobro del impuesto predial.",
                    "Planea el desarrollo del municipio y su desarrollo urbano: el plan de "
                    "desarrollo municipal, el uso del suelo y las licencias de construcción.",
                )
            ),
            heading("Cómo trabaja: el cabildo"),
            paragraph(
                "<p>Las decisiones del ayuntamiento se toman por votación en las sesiones de "
                "cabildo, donde participan la presidencia municipal, las sindicaturas y las "
                "regidurías. La administración municipal (tesorería, secretaría del "
                "ayuntamiento, direcciones) ejecuta esos acuerdos bajo la dirección de la "
                "presidencia municipal.</p>"
            ),
            heading("Cada cargo de la planilla"),
            paragraph(
                bullets(
                    '<a href="/organos/presidencia-municipal/">Presidencia municipal</a>',
                    '<a href="/organos/sindicatura/">Sindicatura</a>',
                    '<a href="/organos/regiduria/">Regiduría</a>',
                )
            ),
            legal(f"{CPEUM}, artículo 115", CONST_EDOMEX, LOM, CODIGO),
        ],
    ),
    BodyPage(
        slug="diputacion-local",
        kind="office",
        title="Diputación local",
        intro=(
            "El cargo que eliges en la boleta de diputación local: una fórmula de propietario y "
            "suplente que representa a tu distrito en la Legislatura del Estado de México."
        ),
        body=[
            heading("Qué es"),
            paragraph(
                "<p>Una diputada o un diputado local es integrante de la Legislatura del Estado "
                "de México. Hay 75: 45 de mayoría relativa, una por cada distrito electoral "
                "local, y 30 de representación proporcional.</p>"
            ),
            heading("Qué hace una diputada o un diputado local"),
            paragraph(
                bullets(
                    "Presenta iniciativas para crear o reformar leyes del Estado.",
                    "Discute y vota en el Pleno las leyes, el presupuesto del Estado y las leyes "
                    "de ingresos de los municipios.",
                    "Trabaja en comisiones que estudian cada tema antes de votarlo.",
                    "Vigila el uso de los recursos públicos mediante la revisión de las cuentas "
                    "públicas.",
                    "Lleva a la Legislatura las necesidades de la gente de su distrito.",
                )
            ),
            heading("Cómo se elige"),
            paragraph(
                "<p>En tu boleta de diputación local aparecen las fórmulas que compiten en tu "
                "distrito. Marcas el emblema de tu preferencia; si varios partidos van en "
                "coalición, marcar dos o más de sus emblemas también cuenta para la misma "
                "fórmula. Gana la fórmula con más votos. Con la votación de todos los "
                "distritos se reparten además las 30 diputaciones de representación "
                "proporcional.</p>"
            ),
            key_fact(
                "<p>Cada diputación es una fórmula: si la persona propietaria deja el cargo, "
                "entra su suplente. Por eso en la boleta votas por las dos.</p>"
            ),
            heading("Periodo"),
            paragraph(
                "<p>Tres años, con posibilidad de elección consecutiva hasta por cuatro "
                "periodos.</p>"
            ),
            paragraph(
                '<p>Más sobre el órgano completo en <a href="/organos/legislatura/">La '
                "Legislatura del Estado de México</a>.</p>"
            ),
            legal(f"{CPEUM}, artículo 116", CONST_EDOMEX, CODIGO),
        ],
    ),
    BodyPage(
        slug="presidencia-municipal",
        kind="office",
        title="Presidencia municipal",
        intro=(
            "Quien encabeza el ayuntamiento y la administración de tu municipio. Se elige al "
            "frente de una planilla cada tres años."
        ),
        body=[
            heading("Qué es"),
            paragraph(
                "<p>La presidenta o el presidente municipal encabeza el ayuntamiento y dirige la "
                "administración pública del municipio. Es el primer nombre de cada planilla.</p>"
            ),
            heading("Qué hace"),
            paragraph(
                bullets(
                    "Preside las sesiones de cabildo y ejecuta los acuerdos que ahí se aprueban.",
                    "Dirige las dependencias municipales y la prestación de los servicios "
                    "públicos.",
                    "Tiene el mando de la policía preventiva municipal.",
                    "Propone al cabildo los nombramientos de quienes ocupan cargos como la "
                    "secretaría del ayuntamiento o la tesorería.",
                    "Informa cada año a la población del estado que guarda la administración "
                    "municipal.",
                )
            ),
            heading("Cómo se elige"),
            paragraph(
                "<p>No se vota por separado: va al frente de la planilla que registra cada "
                "partido, coalición, candidatura común o candidatura independiente. La planilla "
                "con más votos en el municipio gana la presidencia municipal.</p>"
            ),
            key_fact(
                "<p>La paridad de género se cuida también entre municipios: los partidos deben "
                "postular mujeres en al menos la mitad de sus candidaturas a presidencias "
                "municipales.</p>"
            ),
            heading("Periodo"),
            paragraph(
                "<p>Tres años, con posibilidad de elección consecutiva para un periodo "
                "adicional.</p>"
            ),
            paragraph(
                '<p>Más sobre el órgano completo en <a href="/organos/ayuntamiento/">Los '
                "ayuntamientos</a>.</p>"
            ),
            legal(f"{CPEUM}, artículo 115", LOM, CODIGO),
        ],
    ),
    BodyPage(
        slug="sindicatura",
        kind="office",
        title="Sindicatura",
        intro=(
            "La síndica o el síndico defiende los intereses y el patrimonio del municipio. Cada "
            "ayuntamiento tiene una o más sindicaturas, según su población."
        ),
        body=[
            heading("Qué es"),
            paragraph(
                "<p>La sindicatura es el cargo del ayuntamiento encargado de procurar y defender "
                "los intereses del municipio, en especial los de su hacienda y sus bienes.</p>"
            ),
            heading("Qué hace"),
            paragraph(
                bullets(
                    "Representa legalmente al ayuntamiento en los juicios en que el municipio "
                    "es parte.",
                    "Vigila que los ingresos se cobren y que los gastos se hagan conforme al "
                    "presupuesto aprobado.",
                    "Cuida el inventario y el registro de los bienes municipales.",
                    "Participa con voz y voto en las sesiones de cabildo.",
                )
            ),
            heading("Cómo se elige"),
            paragraph(
                "<p>Forma parte de la planilla, con propietario y suplente. No se vota por "
                "separado: se elige junto con la presidencia municipal y las regidurías.</p>"
            ),
            key_fact(
                "<p>Cuántas sindicaturas tiene un ayuntamiento depende de la población del "
                "municipio y lo fija la ley.</p>"
            ),
            heading("Periodo"),
            paragraph(
                "<p>Tres años, con posibilidad de elección consecutiva para un periodo "
                "adicional.</p>"
            ),
            legal(f"{CPEUM}, artículo 115", LOM),
        ],
    ),
    BodyPage(
        slug="regiduria",
        kind="office",
        title="Regiduría",
        intro=(
            "Las regidoras y los regidores deliberan y votan en el cabildo y vigilan la "
            "administración municipal. Unas regidurías son de mayoría relativa y otras de "
            "representación proporcional."
        ),
        body=[
            heading("Qué es"),
            paragraph(
                "<p>La regiduría es el cargo de quienes integran el ayuntamiento para discutir y "
                "decidir en el cabildo los asuntos del municipio y vigilar que la administración "
                "municipal funcione.</p>"
            ),
            heading("Qué hace"),
            paragraph(
                bullets(
                    "Participa con voz y voto en las sesiones de cabildo.",
                    "Encabeza o integra comisiones del ayuntamiento (por ejemplo, de obras "
                    "públicas, salud, educación o servicios) que vigilan cada rama de la "
                    "administración.",
                    "Propone acuerdos, reglamentos y medidas para mejorar los servicios.",
                )
            ),
            heading("Dos formas de llegar al cargo"),
            table(
                [
                    ["Tipo", "Cómo se obtiene"],
                    [
                        "Mayoría relativa",
                        "Las gana la planilla con más votos en el municipio.",
                    ],
                    [
                        "Representación proporcional",
                        "Se asignan a otras planillas según su votación, para que el cabildo "
                        "refleje la pluralidad del municipio.",
                    ],
                ]
            ),
            key_fact(
                "<p>Gracias a la representación proporcional, en el cabildo también tienen voz "
                "las opciones que no ganaron la elección.</p>"
            ),
            heading("Periodo"),
            paragraph(
                "<p>Tres años, con posibilidad de elección consecutiva para un periodo "
                "adicional.</p>"
            ),
            legal(f"{CPEUM}, artículo 115", LOM, CODIGO),
        ],
    ),
]
