//! Server functions of the petition pages: authenticate, parse, call `domain::petitions`, map to
//! wire types. Forms post here and are redirected back with a one-time flash.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{NewPetitionData, PetitionListData, PetitionPageData, SignerFields};

/// A page of the public petitions of region `region`; `None` when there is no such region.
#[server(prefix = "/fn", endpoint = "list_petitions", input = GetUrl)]
pub async fn list_petitions(
    region: String,
    stage: String,
    words: String,
    competence: String,
    province: String,
    before: Option<i32>,
) -> Result<Option<PetitionListData>, crate::web::error::AppError> {
    use domain::petitions::lists::{ListQuery, Stage};
    let ctx = crate::web::request::context()?;
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let query = ListQuery {
        stage: Stage::parse(&stage).unwrap_or_default(),
        competence: Some(competence).filter(|c| !c.is_empty()),
        province: Some(province).filter(|p| !p.is_empty()),
        words: Some(words).filter(|w| !w.trim().is_empty()),
        before,
    };
    let page = domain::petitions::lists::list_petitions(&ctx, &slug, &query).await?;
    Ok(Some(PetitionListData {
        provinces: server::provinces(&detail),
        region: detail.slug,
        region_name: crate::names::Names::from(detail.name),
        items: page.petitions.into_iter().map(server::item).collect(),
        next: page.next,
        competences: domain::petitions::COMPETENCES
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
    }))
}

/// Petition `id` of region `region` as the visitor may see it; `None` when it does not exist
/// for them.
#[server(prefix = "/fn", endpoint = "get_petition_page", input = GetUrl)]
pub async fn get_petition_page(
    region: String,
    id: i32,
) -> Result<Option<PetitionPageData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    server::petition_page(&ctx, &region, id).await
}

/// The filing page of region `region`, with the open petitions like `about` when given; `None`
/// when there is no such region.
#[server(prefix = "/fn", endpoint = "new_petition_page", input = GetUrl)]
pub async fn new_petition_page(
    region: String,
    about: String,
) -> Result<Option<NewPetitionData>, crate::web::error::AppError> {
    let ctx = crate::web::request::context()?;
    let user = crate::web::request::current_user();
    let Some((slug, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let similar = if about.trim().is_empty() {
        None
    } else {
        Some(
            domain::petitions::lists::similar_petitions(&ctx, &slug, &about)
                .await?
                .into_iter()
                .map(server::item)
                .collect(),
        )
    };
    let how_to_guide =
        domain::guides::views::starter_guide(&ctx, "how_to_petition", Some(detail.id))
            .await?
            .map(|g| g.0);
    Ok(Some(NewPetitionData {
        how_to_guide,
        provinces: server::provinces(&detail),
        region: detail.slug,
        region_name: crate::names::Names::from(detail.name),
        signed_in: user.is_some(),
        similar,
        competences: domain::petitions::COMPETENCES
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        draft: None,
    }))
}

/// Signs by email: checks the form, records the signature as pending and emails the link.
#[server(prefix = "/fn", endpoint = "sign_by_email")]
pub async fn sign_by_email(
    lang: String,
    region: String,
    id: i32,
    signer: SignerFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::petitions::signing::{NewSignature, request_signature};
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let user = crate::web::request::current_user();
    let page = server::page_path(lang, &region, id);
    let form = signer.form(lang.code());
    // What comes back on an error: everything but the CIN.
    let mut flash = crate::web::flash::Flash::with_values(
        "sign",
        &[
            ("full_name", &signer.full_name),
            ("province", &signer.province),
            ("basis", &signer.basis),
            ("email", &signer.email),
        ],
    );
    let outcome = match NewSignature::parse(&form) {
        Ok(signature) => request_signature(
            &ctx,
            domain::types::PetitionId(id),
            signature,
            user,
            &crate::web::request::client_origin(),
        )
        .await
        .map_err(|e| vec![e]),
        Err(errors) => Err(errors),
    };
    match outcome {
        Ok(()) => {
            flash.values.clear();
            flash.notice = Some("signature_email_sent_notice".into());
        }
        Err(errors) => flash.add_errors(errors),
    }
    crate::web::request::back(&session, flash, &format!("{page}#sign")).await
}

/// Signs in one click with the signed-in citizen's saved profile.
#[server(prefix = "/fn", endpoint = "sign_with_profile")]
pub async fn sign_with_profile(
    lang: String,
    region: String,
    id: i32,
    notify: Option<String>,
) -> Result<(), crate::web::error::AppError> {
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(());
    };
    let result = domain::petitions::profiles::sign_with_profile(
        &ctx,
        user,
        domain::types::PetitionId(id),
        notify.is_some(),
        &crate::web::request::client_origin(),
    )
    .await;
    let flash = crate::web::flash::Flash::outcome("sign", result.map(|()| "signed_notice"));
    let page = server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}#sign")).await
}

