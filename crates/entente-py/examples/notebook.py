# %% [markdown]
# # entente from Python: news → events → store → series → guide
#
# A script written as notebook cells (`# %%`: VS Code, Jupytext and JupyterLab open it as a
# notebook); CI runs it as a script. It codes a few articles, stores the events beside the ICEWS
# sample, queries the Russia–Iran series into pandas and renders the guide.
#
# `python examples/notebook.py [ICEWS_FILE] [OUT_DIR]`: the ICEWS sample is
# `../shared/data/icews/events.2018.sample.tab` by default.

# %%
import json
import pathlib
import sys
import tempfile

import entente

here = pathlib.Path(__file__).resolve().parent if "__file__" in globals() else pathlib.Path.cwd()
icews = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here.parents[2] / ".." / "shared" / "data" / "icews" / "events.2018.sample.tab"
out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(tempfile.mkdtemp(prefix="entente-notebook-"))
out.mkdir(parents=True, exist_ok=True)
print("entente", entente.__version__, "; ICEWS sample:", icews, "; output:", out)

# %% [markdown]
# ## 1. Code a few articles
# Any list of dicts, pandas DataFrame or pyarrow Table with `id`, `date` and `text`. Coding runs
# on all cores without holding the GIL.

# %%
articles = [
    {"id": "wire-1", "date": "2018-06-01", "text": "Iran and Russia signed an agreement on oil exports in Tehran."},
    {"id": "wire-2", "date": "2018-06-01", "text": "Russia urged Iran to stay in the nuclear deal. Iran rejected the demand."},
    {"id": "wire-3", "date": "2018-06-02", "text": "Iranian Foreign Minister Javad Zarif met Sergei Lavrov in Moscow."},
    {"id": "wire-4", "date": "2018-06-02", "text": "Iran is shipping drones via the Caspian Sea into Russian ports."},
]
events = entente.code(articles)
events.to_pandas()[["doc_id", "source", "target", "code", "confidence", "text"]]

# %% [markdown]
# Why was a sentence coded that way? `str()` is the CLI's text; in Jupyter it shows as tables.

# %%
x = entente.explain(articles[3]["text"], date="2018-06-02")
print(x)

# %% [markdown]
# ## 2. Store them beside the ICEWS sample
# `ingest("events", ...)` reads the JSON Lines `entente code` writes; the Table's rows are the
# same records.

# %%
coded = out / "events.jsonl"
with open(coded, "w", encoding="utf-8") as f:
    for row in events.to_pylist():
        row["date"] = row["date"].isoformat()
        f.write(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n")

store = entente.Store(out / "store", create=True)
for report in store.ingest("icews", [icews]) + store.ingest("events", [coded]):
    print(report["file"], report["status"], report.get("rows_stored"))
store.sql("SELECT dataset, count(*) AS events, min(date) AS first, max(date) AS last FROM events GROUP BY dataset ORDER BY dataset").to_pandas()

# %% [markdown]
# ## 3. The Russia–Iran series into pandas
# The same SQL as `entente sql` (tables `events`, `events_daily`, ...).

# %%
series = store.sql(
    """
    SELECT date, dataset, count(*) AS events,
           sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END) AS cooperative,
           avg(goldstein) AS goldstein
    FROM events
    WHERE (source_country = 'RUS' AND target_country = 'IRN') OR (source_country = 'IRN' AND target_country = 'RUS')
    GROUP BY date, dataset ORDER BY date, dataset
    """
).to_pandas()
print(series)
pair = store.events(("RUS", "IRN"), start="2018-06-01", end="2018-06-02").to_pandas()
print(len(pair), "Russia–Iran events;", pair["dataset"].value_counts().to_dict())
assert set(series["dataset"]) == {"entente", "icews"}, series

# %% [markdown]
# ## 4. The guide
# In Jupyter the returned object renders itself; `save` writes the file.

# %%
guide = entente.guide(store, "RUS", "IRN", "2018-06-01", "2018-06-02")
guide.save(out / "guide-RUS-IRN.html")
analysis = entente.guide(store, "RUS", "IRN", "2018-06-01", "2018-06-02", format="json")
print("guide:", out / "guide-RUS-IRN.html", f"({len(guide):,} characters);", "keys of the analysis:", ", ".join(sorted(analysis)[:6]), "…")
guide
