"""entente: code news into CAMEO events, query them beside GDELT and ICEWS, write media guides.

The same engine as the ``entente`` command line, in Python::

    >>> import entente
    >>> events = entente.code([{"id": "a", "date": "2023-01-30",
    ...                         "text": "Iran and Russia connected their banking systems."}])
    >>> events.column_names[:6]
    ['doc_id', 'sentence', 'date', 'source', 'target', 'code']
    >>> print(entente.explain("Russia and Iran signed a treaty.", date="2023-01-30"))  # doctest: +ELLIPSIS
    sentence: ...

Results are pyarrow Tables (``.to_pandas()`` gives a DataFrame). Errors are
:class:`EntenteError` (bad input: :class:`InputError`; bad SQL: :class:`QueryError`) with the
CLI's messages.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import os as _os
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

import pyarrow as _pa
import pyarrow.ipc as _ipc

from . import _native
from ._native import EntenteError, InputError, QueryError

__version__ = _native.__version__
__all__ = [
    "code",
    "explain",
    "Explanation",
    "Store",
    "guide",
    "Guide",
    "EntenteError",
    "InputError",
    "QueryError",
]

DateLike = Union[str, _dt.date, None]


def _table(data: bytes) -> _pa.Table:
    return _ipc.open_stream(data).read_all()


def _date(value: DateLike, name: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return value
    raise InputError(f"{name} must be a date or YYYY-MM-DD text, not {type(value).__name__}")


def _rows(texts: Any) -> list:
    """A list of dicts from a list of dicts, a pandas DataFrame or a pyarrow Table / RecordBatch."""
    if isinstance(texts, (_pa.Table, _pa.RecordBatch)):
        columns = texts.column_names
        _need_columns(columns)
        return texts.to_pylist()
    to_dict = getattr(texts, "to_dict", None)
    if to_dict is not None and hasattr(texts, "columns"):  # a pandas DataFrame
        columns = [str(c) for c in texts.columns]
        _need_columns(columns)
        return to_dict("records")
    if isinstance(texts, dict):
        raise InputError("expected a list of dicts, a pandas DataFrame or a pyarrow Table, not one dict")
    if isinstance(texts, (str, bytes)):
        raise InputError("expected a list of dicts, a pandas DataFrame or a pyarrow Table, not a string")
    return list(texts)


def _need_columns(columns: Sequence[str]) -> None:
    # A table without a text column fails as a whole, not row by row: the CLI's message.
    if "text" not in columns and "body" not in columns and "title" not in columns:
        raise InputError(f"missing `text` (or `body`) column; the columns are {', '.join(columns) or 'none'}")
    if "date" not in columns:
        raise InputError(f"missing `date` (YYYY-MM-DD) column; the columns are {', '.join(columns)}")


def code(
    texts: Any,
    *,
    dict: Union[str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]], None] = None,
    threads: Optional[int] = None,
    min_confidence: Optional[float] = None,
    date: DateLike = None,
) -> _pa.Table:
    """Codes documents into events, on all cores (``threads`` to limit), without the GIL.

    ``texts``: a list of dicts, a pandas DataFrame or a pyarrow Table with ``id``, ``date``
    (YYYY-MM-DD, YYYYMMDD, a date-time, or a ``datetime.date``) and ``text`` (or ``body``, with
    ``title`` put before it), as ``entente code`` reads JSON Lines. ``dict``: a folder (or
    folders) of PETRARCH dictionaries instead of the built-in ones. ``min_confidence``: drop
    events below it (0 to 1). ``date``: the date of rows without one.

    Returns a pyarrow Table with the columns of ``entente code --format jsonl``.

    >>> t = code([{"id": "a", "date": "2023-01-30", "text": "Iran and Russia connected their banking systems."}])
    >>> t.num_rows > 0
    True

    Raises :class:`InputError` for a bad row (bad date, missing column, text that is not UTF-8),
    naming the row.
    """
    dirs: list = []
    if dict is not None:
        dirs = [dict] if isinstance(dict, (str, _os.PathLike)) else list(dict)
    if min_confidence is not None and not isinstance(min_confidence, (int, float)):
        raise InputError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")
    data, problems = _native.code(
        _rows(texts),
        [_os.fspath(d) for d in dirs],
        threads,
        None if min_confidence is None else float(min_confidence),
        _date(date, "date"),
    )
    if problems:
        import warnings

        shown = "\n".join(problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        warnings.warn(f"dictionary problems (entries skipped):\n{shown}{more}", stacklevel=2)
    return _table(data)


class Explanation:
    """How one sentence is coded. ``str()`` is ``entente explain``'s text; the parts are
    attributes (``tokens``, ``phrases``, ``verbs``, ``events``, ``dropped``, ...), and Jupyter
    shows it as tables."""

    def __init__(self, text: str, parts: dict):
        self._text = text
        self.sentence: str = parts["sentence"]
        self.date: str = parts["date"]
        self.tokens: list = parts["tokens"]
        self.discard: Optional[str] = parts["discard"]
        self.phrases: list = parts["phrases"]
        self.groups: list = parts["groups"]
        self.verbs: list = parts["verbs"]
        self.events: list = [tuple(e) for e in parts["events"]]
        self.dropped: list = [(tuple(e), why) for e, why in parts["dropped"]]

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"<Explanation of {self.sentence!r}: {len(self.events)} event(s)>"

    def to_dict(self) -> dict:
        """The parts as plain values."""
        return {
            k: getattr(self, k)
            for k in ("sentence", "date", "tokens", "discard", "phrases", "groups", "verbs", "events", "dropped")
        }

    def _repr_html_(self) -> str:
        e = _html.escape

        def table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
            th = "".join(f"<th>{e(h)}</th>" for h in head)
            body = "".join(
                "<tr>" + "".join(f"<td>{e('' if c is None else str(c))}</td>" for c in r) + "</tr>" for r in rows
            )
            return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"

        parts = [f"<div class='entente-explain'><p><b>{e(self.sentence)}</b> <small>({e(self.date)})</small></p>"]
        if self.discard:
            parts.append(f"<p>discarded: {e(self.discard)}</p>")
        parts.append("<p>tokens: " + " ".join(f"<code>{e(t)}</code>" for t in self.tokens) + "</p>")
        parts.append("<h4>Events</h4>")
        parts.append(table(["source", "target", "code"], self.events) if self.events else "<p>none</p>")
        if self.phrases:
            parts.append("<h4>Actors and agents</h4>")
            parts.append(
                table(["text", "kind", "code", "dictionary line"], [(p["text"], p["kind"], p["code"], p["origin"]) for p in self.phrases])
            )
        if self.verbs:
            parts.append("<h4>Verbs</h4>")
            parts.append(
                table(
                    ["text", "verb", "pattern", "code", "source", "target", "rejected"],
                    [
                        (
                            v["text"],
                            v["verb"],
                            v["pattern"][0] if v["pattern"] else None,
                            v["code"],
                            v["source"],
                            v["target"],
                            v["rejected"],
                        )
                        for v in self.verbs
                    ],
                )
            )
        if self.dropped:
            parts.append("<h4>Dropped by the news policy</h4>")
            parts.append(table(["source", "target", "code", "why"], [(*ev, why) for ev, why in self.dropped]))
        parts.append("</div>")
        return "".join(parts)


def explain(
    sentence: str, date: DateLike = None, *, dict: Union[str, "_os.PathLike[str]", None] = None
) -> Explanation:
    """How ``sentence`` is coded, stage by stage, with dated roles resolved on ``date``
    (default: today), as ``entente explain``.

    >>> x = explain("Russia and Iran signed a treaty.", date="2023-01-30")
    >>> str(x).startswith("sentence:")
    True
    """
    text, parts = _native.explain(sentence, _date(date, "date"), None if dict is None else _os.fspath(dict))
    return Explanation(text, parts)


class Store:
    """An event store directory (``entente ingest`` / ``entente sql``'s ``--store``).

    >>> import tempfile
    >>> s = Store(tempfile.mkdtemp() + "/store", create=True)
    >>> s.sql("SELECT count(*) AS n FROM events").to_pylist()
    [{'n': 0}]
    """

    def __init__(self, path: Union[str, "_os.PathLike[str]"], *, create: bool = False):
        self._native = _native.Store(_os.fspath(path), create)

    @property
    def path(self) -> str:
        """The store directory."""
        return str(self._native.path)

    def __repr__(self) -> str:
        return f"entente.Store({self.path!r})"

    def sql(self, query: str, *, limit: Optional[int] = None, dedup: str = "raw", timeout: float = 300) -> _pa.Table:
        """Runs one read-only query, exactly as ``entente sql`` does: tables ``events``,
        ``mentions``, ``amounts``, ``things``, ``themes``, ``quotes`` and the views
        ``events_raw``, ``events_daily``, ``events_root``. ``dedup`` picks what ``events`` means
        (raw, daily, root). All rows unless ``limit`` is given (the CLI's default is 1000).

        Raises :class:`QueryError` with DataFusion's message for bad SQL.
        """
        data, truncated = self._native.sql(query, limit, dedup, float(timeout))
        _warn_truncated(truncated, limit)
        return _table(data)

    def events(
        self,
        dyad: Tuple[str, str],
        *,
        start: DateLike = None,
        end: DateLike = None,
        roots: Sequence[str] = (),
        quads: Sequence[int] = (),
        limit: Optional[int] = None,
        dedup: str = "raw",
        timeout: float = 300,
    ) -> _pa.Table:
        """The events between two countries, both directions, newest first, as ``entente events
        --dyad A,B --from START --to END --root R``. Raises :class:`InputError` for a code
        that is not ISO3 or a bad date, with the CLI's message.
        """
        if isinstance(dyad, str) or len(dyad) != 2:
            raise InputError(f"dyad must be two ISO3 country codes, e.g. ('RUS', 'IRN'), not {dyad!r}")
        a, b = dyad
        data, truncated = self._native.events(
            a, b, _date(start, "start"), _date(end, "end"), [str(r) for r in roots], [int(q) for q in quads], limit, dedup, float(timeout)
        )
        _warn_truncated(truncated, limit)
        return _table(data)

    def ingest(self, kind: str, paths: Union[str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]], *, threads: Optional[int] = None) -> list:
        """Imports files (plain, .gz or .zip) as ``entente ingest KIND FILES``: ``kind`` is
        ``gdelt``, ``gdelt-mentions``, ``icews`` or ``events`` (``entente code``'s JSON Lines).
        Returns one report per file (``status``: imported, already imported, empty). A file
        that fails leaves the others imported and raises :class:`InputError` naming it.
        """
        if isinstance(paths, (str, _os.PathLike)):
            paths = [paths]
        reports = self._native.ingest(kind, [_os.fspath(p) for p in paths], threads)
        failed = [r for r in reports if r["status"] == "failed"]
        if failed:
            raise InputError("\n".join(r["error"] for r in failed))
        return reports

    def info(self) -> dict:
        """The store's manifest (``entente store info --json``): ``generation``, ``files`` (each
        with dataset, table, month, rows, dates) and ``imports``."""
        return _json.loads(self._native.info_json())


def _warn_truncated(truncated: bool, limit: Optional[int]) -> None:
    if truncated:
        import warnings

        warnings.warn(f"{limit} rows shown; the query has more: raise limit, or limit=None", stacklevel=3)


class Guide(str):
    """A guide as text (HTML or Markdown) that Jupyter renders."""

    format: str = "html"

    def _repr_html_(self) -> Optional[str]:
        if self.format != "html":
            return None
        # In an iframe, so that the guide's stylesheet does not restyle the notebook.
        return f'<iframe srcdoc="{_html.escape(str(self), quote=True)}" style="width:100%;height:600px;border:0"></iframe>'

    def _repr_markdown_(self) -> Optional[str]:
        return str(self) if self.format == "md" else None

    def save(self, path: Union[str, "_os.PathLike[str]"]) -> None:
        """Writes the guide to ``path``."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self)


def guide(
    store: Union[Store, str, "_os.PathLike[str]"],
    a: str,
    b: str,
    start: DateLike = None,
    end: DateLike = None,
    *,
    format: str = "html",
    datasets: Sequence[str] = (),
    dedup: str = "raw",
    granularity: str = "month",
    min_confidence: float = 0.3,
    timeout: float = 120,
) -> Union[Guide, dict]:
    """The media guide on ``a`` and ``b`` (ISO3 codes) from ``store``, as ``entente guide A B
    --from START --to END``: a :class:`Guide` (a ``str``) for ``format="html"`` or ``"md"``, the
    analysis as a dict for ``"json"``.

    Raises :class:`InputError` for an unknown country code, a bad date or range.
    """
    if not isinstance(store, Store):
        store = Store(store)
    if format not in ("html", "md", "json"):
        raise InputError(f"unknown guide format {format!r}: html, md or json")
    text = _native.guide(
        store._native, a, b, _date(start, "start"), _date(end, "end"), format, list(datasets), dedup, granularity, float(min_confidence), float(timeout)
    )
    if format == "json":
        return _json.loads(text)
    g = Guide(text)
    g.format = format
    return g