/// Confirms an emailed signature link, then shows the petition.
#[server(prefix = "/fn", endpoint = "confirm_signature")]
pub async fn confirm_signature(
    lang: String,
    region: String,
    id: i32,
    token: String,
) -> Result<(), crate::web::error::AppError> {
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let result = domain::petitions::signing::confirm_signature(&ctx, &token).await;
    let flash = crate::web::flash::Flash::outcome("sign", result.map(|_| "signed_notice"));
    let page = server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}#sign")).await
}

/// Withdraws a signature: with the emailed link's `token`, or the signed-in citizen's own.
#[server(prefix = "/fn", endpoint = "withdraw_signature")]
pub async fn withdraw_signature(
    lang: String,
    region: String,
    id: i32,
    token: Option<String>,
) -> Result<(), crate::web::error::AppError> {
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let result = match token.filter(|t| !t.trim().is_empty()) {
        Some(token) => domain::petitions::signing::withdraw_signature_by_link(&ctx, &token)
            .await
            .map(|_| ()),
        None => {
            let Some(user) = crate::web::request::require_user(lang) else {
                return Ok(());
            };
            domain::petitions::signing::withdraw_signature(
                &ctx,
                user,
                domain::types::PetitionId(id),
            )
            .await
        }
    };
    let flash =
        crate::web::flash::Flash::outcome("sign", result.map(|()| "signature_withdrawn_notice"));
    let page = server::page_path(lang, &region, id);
    crate::web::request::back(&session, flash, &format!("{page}#sign")).await
}

