"""The initial entries of the Quitadudas electoral, written for this site.

Plain Spanish for a person who votes for the first time. Each entry: the
term, alternative forms the inline linker and the search also recognise,
the definition (a tuple of paragraphs; the first, short one is the summary),
"en otras palabras", related entries (by slug), the legal basis (laws are
cited by article only where the article is certain) and the review date.
setup_site creates them once; afterwards IEEM staff edit them in the admin.

Laws cited: Constitución Política de los Estados Unidos Mexicanos (CPEUM),
Ley General de Instituciones y Procedimientos Electorales (LGIPE), Ley
General de Partidos Políticos, Constitución Política del Estado Libre y
Soberano de México, Código Electoral del Estado de México and Ley Orgánica
Municipal del Estado de México.
"""

from dataclasses import dataclass
from datetime import date

REVIEWED = date(2026, 11, 21)

CPEUM = "Constitución Política de los Estados Unidos Mexicanos"
LGIPE = "Ley General de Instituciones y Procedimientos Electorales"
LGPP = "Ley General de Partidos Políticos"
CONST_EDOMEX = "Constitución Política del Estado Libre y Soberano de México"
CODIGO = "Código Electoral del Estado de México"
LOM = "Ley Orgánica Municipal del Estado de México"


@dataclass(frozen=True)
class Entry:
    slug: str
    title: str
    definition: tuple
    example: str
    related: tuple = ()
    legal: str = ""
    alternatives: str = ""


