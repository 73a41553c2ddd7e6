//! Who is signed in, as the header shows them, and signing out: the session itself, which every
//! page's header needs and no feature owns.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub display_name: String,
    /// Platform admins see a link to the admin page.
    pub is_admin: bool,
    /// The regions whose staff they belong to (a link to each one's dashboard).
    pub staff_regions: Vec<StaffRegion>,
}

/// A region whose staff the signed-in person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRegion {
    pub slug: String,
    pub name: crate::names::Names,
}

/// The signed-in person, if any.
#[server(prefix = "/fn", endpoint = "current_user", input = GetUrl)]
pub async fn current_user() -> Result<Option<SignedInUser>, crate::web::error::AppError> {
    use super::request;
    let Some(user) = request::current_user() else {
        return Ok(None);
    };
    let ctx = request::context()?;
    let account = domain::accounts::find_account(&ctx, user).await?;
    let actor = domain::roles::actor(&ctx, user).await?;
    let mut staff_regions = Vec::new();
    let mut regions: Vec<i32> = actor.roles.iter().filter_map(|r| r.region_id()).collect();
    regions.dedup();
    if !regions.is_empty() {
        staff_regions = domain::regions::list_regions(&ctx)
            .await?
            .into_iter()
            .filter(|r| regions.contains(&r.id))
            .map(|r| StaffRegion {
                slug: r.slug,
                name: crate::names::Names::from(r.name),
            })
            .collect();
    }
    Ok(account.map(|a| SignedInUser {
        display_name: a.display_name,
        is_admin: actor.is_admin(),
        staff_regions,
    }))
}

/// Signs out: the session ends.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out(lang: String) -> Result<(), crate::web::error::AppError> {
    use super::request;
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    session
        .flush()
        .await
        .map_err(|e| request::internal_message(&e.to_string()))?;
    leptos_axum::redirect(&crate::paths::home(lang.code()));
    Ok(())
}