/// The representative deposits the petition, or withdraws it.
#[server(prefix = "/fn", endpoint = "representative_step")]
pub async fn representative_step(
    lang: String,
    region: String,
    id: i32,
    step: String,
) -> Result<(), crate::web::error::AppError> {
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(());
    };
    let (user, id) = (user, domain::types::PetitionId(id));
    let result = match step.as_str() {
        "deposit" => domain::petitions::deposit::deposit_petition(&ctx, user, id)
            .await
            .map(|_| "deposited_notice"),
        "withdraw" => domain::petitions::deposit::withdraw_petition(&ctx, user, id)
            .await
            .map(|()| "petition_withdrawn_notice"),
        _ => Err(domain::DomainError::Validation {
            field: "step",
            code: "decision_invalid",
        }),
    };
    let flash = crate::web::flash::Flash::outcome("representative", result);
    let page = server::page_path(lang, &region, id.0);
    crate::web::request::back(&session, flash, &page).await
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use domain::petitions::Step;
    use domain::petitions::page::{Capabilities, PetitionPage};
    use domain::petitions::views::{AttachmentView, PetitionSummary, ProgressView};
    use domain::types::{Lang, PetitionId};
    use domain::{AppContext, DomainError};

    use super::super::types::{
        AttachmentItem, CouncilChoice, PetitionItem, PetitionKind, PetitionPageData,
        PetitionStatus, ProgressData, ProvinceCount, TimelineItem, Viewer,
    };
    use crate::names::Names;

    /// The page of petition `id` in `region`.
    pub fn page_path(lang: Lang, region: &str, id: i32) -> String {
        let region = domain::types::RegionSlug::path_segment(region);
        crate::paths::petition(lang.code(), &region, id, "")
    }

    /// A text written in each of the four languages.
    fn words(write: impl Fn(domain::types::Lang) -> String) -> Names {
        use domain::types::Lang;
        Names {
            ar: write(Lang::Ar),
            zgh: write(Lang::Zgh),
            fr: write(Lang::Fr),
            en: write(Lang::En),
        }
    }

    /// The day, in Morocco, of `at`, in the four languages.
    fn day_of(at: Option<chrono::DateTime<chrono::Utc>>) -> Option<crate::dates::Day> {
        at.map(crate::dates::Day::at)
    }

    /// The wire name of a domain status.
    pub fn status(status: domain::petitions::PetitionStatus) -> PetitionStatus {
        use domain::petitions::PetitionStatus as S;
        match status {
            S::Draft => PetitionStatus::Draft,
            S::InModeration => PetitionStatus::InModeration,
            S::Collecting => PetitionStatus::Collecting,
            S::ThresholdReached => PetitionStatus::ThresholdReached,
            S::Deposited => PetitionStatus::Deposited,
            S::UnderReview => PetitionStatus::UnderReview,
            S::Admissible => PetitionStatus::Admissible,
            S::Scheduled => PetitionStatus::Scheduled,
            S::Answered => PetitionStatus::Answered,
            S::RejectedInModeration => PetitionStatus::RejectedInModeration,
            S::Withdrawn => PetitionStatus::Withdrawn,
            S::Expired => PetitionStatus::Expired,
            S::Inadmissible => PetitionStatus::Inadmissible,
        }
    }

    pub fn item(p: PetitionSummary) -> PetitionItem {
        PetitionItem {
            id: p.id.0,
            region: p.region_slug,
            title: p.title,
            lang: p.lang.code().to_owned(),
            status: status(p.status),
            kind: match p.kind {
                domain::petitions::PetitionKind::Citizen => PetitionKind::Citizen,
                domain::petitions::PetitionKind::Association => PetitionKind::Association,
            },
            competence: p.competence,
            signatures: p.signature_count,
            threshold: p.threshold,
        }
    }

    /// The prefectures and provinces of a region (without counts).
    pub fn provinces(detail: &domain::regions::RegionDetail) -> Vec<ProvinceCount> {
        detail
            .provinces
            .iter()
            .map(|p| ProvinceCount {
                code: p.code.clone(),
                name: Names::from(p.name.clone()),
                count: 0,
                met: false,
            })
            .collect()
    }

    /// A file as lists show it.
    pub fn attachment(a: AttachmentView) -> AttachmentItem {
        AttachmentItem {
            id: a.id,
            purpose: a.purpose,
            file_name: a.file_name,
            size_kb: (a.size_bytes + 1023) / 1024,
        }
    }

    fn progress(p: ProgressView, region: &str) -> ProgressData {
        ProgressData {
            map: crate::regions::province_map(region),
            provinces_met: p.provinces_met(),
            percent: p.percent(),
            total: p.total,
            threshold: p.threshold.unwrap_or_default(),
            per_province: p.per_province_minimum.unwrap_or_default(),
            met: p.met,
            provinces: p
                .provinces
                .iter()
                .map(|(province, count)| ProvinceCount {
                    code: province.code.clone(),
                    name: Names::from(province.name.clone()),
                    count: *count,
                    met: p.province_met(*count),
                })
                .collect(),
            days: p
                .days
                .into_iter()
                .map(|(d, n)| (crate::dates::Day::of(d), n))
                .collect(),
            paper: p.paper,
        }
    }

    /// Everything the petition page shows to the visitor; `None` when it is not there for them.
    pub async fn petition_page(
        ctx: &AppContext,
        region: &str,
        id: i32,
    ) -> Result<Option<PetitionPageData>, crate::web::error::AppError> {
        let Ok(slug) = domain::types::RegionSlug::parse(region) else {
            return Ok(None);
        };
        let actor = crate::web::request::current_actor(ctx).await?;
        match domain::petitions::page::petition_page(ctx, actor.as_ref(), &slug, PetitionId(id))
            .await
        {
            Ok(page) => {
                let region_id = page.region.id;
                let share = page.viewer.can_share;
                let mut data = page_data(page);
                data.share_base = share.then(|| ctx.public_url.to_string());
                data.data_guide = domain::guides::views::starter_guide(
                    ctx,
                    "signing_and_your_data",
                    Some(region_id),
                )
                .await?
                .map(|g| g.0);
                Ok(Some(data))
            }
            Err(DomainError::NotFound) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    fn viewer(c: Capabilities) -> Viewer {
        Viewer {
            signed_in: c.signed_in,
            is_representative: c.is_representative,
            has_signed: c.has_signed,
            profile_here: c
                .profile_here
                .map(|p| format!("{} — {}", p.full_name, p.cin_hint)),
            can_edit: c.can_edit,
            can_deposit: c.can_deposit,
            can_withdraw: c.can_withdraw,
            can_moderate: c.can_moderate,
            can_report: c.can_report,
            can_hide: c.can_hide,
            can_restore: c.can_restore,
            council_steps: c
                .council_steps
                .into_iter()
                .filter_map(|step| match step {
                    Step::StartReview => Some(CouncilChoice::StartReview),
                    Step::DecideAdmissible => Some(CouncilChoice::Admissible),
                    Step::DecideInadmissible => Some(CouncilChoice::Inadmissible),
                    Step::Schedule => Some(CouncilChoice::Schedule),
                    Step::Answer => Some(CouncilChoice::Answer),
                    _ => None,
                })
                .collect(),
            can_list_signatories: c.can_list_signatories,
            can_enter_paper: c.can_enter_paper,
            can_review_fraud: c.can_review_fraud,
            next_session: c.next_session,
        }
    }

    fn page_data(page: PetitionPage) -> PetitionPageData {
        let PetitionPage {
            petition: view,
            region: detail,
            progress,
            decision_days_left,
            collection_days_left,
            rejected,
            viewer: capabilities,
        } = page;
        let signable = capabilities.can_sign;
        PetitionPageData {
            data_guide: None,
            signatories_erased_on: day_of(view.signatories_erased_at),
            province_name: view.province_code.as_deref().and_then(|code| {
                detail
                    .provinces
                    .iter()
                    .find(|p| p.code == code)
                    .map(|p| Names::from(p.name.clone()))
            }),
            region_name: Names::from(detail.name.clone()),
            text_shown: view.text_shown,
            title_shown: view.title_shown,
            request: view.request,
            reasons: view.reasons,
            representative_name: view.representative_name,
            association_name: view.association_name,
            association_seat: view.association_seat,
            moderation_reason: view.moderation_reason,
            moderation_note: view.moderation_note,
            collection_ends_on: day_of(view.collection_ends_at),
            collection_days_left,
            share_base: None,
            reference: view.reference,
            deposited_on: day_of(view.deposited_at),
            decision_due_on: day_of(view.decision_due_at),
            decision_days_left,
            overdue: view.overdue,
            committee: view.committee,
            session: view
                .session
                .map(|s| words(|lang| domain::petitions::council::written_session(&s, lang))),
            sitting_on: view.sitting_on.map(crate::dates::Day::of),
            decision_text: view.decision_text,
            answer_text: view.answer_text,
            signable,
            rejected,
            removals: view
                .removals
                .iter()
                .map(|r| (r.signatures, crate::dates::Day::at(r.at), r.reason.clone()))
                .collect(),
            hidden: view.hidden.map(|h| super::super::types::HiddenData {
                on: crate::dates::Day::at(h.at),
                reason: h.reason,
            }),
            provinces: provinces(&detail),
            progress: progress.map(|p| self::progress(p, &detail.slug)),
            attachments: view.attachments.into_iter().map(attachment).collect(),
            timeline: view
                .timeline
                .into_iter()
                .map(|e| TimelineItem {
                    on: crate::dates::Day::at(e.at),
                    note: e.note.map(|n| {
                        words(|lang| domain::petitions::council::written_note(&e.step, &n, lang))
                    }),
                    step: e.step,
                    actor_role: e.actor_role,
                    reason: e.reason_code,
                })
                .collect(),
            item: item(view.summary),
            viewer: viewer(capabilities),
        }
    }
}
