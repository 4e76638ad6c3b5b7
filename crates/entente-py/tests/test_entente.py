"""The Python package against the CLI: same events, same explanations, same SQL answers, same
guides, and the CLI's messages as Python exceptions."""

import datetime
import json
import math

import pandas as pd
import pyarrow as pa
import pytest

import entente
from conftest import cli_error, run_cli

ARTICLES = [
    {"id": "a", "date": "2023-01-30", "text": "Iran and Russia connected their banking systems."},
    {
        "id": "b",
        "date": "2022-11-02",
        "text": "Iran is shipping drones via the Caspian Sea into Russian ports. "
        "Russia condemned the sanctions imposed by the United States.",
    },
    {"id": "c", "date": "2019-01-22", "text": "Sergei Lavrov visited Tehran on Tuesday. Iran rejected the proposal."},
    {"id": "d", "date": "2019-01-22T10:00:00", "text": "Russia and Iran signed an agreement in Moscow."},
]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def cli_events(cli, tmp_path, rows, *args):
    """Events of `entente code --format jsonl` (extract records left out)."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = run_cli(cli, "code", "-q", "--format", "jsonl", *args, str(src)).stdout.decode()
    return [r for r in map(json.loads, out.splitlines()) if "record" not in r]


def as_json(row: dict) -> dict:
    """A Table row as `entente code` writes it: dates as text, absent fields left out."""
    out = {}
    for k, v in row.items():
        if v is None:
            continue
        if isinstance(v, datetime.date):
            v = v.isoformat()
        if k == "spans":
            v = {s: (list(x) if x is not None else None) for s, x in v.items()}
        out[k] = v
    return out


def same_events(table: pa.Table, cli_rows: list):
    got = [as_json(r) for r in table.to_pylist()]
    assert len(got) == len(cli_rows) > 0
    for g, c in zip(got, cli_rows):
        assert set(g) == set(c), (g, c)
        for k in c:
            if isinstance(c[k], float):
                # float32 in the Table, the shortest decimal in the CLI's JSON
                assert math.isclose(g[k], c[k], rel_tol=1e-6), (k, g[k], c[k])
            else:
                assert g[k] == c[k], (k, g[k], c[k])


# --- code ---------------------------------------------------------------------------------------


def test_code_list_of_dicts_equals_cli(cli, tmp_path):
    t = entente.code(ARTICLES)
    same_events(t, cli_events(cli, tmp_path, ARTICLES))
    df = t.to_pandas()
    assert {"RUS", "IRN"} <= set(df["source"].str[:3]) | set(df["target"].str[:3])


def test_code_columns_are_the_jsonl_keys(cli, tmp_path):
    t = entente.code(ARTICLES)
    keys = set()
    for r in cli_events(cli, tmp_path, ARTICLES):
        keys |= set(r)
    # Every key the CLI writes is a column, and the optional ones (place, ...) occur here.
    assert keys == set(t.column_names), (keys ^ set(t.column_names))


def test_code_dataframe_and_table_give_the_same_events():
    t = entente.code(ARTICLES)
    df = pd.DataFrame(ARTICLES)
    assert entente.code(df).equals(t)
    assert entente.code(pa.Table.from_pylist(ARTICLES)).equals(t)
    # Dates as datetime.date objects (a parsed column) code the same.
    df["date"] = pd.to_datetime(df["date"], format="ISO8601").dt.date
    assert entente.code(df).equals(t)
    assert entente.code(pa.Table.from_pandas(df, preserve_index=False)).equals(t)


def test_code_options_threads_min_confidence_dict(cli, tmp_path, shared_data):
    t = entente.code(ARTICLES)
    assert entente.code(ARTICLES, threads=1).equals(t)
    kept = entente.code(ARTICLES, min_confidence=0.5)
    same_events(kept, cli_events(cli, tmp_path, ARTICLES, "--min-confidence", "0.5"))
    assert kept.num_rows < t.num_rows
    assert all(c >= 0.5 for c in kept.column("confidence").to_pylist())
    petrarch = shared_data / "petrarch" / "dictionaries"
    with pytest.warns(UserWarning, match="dictionary problems"):
        coded = entente.code(ARTICLES, dict=petrarch)
    same_events(coded, cli_events(cli, tmp_path, ARTICLES, "--dict", str(petrarch)))


def test_code_empty_input_is_an_empty_table():
    t = entente.code([])
    assert t.num_rows == 0 and "doc_id" in t.column_names


def test_code_bad_date_names_the_row_with_the_clis_message(cli, tmp_path):
    rows = [{"id": "x", "date": "2023-02-30", "text": "Russia met Iran."}]
    with pytest.raises(entente.InputError) as e:
        entente.code(rows)
    src = tmp_path / "bad.jsonl"
    write_jsonl(src, rows)
    err = run_cli(cli, "code", "-q", str(src), ok=False).stderr.decode()
    # The CLI: "FILE:1: bad `date`: ..."; the package: "row 0 (id "x"): bad `date`: ...".
    message = str(e.value).split(": ", 1)[1]
    assert message in err, (message, err)
    assert "row 0" in str(e.value)


def test_code_missing_column(cli, tmp_path):
    with pytest.raises(entente.InputError, match="missing `text`"):
        entente.code(pd.DataFrame({"id": ["a"], "date": ["2023-01-30"]}))
    with pytest.raises(entente.InputError, match="missing `date`"):
        entente.code(pa.table({"id": ["a"], "text": ["Russia met Iran."]}))
    rows = [{"id": "a", "text": "Russia met Iran."}]
    with pytest.raises(entente.InputError) as e:
        entente.code(rows)
    src = tmp_path / "nodate.jsonl"
    write_jsonl(src, rows)
    err = run_cli(cli, "code", "-q", str(src), ok=False).stderr.decode()
    assert str(e.value).split(": ", 1)[1].replace("give --date", "") in err.replace("give --date", "")


def test_code_non_utf8_text():
    with pytest.raises(entente.InputError, match="not valid UTF-8"):
        entente.code([{"id": "a", "date": "2023-01-30", "text": b"Russia \xff met Iran."}])
    with pytest.raises(entente.InputError, match="not valid UTF-8"):
        entente.code([{"id": "a", "date": "2023-01-30", "text": "Russia \udcff met Iran."}])
    # UTF-8 bytes are text.
    t = entente.code([{"id": "a", "date": "2023-01-30", "text": "Iran and Russia connected their banking systems.".encode()}])
    assert t.num_rows > 0


def test_code_bad_arguments():
    with pytest.raises(entente.InputError, match="expected a number from 0 to 1"):
        entente.code(ARTICLES, min_confidence=2)
    with pytest.raises(entente.InputError, match="not a directory"):
        entente.code(ARTICLES, dict="/nonexistent/dictionaries")
    with pytest.raises(entente.InputError, match="expected a dict"):
        entente.code(["Russia met Iran."])
    with pytest.raises(entente.InputError, match="row 0: `text` must be a string, found list"):
        entente.code([{"id": "a", "date": "2023-01-30", "text": ["Russia met Iran."]}])


# --- explain ------------------------------------------------------------------------------------


def test_explain_str_is_the_clis_text(cli):
    sentence = "Iran is shipping drones via the Caspian Sea into Russian ports."
    x = entente.explain(sentence, date="2022-11-02")
    assert str(x) == run_cli(cli, "explain", "--date", "2022-11-02", sentence).stdout.decode()
    assert ("IRN", "RUS") == tuple(s[:3] for s in x.events[0][:2])
    html = x._repr_html_()
    assert "<table>" in html and "Caspian" in html
    assert x.to_dict()["tokens"] == x.tokens
    # A date object works as the text does.
    assert str(entente.explain(sentence, date=datetime.date(2022, 11, 2))) == str(x)


def test_explain_escapes_html_and_rejects_a_bad_date(cli):
    x = entente.explain("Russia <b>met</b> Iran.", date="2023-01-30")
    assert "<b>met" not in x._repr_html_()
    with pytest.raises(entente.InputError) as e:
        entente.explain("Russia met Iran.", date="2023-13-01")
    err = cli_error(cli, "explain", "--date", "2023-13-01", "Russia met Iran.")
    assert str(e.value).split(": ", 1)[1] in err


# --- the store: SQL -----------------------------------------------------------------------------

QUERIES = [
    "SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY root",
    "SELECT dataset, count(*) AS n, min(date) AS first, max(date) AS last FROM events_daily GROUP BY dataset",
    "SELECT date, source, target, code, goldstein, quad_class, lat, lon FROM events "
    "WHERE (source_country = 'RUS' AND target_country = 'IRN') OR (source_country = 'IRN' AND target_country = 'RUS') "
    "ORDER BY date, event_id",
    "SELECT date_trunc('month', date) AS month, count(*) AS n, avg(goldstein) AS g FROM events "
    "WHERE source_country IN ('RUS', 'IRN') GROUP BY 1 ORDER BY 1",
    "SELECT (SELECT count(*) FROM events_raw) AS raw, (SELECT count(*) FROM events_daily) AS daily, "
    "(SELECT count(*) FROM events_root) AS root",
    "SELECT * FROM events ORDER BY event_id LIMIT 50",
]


def cli_rows(cli, store, *args):
    out = run_cli(cli, *args, "--store", store.path, "--format", "jsonl", "--limit", "0").stdout.decode()
    return [json.loads(line) for line in out.splitlines()]


def py_rows(table):
    """Rows as the CLI's JSON writer writes them: nulls left out, dates and times as text."""
    rows = []
    for r in table.to_pylist():
        out = {}
        for k, v in r.items():
            if v is None:
                continue
            if isinstance(v, datetime.datetime):
                v = v.isoformat()
            elif isinstance(v, datetime.date):
                v = v.isoformat()
            out[k] = v
        rows.append(out)
    return rows


