//! The extract tables (`amounts`, `things`, `themes`, `quotes`): checking the coder's rows,
//! dropping repeats within one import, and turning them into Arrow batches by month.

use crate::import::{Rejected, KEEP_REJECTS};
use crate::schema::{list_item, opt, Table};
use datafusion::arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int32Builder, ListBuilder, RecordBatch, StringArray,
    StringBuilder,
};
use entente_core::extract::{AmountRow, Extracts, QuoteRow, ThemeRow, ThingRow};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// What checking an import's extracts found.
#[derive(Debug, Default)]
pub(crate) struct Checked<'a> {
    pub amounts: Vec<&'a AmountRow>,
    pub things: Vec<&'a ThingRow>,
    pub themes: Vec<&'a ThemeRow>,
    pub quotes: Vec<&'a QuoteRow>,
    /// Every document named by a row (valid or not): their earlier extracts are replaced.
    pub docs: HashSet<&'a str>,
    /// Rows read.
    pub read: u64,
    /// Malformed rows skipped.
    pub rejected: u64,
    /// Repeats of a row within this import (same key), the last one kept.
    pub repeated: u64,
    /// The first malformed rows with why.
    pub rejects: Vec<Rejected>,
}

impl Checked<'_> {
    /// Rows to store.
    pub fn stored(&self) -> u64 {
        (self.amounts.len() + self.things.len() + self.themes.len() + self.quotes.len()) as u64
    }
}

/// The parts every extract row has.
trait Row {
    const WHAT: &'static str;
    fn doc(&self) -> &str;
    fn sentence(&self) -> u32;
    fn span(&self) -> Option<(u32, u32)>;
    /// What else must hold, as the reason it does not.
    fn check(&self) -> Result<(), String>;
    /// Two rows with the same key are one (the later replaces the earlier).
    fn key(&self) -> String;
}

fn need(field: &str, v: &str) -> Result<(), String> {
    if v.trim().is_empty() {
        Err(format!("{field} is empty"))
    } else {
        Ok(())
    }
}

impl Row for AmountRow {
    const WHAT: &'static str = "amount";
    fn doc(&self) -> &str {
        &self.doc_id
    }
    fn sentence(&self) -> u32 {
        self.sentence
    }
    fn span(&self) -> Option<(u32, u32)> {
        Some((self.start, self.end))
    }
    fn check(&self) -> Result<(), String> {
        if !self.value.is_finite() {
            return Err(format!("value {} is not a finite number", self.value));
        }
        need("unit", &self.unit)?;
        need("kind", &self.kind)
    }
    fn key(&self) -> String {
        format!("{}\0{}\0{}\0{}\0{}", self.sentence, self.start, self.end, self.kind, self.unit)
    }
}

impl Row for ThingRow {
    const WHAT: &'static str = "thing";
    fn doc(&self) -> &str {
        &self.doc_id
    }
    fn sentence(&self) -> u32 {
        self.sentence
    }
    fn span(&self) -> Option<(u32, u32)> {
        Some((self.start, self.end))
    }
    fn check(&self) -> Result<(), String> {
        need("name", &self.name)?;
        need("category", &self.category)
    }
    fn key(&self) -> String {
        format!("{}\0{}\0{}\0{}\0{}", self.sentence, self.start, self.end, self.category, self.name)
    }
}

impl Row for ThemeRow {
    const WHAT: &'static str = "theme";
    fn doc(&self) -> &str {
        &self.doc_id
    }
    fn sentence(&self) -> u32 {
        self.sentence
    }
    fn span(&self) -> Option<(u32, u32)> {
        None
    }
    fn check(&self) -> Result<(), String> {
        need("theme", &self.theme)?;
        need("domain", &self.domain)
    }
    fn key(&self) -> String {
        format!("{}\0{}", self.sentence, self.theme)
    }
}

impl Row for QuoteRow {
    const WHAT: &'static str = "quote";
    fn doc(&self) -> &str {
        &self.doc_id
    }
    fn sentence(&self) -> u32 {
        self.sentence
    }
    fn span(&self) -> Option<(u32, u32)> {
        Some((self.start, self.end))
    }
    fn check(&self) -> Result<(), String> {
        need("quote", &self.quote)?;
        need("kind", &self.kind)
    }
    fn key(&self) -> String {
        format!("{}\0{}\0{}", self.sentence, self.start, self.end)
    }
}

