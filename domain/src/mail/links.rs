//! The addresses emails link to, on `PUBLIC_URL`: one builder for every email. The paths are the
//! site's (`frontend::paths` builds the same ones for pages).

use crate::AppContext;
use crate::types::{ConsultationId, Lang, PetitionId};

/// A page of the account (`sign-in`, `verify`, …), with a one-time `token` when given.
pub fn account(ctx: &AppContext, lang: Lang, page: &str, token: Option<&str>) -> String {
    let base = format!("{}/{}/account/{page}", ctx.public_url, lang.code());
    match token {
        Some(token) => format!("{base}?token={token}"),
        None => base,
    }
}

/// The site's page at `path` (what follows `/{lang}/`).
pub fn page(ctx: &AppContext, lang: Lang, path: &str) -> String {
    format!("{}/{}/{path}", ctx.public_url, lang.code())
}

/// A petition's page.
pub fn petition(ctx: &AppContext, lang: Lang, region: &str, id: PetitionId) -> String {
    format!(
        "{}/{}/r/{region}/petitions/{id}",
        ctx.public_url,
        lang.code()
    )
}

/// A consultation's page.
pub fn consultation(ctx: &AppContext, lang: Lang, region: &str, id: ConsultationId) -> String {
    format!(
        "{}/{}/r/{region}/consultations/{id}",
        ctx.public_url,
        lang.code()
    )
}

/// The unsubscribe page of a mailing's `token`.
pub fn unsubscribe(ctx: &AppContext, lang: Lang, token: &str) -> String {
    format!(
        "{}/unsubscribe?lang={}&token={token}",
        ctx.public_url,
        lang.code()
    )
}