def same_rows(got, want):
    assert len(got) == len(want), (len(got), len(want))
    for g, w in zip(got, want):
        assert set(g) == set(w), (g, w)
        for k in w:
            if isinstance(w[k], float):
                assert g[k] == w[k] or math.isclose(g[k], w[k], rel_tol=1e-12), (k, g[k], w[k])
            elif isinstance(g[k], str) and "T" in g[k]:
                # timestamps: the CLI writes 2018-06-01T00:00:00, Python 2018-06-01T00:00:00
                assert g[k].rstrip("Z") == str(w[k]).rstrip("Z"), (k, g[k], w[k])
            else:
                assert g[k] == w[k], (k, g[k], w[k])


@pytest.mark.parametrize("query", QUERIES)
def test_sql_answers_equal_the_clis(cli, icews_store, query):
    got = icews_store.sql(query)
    assert got.num_rows > 0
    same_rows(py_rows(got), cli_rows(cli, icews_store, "sql", query))


@pytest.mark.parametrize("dedup", ["raw", "daily", "root"])
def test_sql_dedup_means_what_the_cli_means(cli, icews_store, dedup):
    q = "SELECT count(*) AS n FROM events"
    got = icews_store.sql(q, dedup=dedup)
    same_rows(py_rows(got), cli_rows(cli, icews_store, "sql", "--dedup", dedup, q))


