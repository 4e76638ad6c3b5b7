"""Type stubs of the entente package (the engine is the Rust module entente._native)."""

import datetime
import os
from typing import Any, Iterable, List, Optional, Sequence, Tuple, Union

import pyarrow

_Path = Union[str, "os.PathLike[str]"]
DateLike = Union[str, datetime.date, None]

__version__: str

class EntenteError(Exception):
    """An error of entente; the message is the CLI's."""

class InputError(EntenteError):
    """Bad input: a date, a country code, a row, an option."""

class QueryError(EntenteError):
    """A query the store refused or could not run (bad SQL, timeout)."""

def code(
    texts: Any,
    *,
    dict: Union[_Path, Sequence[_Path], None] = ...,
    threads: Optional[int] = ...,
    min_confidence: Optional[float] = ...,
    date: DateLike = ...,
) -> pyarrow.Table:
    """Codes documents (a list of dicts, a pandas DataFrame or a pyarrow Table with id, date,
    text) into events: a Table with the columns of `entente code --format jsonl`."""

class Explanation:
    """How one sentence is coded; str() is `entente explain`'s text."""

    sentence: str
    date: str
    tokens: List[str]
    discard: Optional[str]
    phrases: List[dict]
    groups: List[str]
    verbs: List[dict]
    events: List[Tuple[str, str, str]]
    dropped: List[Tuple[Tuple[str, str, str], str]]
    def __init__(self, text: str, parts: dict) -> None: ...
    def to_dict(self) -> dict: ...
    def _repr_html_(self) -> str: ...

def explain(sentence: str, date: DateLike = ..., *, dict: Optional[_Path] = ...) -> Explanation:
    """How `sentence` is coded, as `entente explain`."""

class Store:
    """An event store directory."""

    def __init__(self, path: _Path, *, create: bool = ...) -> None: ...
    @property
    def path(self) -> str: ...
    def sql(self, query: str, *, limit: Optional[int] = ..., dedup: str = ..., timeout: float = ...) -> pyarrow.Table:
        """One read-only query, as `entente sql`."""
    def events(
        self,
        dyad: Tuple[str, str],
        *,
        start: DateLike = ...,
        end: DateLike = ...,
        roots: Sequence[str] = ...,
        quads: Sequence[int] = ...,
        limit: Optional[int] = ...,
        dedup: str = ...,
        timeout: float = ...,
    ) -> pyarrow.Table:
        """The events between two countries, as `entente events --dyad A,B`."""
    def ingest(self, kind: str, paths: Union[_Path, Sequence[_Path]], *, threads: Optional[int] = ...) -> List[dict]:
        """Imports files, as `entente ingest KIND FILES`."""
    def info(self) -> dict:
        """The manifest, as `entente store info --json`."""

class Guide(str):
    """A guide as HTML or Markdown text that Jupyter renders."""

    format: str
    def _repr_html_(self) -> Optional[str]: ...
    def _repr_markdown_(self) -> Optional[str]: ...
    def save(self, path: _Path) -> None: ...

def guide(
    store: Union[Store, _Path],
    a: str,
    b: str,
    start: DateLike = ...,
    end: DateLike = ...,
    *,
    format: str = ...,
    datasets: Sequence[str] = ...,
    dedup: str = ...,
    granularity: str = ...,
    min_confidence: float = ...,
    timeout: float = ...,
) -> Union[Guide, dict]:
    """The media guide on a and b from store, as `entente guide A B`."""
