//! Server functions that read the consultation pages: authenticate, call
//! `domain::consultations`, map to wire types.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{ConsultationListData, ConsultationPageData, ProposalPageData};

/// The consultations of region `region` (drafts too for its council officers); `None` when there
/// is no such region.
#[server(prefix = "/fn", endpoint = "list_consultations", input = GetUrl)]
pub async fn list_consultations(
    lang: String,
    region: String,
) -> Result<Option<ConsultationListData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let actor = crate::web::request::current_actor(&ctx).await?;
    let lang = crate::web::request::lang(&lang);
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let items =
        domain::consultations::views::list_consultations(&ctx, actor.as_ref(), &slug, lang).await?;
    let following = match &actor {
        Some(a) => domain::consultations::mailings::is_following(&ctx, a.user, &slug).await?,
        None => false,
    };
    Ok(Some(ConsultationListData {
        is_officer: actor.as_ref().is_some_and(|a| a.is_officer_of(detail.id)),
        signed_in: actor.is_some(),
        following,
        items: items
            .into_iter()
            .map(|s| server::item(&detail.slug, s))
            .collect(),
        region: detail.slug,
        region_name: crate::names::Names::from(detail.name),
    }))
}

/// The signed-in citizen follows region `region` (`follow` = `on`) or stops following it.
#[server(prefix = "/fn", endpoint = "follow_region")]
pub async fn follow_region(
    lang: String,
    region: String,
    follow: String,
) -> Result<(), crate::web::error::AppError> {
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let on = follow == "on";
    let result = match domain::types::RegionSlug::parse(&region) {
        Ok(slug) => {
            domain::consultations::mailings::set_following(
                &ctx,
                user,
                &crate::web::request::client_origin(),
                &slug,
                on,
            )
            .await
        }
        Err(err) => Err(err),
    };
    let notice = if on {
        "following_notice"
    } else {
        "unfollowed_notice"
    };
    let flash = crate::web::flash::Flash::outcome("follow", result.map(|()| notice));
    let to = server::region_path(lang, &region, "consultations");
    crate::web::request::back(&session, flash, &to).await
}

/// Consultation `id` of region `region` as the visitor may see it; `None` when it does not exist
/// for them.
#[server(prefix = "/fn", endpoint = "get_consultation_page", input = GetUrl)]
pub async fn get_consultation_page(
    lang: String,
    region: String,
    id: i32,
    proposals_page: u64,
) -> Result<Option<ConsultationPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    server::consultation_page(&ctx, lang, &region, id, proposals_page).await
}