def test_sql_to_pandas_and_limit(icews_store):
    df = icews_store.sql("SELECT date, code FROM events ORDER BY event_id").to_pandas()
    assert len(df) == icews_store.sql("SELECT count(*) AS n FROM events").column("n")[0].as_py() > 3000
    with pytest.warns(UserWarning, match="the query has more"):
        assert icews_store.sql("SELECT * FROM events", limit=10).num_rows == 10


def test_bad_sql_raises_the_clis_message(cli, icews_store):
    for q in ["SELEC 1", "SELECT nope FROM events", "DROP TABLE events", "SELECT * FROM no_such_table"]:
        with pytest.raises(entente.EntenteError) as e:
            icews_store.sql(q)
        assert str(e.value) == cli_error(cli, "sql", "--store", icews_store.path, q)
    with pytest.raises(entente.QueryError, match="query failed"):
        icews_store.sql("SELEC 1")


# --- the store: events, ingest, info ------------------------------------------------------------


def test_events_dyad_equals_the_cli(cli, icews_store):
    got = icews_store.events(("RUS", "IRN"))
    assert got.num_rows > 0
    same_rows(py_rows(got), cli_rows(cli, icews_store, "events", "--dyad", "RUS,IRN"))
    bounded = icews_store.events(("RUS", "IRN"), start="2018-06-02", end=datetime.date(2018, 6, 2), roots=["04", "05"])
    same_rows(
        py_rows(bounded),
        cli_rows(cli, icews_store, "events", "--dyad", "RUS,IRN", "--from", "2018-06-02", "--to", "2018-06-02", "--root", "04,05"),
    )
    assert set(bounded.column("date").to_pylist()) <= {datetime.date(2018, 6, 2)}


def test_events_bad_input_has_the_clis_message(cli, icews_store):
    with pytest.raises(entente.InputError) as e:
        icews_store.events(("RUS", "QQQ"))
    assert str(e.value) == cli_error(cli, "events", "--store", icews_store.path, "--dyad", "RUS,QQQ")
    with pytest.raises(entente.InputError) as e:
        icews_store.events(("RUS", "IRN"), start="2018-02-30")
    err = cli_error(cli, "events", "--store", icews_store.path, "--dyad", "RUS,IRN", "--from", "2018-02-30")
    assert str(e.value).split(": ", 1)[1] in err
    with pytest.raises(entente.InputError, match="expected two digits"):
        icews_store.events(("RUS", "IRN"), roots=["4"])


