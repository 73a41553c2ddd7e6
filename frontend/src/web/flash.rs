//! The outcome of a posted form, kept in the session for the next page, once ("flash"): the
//! errors of each field, what was typed (never a password or a CIN), or a notice.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the page shows after a form was posted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flash {
    /// The form it belongs to, e.g. `register`.
    pub form: String,
    pub errors: Vec<FieldError>,
    pub email: String,
    pub display_name: String,
    pub notice: Option<String>,
    /// Other fields of the form, as typed (never a password or a CIN).
    #[serde(default)]
    pub values: Vec<(String, String)>,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl Flash {
    /// An empty flash for `form`.
    pub fn of(form: &str) -> Self {
        Self {
            form: form.to_owned(),
            ..Self::default()
        }
    }

    /// The same, with the email address as typed (trimmed).
    pub fn with_email(mut self, email: &str) -> Self {
        self.email = email.trim().to_owned();
        self
    }

    /// A flash for `form` keeping `values` (trimmed).
    pub fn with_values(form: &str, values: &[(&str, &str)]) -> Self {
        Self {
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.trim().to_owned()))
                .collect(),
            ..Self::of(form)
        }
    }

    /// What was typed in `field`, if the form comes back.
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    /// The error code of `field`, if any.
    pub fn error_of(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code.as_str())
    }

    /// Adds the problem `code` on `field`.
    pub fn error(&mut self, field: &str, code: &str) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
        });
    }
}

/// The outcome of the last post of `form`, once.
#[server(prefix = "/fn", endpoint = "take_flash")]
pub async fn take_flash(form: String) -> Result<Option<Flash>, crate::web::error::AppError> {
    let session = super::request::session().await?;
    let flash: Option<Flash> = session.get(super::request::FLASH).await.ok().flatten();
    match flash {
        Some(flash) if flash.form == form => {
            let _ = session.remove_value(super::request::FLASH).await;
            Ok(Some(flash))
        }
        _ => Ok(None),
    }
}

#[cfg(feature = "ssr")]
mod server {
    use domain::DomainError;

    use super::Flash;

    impl Flash {
        /// The flash of `form` after an operation: its `notice` when it succeeded, its error
        /// otherwise.
        pub fn outcome(form: &str, result: Result<&'static str, DomainError>) -> Self {
            let mut flash = Self::of(form);
            match result {
                Ok(notice) => flash.notice = Some(notice.into()),
                Err(err) => flash.add_errors(vec![err]),
            }
            flash
        }

        /// Each error on its own field (`form` for those of no field); internal causes are
        /// logged, only their code is kept.
        pub fn add_errors(&mut self, errors: impl IntoIterator<Item = DomainError>) {
            for err in errors {
                let field = match &err {
                    DomainError::Validation { field, .. } => *field,
                    _ => "form",
                };
                let err = crate::web::request::log(err);
                self.error(field, err.code());
            }
        }

        /// `err` on `field`, whatever field the error names (internal causes are logged).
        pub fn add_error_on(&mut self, field: &str, err: DomainError) {
            let err = crate::web::request::log(err);
            self.error(field, err.code());
        }
    }
}
