"""The SQL of queries that every request runs, compiled once per process.

Building a queryset with annotations and ``Exists`` and compiling it to SQL
costs about a millisecond of Python per request, several times what the
database takes to answer it. A `CompiledQuery` builds its queryset with the
ORM once per database alias, with a sentinel in place of each value that
changes from one request to the next, and keeps only the SQL text and the
position of each sentinel among the parameters. A request substitutes its
values and runs that SQL: the database is still asked every time, so a change
(a group membership, an actor's link, a password flag) shows on the very next
request. Nothing of any user is cached here, only SQL text.

Used by the editorial guard of every admin request (electoral/editorial/:
the editor's links, the pages a URL names) and by the page of every public
request (home/routing.py `fetch_page`, through `instance()`).
"""

import threading

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

# Values no row is expected to hold, within the range of every integer field
# but the small ones (the ORM compiles a lookup of an out-of-range value to
# "no rows", not to SQL): where each one lands among the compiled parameters is
# where a request's value goes.
_SENTINELS = tuple(2_147_480_000 + n for n in range(64))
_CONSTANT = object()


class CompiledQuery:
    """`build(**values)` returns the queryset (e.g. a `values_list`) for `values`;
    `rows(**values)` runs its SQL, compiled once per alias, and returns the
    rows with each value converted as the ORM converts it (tuples, or lists
    where a column has a converter).

    `build` must hand each value to the ORM unchanged (an ``=`` or ``IN``
    lookup on an integer field): a value the ORM transforms (``LIKE`` patterns,
    dates) would not be found among the parameters, and compiling refuses it.
    """

    def __init__(self, model, build):
        self.model = model
        self.build = build
        self._compiled = {}
        self._lock = threading.Lock()

    def _compile(self, alias, names, shape):
        sentinels = iter(_SENTINELS)
        values = {}
        for name in names:
            count = shape[name]
            values[name] = (
                next(sentinels) if count is None else [next(sentinels) for _ in range(count)]
            )
        slots = {}
        for name, value in values.items():
            for index, sentinel in enumerate([value] if shape[name] is None else value):
                slots[sentinel] = (name, None if shape[name] is None else index)
        queryset = self.build(**values).using(alias)
        compiler = queryset.query.get_compiler(alias)
        try:
            sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        except EmptyResultSet:  # (nothing to compile: the ORM answers such a query itself)
            raise ValueError(f"{self.build!r}: no SQL to compile") from None
        plan, seen = [], set()
        for param in params:
            if isinstance(param, int) and not isinstance(param, bool) and param in slots:
                plan.append(slots[param])
                seen.add(param)
            else:
                plan.append((_CONSTANT, param))
        if seen != set(slots):
            raise ValueError(f"{self.build!r}: values not passed through unchanged")
        # The ORM's converters of the selected columns (booleans and dates on
        # SQLite, JSON, ...): every row is given as the ORM would give it.
        converters = list(
            compiler.get_converters(
                [column[0] for column in compiler.select[: compiler.col_count]]
            ).items()
        )
        return sql, tuple(plan), _instance_plan(queryset, compiler), converters

    def _compiled_for(self, values):
        alias = router.db_for_read(self.model)
        names = tuple(sorted(values))
        shape = {n: len(v) if isinstance(v, list | tuple) else None for n, v in values.items()}
        key = (alias, names, tuple(shape[n] for n in names))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(alias, names, shape)
                self._compiled[key] = compiled
        return alias, compiled

    @staticmethod
    def _params(plan, values):
        return [
            arg if name is _CONSTANT else values[name] if arg is None else values[name][arg]
            for name, arg in plan
        ]

    @staticmethod
    def _convert(row, converters, alias):
        if not converters:
            return row
        connection = connections[alias]
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for convert in functions:
                value = convert(value, expression, connection)
            row[position] = value
        return row

    def rows(self, **values):
        """The rows, each value converted as the ORM converts it."""
        alias, (sql, plan, _instances, converters) = self._compiled_for(values)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, self._params(plan, values))
            rows = cursor.fetchall()
        if not converters:
            return rows
        return [self._convert(row, converters, alias) for row in rows]

    def instance(self, **values):
        """The first model instance of a plain model queryset (no annotations,
        no select_related), built as the ORM's ModelIterable builds it, or None.
        A queryset of another shape runs through the ORM as usual."""
        alias, (sql, plan, instances, converters) = self._compiled_for(values)
        if instances is None:
            return next(iter(self.build(**values)), None)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, self._params(plan, values))
            row = cursor.fetchone()
        if row is None:
            return None
        init_list, start, end, fetch_mode = instances
        row = self._convert(row, converters, alias)
        return self.model.from_db(alias, init_list, row[start:end], fetch_mode=fetch_mode)


def _instance_plan(queryset, compiler):
    """How ModelIterable builds an instance from a row of `compiler`'s SQL, or
    None where the query holds more than the model's own columns."""
    klass_info = compiler.klass_info
    if (
        klass_info is None
        or klass_info["model"] is not queryset.model
        or compiler.annotation_col_map
        or klass_info.get("related_klass_infos")
    ):
        return None
    select = compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    return init_list, start, end, queryset._fetch_mode
