//! The normalised Arrow schemas (one for events from every source, one for GDELT mentions) and
//! the builders importers fill row by row.

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    RecordBatch, StringArray, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use std::sync::{Arc, LazyLock};

/// Which table a Parquet file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// SQL table `events`: one row per event, every source.
    Events,
    /// SQL table `mentions`: GDELT 2.0 mentions, one row per article mentioning an event.
    Mentions,
    /// SQL table `amounts`: numbers with their unit read from coded sentences.
    Amounts,
    /// SQL table `things`: named weapons, projects, corridors, organisations, agreements,
    /// currencies in coded sentences.
    Things,
    /// SQL table `themes`: themes of the taxonomy found per coded sentence.
    Themes,
    /// SQL table `quotes`: quoted words with their speaker in coded sentences.
    Quotes,
}

impl Table {
    /// The SQL name of the table.
    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Mentions => "mentions",
            Table::Amounts => "amounts",
            Table::Things => "things",
            Table::Themes => "themes",
            Table::Quotes => "quotes",
        }
    }

    /// Every table, in the order they are registered for SQL.
    pub const ALL: [Table; 6] =
        [Table::Events, Table::Mentions, Table::Amounts, Table::Things, Table::Themes, Table::Quotes];

    /// The tables of what the coder extracts beside events, joined to `events` by
    /// `(dataset, document, sentence)`.
    pub const EXTRACTS: [Table; 4] = [Table::Amounts, Table::Things, Table::Themes, Table::Quotes];

    /// Whether this is one of [`Table::EXTRACTS`].
    pub fn is_extract(self) -> bool {
        Table::EXTRACTS.contains(&self)
    }

    /// The directory under the store root that holds this table's `dataset=…/month=…` folders:
    /// the root itself for `events` and `mentions` (as ever), a folder named after the table
    /// for the extract tables, so that `dataset=*/month=*/*.parquet` still globs only events
    /// (and GDELT mentions, under their own dataset).
    pub fn dir(self) -> Option<&'static str> {
        self.is_extract().then(|| self.name())
    }

    /// The table's Arrow schema, as its Parquet files are written.
    pub fn schema(self) -> SchemaRef {
        match self {
            Table::Events => EVENTS.clone(),
            Table::Mentions => MENTIONS.clone(),
            Table::Amounts => AMOUNTS.clone(),
            Table::Things => THINGS.clone(),
            Table::Themes => THEMES.clone(),
            Table::Quotes => QUOTES.clone(),
        }
    }

    /// The schema queries read the table with: [`Table::schema`] with every string column as
    /// `Utf8View`. Parquet's dictionary-encoded strings then decode to views into the
    /// dictionary instead of being copied row by row, and filters and group-bys compare
    /// 16-byte views: the dyad-month aggregation spent a third of its time copying and
    /// padding `Utf8` strings.
    pub fn read_schema(self) -> SchemaRef {
        match self {
            Table::Events => EVENTS_VIEW.clone(),
            Table::Mentions => MENTIONS_VIEW.clone(),
            Table::Amounts => AMOUNTS_VIEW.clone(),
            Table::Things => THINGS_VIEW.clone(),
            Table::Themes => THEMES_VIEW.clone(),
            Table::Quotes => QUOTES_VIEW.clone(),
        }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

fn s(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

static EVENTS: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("event_id", DataType::Int64, false),
        s("dataset", false),
        Field::new("date", DataType::Date32, false),
        s("month", false),
        s("source", true),
        s("source_name", true),
        s("source_country", true),
        s("source_agent", true),
        s("target", true),
        s("target_name", true),
        s("target_country", true),
        s("target_agent", true),
        s("code", false),
        s("base", false),
        s("root", false),
        Field::new("quad_class", DataType::Int32, true),
        Field::new("goldstein", DataType::Float64, true),
        s("plover", true),
        Field::new("root_event", DataType::Boolean, true),
        Field::new("mentions", DataType::Int32, true),
        Field::new("sources", DataType::Int32, true),
        Field::new("articles", DataType::Int32, true),
        Field::new("tone", DataType::Float64, true),
        s("place", true),
        s("place_country", true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        s("document", true),
        Field::new("sentence", DataType::Int32, true),
        s("text", true),
        Field::new("confidence", DataType::Float64, true),
        s("file", false),
        Field::new("line", DataType::Int64, false),
    ]))
});