/// Why `r` cannot be stored, naming its document and sentence.
fn problem<R: Row>(r: &R) -> Option<String> {
    let what = R::WHAT;
    if r.doc().trim().is_empty() {
        return Some(format!("{what} in sentence {}: the document id is empty", r.sentence()));
    }
    let at = format!("{what} in document {:?}, sentence {}", r.doc(), r.sentence());
    let mut bad = Vec::new();
    if i32::try_from(r.sentence()).is_err() {
        bad.push(format!("sentence index {} is too large", r.sentence()));
    }
    if let Some((start, end)) = r.span() {
        if end <= start {
            bad.push(format!("span end {end} is not after its start {start}"));
        } else if i32::try_from(end).is_err() {
            bad.push(format!("span end {end} is too large"));
        }
    }
    if let Err(e) = r.check() {
        bad.push(e);
    }
    (!bad.is_empty()).then(|| format!("{at}: {}", bad.join("; ")))
}

/// Checks the rows of one table, keeping the valid ones (the last of each key per document).
/// A reject's `line` is `lines[i]` when given (the row's line in a file), else its 1-based
/// position in `rows`.
fn check_rows<'a, R: Row>(rows: &'a [R], lines: Option<&[u64]>, out: &mut Vec<&'a R>, c: &mut Checked<'a>) {
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    let mut rejects = Vec::new();
    // Backwards, so that of repeated rows the last one is kept, then back in input order.
    for (i, r) in rows.iter().enumerate().rev() {
        c.read += 1;
        c.docs.insert(r.doc());
        if let Some(reason) = problem(r) {
            c.rejected += 1;
            let line = lines.and_then(|l| l.get(i).copied()).unwrap_or(i as u64 + 1);
            rejects.push(Rejected { line, reason, member: None });
            continue;
        }
        if !seen.insert((r.doc(), r.key())) {
            c.repeated += 1;
            continue;
        }
        out.push(r);
    }
    out.reverse();
    rejects.reverse();
    c.rejects.extend(rejects);
}

/// Checks every row of `x`; `lines` are the file lines of amounts, things, themes and quotes
/// when they were read from a file.
pub(crate) fn check<'a>(x: &'a Extracts, lines: Option<&[Vec<u64>; 4]>) -> Checked<'a> {
    let mut c = Checked::default();
    let l = |i: usize| lines.map(|l| l[i].as_slice());
    let mut amounts = Vec::new();
    check_rows(&x.amounts, l(0), &mut amounts, &mut c);
    let mut things = Vec::new();
    check_rows(&x.things, l(1), &mut things, &mut c);
    let mut themes = Vec::new();
    check_rows(&x.themes, l(2), &mut themes, &mut c);
    let mut quotes = Vec::new();
    check_rows(&x.quotes, l(3), &mut quotes, &mut c);
    c.amounts = amounts;
    c.things = things;
    c.themes = themes;
    c.quotes = quotes;
    c.rejects.truncate(KEEP_REJECTS);
    c
}

/// The month key (`year * 12 + month - 1`) of a date.
fn month_key(d: entente_core::Date) -> i32 {
    d.year * 12 + d.month as i32 - 1
}

fn by_month<'a, R>(rows: &[&'a R], date: impl Fn(&R) -> entente_core::Date) -> BTreeMap<i32, Vec<&'a R>> {
    let mut m: BTreeMap<i32, Vec<&'a R>> = BTreeMap::new();
    for r in rows {
        m.entry(month_key(date(r))).or_default().push(r);
    }
    m
}

