//! Server functions of the staff's petition work: moderation (the region's moderators) and the
//! council's steps and signatory list (the region's council officers). The domain checks role
//! and region; these only parse and map.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{ModerationQueueData, SignatoryListData};

/// A moderator's decision on petition `id`.
#[server(prefix = "/fn", endpoint = "moderate_petition")]
pub async fn moderate_petition(
    lang: String,
    region: String,
    id: i32,
    decision: String,
    reason: Option<String>,
    note: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::petitions::ModerationDecision;
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(());
    };
    let actor = domain::roles::actor(&ctx, user).await?;
    let result = match ModerationDecision::parse(&decision, reason.as_deref().unwrap_or(""), &note)
    {
        Ok(decision) => domain::petitions::moderate_petition(
            &ctx,
            &actor,
            domain::types::PetitionId(id),
            decision,
        )
        .await
        .map(|_| ()),
        Err(err) => Err(err),
    };
    let mut flash = crate::web::flash::Flash::with_values("staff", &[("note", &note)]);
    match result {
        Ok(()) => {
            flash.values.clear();
            flash.notice = Some("moderation_done_notice".into());
        }
        Err(err) => flash.add_errors(vec![err]),
    }
    let page = super::api::server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}#staff")).await
}

/// The moderation queue of region `region`; `None` for anyone but its moderators.
#[server(prefix = "/fn", endpoint = "moderation_queue", input = GetUrl)]
pub async fn moderation_queue(
    region: String,
) -> Result<Option<ModerationQueueData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let region_id = domain::regions::list_regions(&ctx)
        .await?
        .into_iter()
        .find(|r| r.slug == detail.slug)
        .map(|r| r.id)
        .unwrap_or_default();
    match domain::petitions::list_moderation_queue(&ctx, &actor, region_id).await {
        Ok(list) => Ok(Some(ModerationQueueData {
            region: detail.slug,
            region_name: crate::names::Names::from(detail.name),
            items: list.into_iter().map(super::api::server::item).collect(),
        })),
        Err(domain::DomainError::Forbidden) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// A page of the signatory list of petition `id` (those after signature `after`) for the
/// printable page; `None` for anyone but the council officers of its region. Each call is
/// audit-logged.
#[server(prefix = "/fn", endpoint = "signatory_list", input = GetUrl)]
pub async fn signatory_list(
    id: i32,
    after: Option<i32>,
) -> Result<Option<SignatoryListData>, crate::web::error::AppError> {
    use domain::petitions::signatories::{ExportFormat, export_signatories};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let petition = domain::types::PetitionId(id);
    let view = match domain::petitions::get_petition(&ctx, Some(&actor), petition).await {
        Ok(view) => view,
        Err(domain::DomainError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let page = match export_signatories(&ctx, &actor, petition, ExportFormat::Printable).await {
        Ok(export) => page(export.after(after.unwrap_or_default())).await,
        Err(err) => Err(err),
    };
    match page {
        Ok((rows, first, total, next)) => Ok(Some(SignatoryListData {
            title: view.summary.title,
            reference: view.reference,
            total,
            first,
            next,
            rows: rows
                .into_iter()
                .map(|s| super::types::SignatoryRow {
                    full_name: s.full_name,
                    cin: s.cin,
                    province: crate::names::Names::from(s.province),
                    basis: s.basis,
                    signed_on: crate::dates::Day::at(s.signed_at),
                    paper: s.paper,
                })
                .collect(),
        })),
        Err(
            domain::DomainError::Forbidden
            | domain::DomainError::NotFound
            | domain::DomainError::Conflict("signatories_erased" | "petition_not_deposited"),
        ) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// One page of an export: its rows, the number of its first row, the total, and the next page's
/// `after`.
#[cfg(feature = "ssr")]
async fn page(
    mut export: domain::petitions::signatories::SignatoryExport,
) -> Result<
    (
        Vec<domain::petitions::signatories::Signatory>,
        u64,
        u64,
        Option<i32>,
    ),
    domain::DomainError,
> {
    let first = export.read_so_far().await? + 1;
    let rows = export.next_chunk().await?.unwrap_or_default();
    let next = (!export.is_done()).then(|| export.cursor());
    Ok((rows, first, export.total(), next))
}