fn with_views(schema: &Schema) -> SchemaRef {
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 => f.as_ref().clone().with_data_type(DataType::Utf8View),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

static EVENTS_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&EVENTS));
static MENTIONS_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&MENTIONS));
static AMOUNTS_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&AMOUNTS));
static THINGS_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&THINGS));
static THEMES_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&THEMES));
static QUOTES_VIEW: LazyLock<SchemaRef> = LazyLock::new(|| with_views(&QUOTES));

/// The columns every extract table starts with: where the row comes from, named as in
/// `events` so that `JOIN events USING (dataset, document, sentence)` joins a row to the
/// events coded from its sentence.
fn extract_head(spans: bool) -> Vec<Field> {
    let mut f = vec![
        s("dataset", false),
        s("document", false),
        Field::new("sentence", DataType::Int32, false),
        Field::new("date", DataType::Date32, false),
        s("month", false),
    ];
    if spans {
        f.push(Field::new("char_start", DataType::Int32, false));
        f.push(Field::new("char_end", DataType::Int32, false));
    }
    f
}

fn extract_schema(spans: bool, rest: Vec<Field>) -> SchemaRef {
    let mut f = extract_head(spans);
    f.extend(rest);
    f.push(s("file", false));
    Arc::new(Schema::new(f))
}

/// The item type of list columns (`things.themes`), as Arrow's `ListBuilder` makes it.
pub(crate) fn list_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

static AMOUNTS: LazyLock<SchemaRef> = LazyLock::new(|| {
    extract_schema(
        true,
        // `sentence_text` is null in stores written before it existed.
        vec![s("surface", false), Field::new("value", DataType::Float64, false), s("unit", false), s("kind", false), s("sentence_text", true)],
    )
});

static THINGS: LazyLock<SchemaRef> = LazyLock::new(|| {
    extract_schema(
        true,
        vec![
            s("surface", false),
            s("name", false),
            s("category", false),
            Field::new("themes", DataType::List(list_item()), false),
        ],
    )
});

static THEMES: LazyLock<SchemaRef> = LazyLock::new(|| {
    extract_schema(false, vec![s("theme", false), s("domain", false), s("cue", true)])
});

static QUOTES: LazyLock<SchemaRef> = LazyLock::new(|| {
    extract_schema(
        true,
        vec![s("speaker", true), s("speaker_code", true), s("quote", false), s("kind", false)],
    )
});

static MENTIONS: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("event_id", DataType::Int64, false),
        s("dataset", false),
        Field::new("event_date", DataType::Date32, true),
        Field::new("date", DataType::Date32, false),
        s("month", false),
        Field::new("mention_type", DataType::Int32, true),
        s("source_name", true),
        s("document", true),
        Field::new("sentence", DataType::Int32, true),
        Field::new("actor1_offset", DataType::Int32, true),
        Field::new("actor2_offset", DataType::Int32, true),
        Field::new("action_offset", DataType::Int32, true),
        Field::new("in_raw_text", DataType::Boolean, true),
        Field::new("confidence", DataType::Int32, true),
        Field::new("doc_len", DataType::Int32, true),
        Field::new("doc_tone", DataType::Float64, true),
        s("translation", true),
        s("file", false),
        Field::new("line", DataType::Int64, false),
    ]))
});

/// One event row, borrowed from the input line where possible. Empty strings become NULL.
#[derive(Debug, Default, Clone)]
pub(crate) struct EventRow<'a> {
    pub event_id: i64,
    /// Days since 1970-01-01.
    pub date: i32,
    pub source: Option<&'a str>,
    pub source_name: Option<&'a str>,
    pub source_country: Option<&'a str>,
    pub source_agent: Option<&'a str>,
    pub target: Option<&'a str>,
    pub target_name: Option<&'a str>,
    pub target_country: Option<&'a str>,
    pub target_agent: Option<&'a str>,
    pub code: &'a str,
    pub base: &'a str,
    pub root: &'a str,
    pub quad_class: Option<i32>,
    pub goldstein: Option<f64>,
    pub plover: Option<&'a str>,
    pub root_event: Option<bool>,
    pub mentions: Option<i32>,
    pub sources: Option<i32>,
    pub articles: Option<i32>,
    pub tone: Option<f64>,
    pub place: Option<&'a str>,
    pub place_country: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub document: Option<&'a str>,
    pub sentence: Option<i32>,
    pub text: Option<&'a str>,
    /// The coder's confidence (entente's own events); `None` for GDELT and ICEWS.
    pub confidence: Option<f64>,
    pub line: i64,
}

