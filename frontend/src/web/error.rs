//! The one error of every server function: a stable snake_case code (`DomainError::code`, or
//! `internal`), which the page words with `web::messages::message`. Internal detail is logged
//! on the server where the error is made, and never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// The code of a request whose arguments could not be read (nothing ran).
pub const BAD_REQUEST: &str = "bad_request";

/// A server function's failure, as the client may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}")]
pub struct AppError {
    pub code: String,
}

impl AppError {
    /// The failure of code `code`.
    pub fn of(code: &str) -> Self {
        Self {
            code: code.to_owned(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A failure of the server-function machinery (the request could not be read, the response
    /// not written, the server not reached): the client is told `bad_request` or `internal`.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::of(BAD_REQUEST),
            #[cfg(feature = "ssr")]
            other => {
                tracing::error!(error = %other, "server function failed");
                Self::of("internal")
            }
            #[cfg(not(feature = "ssr"))]
            _ => Self::of("internal"),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for AppError {
    /// Internal causes are logged; the client gets the stable code.
    fn from(err: domain::DomainError) -> Self {
        Self::of(super::request::log(err).code())
    }
}
