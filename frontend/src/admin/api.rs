//! Server functions of the admin page; every one checks the platform admin role in the domain.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::AdminData;
#[cfg(feature = "ssr")]
use super::types::{RegionChoice, StaffItem};
#[cfg(feature = "ssr")]
use crate::web::flash::Flash;

/// The admin page's data; `None` (and status 403) for anyone but a platform admin.
#[server(prefix = "/fn", endpoint = "load_admin_page", input = GetUrl)]
pub async fn load_admin_page() -> Result<Option<AdminData>, crate::web::error::AppError> {
    use crate::web::request;
    let ctx = request::context()?;
    let Some(actor) = request::current_actor(&ctx).await? else {
        forbidden();
        return Ok(None);
    };
    let staff = match domain::roles::list_staff(&ctx, &actor).await {
        Ok(staff) => staff,
        Err(domain::DomainError::Forbidden) => {
            forbidden();
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    let regions = domain::regions::list_regions(&ctx).await?;
    Ok(Some(AdminData {
        staff: staff
            .into_iter()
            .map(|s| StaffItem {
                user_id: s.user.0,
                email: s.email,
                display_name: s.display_name,
                role: s.role.name().to_owned(),
                region_id: s.role.region_id().unwrap_or(0),
            })
            .collect(),
        regions: regions
            .into_iter()
            .map(|r| RegionChoice {
                id: r.id,
                slug: r.slug,
                name: crate::names::Names {
                    ar: r.name.ar,
                    zgh: r.name.zgh,
                    fr: r.name.fr,
                    en: r.name.en,
                },
            })
            .collect(),
    }))
}

/// Grants a staff role to the account of `email`.
#[server(prefix = "/fn", endpoint = "grant_role")]
pub async fn grant_role(
    lang: String,
    email: String,
    role: String,
    region_id: i32,
) -> Result<(), crate::web::error::AppError> {
    change_role(lang, email, None, role, region_id).await
}

/// Revokes a staff role.
#[server(prefix = "/fn", endpoint = "revoke_role")]
pub async fn revoke_role(
    lang: String,
    user_id: i32,
    role: String,
    region_id: i32,
) -> Result<(), crate::web::error::AppError> {
    change_role(lang, String::new(), Some(user_id), role, region_id).await
}

#[cfg(feature = "ssr")]
async fn change_role(
    lang: String,
    email: String,
    revoke_from: Option<i32>,
    role: String,
    region_id: i32,
) -> Result<(), crate::web::error::AppError> {
    use crate::web::request;
    let lang = request::lang(&lang);
    let back_to = crate::paths::admin(lang.code(), None);
    let session = request::session().await?;
    let ctx = request::context()?;
    let mut flash = Flash::of("admin").with_email(&email);
    let Some(actor) = request::current_actor(&ctx).await? else {
        leptos_axum::redirect(&back_to);
        return Ok(());
    };
    let result = match domain::roles::Role::parse(&role, region_id) {
        None => Err(domain::DomainError::Validation {
            field: "role",
            code: "invalid_role",
        }),
        Some(role) => match revoke_from {
            Some(user) => {
                domain::roles::revoke_role(&ctx, &actor, domain::types::UserId(user), role).await
            }
            None => match domain::types::Email::parse(&email) {
                Ok(email) => domain::roles::grant_role_by_email(&ctx, &actor, &email, role).await,
                Err(err) => Err(err),
            },
        },
    };
    match result {
        Ok(()) => {
            flash.email.clear();
            flash.notice = Some(
                if revoke_from.is_some() {
                    "role_revoked_notice"
                } else {
                    "role_granted_notice"
                }
                .into(),
            );
        }
        Err(err) => {
            let field = match &err {
                domain::DomainError::Validation { field, .. } => *field,
                domain::DomainError::NotFound if revoke_from.is_none() => "email",
                _ => "form",
            };
            flash.add_error_on(field, err);
        }
    }
    request::back(&session, flash, &back_to).await
}

#[cfg(feature = "ssr")]
fn forbidden() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
}
