"""Writing many rows at once, faster than ``bulk_create``: for the synthetic data of the benchmarks
and for the sweeps that write a row per case.

``bulk_create`` prepares every field of every instance through the field's methods, which costs
several times the insert itself at a million rows; ``RowWriter`` chooses one adapter per column once
(dates, date-times and JSON as the backend wants them) and gives absent columns their default. Like
``bulk_create`` it calls no ``save()`` and sends no signal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, Model, SmallAutoField
from django.utils import timezone

Row = Mapping[str, Any]


class RowWriter:
    """Inserts rows of one model with ``executemany``, in batches.

    ``bulk_create`` prepares every field of every instance through the field's methods, which costs
    about four times the insert itself at this volume; here each column gets one adapter chosen
    once (dates, date-times and JSON as the backend wants them), and absent columns their default.
    """

    def __init__(self, model: type[Model]) -> None:
        self.connection = connections[router.db_for_write(model)]
        ops = self.connection.ops
        # Every column but a generated key (a key that is a relation, like a one-to-one, is written).
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not isinstance(f, AutoField | BigAutoField | SmallAutoField)
        ]
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        # A unique column with a computed default (a UUID) gets a new value for each row.
        self.per_row: dict[str, Callable[[], Any]] = {}
        self.adapters: dict[str, Callable[[Any], Any]] = {}
        for f in self.fields:
            kind = f.get_internal_type()
            if f.unique and callable(f.default):
                self.per_row[f.attname] = partial(self._default, f)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = ops.adapt_datetimefield_value(now)
            else:
                self.defaults[f.attname] = f.get_db_prep_save(f.get_default(), self.connection)
            if kind == "DateField":
                self.adapters[f.attname] = ops.adapt_datefield_value
            elif kind == "DateTimeField":
                self.adapters[f.attname] = ops.adapt_datetimefield_value
            elif kind in ("JSONField", "UUIDField", "DecimalField"):
                self.adapters[f.attname] = partial(f.get_db_prep_save, connection=self.connection)
        quote = ops.quote_name
        # Table and column names come from the model and are quoted; every value is a parameter.
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )
        self.copy_sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in self.fields)
        )
        self.names = [f.attname for f in self.fields]
        self.known = set(self.names)

    def _default(self, field: Any) -> Any:
        return field.get_db_prep_save(field.get_default(), self.connection)

    def values(self, row: Row) -> tuple[Any, ...]:
        unknown = set(row) - self.known
        if unknown:
            raise ValueError(f"Unknown columns: {sorted(unknown)}")
        result = []
        for name in self.names:
            if name in row and row[name] is not None:
                adapt = self.adapters.get(name)
                result.append(adapt(row[name]) if adapt else row[name])
            elif name in row:
                result.append(None)
            elif name in self.per_row:
                result.append(self.per_row[name]())
            else:
                result.append(self.defaults[name])
        return tuple(result)

    def insert(self, rows: Iterable[Row]) -> None:
        self.insert_values([self.values(row) for row in rows])

    def insert_objects(self, objects: Iterable[Model]) -> None:
        """Insert unsaved instances (their generated keys stay unset, as with ``bulk_create`` on
        SQLite): what they hold, each column's default where they hold None."""
        self.insert_values(
            [self.values({n: v for n in self.names if (v := getattr(obj, n)) is not None}) for obj in objects]
        )

    def insert_values(self, values: list[tuple[Any, ...]]) -> None:
        """Insert rows already turned into column values (``values``: possibly in another process)."""
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # COPY is several times faster than a multi-row INSERT on PostgreSQL (psycopg 3).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, values)


class RowUpdater:
    """Updates columns of many rows of one model by key with one prepared ``UPDATE`` over a batch
    (``bulk_update`` writes a ``CASE`` per column and row, which is slow at tens of thousands)."""

    def __init__(self, model: type[Model], fields: Iterable[str], key: str | None = None) -> None:
        writer = RowWriter(model)
        self.connection = writer.connection
        quote = self.connection.ops.quote_name
        meta = model._meta
        concrete = {f.attname: f for f in meta.concrete_fields}
        self.key = key or (str(meta.pk.attname) if meta.pk is not None else "id")
        self.names = list(fields)
        self.adapters = writer.adapters
        # Table and column names come from the model and are quoted; every value is a parameter.
        self.sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
            quote(meta.db_table),
            ", ".join(f"{quote(str(concrete[name].column))} = %s" for name in self.names),
            quote(str(concrete[self.key].column)),
        )

    def _value(self, name: str, value: Any) -> Any:
        adapt = self.adapters.get(name)
        return adapt(value) if adapt is not None and value is not None else value

    def update(self, rows: Iterable[Row]) -> int:
        """Each row holds the key and every field named; the number of rows given."""
        values = [(*(self._value(n, row[n]) for n in self.names), row[self.key]) for row in rows]
        if values:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, values)
        return len(values)
