//! `POST /petitions/paper`: a council officer previews a batch of paper signatures, typed in the
//! entry form or imported from a CSV file (multipart, as it may carry the file). Thin: read the
//! fields, parse, call `domain::petitions::paper::preview_paper_batch`, and show the preview (or
//! the form again, with its errors and everything typed).

use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::DomainError;
use domain::petitions::paper::{BatchHeader, PaperRow, preview_paper_batch, rows_from_csv};
use domain::types::PetitionId;
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::current_user::CurrentUser;
use crate::forms::{Parts, back, read_form, to_sign_in};

/// Rows of the entry form.
pub const ENTRY_ROWS: usize = frontend::petitions::paper::ENTRY_ROWS;

/// Previews the batch, then shows it; or sends the form back with its errors.
pub async fn preview_paper_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let parts = match read_form(multipart, "paper").await {
        Ok(parts) => parts,
        Err(response) => return response,
    };
    let (lang, region, id) = parts.target();
    let actor = match crate::files::visitor(&state, user).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return to_sign_in(lang),
        Err(response) => return response,
    };
    let page = frontend::paths::petition(lang.code(), &region, id, "paper");
    let outcome = match parse(&parts) {
        Ok((header, rows)) => preview_paper_batch(&state.ctx, &actor, PetitionId(id), header, rows)
            .await
            .map_err(|err| vec![err]),
        Err(errors) => Err(errors),
    };
    match outcome {
        Ok(batch) => {
            back(
                &session,
                Flash::of("paper"),
                &format!("{page}?batch={batch}#preview"),
            )
            .await
        }
        Err(errors) => {
            // What was typed comes back with the errors (a file cannot).
            let values: Vec<(&str, &str)> = parts
                .texts
                .iter()
                .filter(|(k, _)| k != "lang" && k != "region" && k != "id")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let mut flash = Flash::with_values("paper", &values);
            flash.add_errors(errors);
            back(&session, flash, &format!("{page}#{}", parts.text("mode"))).await
        }
    }
}

/// The batch's header and rows: from the CSV file (`mode` `csv`) or the entry form's rows.
fn parse(parts: &Parts) -> Result<(BatchHeader, Vec<PaperRow>), Vec<DomainError>> {
    let mut errors = Vec::new();
    let header = BatchHeader::parse(&parts.text("reference"), &parts.text("collected_on"))
        .map_err(|e| errors.extend(e))
        .ok();
    // The officer confirms that each row of the sheets carries the signatory's declarations
    // (electoral roll, consent) and signature.
    if parts.text("declaration").is_empty() {
        errors.push(DomainError::Validation {
            field: "declaration",
            code: "declaration_missing",
        });
    }
    let rows = if parts.text("mode") == "csv" {
        match parts.files.iter().find(|(name, _, _)| name == "sheet") {
            Some((_, _, data)) => rows_from_csv(data).map_err(|e| errors.push(e)).ok(),
            None => {
                errors.push(DomainError::Validation {
                    field: "file",
                    code: "file_empty",
                });
                None
            }
        }
    } else {
        let rows: Vec<PaperRow> = (1..=ENTRY_ROWS)
            .map(|i| PaperRow {
                row_no: i32::try_from(i).unwrap_or_default(),
                full_name: parts.text(&format!("name_{i}")),
                cin: parts.text(&format!("cin_{i}")),
                province: parts.text(&format!("province_{i}")),
                basis: parts.text(&format!("basis_{i}")),
            })
            .filter(|row| !row.is_blank())
            .collect();
        if rows.is_empty() {
            errors.push(DomainError::Validation {
                field: "rows",
                code: "no_rows",
            });
        }
        Some(rows)
    };
    match (header, rows) {
        (Some(header), Some(rows)) if errors.is_empty() => Ok((header, rows)),
        _ => Err(errors),
    }
}