/// The PLOVER event type of a CAMEO code, from a table of every possible code built once:
/// the ontology's lookup walks its mapping per call, too slow for a hundred million rows.
pub(crate) fn plover(code: &str) -> Option<&'static str> {
    static TABLE: LazyLock<std::collections::HashMap<String, &'static str>> = LazyLock::new(|| {
        let mut t = std::collections::HashMap::new();
        for root in 1..=20u32 {
            let mut codes = vec![format!("{root:02}")];
            for a in 0..10 {
                codes.push(format!("{root:02}{a}"));
                for b in 0..10 {
                    codes.push(format!("{root:02}{a}{b}"));
                }
            }
            for c in codes {
                if let Some(p) = entente_core::plover::for_cameo(&c) {
                    t.insert(c, p.event_type);
                }
            }
        }
        t
    });
    TABLE.get(code).copied()
}

/// `Some(s)` unless `s` is empty.
pub(crate) fn opt(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Builds one RecordBatch of events, all of one dataset and month.
pub(crate) struct EventBuilder {
    event_id: Int64Builder,
    date: Date32Builder,
    strs: [StringBuilder; 8],
    code: StringBuilder,
    base: StringBuilder,
    root: StringBuilder,
    quad_class: Int32Builder,
    goldstein: Float64Builder,
    plover: StringBuilder,
    root_event: BooleanBuilder,
    mentions: Int32Builder,
    sources: Int32Builder,
    articles: Int32Builder,
    tone: Float64Builder,
    place: StringBuilder,
    place_country: StringBuilder,
    lat: Float64Builder,
    lon: Float64Builder,
    document: StringBuilder,
    sentence: Int32Builder,
    text: StringBuilder,
    confidence: Float64Builder,
    line: Int64Builder,
    len: usize,
}

impl EventBuilder {
    pub fn new() -> EventBuilder {
        EventBuilder {
            event_id: Int64Builder::new(),
            date: Date32Builder::new(),
            strs: std::array::from_fn(|_| StringBuilder::new()),
            code: StringBuilder::new(),
            base: StringBuilder::new(),
            root: StringBuilder::new(),
            quad_class: Int32Builder::new(),
            goldstein: Float64Builder::new(),
            plover: StringBuilder::new(),
            root_event: BooleanBuilder::new(),
            mentions: Int32Builder::new(),
            sources: Int32Builder::new(),
            articles: Int32Builder::new(),
            tone: Float64Builder::new(),
            place: StringBuilder::new(),
            place_country: StringBuilder::new(),
            lat: Float64Builder::new(),
            lon: Float64Builder::new(),
            document: StringBuilder::new(),
            sentence: Int32Builder::new(),
            text: StringBuilder::new(),
            confidence: Float64Builder::new(),
            line: Int64Builder::new(),
            len: 0,
        }
    }

    pub fn push(&mut self, r: &EventRow<'_>) {
        self.event_id.append_value(r.event_id);
        self.date.append_value(r.date);
        let strs = [
            r.source,
            r.source_name,
            r.source_country,
            r.source_agent,
            r.target,
            r.target_name,
            r.target_country,
            r.target_agent,
        ];
        for (b, v) in self.strs.iter_mut().zip(strs) {
            b.append_option(v);
        }
        self.code.append_value(r.code);
        self.base.append_value(r.base);
        self.root.append_value(r.root);
        self.quad_class.append_option(r.quad_class);
        self.goldstein.append_option(r.goldstein);
        self.plover.append_option(r.plover);
        self.root_event.append_option(r.root_event);
        self.mentions.append_option(r.mentions);
        self.sources.append_option(r.sources);
        self.articles.append_option(r.articles);
        self.tone.append_option(r.tone);
        self.place.append_option(r.place);
        self.place_country.append_option(r.place_country);
        self.lat.append_option(r.lat);
        self.lon.append_option(r.lon);
        self.document.append_option(r.document);
        self.sentence.append_option(r.sentence);
        self.text.append_option(r.text);
        self.confidence.append_option(r.confidence);
        self.line.append_value(r.line);
        self.len += 1;
    }

    /// The rows pushed so far as a batch (the builder is left empty).
    pub fn finish(&mut self, dataset: &str, month: &str, file: &str) -> RecordBatch {
        let n = self.len;
        self.len = 0;
        let konst = |v: &str| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(std::iter::repeat_n(v, n)))
        };
        let [a, b, c, d, e, f, g, h] = &mut self.strs;
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.event_id.finish()),
            konst(dataset),
            Arc::new(self.date.finish()),
            konst(month),
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(c.finish()),
            Arc::new(d.finish()),
            Arc::new(e.finish()),
            Arc::new(f.finish()),
            Arc::new(g.finish()),
            Arc::new(h.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.base.finish()),
            Arc::new(self.root.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.plover.finish()),
            Arc::new(self.root_event.finish()),
            Arc::new(self.mentions.finish()),
            Arc::new(self.sources.finish()),
            Arc::new(self.articles.finish()),
            Arc::new(self.tone.finish()),
            Arc::new(self.place.finish()),
            Arc::new(self.place_country.finish()),
            Arc::new(self.lat.finish()),
            Arc::new(self.lon.finish()),
            Arc::new(self.document.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.confidence.finish()),
            konst(file),
            Arc::new(self.line.finish()),
        ];
        RecordBatch::try_new(EVENTS.clone(), cols).expect("event columns match the schema")
    }
}

