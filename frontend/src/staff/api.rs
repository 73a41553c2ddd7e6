//! Server functions of the staff dashboard and of the choice of alerts. The domain checks role
//! and region; these only parse and map.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::DashboardData;

/// The dashboard of region `region` in `lang`, its lists at the pages asked (1 when absent);
/// `None` for anyone but the region's moderators and council officers.
#[server(prefix = "/fn", endpoint = "staff_dashboard", input = GetUrl)]
pub async fn staff_dashboard(
    lang: String,
    region: String,
    moderation: Option<u64>,
    decisions: Option<u64>,
    sessions: Option<u64>,
    reports: Option<u64>,
) -> Result<Option<DashboardData>, crate::web::error::AppError> {
    use domain::staff::DashboardPages;
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let lang = crate::web::request::lang(&lang);
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let pages = DashboardPages {
        moderation: moderation.unwrap_or(1),
        decisions: decisions.unwrap_or(1),
        sessions: sessions.unwrap_or(1),
        reports: reports.unwrap_or(1),
    };
    let board = match domain::staff::staff_dashboard(&ctx, &actor, &slug, lang, pages).await {
        Ok(board) => board,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let delivery = domain::staff::alert_delivery(&ctx, actor.user).await?;
    Ok(Some(server::dashboard(detail, board, delivery)))
}

/// How the signed-in staff member receives alerts: `immediate`, `daily` or `off`.
#[server(prefix = "/fn", endpoint = "set_alert_delivery")]
pub async fn set_alert_delivery(
    lang: String,
    region: String,
    delivery: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::staff::AlertDelivery;
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(());
    };
    let actor = domain::roles::actor(&ctx, user).await?;
    let result = match AlertDelivery::parse(&delivery) {
        Ok(choice) => domain::staff::set_alert_delivery(&ctx, &actor, choice).await,
        Err(err) => Err(err),
    };
    let mut flash = crate::web::flash::Flash::of("alerts");
    match result {
        Ok(()) => flash.notice = Some("alerts_saved_notice".into()),
        Err(err) => flash.add_errors(vec![err]),
    }
    let page = server::dashboard_path(lang, &region);
    crate::web::request::back(&session, flash, &format!("{page}#alerts")).await
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use domain::regions::RegionDetail;
    use domain::staff::dashboard::{Listing, OpenReport, WaitingPetition};
    use domain::staff::{AlertDelivery, Dashboard};
    use domain::types::Lang;

    use super::super::types::{self, Counts, DashboardData, ReportRow, WaitingRow};
    use crate::dates::Day;

    /// The dashboard of `region`.
    pub fn dashboard_path(lang: Lang, region: &str) -> String {
        let region = domain::types::RegionSlug::path_segment(region);
        crate::paths::region(lang.code(), &region, "staff")
    }

    fn listing<T, U>(list: Listing<T>, row: impl Fn(T) -> U) -> types::Listing<U> {
        types::Listing {
            items: list.items.into_iter().map(row).collect(),
            page: list.page,
            pages: list.pages,
            total: list.total,
        }
    }

    fn waiting(p: WaitingPetition) -> WaitingRow {
        WaitingRow {
            id: p.id.0,
            title: p.title,
            lang: p.lang.code().to_owned(),
            reference: p.reference,
            since: Day::at(p.since),
            days_waiting: p.days_waiting,
            due_on: p.due_at.map(Day::at),
            days_left: p.days_left,
            overdue: p.overdue,
        }
    }

    fn report(r: OpenReport) -> ReportRow {
        ReportRow {
            consultation_id: r.consultation_id,
            kind: r.kind,
            reason: r.reason,
            reported_on: Day::at(r.created_at),
        }
    }

    pub fn dashboard(
        detail: RegionDetail,
        board: Dashboard,
        delivery: AlertDelivery,
    ) -> DashboardData {
        let c = board.counts;
        DashboardData {
            moderator: board.moderator,
            officer: board.officer,
            delivery: match delivery {
                AlertDelivery::Immediate => types::AlertDelivery::Immediate,
                AlertDelivery::Daily => types::AlertDelivery::Daily,
                AlertDelivery::Off => types::AlertDelivery::Off,
            },
            counts: Counts {
                to_moderate: c.to_moderate,
                open_reports: c.open_reports,
                reported_petitions: c.reported_petitions,
                awaiting_decision: c.awaiting_decision,
                overdue: c.overdue,
                awaiting_session: c.awaiting_session,
                consultation_drafts: c.consultation_drafts,
                consultations_open: c.consultations_open,
                closed_without_results: c.closed_without_results,
                results_without_synthesis: c.results_without_synthesis,
            },
            to_moderate: board.to_moderate.map(|l| listing(l, waiting)),
            reports: board.reports.map(|l| listing(l, report)),
            awaiting_decision: board.awaiting_decision.map(|l| listing(l, waiting)),
            awaiting_session: board.awaiting_session.map(|l| listing(l, waiting)),
            consultations: board.consultations.map(|list| {
                list.into_iter()
                    .map(|s| crate::consultations::api::server::item(&detail.slug, s))
                    .collect()
            }),
            region_name: crate::names::Names::from(detail.name),
            region: detail.slug,
        }
    }
}
