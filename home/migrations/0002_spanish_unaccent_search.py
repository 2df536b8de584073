"""PostgreSQL only: a Spanish full-text configuration that ignores accents.

`spanish_unaccent` is Spanish stemming with the unaccent dictionary in front,
so "planilla", "planillas" and "PLANÍLLA" match the same documents. Also
creates f_unaccent(), which the search backend's Fuzzy queries use. On
SQLite this migration does nothing (FTS5 already folds accents).
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
    $func$ SELECT public.unaccent('public.unaccent', $1) $func$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spanish_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish);
        ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
    END IF;
END
$$;
"""

BACKWARD = "DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