/// The columns every extract table starts with, for `rows` of one month.
fn head<R: Row>(rows: &[&R], dates: impl Fn(&R) -> entente_core::Date, dataset: &str, month: &str, spans: bool) -> Vec<ArrayRef> {
    let n = rows.len();
    let konst = |v: &str| -> ArrayRef { Arc::new(StringArray::from_iter_values(std::iter::repeat_n(v, n))) };
    let mut doc = StringBuilder::new();
    let mut sentence = Int32Builder::new();
    let mut date = Date32Builder::new();
    let (mut start, mut end) = (Int32Builder::new(), Int32Builder::new());
    for r in rows {
        doc.append_value(r.doc());
        // Checked: fits.
        sentence.append_value(r.sentence() as i32);
        date.append_value(dates(r).to_days());
        if let Some((s, e)) = r.span() {
            start.append_value(s as i32);
            end.append_value(e as i32);
        }
    }
    let mut cols: Vec<ArrayRef> =
        vec![konst(dataset), Arc::new(doc.finish()), Arc::new(sentence.finish()), Arc::new(date.finish()), konst(month)];
    if spans {
        cols.push(Arc::new(start.finish()));
        cols.push(Arc::new(end.finish()));
    }
    cols
}

fn batch(table: Table, cols: Vec<ArrayRef>) -> RecordBatch {
    RecordBatch::try_new(table.schema(), cols).expect("extract columns match the schema")
}

fn strings<'a>(v: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for s in v {
        b.append_option(s);
    }
    Arc::new(b.finish())
}

/// The checked rows as batches per table and month key, `file` as their provenance.
pub(crate) fn batches(c: &Checked<'_>, dataset: &str, file: &str) -> Vec<(Table, i32, RecordBatch)> {
    let mut out = Vec::new();
    let konst = |v: &str, n: usize| -> ArrayRef { Arc::new(StringArray::from_iter_values(std::iter::repeat_n(v, n))) };
    for (k, rows) in by_month(&c.amounts, |r| r.date) {
        let month = crate::writer::month_name(k);
        let mut cols = head(&rows, |r| r.date, dataset, &month, true);
        cols.push(strings(rows.iter().map(|r| Some(r.text.as_str()))));
        let mut v = Float64Builder::new();
        rows.iter().for_each(|r| v.append_value(r.value));
        cols.push(Arc::new(v.finish()));
        cols.push(strings(rows.iter().map(|r| Some(r.unit.as_str()))));
        cols.push(strings(rows.iter().map(|r| Some(r.kind.as_str()))));
        cols.push(strings(rows.iter().map(|r| opt(&r.sentence_text))));
        cols.push(konst(file, rows.len()));
        out.push((Table::Amounts, k, batch(Table::Amounts, cols)));
    }
    for (k, rows) in by_month(&c.things, |r| r.date) {
        let month = crate::writer::month_name(k);
        let mut cols = head(&rows, |r| r.date, dataset, &month, true);
        cols.push(strings(rows.iter().map(|r| Some(r.text.as_str()))));
        cols.push(strings(rows.iter().map(|r| Some(r.name.as_str()))));
        cols.push(strings(rows.iter().map(|r| Some(r.category.as_str()))));
        let mut themes = ListBuilder::new(StringBuilder::new()).with_field(list_item());
        for r in &rows {
            for t in &r.themes {
                themes.values().append_value(t);
            }
            themes.append(true);
        }
        cols.push(Arc::new(themes.finish()));
        cols.push(konst(file, rows.len()));
        out.push((Table::Things, k, batch(Table::Things, cols)));
    }
    for (k, rows) in by_month(&c.themes, |r| r.date) {
        let month = crate::writer::month_name(k);
        let mut cols = head(&rows, |r| r.date, dataset, &month, false);
        cols.push(strings(rows.iter().map(|r| Some(r.theme.as_str()))));
        cols.push(strings(rows.iter().map(|r| Some(r.domain.as_str()))));
        cols.push(strings(rows.iter().map(|r| opt(&r.cue))));
        cols.push(konst(file, rows.len()));
        out.push((Table::Themes, k, batch(Table::Themes, cols)));
    }
    for (k, rows) in by_month(&c.quotes, |r| r.date) {
        let month = crate::writer::month_name(k);
        let mut cols = head(&rows, |r| r.date, dataset, &month, true);
        cols.push(strings(rows.iter().map(|r| opt(&r.speaker))));
        cols.push(strings(rows.iter().map(|r| r.speaker_code.as_deref().and_then(opt))));
        cols.push(strings(rows.iter().map(|r| Some(r.quote.as_str()))));
        cols.push(strings(rows.iter().map(|r| Some(r.kind.as_str()))));
        cols.push(konst(file, rows.len()));
        out.push((Table::Quotes, k, batch(Table::Quotes, cols)));
    }
    out
}
