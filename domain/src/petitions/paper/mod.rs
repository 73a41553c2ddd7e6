//! Paper signatures (assisted participation): the council officers of a petition's region enter
//! the signatures collected on paper, a batch of sheets at a time (typed in the entry form or
//! imported from a CSV file). A batch is first previewed: each row is checked like an online
//! signature, and every row refused is listed with its number and why (a field at fault, the same
//! CIN twice in the sheet, a CIN that already signed online or on another sheet). The officer then
//! records it: its signatures join the online ones (the same unique CIN hash: nobody counts
//! twice), counted on the day the sheets were collected. A recorded batch can be voided whole
//! before deposit. Online signing with a CIN already on paper is refused (`signed_on_paper`).

mod batches;
pub mod sheet;
mod views;

pub use batches::{
    BatchStatus, PaperBatchView, RefusedRow, discard_paper_batch, preview_paper_batch,
    record_paper_batch, void_paper_batch,
};
pub use sheet::{BatchHeader, MAX_ROWS, PaperRow, rows_from_csv};
pub use views::{get_paper_batch, list_paper_batches, paper_count};

/// Today in Morocco: the latest day of collection a batch may have.
pub fn today(ctx: &crate::AppContext) -> chrono::NaiveDate {
    ctx.clock
        .now()
        .with_timezone(&chrono_tz::Africa::Casablanca)
        .date_naive()
}
