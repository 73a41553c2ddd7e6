//! A typed sheet of paper signatures, as the officer gives it: the batch's reference and the day
//! the sheets were collected, then one signatory per row (name as on the CIN, CIN, prefecture or
//! province, basis), typed in the entry form or read from a CSV file. Rows are only read here;
//! each is checked like an online signature when the batch is previewed.

use chrono::NaiveDate;

use crate::DomainError;

/// Most rows in one batch.
pub const MAX_ROWS: usize = 20_000;
/// Longest reference.
const MAX_REFERENCE_CHARS: usize = 64;
/// Longest cell of a CSV row read (longer cells are refused as the row's field).
const MAX_CELL_CHARS: usize = 200;

/// One row of the sheet as typed, with its number in the sheet (from 1; a CSV file's line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaperRow {
    pub row_no: i32,
    pub full_name: String,
    pub cin: String,
    /// A province's code or its name in any of the four languages.
    pub province: String,
    /// `residence` or `activity` (or their word in Arabic, French or English).
    pub basis: String,
}

impl PaperRow {
    /// Whether nothing was typed in it (an empty line of the entry form).
    pub fn is_blank(&self) -> bool {
        [&self.full_name, &self.cin, &self.province, &self.basis]
            .iter()
            .all(|c| c.trim().is_empty())
    }
}

/// What identifies a batch: its reference (the sheets' numbers) and the day the sheets were
/// collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchHeader {
    pub reference: String,
    pub collected_on: NaiveDate,
}

impl BatchHeader {
    /// Parses the header's fields (`collected_on` as `YYYY-MM-DD`); each field at fault is
    /// reported.
    pub fn parse(reference: &str, collected_on: &str) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let reference = reference.trim().to_owned();
        let chars = reference.chars().count();
        if chars == 0 {
            errors.push(invalid("reference", "batch_reference_missing"));
        } else if chars > MAX_REFERENCE_CHARS || reference.chars().any(char::is_control) {
            errors.push(invalid("reference", "batch_reference_invalid"));
        }
        let collected_on = NaiveDate::parse_from_str(collected_on.trim(), "%Y-%m-%d")
            .map_err(|_| errors.push(invalid("collected_on", "collected_on_invalid")))
            .ok();
        match collected_on {
            Some(collected_on) if errors.is_empty() => Ok(Self {
                reference,
                collected_on,
            }),
            _ => Err(errors),
        }
    }
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// The rows of a CSV file: UTF-8 (a byte order mark is skipped), separated by commas or
/// semicolons, four columns (name, CIN, province, basis); a first line whose CIN cell holds no
/// digit is a header and skipped. Blank lines are skipped; each row keeps its line number.
pub fn rows_from_csv(data: &[u8]) -> Result<Vec<PaperRow>, DomainError> {
    let data = data.strip_prefix(&crate::spreadsheet::BOM).unwrap_or(data);
    let text = std::str::from_utf8(data).map_err(|_| invalid("file", "csv_not_utf8"))?;
    if text.trim().is_empty() {
        return Err(invalid("file", "file_empty"));
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The line a record starts on, counted from its byte offset (the reader's own line count
    // leaves out blank lines).
    let (mut counted_to, mut line) = (0, 1);
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| invalid("file", "csv_unreadable"))?;
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted_to)
            .clamp(counted_to, text.len());
        // The offset given is where the blank lines before the record begin.
        while text
            .as_bytes()
            .get(start)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        let cell = |i: usize| -> String {
            record
                .get(i)
                .unwrap_or_default()
                .trim()
                .chars()
                .take(MAX_CELL_CHARS + 1)
                .collect()
        };
        let row = PaperRow {
            row_no: i32::try_from(line).unwrap_or(i32::MAX),
            full_name: cell(0),
            cin: cell(1),
            province: cell(2),
            basis: cell(3),
        };
        let header = index == 0 && !row.cin.chars().any(|c| c.is_ascii_digit());
        if header || row.is_blank() {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(invalid("file", "too_many_rows"));
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(invalid("file", "no_rows"));
    }
    Ok(rows)
}

/// The basis written `word` (`residence`/`activity`, or its Arabic, French or English word).
pub(crate) fn basis_of(word: &str) -> Option<super::super::signing::Basis> {
    use super::super::signing::Basis;
    let word = fold(word);
    match word.as_str() {
        "residence" | "résidence" | "إقامة" | "الإقامة" | "ⴰⵣⴷⴰⵖ" => {
            Some(Basis::Residence)
        }
        "activity" | "activité" | "نشاط" | "النشاط" | "ⵜⴰⵎⵙⴽⵔⵜ" => {
            Some(Basis::Activity)
        }
        _ => None,
    }
}

/// `text` lower-cased, trimmed, with its inner spaces collapsed (to compare typed names).
pub(crate) fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_is_read_with_its_line_numbers_header_and_blank_lines_aside() {
        let csv = "\u{feff}Nom;CIN;Province;Base\n\
                   Amina Idrissi;JB123456;agadir-ida-outanane;résidence\n\
                   \n\
                   \"Ait Ali; Youssef\";J98765;Taroudant;activité\n";
        let rows = rows_from_csv(csv.as_bytes()).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].row_no, rows[0].cin.as_str()), (2, "JB123456"));
        assert_eq!(
            (rows[1].row_no, rows[1].full_name.as_str()),
            (4, "Ait Ali; Youssef")
        );
        // No header: the first line is a signatory.
        let rows = rows_from_csv(b"Amina,JB123456,tiznit,residence").unwrap_or_default();
        assert_eq!(rows[0].row_no, 1);
    }

    #[test]
    fn unreadable_or_empty_files_are_refused() {
        let code = |data: &[u8]| match rows_from_csv(data) {
            Err(DomainError::Validation { code, .. }) => code,
            other => panic!("{other:?}"),
        };
        assert_eq!(code(b"\xff\xfe\x00"), "csv_not_utf8");
        assert_eq!(code(b"  \n"), "file_empty");
        assert_eq!(code(b"name,cin,province,basis\n"), "no_rows");
        let many = "A B,JB1,tiznit,residence\n".repeat(MAX_ROWS + 1);
        assert_eq!(code(many.as_bytes()), "too_many_rows");
    }

    #[test]
    fn a_header_needs_a_reference_and_a_real_day() {
        let header = BatchHeader::parse(" Feuilles 1-40 ", "2027-01-15");
        assert_eq!(
            header.ok().map(|h| h.reference),
            Some("Feuilles 1-40".to_owned())
        );
        let errors = BatchHeader::parse("", "2027-02-30")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 2);
        assert!(BatchHeader::parse(&"x".repeat(65), "2027-01-15").is_err());
    }

    #[test]
    fn the_basis_is_read_in_the_usual_languages() {
        use super::super::super::signing::Basis;
        assert_eq!(basis_of(" Résidence "), Some(Basis::Residence));
        assert_eq!(basis_of("نشاط"), Some(Basis::Activity));
        assert_eq!(basis_of("=cmd"), None);
    }
}