/// Proposal `proposal` of consultation `id`; `None` when it does not exist (or is hidden).
#[server(prefix = "/fn", endpoint = "get_proposal_page", input = GetUrl)]
pub async fn get_proposal_page(
    lang: String,
    region: String,
    id: i32,
    proposal: i32,
) -> Result<Option<ProposalPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    server::proposal_page(&ctx, lang, &region, id, proposal).await
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::dates::Day;
    use domain::consultations::drafts::{day_of, last_day};
    use domain::consultations::lifecycle::ConsultationStatus as Status;
    use domain::consultations::proposals::ProposalView;
    use domain::consultations::views::{ConsultationSummary, get_consultation};
    use domain::types::ConsultationId;
    use domain::types::Lang;
    use domain::types::ProposalId;
    use domain::{AppContext, DomainError};

    use crate::web::request;

    use super::super::types::{
        CommentItem, ConsultationItem, ConsultationPageData, ConsultationStatus, MyAnswers,
        ProposalItem, ProposalPageData, ProvinceOption,
    };
    use crate::names::Names;

    /// The page of region `region` under it: `/{lang}/r/{region}/{rest}`.
    pub fn region_path(lang: Lang, region: &str, rest: &str) -> String {
        let region = domain::types::RegionSlug::path_segment(region);
        crate::paths::region(lang.code(), &region, rest)
    }

    /// The page of consultation `id` in `region`.
    pub fn page_path(lang: Lang, region: &str, id: i32) -> String {
        region_path(lang, region, &format!("consultations/{id}"))
    }

    pub fn item(region: &str, s: ConsultationSummary) -> ConsultationItem {
        ConsultationItem {
            id: s.id.0,
            region: region.to_owned(),
            title: s.title,
            summary: s.summary,
            lang: s.lang.code().to_owned(),
            status: match s.status {
                Status::Draft => ConsultationStatus::Draft,
                Status::Scheduled => ConsultationStatus::Scheduled,
                Status::Open => ConsultationStatus::Open,
                Status::Closed => ConsultationStatus::Closed,
                Status::ResultsPublished => ConsultationStatus::ResultsPublished,
                Status::SynthesisPublished => ConsultationStatus::SynthesisPublished,
                Status::Cancelled => ConsultationStatus::Cancelled,
            },
            audience: s.audience,
            opens_on: Day::of(day_of(s.opens_at)),
            closes_on: Day::of(last_day(s.closes_at)),
        }
    }

    fn provinces(detail: &domain::regions::RegionDetail) -> Vec<ProvinceOption> {
        detail
            .provinces
            .iter()
            .map(|p| ProvinceOption {
                code: p.code.clone(),
                name: Names::from(p.name.clone()),
            })
            .collect()
    }

    fn proposal_item(
        p: ProposalView,
        detail: &domain::regions::RegionDetail,
        supported: bool,
        own: bool,
    ) -> ProposalItem {
        ProposalItem {
            id: p.id.0,
            title: p.title,
            body: p.body,
            province: p.province_id.and_then(|id| {
                detail
                    .provinces
                    .iter()
                    .find(|province| province.id == id)
                    .map(|province| Names::from(province.name.clone()))
            }),
            supports: p.supports,
            comments: p.comments,
            supported,
            own,
        }
    }

    /// Region `region` if consultation `id` belongs to it.
    async fn region_of(
        ctx: &AppContext,
        region: &str,
        region_id: i32,
    ) -> Result<Option<domain::regions::RegionDetail>, crate::web::error::AppError> {
        Ok(crate::web::request::find_region(ctx, region)
            .await?
            .map(|(_, detail)| detail)
            .filter(|detail| detail.id == region_id))
    }

    /// Everything the consultation page shows to the visitor.
    pub async fn consultation_page(
        ctx: &AppContext,
        lang: Lang,
        region: &str,
        id: i32,
        proposals_page: u64,
    ) -> Result<Option<ConsultationPageData>, crate::web::error::AppError> {
        use domain::consultations::lifecycle::{Correctable, Step, next_stored};
        use domain::consultations::{answering, corrections, proposals};
        use domain::text;
        let user = request::current_user();
        let actor = request::current_actor(ctx).await?;
        let id = ConsultationId(id);
        let view = match get_consultation(ctx, actor.as_ref(), id, lang).await {
            Ok(view) => view,
            Err(DomainError::NotFound) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let Some(detail) = region_of(ctx, region, view.region_id).await? else {
            return Ok(None);
        };
        let is_officer = actor
            .as_ref()
            .is_some_and(|a| a.is_officer_of(view.region_id));
        let status = view.summary.status;
        let published = matches!(
            status,
            Status::ResultsPublished | Status::SynthesisPublished
        );
        let mine = match user {
            Some(user) => answering::my_response(ctx, user, id).await?,
            None => None,
        };
        let supported = match user {
            Some(user) => proposals::supported_by(ctx, user, id).await?,
            None => Vec::new(),
        };
        let (proposal_items, proposals_next) = if view.proposals {
            let listed = proposals::list_proposals(ctx, id, proposals_page).await?;
            let items = listed
                .proposals
                .into_iter()
                .map(|p| {
                    let s = supported.contains(&p.id);
                    proposal_item(p, &detail, s, false)
                })
                .collect();
            (items, listed.has_next)
        } else {
            (Vec::new(), false)
        };
        let documents = domain::consultations::documents::list_documents(ctx, id)
            .await?
            .into_iter()
            .filter(|d| {
                d.purpose == domain::consultations::documents::DocumentPurpose::Consultation
                    || view.synthesis.is_some()
                    || is_officer
            })
            .map(|d| super::super::types::DocumentItem {
                id: d.id,
                purpose: d.purpose.as_str().to_owned(),
                file_name: d.file_name,
                size_kb: (d.size_bytes + 1023) / 1024,
                removable: is_officer && corrections::may_remove_document(status, d.purpose),
            })
            .collect();
        let may = if is_officer {
            let correctable = status.correctable();
            super::super::types::OfficerSteps {
                correct_all: correctable == Correctable::Everything,
                correct_texts: correctable == Correctable::Texts,
                edit_questions: view.questionnaire && correctable == Correctable::Everything,
                cancel: next_stored(status, Step::Cancel).is_ok(),
            }
        } else {
            super::super::types::OfficerSteps::default()
        };
        Ok(Some(ConsultationPageData {
            documents,
            may,
            corrected_on: view.corrected_at.map(|at| Day::of(day_of(at))),
            cancelled: view
                .cancelled
                .clone()
                .map(|(at, reason)| (Day::of(day_of(at)), reason)),
            body_html: text::render(&view.body),
            synthesis_html: view.synthesis.as_deref().map(text::render),
            questionnaire: view.questionnaire,
            per_cin: view.verification == domain::consultations::drafts::Verification::Cin,
            proposals: view.proposals,
            questions: view
                .questions
                .into_iter()
                .map(|q| super::super::types::QuestionItem {
                    id: q.id,
                    kind: q.kind,
                    required: q.required,
                    max_choices: q.max_choices,
                    max_chars: q.max_chars,
                    text: q.text,
                    low_label: q.low_label,
                    high_label: q.high_label,
                    choices: q.choices,
                })
                .collect(),
            provinces: provinces(&detail),
            proposal_items,
            proposals_page,
            proposals_next,
            proposals_start: proposals_page.saturating_mul(proposals::PROPOSALS_PAGE) + 1,
            signed_in: user.is_some(),
            is_officer,
            reviews_now: domain::consultations::review::reviews_now(
                actor.as_ref(),
                view.region_id,
                status,
            ),
            my_answers: mine.map(|m| MyAnswers {
                answers: m
                    .answers
                    .into_iter()
                    .map(|a| (a.question, a.values))
                    .collect(),
                audience_declared: m.declaration.audience,
                province: m.declaration.province.unwrap_or_default(),
                notify: m.declaration.notify,
            }),
            results_visible: published
                || (is_officer && status.is_public() && status != Status::Cancelled),
            region_name: Names::from(detail.name.clone()),
            item: item(&detail.slug, view.summary),
        }))
    }

    /// Everything a proposal's page shows.
    pub async fn proposal_page(
        ctx: &AppContext,
        lang: Lang,
        region: &str,
        id: i32,
        proposal: i32,
    ) -> Result<Option<ProposalPageData>, crate::web::error::AppError> {
        use domain::consultations::proposals::get_proposal;
        let user = request::current_user();
        let actor = request::current_actor(ctx).await?;
        let detail = match get_proposal(ctx, user, ProposalId(proposal)).await {
            Ok(detail) if detail.consultation_id.0 == id => detail,
            Ok(_) | Err(DomainError::NotFound) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let view = match get_consultation(ctx, actor.as_ref(), detail.consultation_id, lang).await {
            Ok(view) => view,
            Err(DomainError::NotFound) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let Some(region) = region_of(ctx, region, view.region_id).await? else {
            return Ok(None);
        };
        Ok(Some(ProposalPageData {
            open: view.proposals && view.summary.status.is_open(),
            signed_in: user.is_some(),
            comments: detail
                .comments
                .into_iter()
                .map(|c| CommentItem {
                    id: c.id,
                    body: c.body,
                    on: Day::of(day_of(c.created_at)),
                })
                .collect(),
            proposal: proposal_item(detail.proposal, &region, detail.supported, detail.own),
            region_name: Names::from(region.name.clone()),
            consultation: item(&region.slug, view.summary),
        }))
    }
}
