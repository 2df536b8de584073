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
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init
from wagtail.fields import StreamField

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
        converters = [
            (position, ([_lighter(convert) for convert in functions], expression))
            for position, (functions, expression) in compiler.get_converters(
                [column[0] for column in compiler.select[: compiler.col_count]]
            ).items()
        ]
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
        init_list, start, end, fetch_mode, setters = instances
        row = self._convert(row, converters, alias)
        model = self.model
        if setters is None or pre_init.has_listeners(model) or post_init.has_listeners(model):
            return model.from_db(alias, init_list, row[start:end], fetch_mode=fetch_mode)
        return _build(model, alias, init_list, row[start:end], fetch_mode, setters)


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
    return init_list, start, end, queryset._fetch_mode, _setters(queryset.model, init_list)


# --- Instances built as Model.from_db builds them, without the constructors -----
#
# Model.from_db calls the model's constructor with every column's value: on a
# page model that is Django's loop over the fields, ClusterableModel's list of
# every child relation (a walk over all the model's fields, reverse relations
# included) and Wagtail's "newly created?" tests, a tenth of a cold page's
# fetch. For a row of every concrete field in order, with no pre_init/post_init
# receiver and no constructor but the known ones (which do nothing more for a
# row read from the database), the instance is built directly: the same
# __dict__, in the same order, each value set through its attribute's
# descriptor where it has one that converts (a StreamField's), as __init__ sets it.

_KNOWN_INITS = None


def _known_inits():
    global _KNOWN_INITS
    if _KNOWN_INITS is None:
        from modelcluster.models import ClusterableModel
        from wagtail.models import AbstractPage
        from wagtail.models.pages import ShowInMenusMixin

        _KNOWN_INITS = {
            object.__init__,
            models.Model.__init__,
            ClusterableModel.__init__,
            AbstractPage.__init__,
            ShowInMenusMixin.__init__,
        }
    return _KNOWN_INITS


def _setters(model, init_list):
    """([(attname, use setattr?)], attname `id` is read from or None) for
    `model`'s rows of `init_list`, or None where only the constructor may
    build the instance."""
    opts = model._meta
    # Every concrete field, or some of them in the same order (the others
    # deferred, as Model.from_db leaves them).
    attnames = [f.attname for f in opts.concrete_fields]
    position = {name: index for index, name in enumerate(attnames)}
    order = [position.get(name) for name in init_list]
    if opts.abstract or None in order or order != sorted(set(order)):
        return None
    known = _known_inits()
    if any(klass.__dict__.get("__init__", object.__init__) not in known for klass in model.__mro__):
        return None
    setters = []
    for attname in init_list:
        descriptor = next(
            (klass.__dict__[attname] for klass in model.__mro__ if attname in klass.__dict__), None
        )
        converts = hasattr(type(descriptor), "__set__") and not isinstance(
            descriptor,
            ForeignKeyDeferredAttribute,  # sets the id, nothing cached yet
        )
        setters.append((attname, converts))
    # Wagtail's page constructors ask `self.id` ("newly created?"): for a row
    # without it, Django reads it from the parent link (the same value) and
    # keeps it in __dict__, last; so does _build. Any other case: the constructor.
    id_from = None
    if _page_inits(model) and "id" not in init_list:
        link = opts.get_ancestor_link(opts.get_field("id").model)
        if link is None or link.attname not in init_list:
            return None
        id_from = link.attname
    return setters, id_from


def _page_inits(model):
    from wagtail.models import AbstractPage
    from wagtail.models.pages import ShowInMenusMixin

    return any(
        klass.__dict__.get("__init__") in (AbstractPage.__init__, ShowInMenusMixin.__init__)
        for klass in model.__mro__
    )


_model_setters = {}


def build_instance(model, alias, init_list, values, fetch_mode=None):
    """`model.from_db(alias, init_list, values, fetch_mode=...)`, without the
    constructors where that builds the same instance (see above)."""
    key = (model, tuple(init_list))
    setters = _model_setters.get(key, False)
    if setters is False:
        setters = _model_setters[key] = _setters(model, list(init_list))
    if setters is None or pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model.from_db(alias, init_list, values, fetch_mode=fetch_mode)
    return _build(model, alias, init_list, values, fetch_mode, setters)


def _build(model, alias, init_list, values, fetch_mode, setters):
    setters, id_from = setters
    obj = model.__new__(model)
    state = obj.__dict__
    state["_state"] = ModelState()
    for (attname, converts), value in zip(setters, values, strict=True):
        if converts:
            setattr(obj, attname, value)
        else:
            state[attname] = value
    if id_from is not None:
        if not state[id_from]:  # "newly created": the constructors decide
            return model.from_db(alias, init_list, values, fetch_mode=fetch_mode)
        state["id"] = state[id_from]
    obj._state.adding = False
    obj._state.db = alias
    if fetch_mode is not None:
        obj._state.fetch_mode = fetch_mode
    return obj


# --- A StreamField's converter without a new JSONField per value ------------------

_json_fields = {}


def _lighter(convert):
    """StreamField.from_db_value builds a JSONField at every value (its
    `json_field` is a property): the same conversion with one JSONField per
    StreamField, kept."""
    field = getattr(convert, "__self__", None)
    if not isinstance(field, StreamField) or (
        getattr(convert, "__func__", None) is not StreamField.from_db_value
        or type(field).json_field is not StreamField.json_field
    ):
        return convert
    json_field = _json_fields.get(id(field))
    if json_field is None:
        json_field = _json_fields[id(field)] = models.JSONField(encoder=DjangoJSONEncoder)

    def from_db_value(value, expression, connection):
        return field.to_python(json_field.from_db_value(value, expression, connection))

    return from_db_value