/// One GDELT 2.0 mention.
#[derive(Debug, Default, Clone)]
pub(crate) struct MentionRow<'a> {
    pub event_id: i64,
    pub event_date: Option<i32>,
    pub date: i32,
    pub mention_type: Option<i32>,
    pub source_name: Option<&'a str>,
    pub document: Option<&'a str>,
    pub sentence: Option<i32>,
    pub actor1_offset: Option<i32>,
    pub actor2_offset: Option<i32>,
    pub action_offset: Option<i32>,
    pub in_raw_text: Option<bool>,
    pub confidence: Option<i32>,
    pub doc_len: Option<i32>,
    pub doc_tone: Option<f64>,
    pub translation: Option<&'a str>,
    pub line: i64,
}

/// Builds one RecordBatch of mentions.
#[derive(Default)]
pub(crate) struct MentionBuilder {
    event_id: Int64Builder,
    event_date: Date32Builder,
    date: Date32Builder,
    ints: [Int32Builder; 7],
    source_name: StringBuilder,
    document: StringBuilder,
    in_raw_text: BooleanBuilder,
    doc_tone: Float64Builder,
    translation: StringBuilder,
    line: Int64Builder,
    len: usize,
}

impl MentionBuilder {
    pub fn push(&mut self, r: &MentionRow<'_>) {
        self.event_id.append_value(r.event_id);
        self.event_date.append_option(r.event_date);
        self.date.append_value(r.date);
        let ints = [
            r.mention_type,
            r.sentence,
            r.actor1_offset,
            r.actor2_offset,
            r.action_offset,
            r.confidence,
            r.doc_len,
        ];
        for (b, v) in self.ints.iter_mut().zip(ints) {
            b.append_option(v);
        }
        self.source_name.append_option(r.source_name);
        self.document.append_option(r.document);
        self.in_raw_text.append_option(r.in_raw_text);
        self.doc_tone.append_option(r.doc_tone);
        self.translation.append_option(r.translation);
        self.line.append_value(r.line);
        self.len += 1;
    }

    pub fn finish(&mut self, dataset: &str, month: &str, file: &str) -> RecordBatch {
        let n = self.len;
        self.len = 0;
        let konst = |v: &str| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(std::iter::repeat_n(v, n)))
        };
        let [mention_type, sentence, a1, a2, act, confidence, doc_len] = &mut self.ints;
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.event_id.finish()),
            konst(dataset),
            Arc::new(self.event_date.finish()),
            Arc::new(self.date.finish()),
            konst(month),
            Arc::new(mention_type.finish()),
            Arc::new(self.source_name.finish()),
            Arc::new(self.document.finish()),
            Arc::new(sentence.finish()),
            Arc::new(a1.finish()),
            Arc::new(a2.finish()),
            Arc::new(act.finish()),
            Arc::new(self.in_raw_text.finish()),
            Arc::new(confidence.finish()),
            Arc::new(doc_len.finish()),
            Arc::new(self.doc_tone.finish()),
            Arc::new(self.translation.finish()),
            konst(file),
            Arc::new(self.line.finish()),
        ];
        RecordBatch::try_new(MENTIONS.clone(), cols).expect("mention columns match the schema")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plover_table_agrees_with_the_ontology() {
        for code in ["01", "010", "0841", "07", "073", "19", "1823", "204"] {
            assert_eq!(
                super::plover(code),
                entente_core::plover::for_cameo(code).map(|p| p.event_type),
                "{code}"
            );
        }
        assert_eq!(super::plover("2.02E+13"), None);
    }
}
