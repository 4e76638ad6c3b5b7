//! Upgrading a store written by an earlier entente, when it is opened ([`crate::Store::open`]).
//!
//! Format 1 → 2: in format 1 the `source_country` and `target_country` of GDELT's events held
//! GDELT's CAMEO country codes as GDELT wrote them (Romania `ROM` where ICEWS has `ROU`, regions
//! such as `AFR` and `EUR` as if they were countries), and so did those of entente's own coded
//! events. Format 2 holds ISO 3166-1 alpha-3 codes in every dataset, NULL for regions. The
//! upgrade passes the three country columns of every events file through
//! [`entente_core::country::iso3`] (which leaves ISO codes as they are, so ICEWS's files and
//! files already upgraded do not change), rewrites the files in which a value changed, and
//! commits them with the new format version in one manifest rename, as an import does.

use crate::{Error, Result};
use datafusion::arrow::array::{Array, ArrayRef, RecordBatch, StringArray};
use std::sync::Arc;

/// The columns that hold a country code.
pub(crate) const COUNTRY_COLUMNS: &[&str] = &["source_country", "target_country", "place_country"];

/// `batch` with its country columns as format 2 keeps them, or `None` when no value changes.
pub(crate) fn iso_countries(batch: &RecordBatch) -> Result<Option<RecordBatch>> {
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    let mut changed = false;
    for name in COUNTRY_COLUMNS {
        let Ok(i) = batch.schema().index_of(name) else { continue };
        let col = batch.column(i).as_any().downcast_ref::<StringArray>().ok_or_else(|| {
            Error::Internal(format!("column {name} is {}, not text", batch.column(i).data_type()))
        })?;
        let differs =
            (0..col.len()).any(|r| col.is_valid(r) && entente_core::country::iso3(col.value(r)) != Some(col.value(r)));
        if !differs {
            continue;
        }
        changed = true;
        let mapped: StringArray =
            col.iter().map(|v| v.and_then(entente_core::country::iso3)).collect();
        columns[i] = Arc::new(mapped);
    }
    if !changed {
        return Ok(None);
    }
    RecordBatch::try_new(batch.schema(), columns)
        .map(Some)
        .map_err(|e| Error::Internal(format!("country columns: {e}")))
}