def test_ingest_coded_events_beside_icews_and_info(cli, tmp_path, icews_sample):
    store = entente.Store(tmp_path / "store", create=True)
    assert store.ingest("icews", icews_sample)[0]["status"] == "imported"
    assert store.ingest("icews", [icews_sample])[0]["status"] == "already imported"
    # Events as `entente code` writes them, stored as `entente ingest events` stores them.
    src = tmp_path / "news.jsonl"
    write_jsonl(src, ARTICLES)
    coded = tmp_path / "events.jsonl"
    run_cli(cli, "code", "-q", "-o", str(coded), str(src))
    r = store.ingest("events", [coded])[0]
    assert r["status"] == "imported" and r["rows_stored"] == entente.code(ARTICLES).num_rows
    counts = store.sql("SELECT dataset, count(*) AS n FROM events GROUP BY dataset ORDER BY dataset").to_pylist()
    assert [c["dataset"] for c in counts] == ["entente", "icews"]
    info = store.info()
    want = json.loads(run_cli(cli, "store", "info", "--format", "json", "--store", store.path).stdout)
    assert info == want
    assert {f["dataset"] for f in info["files"]} >= {"entente", "icews"} and len(info["imports"]) == 2


def test_ingest_and_store_errors(tmp_path):
    with pytest.raises(entente.InputError, match="no store at"):
        entente.Store(tmp_path / "nothing-here")
    store = entente.Store(tmp_path / "s", create=True)
    with pytest.raises(entente.InputError, match="unknown ingest format"):
        store.ingest("csv", [tmp_path / "x.csv"])
    bad = tmp_path / "bad.tab"
    bad.write_text("not an icews file\n1\t2\n")
    with pytest.raises(entente.InputError, match="bad.tab"):
        store.ingest("icews", [bad])


# --- guide --------------------------------------------------------------------------------------


def assert_close(a, b, path="$"):
    if isinstance(a, float) or isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (path, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), (path, set(a) ^ set(b))
        for k in a:
            assert_close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            assert_close(x, y, f"{path}[{i}]")
    else:
        assert a == b, (path, a, b)


def test_guide_formats_equal_the_clis(cli, icews_store, tmp_path):
    for fmt, ext in [("html", "html"), ("md", "md"), ("json", "json")]:
        out = tmp_path / f"guide.{ext}"
        run_cli(cli, "guide", "RUS", "IRN", "--store", icews_store.path, "-o", str(out))
        g = entente.guide(icews_store, "RUS", "IRN", format=fmt)
        if fmt == "json":
            assert isinstance(g, dict)
            # Sums of Goldstein values may differ in the last bit between two runs of the CLI
            # itself (DataFusion adds partial sums in the order its threads finish).
            assert_close(g, json.loads(out.read_text()))
        else:
            assert isinstance(g, entente.Guide) and isinstance(g, str)
            assert str(g) == out.read_text()
    html = entente.guide(icews_store, "RUS", "IRN", "2018-06-01", "2018-06-02")
    assert "<svg" in html and "<iframe srcdoc=" in html._repr_html_()
    md = entente.guide(icews_store.path, "RUS", "IRN", format="md")
    assert md._repr_markdown_() == str(md) and md._repr_html_() is None


def test_guide_bad_input_has_the_clis_message(cli, icews_store):
    cases = [
        (("QQQ", "IRN"), ["QQQ", "IRN"]),
        (("rus", "IRN"), ["rus", "IRN"]),
        (("RUS", "RUS"), ["RUS", "RUS"]),
        (("ROM", "IRN"), ["ROM", "IRN"]),
    ]
    for (a, b), args in cases:
        with pytest.raises(entente.InputError) as e:
            entente.guide(icews_store, a, b)
        assert str(e.value) == cli_error(cli, "guide", *args, "--store", icews_store.path)
    with pytest.raises(entente.InputError) as e:
        entente.guide(icews_store, "RUS", "IRN", "2018-06-03", "2018-06-01")
    assert str(e.value) == cli_error(
        cli, "guide", "RUS", "IRN", "--store", icews_store.path, "--from", "2018-06-03", "--to", "2018-06-01"
    )
    with pytest.raises(entente.InputError) as e:
        entente.guide(icews_store, "RUS", "IRN", start="2018-06-31")
    err = cli_error(cli, "guide", "RUS", "IRN", "--store", icews_store.path, "--from", "2018-06-31")
    assert str(e.value).split(": ", 1)[1] in err
    with pytest.raises(entente.InputError, match="unknown guide format"):
        entente.guide(icews_store, "RUS", "IRN", format="pdf")


def test_docstring_examples_run():
    import doctest

    failed, tried = doctest.testmod(entente, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0