ENTRIES = [
    Entry(
        slug="acta-de-escrutinio-y-computo",
        title="Acta de escrutinio y cómputo",
        alternatives="acta de casilla",
        definition=(
            "Es el documento donde las personas funcionarias de casilla anotan cuántos votos "
            "recibió cada partido, coalición o candidatura en esa casilla.",
            "Se llena al terminar el conteo de los votos y la firman quienes integran la mesa "
            "directiva. Las representaciones de los partidos reciben una copia, y los resultados "
            "se pegan en un cartel afuera de la casilla para que cualquier persona los vea.",
            "Las actas son la base del PREP y de los cómputos oficiales que hacen después los "
            "consejos del IEEM.",
        ),
        example=(
            "Si quieres saber cómo votó tu casilla, mira el cartel de resultados que se pega "
            "afuera al final de la jornada: copia lo que dice el acta."
        ),
        related=("escrutinio", "computo", "prep", "casilla"),
        legal=LGIPE,
    ),
    Entry(
        slug="apoyo-ciudadano",
        title="Apoyo ciudadano",
        alternatives="firmas de apoyo",
        definition=(
            "Son las firmas de personas inscritas en la lista nominal que una persona aspirante "
            "debe reunir para poder registrarse como candidatura independiente.",
            "La ley fija cuántos apoyos se necesitan (un porcentaje de la lista nominal del "
            "distrito o del municipio) y el plazo para reunirlos.",
        ),
        example=(
            "Firmar el apoyo a alguien no te obliga a votar por esa persona: solo ayuda a que "
            "aparezca en la boleta."
        ),
        related=("candidatura-independiente", "lista-nominal", "candidatura"),
        legal=f"{CODIGO}; {LGIPE}.",
    ),
    Entry(
        slug="ayuntamiento",
        title="Ayuntamiento",
        alternatives="ayuntamientos",
        definition=(
            "Es el gobierno de un municipio. Lo forman la presidencia municipal, una o más "
            "sindicaturas y varias regidurías, electas por voto directo cada tres años.",
            "El Estado de México tiene 125 ayuntamientos. Se encargan de servicios como agua "
            "potable, drenaje, alumbrado, recolección de basura, mercados, panteones, calles y "
            "parques, y de la seguridad pública municipal. También aprueban reglamentos y el "
            "presupuesto de egresos del municipio.",
        ),
        example=(
            "Cuando reportas una fuga de agua o una luminaria apagada en tu calle, lo atiende el "
            "ayuntamiento de tu municipio."
        ),
        related=(
            "municipio",
            "cabildo",
            "presidencia-municipal",
            "sindicatura",
            "regiduria",
            "planilla",
        ),
        legal=f"{CPEUM}, artículo 115; {CONST_EDOMEX}; {LOM}.",
    ),
    Entry(
        slug="boleta-electoral",
        title="Boleta electoral",
        alternatives="boleta",
        definition=(
            "Es la hoja impresa en la que marcas tu voto. Hay una boleta distinta para cada "
            "elección: en la elección local del Estado de México, una para la diputación local y "
            "otra para el ayuntamiento.",
            "Cada boleta muestra los emblemas de los partidos y los nombres de las candidaturas "
            "en el orden de registro de los partidos, con un espacio para candidaturas no "
            "registradas. Tiene un talón con folio que se desprende antes de entregártela, para "
            "que tu voto sea secreto.",
        ),
        example=(
            "Te dan la boleta, entras a la mampara, marcas el recuadro de tu preferencia, la "
            "doblas y la depositas en la urna de esa elección."
        ),
        related=("urna", "voto", "voto-nulo", "casilla"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="cabildo",
        title="Cabildo",
        definition=(
            "Es el ayuntamiento reunido en sesión para deliberar y tomar decisiones por votación: "
            "la presidencia municipal, las sindicaturas y las regidurías.",
            "En las sesiones de cabildo se aprueban los reglamentos municipales, el presupuesto "
            "de egresos, los planes de desarrollo y otros acuerdos del gobierno municipal. Por "
            "regla general las sesiones son públicas.",
        ),
        example=(
            "Si el municipio quiere cambiar el horario de los mercados, la propuesta se discute "
            "y se vota en una sesión de cabildo."
        ),
        related=("ayuntamiento", "regiduria", "sindicatura", "presidencia-municipal"),
        legal=LOM,
    ),
    Entry(
        slug="campana-electoral",
        title="Campaña electoral",
        definition=(
            "Es el periodo en el que partidos, coaliciones y candidaturas registradas piden tu "
            "voto con reuniones, recorridos, debates y propaganda.",
            "Empieza después de que la autoridad electoral aprueba el registro de las "
            "candidaturas y "
            "termina tres días antes de la jornada electoral, cuando comienza la veda. En las "
            "campañas se difunden las plataformas electorales.",
        ),
        example=(
            "Las semanas en que ves bardas pintadas, carteles y mítines con nombres de "
            "candidaturas son la campaña electoral. En Decide IEEM puedes opinar sobre las "
            "propuestas durante ese periodo."
        ),
        related=("precampana", "veda-electoral", "propaganda-electoral", "plataforma-electoral"),
        legal=f"{LGIPE}, artículos 242 y 251; {CODIGO}.",
    ),
    Entry(
        slug="candidatura",
        title="Candidatura",
        alternatives="candidato, candidata, persona candidata",
        definition=(
            "Es la persona registrada ante la autoridad electoral para competir por un cargo de "
            "elección popular, y también el registro mismo.",
            "Una candidatura puede ser postulada por un partido político, por una coalición, por "
            "una candidatura común o ser independiente. Para cada cargo se registra una persona "
            "propietaria y una suplente.",
        ),
        example=(
            "Los nombres que aparecen en la boleta junto a cada emblema son las candidaturas "
            "registradas para ese cargo."
        ),
        related=(
            "candidatura-comun",
            "candidatura-independiente",
            "coalicion",
            "formula",
            "planilla",
        ),
        legal=f"{CPEUM}, artículo 35; {CODIGO}.",
    ),
    Entry(
        slug="candidatura-comun",
        title="Candidatura común",
        alternatives="candidaturas comunes",
        definition=(
            "Es cuando dos o más partidos postulan a la misma persona para un cargo sin formar "
            "una coalición, mediante un convenio que registran ante el IEEM.",
            "En la boleta cada partido conserva su propio emblema. El convenio y el Código "
            "Electoral del Estado de México fijan cómo se cuentan y reparten los votos.",
        ),
        example=(
            "Si tres partidos registran en candidatura común a la misma persona para la "
            "presidencia municipal, su nombre aparece bajo los tres emblemas."
        ),
        related=("coalicion", "candidatura", "partido-politico"),
        legal=f"{CODIGO}; {LGPP}.",
    ),
    Entry(
        slug="candidatura-independiente",
        title="Candidatura independiente",
        alternatives=("candidato independiente, candidata independiente, candidaturas sin partido"),
        definition=(
            "Es la persona que compite por un cargo sin que la postule un partido político.",
            "Para registrarse debe reunir el apoyo ciudadano que fija la ley y cumplir los mismos "
            "requisitos de elegibilidad que cualquier otra candidatura. Recibe financiamiento "
            "público y tiempos en radio y televisión, y su emblema aparece en la boleta.",
        ),
        example=(
            "Una vecina conocida en su municipio puede reunir firmas de apoyo y competir por la "
            "presidencia municipal con su propia planilla, sin partido."
        ),
        related=("apoyo-ciudadano", "candidatura", "partido-politico"),
        legal=f"{CPEUM}, artículo 35, fracción II; {LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="casilla",
        title="Casilla",
        alternatives="casilla electoral",
        definition=(
            "Es el lugar donde votas el día de la elección: una mesa con mamparas y urnas que se "
            "instala en una escuela, una casa o un espacio público de tu sección electoral.",
            "Por cada 750 personas de la lista nominal (o fracción) de una sección se instala una "
            "casilla. La primera es la básica y las demás se llaman contiguas; también hay "
            "casillas extraordinarias, donde llegar es difícil, y especiales, para quien vota "
            "fuera de su sección.",
            "La atienden personas de la ciudadanía elegidas por sorteo y capacitadas: el "
            "funcionariado de casilla.",
        ),
        example=(
            "Tu casilla depende de la sección impresa en tu credencial para votar; su ubicación "
            "se publica antes de la jornada electoral."
        ),
        related=(
            "seccion-electoral",
            "funcionario-de-casilla",
            "jornada-electoral",
            "urna",
        ),
        legal=f"{LGIPE}, artículo 253.",
    ),
    Entry(
        slug="coalicion",
        title="Coalición",
        definition=(
            "Es la alianza de dos o más partidos políticos para postular juntos a las mismas "
            "candidaturas en una elección, con un convenio registrado ante la autoridad "
            "electoral.",
            "En la boleta cada partido de la coalición aparece con su propio emblema. Si marcas "
            "dos o más emblemas de partidos de la misma coalición, tu voto es válido: cuenta para "
            "la candidatura y se reparte entre esos partidos.",
            "Puede ser total, parcial o flexible, según cuántas candidaturas postulen en común.",
        ),
        example=(
            "Si los partidos A y B van en coalición en tu distrito y marcas los dos emblemas, tu "
            "voto cuenta para su candidatura común a la diputación local."
        ),
        related=("candidatura-comun", "partido-politico", "voto-nulo", "boleta-electoral"),
        legal=f"{LGPP}; {CODIGO}.",
    ),
    Entry(
        slug="computo",
        title="Cómputo",
        alternatives="cómputo distrital, cómputo municipal, cómputos",
        definition=(
            "Es la suma oficial de los votos de todas las casillas de un distrito o de un "
            "municipio, que hacen los consejos distritales y municipales del IEEM en los días "
            "siguientes a la jornada electoral.",
            "Se suman los resultados de las actas y, cuando la ley lo ordena (por ejemplo, si hay "
            "errores o una diferencia muy pequeña entre primer y segundo lugar), se vuelven a "
            "contar los votos de algunos o todos los paquetes. Al final el consejo declara la "
            "validez de la elección y entrega la constancia de mayoría.",
        ),
        example=(
            "El PREP da resultados la misma noche; el cómputo, días después, da los resultados "
            "oficiales."
        ),
        related=(
            "escrutinio",
            "acta-de-escrutinio-y-computo",
            "constancia-de-mayoria",
            "consejo-distrital-o-municipal",
            "prep",
        ),
        legal=CODIGO,
    ),
    Entry(
        slug="consejo-distrital-o-municipal",
        title="Consejo distrital o municipal",
        alternatives=(
            "consejo distrital, consejo municipal, consejos distritales, consejos municipales"
        ),
        definition=(
            "Son los órganos temporales del IEEM que se instalan en cada distrito local y en "
            "cada municipio durante el proceso electoral.",
            "Los integran consejerías electorales y representaciones de los partidos y "
            "candidaturas. Preparan la elección en su territorio, reciben los paquetes "
            "electorales al cerrar las casillas y hacen el cómputo oficial de su elección: los "
            "distritales, el de la diputación local; los municipales, el del ayuntamiento.",
        ),
        example=(
            "Al terminar la jornada, los paquetes de las casillas de tu municipio se llevan a su "
            "consejo municipal para el cómputo."
        ),
        related=("ieem", "computo", "constancia-de-mayoria"),
        legal=CODIGO,
    ),
    Entry(
        slug="constancia-de-mayoria",
        title="Constancia de mayoría",
        alternatives="constancia de mayoría y validez",
        definition=(
            "Es el documento que el consejo del IEEM entrega a la fórmula o planilla que obtuvo "
            "más votos, después del cómputo y de declarar válida la elección.",
            "Acredita que esas personas fueron electas. Si alguien impugna la elección, el "
            "tribunal electoral puede confirmar o modificar el resultado.",
        ),
        example=(
            "La candidatura ganadora de tu distrito recibe su constancia de mayoría en el "
            "consejo distrital, al terminar el cómputo."
        ),
        related=("computo", "mayoria-relativa", "medio-de-impugnacion"),
        legal=CODIGO,
    ),
    Entry(
        slug="conteo-rapido",
        title="Conteo rápido",
        alternatives="conteos rápidos",
        definition=(
            "Es una estimación estadística del resultado de una elección, hecha con los votos de "
            "una muestra de casillas elegidas al azar.",
            "Lo hacen las autoridades electorales en algunas elecciones (por ejemplo, la de la "
            "gubernatura) para dar la misma noche una tendencia confiable. No es un resultado "
            "oficial: los resultados oficiales salen de los cómputos.",
        ),
        example=(
            "Es como probar una cucharada de la sopa para saber cómo quedó, sin terminarse toda "
            "la olla."
        ),
        related=("prep", "computo"),
        legal=LGIPE,
    ),
    Entry(
        slug="credencial-para-votar",
        title="Credencial para votar",
        alternatives=(
            "credencial de elector, credencial del INE, credencial para votar con fotografía"
        ),
        definition=(
            "Es la identificación con fotografía que expide gratuitamente el INE y que necesitas "
            "para votar.",
            "Además de tu nombre, foto y domicilio, trae tu clave de elector y el número de tu "
            "sección electoral. Tiene fecha de vigencia: si ya venció o la reportaste como "
            "perdida, no podrás votar con ella y debes renovarla en un módulo del INE antes de la "
            "fecha límite.",
        ),
        example=(
            "Busca en tu credencial el dato «SECCIÓN»: con ese número Decide IEEM te muestra tus "
            "boletas."
        ),
        related=("lista-nominal", "seccion-electoral", "padron-electoral", "ine"),
        legal=LGIPE,
    ),
    Entry(
        slug="diputacion-local",
        title="Diputación local",
        alternatives=(
            "diputado local, diputada local, diputaciones locales, persona diputada local"
        ),
        definition=(
            "Es el cargo de quienes integran la Legislatura del Estado de México: 75 "
            "diputaciones, 45 de mayoría relativa (una por distrito local) y 30 de "
            "representación proporcional.",
            "Se eligen cada tres años. Cada diputación es una fórmula de propietario y suplente. "
            "Quienes la ocupan hacen leyes estatales, aprueban el presupuesto del Estado y vigilan "
            "el uso de los recursos públicos.",
        ),
        example=(
            "En la boleta de diputación local votas por la fórmula que quieres que represente a "
            "tu distrito en la Legislatura."
        ),
        related=(
            "legislatura",
            "distrito-electoral-local",
            "mayoria-relativa",
            "representacion-proporcional",
            "formula",
        ),
        legal=f"{CPEUM}, artículo 116; {CONST_EDOMEX}.",
    ),
    Entry(
        slug="distrito-electoral-local",
        title="Distrito electoral local",
        alternatives="distrito local, distritos locales",
        definition=(
            "Es cada una de las 45 zonas en que se divide el Estado de México para elegir "
            "diputaciones locales: en cada distrito gana una fórmula por mayoría relativa.",
            "Los distritos se trazan para que tengan una población parecida, por eso algunos "
            "abarcan varios municipios y algunos municipios grandes se dividen en varios "
            "distritos. El INE define la geografía electoral, también para las elecciones "
            "locales. Cada sección electoral pertenece a un solo distrito.",
        ),
        example=(
            "Con el número de sección de tu credencial sabes en qué distrito local votas y qué "
            "candidaturas a diputación local compiten ahí."
        ),
        related=("seccion-electoral", "diputacion-local", "municipio", "ine"),
        legal=f"{CPEUM}, artículo 41; {LGIPE}.",
    ),
    Entry(
        slug="eleccion-consecutiva",
        title="Elección consecutiva",
        alternatives="reelección, reelecciones",
        definition=(
            "Es la posibilidad de que una persona que ocupa un cargo vuelva a competir por el "
            "mismo cargo en la elección inmediata siguiente. Coloquialmente se le llama "
            "reelección.",
            "Las diputaciones locales pueden elegirse hasta por cuatro periodos consecutivos; "
            "presidencias municipales, sindicaturas y regidurías, por un periodo adicional. Debe "
            "postularla el mismo partido o alguno de la coalición que la postuló, salvo que haya "
            "renunciado a su militancia antes de la mitad de su mandato.",
        ),
        example=(
            "Si el síndico de tu municipio aparece otra vez en la boleta para el mismo cargo, "
            "está buscando la elección consecutiva."
        ),
        related=("diputacion-local", "ayuntamiento", "candidatura"),
        legal=f"{CPEUM}, artículos 115 y 116.",
    ),
    Entry(
        slug="escrutinio",
        title="Escrutinio",
        alternatives="escrutinio y cómputo",
        definition=(
            "Es el conteo de los votos que hace la mesa directiva de cada casilla al cerrar la "
            "votación, frente a las representaciones de los partidos.",
            "Se cuentan las boletas que sobraron (y se inutilizan), las personas que votaron, los "
            "votos de cada partido, coalición o candidatura y los votos nulos. Los resultados se "
            "anotan en el acta de escrutinio y cómputo y se publican afuera de la casilla.",
        ),
        example=(
            "Puedes quedarte a ver el escrutinio de tu casilla: es público y se hace a la vista "
            "de todos."
        ),
        related=("acta-de-escrutinio-y-computo", "computo", "voto-nulo", "funcionario-de-casilla"),
        legal=LGIPE,
    ),
    Entry(
        slug="formula",
        title="Fórmula",
        alternatives="fórmulas",
        definition=(
            "Es la pareja de candidaturas que se registra para un mismo cargo: una persona "
            "propietaria y una suplente.",
            "Las diputaciones se eligen por fórmulas. Si la persona propietaria deja el cargo, "
            "entra su suplente, sin necesidad de otra elección. Cuando la propietaria es mujer, "
            "la suplente también debe serlo.",
        ),
        example=(
            "En la boleta de diputación local votas por una fórmula, aunque solo veas destacado "
            "el nombre de la persona propietaria."
        ),
        related=("propietario", "suplente", "diputacion-local", "planilla"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="funcionario-de-casilla",
        title="Funcionario de casilla",
        alternatives=(
            "funcionaria de casilla, funcionariado de casilla, mesa directiva de casilla, "
            "persona funcionaria de casilla"
        ),
        definition=(
            "Es la persona de la ciudadanía que atiende una casilla el día de la elección: "
            "recibe los votos, cuida que la votación sea libre y secreta, y los cuenta.",
            "La mesa directiva de casilla se integra con una presidencia, secretarías, "
            "escrutadoras y escrutadores, y suplentes generales. Se eligen por sorteo "
            "(insaculación) y el INE les da capacitación. No representan a ningún partido.",
        ),
        example=(
            "Quien te pide tu credencial, busca tu nombre en la lista nominal y te entrega las "
            "boletas es un funcionario o funcionaria de casilla: un vecino como tú."
        ),
        related=("insaculacion", "casilla", "escrutinio", "representante-de-partido"),
        legal=LGIPE,
    ),
    Entry(
        slug="ieem",
        title="IEEM",
        alternatives="Instituto Electoral del Estado de México",
        definition=(
            "Es el Instituto Electoral del Estado de México, el organismo público local "
            "electoral (OPLE) que organiza las elecciones de la gubernatura, las diputaciones "
            "locales y los ayuntamientos del Estado de México.",
            "Es autónomo. Entre otras tareas, registra las candidaturas locales, produce las "
            "boletas y materiales, opera el PREP local, hace los cómputos en sus consejos, "
            "asigna las diputaciones y regidurías de representación proporcional y promueve la "
            "educación cívica. Su órgano superior de dirección es el Consejo General.",
        ),
        example="Decide IEEM, este sitio, es un compromiso de gobierno abierto del IEEM.",
        related=("ople", "ine", "consejo-distrital-o-municipal", "proceso-electoral"),
        legal=f"{CPEUM}, artículos 41 y 116; {CONST_EDOMEX}; {CODIGO}.",
    ),
    Entry(
        slug="ine",
        title="INE",
        alternatives="Instituto Nacional Electoral",
        definition=(
            "Es el Instituto Nacional Electoral, el organismo autónomo que organiza las "
            "elecciones federales y que en las locales se encarga de algunas tareas en todo el "
            "país.",
            "En las elecciones locales, el INE lleva el padrón electoral y la lista nominal, "
            "expide la credencial para votar, define los distritos y las secciones, ubica las "
            "casillas, elige y capacita al funcionariado de casilla y fiscaliza los ingresos y "
            "gastos de partidos y candidaturas.",
        ),
        example="Tu credencial para votar la tramitas en un módulo del INE.",
        related=("ieem", "ople", "credencial-para-votar", "padron-electoral"),
        legal=f"{CPEUM}, artículo 41; {LGIPE}.",
    ),
    Entry(
        slug="insaculacion",
        title="Insaculación",
        definition=(
            "Es el sorteo con el que el INE elige a las personas de la lista nominal que pueden "
            "integrar las mesas directivas de casilla.",
            "Se sortea un mes de nacimiento y una letra del apellido; a las personas "
            "seleccionadas se les visita, se les invita a capacitarse y, entre quienes cumplen "
            "los requisitos, se designa al funcionariado de cada casilla.",
        ),
        example=(
            "Si en tu casa recibes una carta del INE porque saliste sorteada, fue por la "
            "insaculación: te invitan a ser funcionaria de casilla."
        ),
        related=("funcionario-de-casilla", "lista-nominal", "ine"),
        legal=LGIPE,
    ),
    Entry(
        slug="jornada-electoral",
        title="Jornada electoral",
        alternatives="día de la elección, día de la jornada electoral",
        definition=(
            "Es el día en que se vota. En las elecciones ordinarias del Estado de México es el "
            "primer domingo de junio del año de la elección.",
            "Las casillas se instalan temprano, la votación empieza a las 8:00 y se cierra a las "
            "18:00 (o después, si todavía hay personas formadas para votar). Al cerrar, se "
            "cuentan los votos en cada casilla.",
        ),
        example=(
            "Ese domingo llevas tu credencial para votar a la casilla de tu sección y votas en "
            "secreto."
        ),
        related=("casilla", "veda-electoral", "escrutinio", "proceso-electoral"),
        legal=f"{CPEUM}, artículo 116, fracción IV; {LGIPE}.",
    ),
    Entry(
        slug="legislatura",
        title="Legislatura",
        alternatives=(
            "Legislatura del Estado de México, Legislatura del Estado, Congreso local, "
            "Congreso del Estado"
        ),
        definition=(
            "Es la asamblea que ejerce el Poder Legislativo del Estado de México. La forman 75 "
            "diputaciones: 45 electas por mayoría relativa en los distritos locales y 30 por "
            "representación proporcional.",
            "Se renueva completa cada tres años. Hace y reforma las leyes del Estado, aprueba "
            "cada año los ingresos y el presupuesto estatal, revisa las cuentas públicas del "
            "Estado y de los municipios, y hace los nombramientos que le encarga la "
            "Constitución local.",
        ),
        example=(
            "Si se discute una ley estatal de transporte o de protección a los animales, se "
            "vota en la Legislatura."
        ),
        related=(
            "diputacion-local",
            "mayoria-relativa",
            "representacion-proporcional",
            "distrito-electoral-local",
        ),
        legal=f"{CPEUM}, artículo 116; {CONST_EDOMEX}.",
    ),
    Entry(
        slug="lista-nominal",
        title="Lista nominal",
        alternatives="lista nominal de electores, listado nominal",
        definition=(
            "Es la relación, agrupada por distrito y sección, de las personas que tienen su "
            "credencial para votar vigente. Solo quien aparece en ella puede votar en su "
            "casilla.",
            "La elabora el INE a partir del padrón electoral. El día de la jornada, el "
            "funcionariado de casilla busca tu nombre en la lista nominal de tu sección y marca "
            "que ya votaste.",
        ),
        example=(
            "Si cambiaste de domicilio y no actualizaste tu credencial a tiempo, seguirás en la "
            "lista nominal de tu sección anterior."
        ),
        related=("padron-electoral", "credencial-para-votar", "seccion-electoral", "casilla"),
        legal=f"{LGIPE}, artículo 147.",
    ),
    Entry(
        slug="mayoria-relativa",
        title="Mayoría relativa",
        definition=(
            "Es la regla por la que gana quien obtiene más votos que cada uno de los demás, "
            "aunque no reúna más de la mitad del total.",
            "Así se eligen las 45 diputaciones de distrito y las planillas de los ayuntamientos "
            "(la presidencia municipal, las sindicaturas y una parte de las regidurías).",
        ),
        example=(
            "Si en tu distrito una fórmula obtiene 40 % de los votos, otra 35 % y otra 25 %, gana "
            "la primera por mayoría relativa."
        ),
        related=("representacion-proporcional", "distrito-electoral-local", "planilla"),
        legal=f"{CPEUM}, artículo 116; {CONST_EDOMEX}.",
    ),
    Entry(
        slug="medio-de-impugnacion",
        title="Medio de impugnación",
        alternatives="impugnación, impugnaciones, impugnar",
        definition=(
            "Es el recurso legal para pedir que una autoridad o un tribunal revise un acto o "
            "resultado electoral que alguien considera ilegal.",
            "Los partidos, las candidaturas y, en algunos casos, la ciudadanía pueden presentar "
            "medios de impugnación dentro de plazos cortos. En el Estado de México los resuelve "
            "el Tribunal Electoral del Estado de México, y sus sentencias pueden revisarse ante "
            "el Tribunal Electoral del Poder Judicial de la Federación.",
        ),
        example=(
            "Si un partido cree que se contaron mal los votos de varias casillas, puede "
            "impugnar el cómputo ante el tribunal electoral."
        ),
        related=("tribunal-electoral-del-estado-de-mexico", "computo", "constancia-de-mayoria"),
        legal=CODIGO,
    ),
    Entry(
        slug="municipio",
        title="Municipio",
        alternatives="municipios",
        definition=(
            "Es la base de la división territorial y de la organización política y "
            "administrativa de los estados. El Estado de México tiene 125 municipios.",
            "Cada municipio es gobernado por un ayuntamiento electo. Las secciones electorales "
            "siempre quedan dentro de un solo municipio.",
        ),
        example=(
            "Toluca, Ecatepec de Morelos y Nezahualcóyotl son municipios del Estado de México; "
            "cada uno elige su propio ayuntamiento."
        ),
        related=("ayuntamiento", "seccion-electoral", "distrito-electoral-local"),
        legal=f"{CPEUM}, artículo 115; {CONST_EDOMEX}.",
    ),
    Entry(
        slug="observador-electoral",
        title="Observador electoral",
        alternatives="observadora electoral, observación electoral, persona observadora",
        definition=(
            "Es la persona de la ciudadanía acreditada por la autoridad electoral para observar "
            "cómo se desarrollan las actividades del proceso electoral y la jornada.",
            "Para acreditarse hay que solicitarlo en el plazo que fija la ley y tomar un curso. "
            "Puede estar presente en las casillas y en los cómputos, pero no puede intervenir, "
            "sustituir a las autoridades ni hacer propaganda. Al final puede presentar un "
            "informe.",
        ),
        example=(
            "Una estudiante que quiere ver de cerca cómo se cuentan los votos puede registrarse "
            "como observadora electoral."
        ),
        related=("jornada-electoral", "casilla", "representante-de-partido"),
        legal=LGIPE,
    ),
    Entry(
        slug="ople",
        title="OPLE",
        alternatives="Organismo Público Local Electoral, organismo público local electoral",
        definition=(
            "Es el organismo público local electoral: la autoridad que organiza las elecciones "
            "locales en cada entidad federativa, en coordinación con el INE.",
            "Hay uno en cada una de las 32 entidades. En el Estado de México, el OPLE es el "
            "Instituto Electoral del Estado de México (IEEM).",
        ),
        example=(
            "Cuando eliges a tu ayuntamiento, quien organiza esa elección es el OPLE de tu "
            "estado; en el Estado de México, el IEEM."
        ),
        related=("ieem", "ine"),
        legal=f"{CPEUM}, artículos 41 y 116; {LGIPE}.",
    ),
    Entry(
        slug="padron-electoral",
        title="Padrón electoral",
        definition=(
            "Es el registro de todas las personas que pidieron su inscripción para obtener la "
            "credencial para votar.",
            "No es lo mismo que la lista nominal: el padrón incluye a quien hizo el trámite "
            "aunque no haya recogido su credencial; la lista nominal, solo a quien ya la tiene "
            "vigente. Lo administra el INE.",
        ),
        example=(
            "Si tramitaste tu credencial pero nunca fuiste por ella, estás en el padrón "
            "electoral, pero no en la lista nominal."
        ),
        related=("lista-nominal", "credencial-para-votar", "ine"),
        legal=LGIPE,
    ),
    Entry(
        slug="paridad-de-genero",
        title="Paridad de género",
        alternatives="paridad",
        definition=(
            "Es el principio por el que las candidaturas y los cargos se reparten por igual "
            "entre mujeres y hombres.",
            "Los partidos deben postular al menos la mitad de mujeres. Si la propietaria de una "
            "fórmula es mujer, su suplente también lo es; las listas de representación "
            "proporcional y las planillas alternan mujeres y hombres, y en los ayuntamientos "
            "la paridad se cumple dentro de cada planilla y también entre las candidaturas a "
            "las presidencias municipales del estado.",
        ),
        example=(
            "En Decide IEEM puedes filtrar y contar las candidaturas por género para ver la "
            "paridad en cada cargo."
        ),
        related=("planilla", "formula", "representacion-proporcional", "candidatura"),
        legal=f"{CPEUM}, artículos 35 y 41; {LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="partido-politico",
        title="Partido político",
        alternatives="partidos",
        definition=(
            "Es una organización de ciudadanas y ciudadanos con registro ante la autoridad "
            "electoral que busca que sus ideas y programas lleguen al gobierno postulando "
            "candidaturas.",
            "Los partidos reciben financiamiento público y tiempos en radio y televisión, deben "
            "rendir cuentas de sus ingresos y gastos, y pueden ser nacionales o locales.",
        ),
        example=(
            "Cada emblema de la boleta corresponde a un partido político o a una candidatura "
            "independiente."
        ),
        related=(
            "partido-politico-nacional",
            "partido-politico-local",
            "coalicion",
            "plataforma-electoral",
        ),
        legal=f"{CPEUM}, artículo 41; {LGPP}.",
    ),
    Entry(
        slug="partido-politico-local",
        title="Partido político local",
        alternatives="partidos locales, partido local",
        definition=(
            "Es un partido con registro ante el organismo electoral de un estado (en el Estado "
            "de México, el IEEM) que solo participa en las elecciones locales de ese estado.",
            "Para conservar su registro necesita al menos el 3 % de la votación válida emitida "
            "en alguna de las elecciones locales ordinarias (gubernatura, diputaciones locales o "
            "ayuntamientos).",
        ),
        example=(
            "Un partido local puede postular candidaturas a ayuntamientos y a la Legislatura "
            "del Estado de México, pero no a cargos federales."
        ),
        related=("partido-politico", "partido-politico-nacional", "ieem"),
        legal=f"{LGPP}; {CODIGO}.",
    ),
    Entry(
        slug="partido-politico-nacional",
        title="Partido político nacional",
        alternatives="partidos nacionales, partido nacional",
        definition=(
            "Es un partido con registro ante el INE. Puede participar en las elecciones "
            "federales y en las locales de todo el país.",
            "Para conservar su registro necesita al menos el 3 % de la votación válida emitida "
            "en alguna de las elecciones federales ordinarias (presidencia, senadurías o "
            "diputaciones).",
        ),
        example=(
            "Los partidos que ves tanto en la boleta de diputación federal como en la de tu "
            "ayuntamiento son partidos políticos nacionales."
        ),
        related=("partido-politico", "partido-politico-local", "ine"),
        legal=f"{CPEUM}, artículo 41; {LGPP}.",
    ),
    Entry(
        slug="planilla",
        title="Planilla",
        alternatives="planillas",
        definition=(
            "Es la lista completa de candidaturas que un partido, coalición, candidatura común o "
            "candidatura independiente registra para un ayuntamiento: presidencia municipal, "
            "sindicatura o sindicaturas y regidurías, cada cargo con propietario y suplente.",
            "En la boleta del ayuntamiento votas una sola vez por una planilla completa, no por "
            "cada persona. La planilla que obtiene más votos gana la presidencia, las "
            "sindicaturas y las regidurías de mayoría relativa; las regidurías de representación "
            "proporcional se reparten entre otras planillas según sus votos.",
        ),
        example=(
            "Al marcar un emblema en la boleta del ayuntamiento eliges a todo un equipo: quien "
            "presidiría el municipio y quienes serían síndicos y regidores."
        ),
        related=(
            "ayuntamiento",
            "presidencia-municipal",
            "sindicatura",
            "regiduria",
            "paridad-de-genero",
        ),
        legal=f"{CODIGO}; {LOM}.",
    ),
    Entry(
        slug="plataforma-electoral",
        title="Plataforma electoral",
        alternatives="plataformas electorales, plataforma",
        definition=(
            "Es el documento con las propuestas que un partido, coalición o candidatura "
            "independiente registra ante la autoridad electoral y que sus candidaturas deben "
            "sostener durante la campaña.",
            "Se registra antes que las candidaturas. Explica qué problemas quieren atender y "
            "cómo; sirve para comparar opciones y, después, para pedir cuentas.",
        ),
        example=(
            "En Decide IEEM puedes leer la plataforma electoral de cada partido por tema y "
            "enviar tus ideas sobre ella."
        ),
        related=("campana-electoral", "partido-politico", "candidatura"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="precampana",
        title="Precampaña",
        alternatives="precampañas, precandidatura",
        definition=(
            "Es el periodo, antes de las campañas, en que los partidos eligen internamente a "
            "quienes serán sus candidaturas.",
            "Las personas precandidatas buscan el apoyo de la militancia o de quienes deciden "
            "dentro de su partido, en los plazos y con los topes de gastos que fija la ley. La "
            "precampaña no es para pedir el voto a toda la ciudadanía.",
        ),
        example=(
            "Cuando dos personas de un mismo partido compiten por ser su candidata a la "
            "presidencia municipal, están en precampaña."
        ),
        related=("campana-electoral", "candidatura", "proceso-electoral"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="prep",
        title="PREP",
        alternatives="Programa de Resultados Electorales Preliminares",
        definition=(
            "Es el Programa de Resultados Electorales Preliminares: publica en internet, desde "
            "la noche de la elección, los datos de las actas de escrutinio y cómputo de las "
            "casillas conforme van llegando.",
            "Sus resultados son preliminares e informativos, no definitivos. En las elecciones "
            "locales del Estado de México lo opera el IEEM con reglas del INE. Los resultados "
            "oficiales son los de los cómputos.",
        ),
        example=(
            "La noche de la jornada puedes consultar en el PREP cómo van los votos casilla por "
            "casilla, sabiendo que todavía faltan los cómputos."
        ),
        related=("acta-de-escrutinio-y-computo", "computo", "conteo-rapido"),
        legal=f"{LGIPE}, artículo 219.",
    ),
    Entry(
        slug="presidencia-municipal",
        title="Presidencia municipal",
        alternatives=(
            "presidente municipal, presidenta municipal, presidencias municipales, alcalde, "
            "alcaldesa"
        ),
        definition=(
            "Es el cargo de quien encabeza el ayuntamiento y la administración pública municipal.",
            "Preside las sesiones de cabildo y ejecuta sus acuerdos, dirige las dependencias y "
            "los servicios municipales, y tiene el mando de la policía preventiva municipal. "
            "Encabeza la planilla y se elige junto con ella cada tres años.",
        ),
        example=(
            "La persona que ves inaugurando una obra del municipio o presentando su informe "
            "anual ocupa la presidencia municipal."
        ),
        related=("ayuntamiento", "cabildo", "planilla", "sindicatura", "regiduria"),
        legal=f"{CPEUM}, artículo 115; {LOM}.",
    ),
    Entry(
        slug="proceso-electoral",
        title="Proceso electoral",
        alternatives="procesos electorales, proceso electoral local",
        definition=(
            "Es el conjunto de actos ordenados por la ley para renovar a quienes ocupan cargos "
            "de elección popular, desde la preparación de la elección hasta la entrega de "
            "constancias y la resolución de las impugnaciones.",
            "Tiene tres grandes etapas: preparación de la elección (registro de candidaturas, "
            "precampañas y campañas, boletas, casillas), jornada electoral, y resultados y "
            "declaraciones de validez.",
        ),
        example=(
            "Las precampañas, las campañas, el día de la votación y los cómputos son partes del "
            "mismo proceso electoral."
        ),
        related=("precampana", "campana-electoral", "jornada-electoral", "computo"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="propaganda-electoral",
        title="Propaganda electoral",
        definition=(
            "Son los escritos, publicaciones, imágenes, grabaciones y expresiones que partidos y "
            "candidaturas difunden durante la campaña para presentar sus candidaturas y pedir el "
            "voto.",
            "La ley regula dónde puede colocarse, prohíbe difundirla durante la veda electoral y "
            "exige que se reporte como gasto de campaña.",
        ),
        example=(
            "Una lona con la foto de una candidata y el emblema de su partido es propaganda "
            "electoral."
        ),
        related=("campana-electoral", "veda-electoral"),
        legal=f"{LGIPE}, artículo 242; {CODIGO}.",
    ),
    Entry(
        slug="propietario",
        title="Propietario",
        alternatives="propietaria, persona propietaria, candidatura propietaria",
        definition=(
            "Es la persona de una fórmula o de un cargo de planilla que, si gana, ocupa el cargo.",
            "Cada propietario o propietaria se registra junto con una persona suplente, que la "
            "sustituye si deja el cargo. Si la propietaria es mujer, la suplente también.",
        ),
        example=(
            "En una fórmula de diputación local, la persona propietaria es quien rinde protesta "
            "como diputada o diputado."
        ),
        related=("suplente", "formula", "planilla"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="regiduria",
        title="Regiduría",
        alternatives="regidor, regidora, regidurías, persona regidora",
        definition=(
            "Es el cargo de quienes forman parte del ayuntamiento para deliberar y votar en el "
            "cabildo y vigilar ramas de la administración municipal.",
            "Hay regidurías de mayoría relativa, que gana la planilla con más votos, y de "
            "representación proporcional, que se asignan a otras planillas según su votación. "
            "Las regidoras y regidores participan en comisiones (por ejemplo, de obras, salud o "
            "educación) y proponen acuerdos.",
        ),
        example=(
            "Si una comisión del cabildo revisa cómo funciona el servicio de limpia, la "
            "encabeza una regidora o un regidor."
        ),
        related=("ayuntamiento", "cabildo", "planilla", "representacion-proporcional"),
        legal=f"{CPEUM}, artículo 115; {LOM}.",
    ),
    Entry(
        slug="representacion-proporcional",
        title="Representación proporcional",
        alternatives="plurinominal, plurinominales",
        definition=(
            "Es la regla que reparte una parte de los cargos según el porcentaje de votos que "
            "obtuvo cada partido, para que las asambleas reflejen mejor la pluralidad del voto.",
            "Así se asignan 30 de las 75 diputaciones de la Legislatura, a partir de las listas "
            "que registran los partidos, y una parte de las regidurías de los ayuntamientos. "
            "Ningún partido puede tener, sumando ambos principios, un porcentaje de "
            "diputaciones que supere en más de ocho puntos su porcentaje de votación, salvo por "
            "los distritos que gane.",
        ),
        example=(
            "Un partido que no ganó ningún distrito pero obtuvo una votación importante en todo "
            "el estado puede tener diputaciones de representación proporcional."
        ),
        related=("mayoria-relativa", "legislatura", "regiduria", "paridad-de-genero"),
        legal=f"{CPEUM}, artículo 116, fracción II; {CONST_EDOMEX}; {CODIGO}.",
    ),
    Entry(
        slug="representante-de-partido",
        title="Representante de partido",
        alternatives=(
            "representante de casilla, representantes de partido, representación de partido"
        ),
        definition=(
            "Es la persona que un partido o candidatura independiente acredita para vigilar, en "
            "su nombre, la casilla o un consejo electoral.",
            "En la casilla observa la instalación, la votación y el conteo, puede presentar "
            "escritos de incidentes y recibe copia de las actas. No puede sustituir al "
            "funcionariado de casilla ni presionar a quien vota.",
        ),
        example=(
            "Las personas con un gafete de partido sentadas junto a la mesa de la casilla son "
            "representantes de partido."
        ),
        related=("funcionario-de-casilla", "observador-electoral", "acta-de-escrutinio-y-computo"),
        legal=LGIPE,
    ),
    Entry(
        slug="seccion-electoral",
        title="Sección electoral",
        alternatives="secciones electorales",
        definition=(
            "Es la parte más pequeña en que se divide el territorio para organizar el voto: cada "
            "persona vota en la casilla de su sección, según su domicilio.",
            "Cada sección tiene como mínimo 100 y como máximo 3,000 personas electoras, y queda "
            "dentro de un solo municipio y de un solo distrito electoral local. Su número viene "
            "impreso en tu credencial para votar.",
        ),
        example=(
            "Escribe en Decide IEEM el número de sección de tu credencial y verás las boletas de "
            "tu municipio y de tu distrito local."
        ),
        related=("casilla", "credencial-para-votar", "distrito-electoral-local", "municipio"),
        legal=f"{LGIPE}, artículo 147.",
    ),
    Entry(
        slug="sindicatura",
        title="Sindicatura",
        alternatives="síndico, síndica, sindicaturas, persona síndica",
        definition=(
            "Es el cargo del ayuntamiento encargado de procurar y defender los intereses del "
            "municipio, en especial los de su hacienda y su patrimonio.",
            "Representa legalmente al ayuntamiento en juicios, vigila que los ingresos se "
            "cobren y los gastos se hagan conforme al presupuesto, y cuida el inventario de los "
            "bienes municipales. Cada ayuntamiento tiene una o más sindicaturas, según la "
            "población del municipio.",
        ),
        example=(
            "Si alguien demanda al municipio, quien lo representa en el juicio es la síndica o "
            "el síndico."
        ),
        related=("ayuntamiento", "planilla", "cabildo", "presidencia-municipal"),
        legal=f"{CPEUM}, artículo 115; {LOM}.",
    ),
    Entry(
        slug="suplente",
        title="Suplente",
        alternatives="suplencia, persona suplente",
        definition=(
            "Es la persona registrada junto a la propietaria en una fórmula o cargo de planilla, "
            "para ocupar el cargo si la propietaria lo deja.",
            "Se registra al mismo tiempo; si la propietaria es mujer, la suplente también debe "
            "serlo. Entra, por ejemplo, cuando la propietaria pide licencia, renuncia o fallece.",
        ),
        example=(
            "Si un diputado propietario pide licencia para buscar otro cargo, su suplente ocupa "
            "la diputación mientras tanto."
        ),
        related=("propietario", "formula", "planilla"),
        legal=f"{LGIPE}; {CODIGO}.",
    ),
    Entry(
        slug="tribunal-electoral-del-estado-de-mexico",
        title="Tribunal Electoral del Estado de México",
        alternatives="TEEM, tribunal electoral local",
        definition=(
            "Es el órgano jurisdiccional autónomo que resuelve las controversias de las "
            "elecciones locales del Estado de México.",
            "Resuelve los medios de impugnación contra actos del IEEM y contra los resultados, "
            "y puede confirmar, modificar o anular una elección. Sus sentencias pueden revisarse "
            "ante el Tribunal Electoral del Poder Judicial de la Federación.",
        ),
        example=(
            "Si un partido impugna el cómputo de un ayuntamiento, el caso llega a este tribunal."
        ),
        related=("medio-de-impugnacion", "computo", "ieem"),
        legal=f"{CPEUM}, artículo 116, fracción IV; {CONST_EDOMEX}; {CODIGO}.",
    ),
    Entry(
        slug="urna",
        title="Urna",
        alternatives="urnas",
        definition=(
            "Es la caja transparente donde depositas tu boleta doblada después de votar. Hay "
            "una urna para cada elección.",
            "Se arma y se muestra vacía al instalar la casilla, y se abre hasta que termina la "
            "votación para contar los votos.",
        ),
        example=(
            "Cada urna tiene el nombre de la elección: la boleta de diputación local va en su "
            "urna y la del ayuntamiento en la suya."
        ),
        related=("boleta-electoral", "casilla", "escrutinio"),
        legal=LGIPE,
    ),
    Entry(
        slug="veda-electoral",
        title="Veda electoral",
        alternatives="periodo de reflexión",
        definition=(
            "Son los tres días anteriores a la jornada electoral y el propio día de la "
            "elección, en los que no se permiten actos de campaña ni propaganda.",
            "Sirve para que la ciudadanía reflexione su voto sin presión. En esos días tampoco "
            "se pueden publicar encuestas sobre preferencias electorales. En Decide IEEM la "
            "participación sobre plataformas y propuestas se cierra antes de la veda.",
        ),
        example=(
            "Si la elección es el domingo, la veda empieza el jueves: ya no habrá mítines ni "
            "anuncios de campaña."
        ),
        related=("campana-electoral", "jornada-electoral", "propaganda-electoral"),
        legal=f"{LGIPE}, artículo 251.",
    ),
    Entry(
        slug="voto",
        title="Voto",
        alternatives="sufragio, votar",
        definition=(
            "Es la forma en que eliges a quienes te representan. Es un derecho y una obligación "
            "de la ciudadanía.",
            "El voto es universal, libre, secreto, directo, personal e intransferible: nadie "
            "puede obligarte a votar por alguien, comprar tu voto ni votar por ti.",
        ),
        example=(
            "Nadie tiene por qué ver tu boleta: marcas tu voto sola o solo en la mampara. Si "
            "alguien te ofrece algo a cambio de tu voto, es un delito y puedes denunciarlo."
        ),
        related=("boleta-electoral", "voto-nulo", "credencial-para-votar", "jornada-electoral"),
        legal=f"{CPEUM}, artículos 35 y 36; {LGIPE}, artículo 7.",
    ),
    Entry(
        slug="voto-nulo",
        title="Voto nulo",
        alternatives="votos nulos, voto anulado",
        definition=(
            "Es el voto que no cuenta para ninguna candidatura, porque la boleta se depositó sin "
            "marcas o con marcas que no permiten saber por quién se votó.",
            "Por ejemplo, es nulo si marcas emblemas de partidos que no van juntos en coalición "
            "o candidatura común, o si dejas la boleta en blanco. Los votos nulos se cuentan "
            "aparte y aparecen en el acta y en los resultados.",
        ),
        example=(
            "Si marcas dos emblemas de partidos que compiten entre sí, tu voto se cuenta como nulo."
        ),
        related=("voto", "escrutinio", "coalicion", "boleta-electoral"),
        legal=LGIPE,
    ),
]
