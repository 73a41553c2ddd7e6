//! A petition's page in one read: the petition as the viewer may see it, its region, its
//! progress and what the viewer may do now. Every "may" is derived from the same rules the
//! operations apply ([`next_status`], the viewer's roles), so a page never offers a step the
//! operation would refuse.

use chrono::{DateTime, Utc};

use super::lifecycle::{PetitionKind, PetitionStatus, Step, next_status};
use super::profiles::{SignerProfileView, get_signer_profile};
use super::views::{PetitionView, ProgressView, get_petition, has_signed, petition_progress};
use crate::regions::RegionDetail;
use crate::roles::Actor;
use crate::types::{PetitionId, RegionSlug};
use crate::{AppContext, DomainError};

/// The council's steps, in the order its form offers them.
const COUNCIL_STEPS: [Step; 5] = [
    Step::StartReview,
    Step::DecideAdmissible,
    Step::DecideInadmissible,
    Step::Schedule,
    Step::Answer,
];

/// Everything the page of a petition shows to one viewer.
#[derive(Debug, Clone)]
pub struct PetitionPage {
    pub petition: PetitionView,
    pub region: RegionDetail,
    /// The exact counts (a citizen petition whose text is shown).
    pub progress: Option<ProgressView>,
    /// Days until the council's decision is due, while the decision is pending.
    pub decision_days_left: Option<i64>,
    /// Whole days left to sign (0: the last hours), while signatures are taken.
    pub collection_days_left: Option<i64>,
    /// Whether it was rejected in moderation (the page shows the reason instead of the text).
    pub rejected: bool,
    pub viewer: Capabilities,
}

/// Who the viewer is to this petition, and what they may do on it now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub signed_in: bool,
    pub is_representative: bool,
    pub is_moderator: bool,
    pub is_officer: bool,
    pub has_signed: bool,
    /// The viewer's saved signer profile, when it is in this petition's region.
    pub profile_here: Option<SignerProfileView>,
    /// Signatures are being collected (anyone may sign, once).
    pub can_sign: bool,
    /// It is public (published, not hidden): the page offers its share links.
    pub can_share: bool,
    /// The representative may edit the draft (and reads the moderator's requested changes).
    pub can_edit: bool,
    pub can_deposit: bool,
    pub can_withdraw: bool,
    /// A moderator of the region may publish, send back or reject it.
    pub can_moderate: bool,
    /// A signed-in account other than its representative may report it (published, not hidden).
    pub can_report: bool,
    /// A moderator of the region may hide it (published, not hidden).
    pub can_hide: bool,
    /// A moderator of the region may show it again (hidden).
    pub can_restore: bool,
    /// The council's steps an officer of the region may record now (none for its
    /// representative).
    pub council_steps: Vec<Step>,
    /// An officer may list the signatories (a deposited citizen petition, before erasure).
    pub can_list_signatories: bool,
    /// An officer may enter the signatures collected on paper (a citizen petition taking
    /// signatures, not hidden).
    pub can_enter_paper: bool,
    /// A moderator of the region may review its online signatures for fraud (a published
    /// citizen petition).
    pub can_review_fraud: bool,
    /// The session an admissible decision taken today goes to (the earliest allowed), when the
    /// officer may take it.
    pub next_session: Option<String>,
}

/// Who is looking, as far as the rules need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewer {
    pub signed_in: bool,
    pub is_representative: bool,
    pub is_moderator: bool,
    pub is_officer: bool,
}

/// The page of petition `id` in region `region` for `actor`; `NotFound` if it is not there or
/// may not be seen.
pub async fn petition_page(
    ctx: &AppContext,
    actor: Option<&Actor>,
    region: &RegionSlug,
    id: PetitionId,
) -> Result<PetitionPage, DomainError> {
    let petition = get_petition(ctx, actor, id).await?;
    if petition.summary.region_slug != region.as_str() {
        return Err(DomainError::NotFound);
    }
    let region = crate::regions::get_region(ctx, region).await?;
    let progress = if petition.summary.kind == PetitionKind::Citizen && petition.text_shown {
        Some(petition_progress(ctx, actor, id).await?)
    } else {
        None
    };
    let viewer = Viewer {
        signed_in: actor.is_some(),
        is_representative: petition.viewer_is_representative,
        is_moderator: actor.is_some_and(|a| a.is_moderator_of(petition.region_id)),
        is_officer: actor.is_some_and(|a| a.is_officer_of(petition.region_id)),
    };
    let now = ctx.clock.now();
    let met = progress.as_ref().is_some_and(|p| p.met);
    let mut capabilities = capabilities(&petition, viewer, met, now);
    if let Some(actor) = actor {
        capabilities.has_signed = has_signed(ctx, actor.user, id).await?;
        capabilities.profile_here = get_signer_profile(ctx, actor.user)
            .await?
            .filter(|p| p.region_id == petition.region_id);
    }
    if capabilities.council_steps.contains(&Step::DecideAdmissible) {
        let today = now
            .with_timezone(&chrono_tz::Africa::Casablanca)
            .date_naive();
        capabilities.next_session = super::council::next_session(today, &region.session_months);
    }
    let pending = matches!(
        petition.summary.status,
        PetitionStatus::Deposited | PetitionStatus::UnderReview
    );
    let collection_days_left = collection_days_left(&capabilities, &petition, now);
    Ok(PetitionPage {
        collection_days_left,
        decision_days_left: petition
            .decision_due_at
            .filter(|_| pending)
            .map(|due| (due - now).num_days()),
        rejected: petition.summary.status == PetitionStatus::RejectedInModeration,
        petition,
        region,
        progress,
        viewer: capabilities,
    })
}

/// Whole days left to sign `petition` at `now` (0 in its last 24 hours), while it may be signed.
pub fn collection_days_left(
    capabilities: &Capabilities,
    petition: &PetitionView,
    now: DateTime<Utc>,
) -> Option<i64> {
    petition
        .collection_ends_at
        .filter(|_| capabilities.can_sign)
        .map(|end| (end - now).num_days().max(0))
}

/// What `viewer` may do on `petition` at `now` (`met`: the signatures meet the rule).
pub fn capabilities(
    petition: &PetitionView,
    viewer: Viewer,
    met: bool,
    now: DateTime<Utc>,
) -> Capabilities {
    let (kind, status) = (petition.summary.kind, petition.summary.status);
    let allows = |step: Step| next_status(kind, status, step).is_ok();
    let representative = viewer.is_representative;
    // A collecting petition whose counts meet the rule is deposited in one go (the threshold
    // is recorded first).
    let depositable = (allows(Step::Deposit) || (allows(Step::ReachThreshold) && met))
        && petition.hidden.is_none();
    let council = viewer.is_officer && !representative;
    let public = petition.summary.published_at.is_some() && petition.hidden.is_none();
    Capabilities {
        signed_in: viewer.signed_in,
        is_representative: representative,
        is_moderator: viewer.is_moderator,
        is_officer: viewer.is_officer,
        has_signed: false,
        profile_here: None,
        can_sign: status.is_signable()
            && petition.hidden.is_none()
            && petition.collection_ends_at.is_some_and(|end| now < end),
        can_share: public,
        can_edit: representative && status == PetitionStatus::Draft,
        can_deposit: representative && depositable,
        can_withdraw: representative && allows(Step::Withdraw),
        can_moderate: viewer.is_moderator && allows(Step::Publish),
        can_report: viewer.signed_in && !representative && public,
        can_hide: viewer.is_moderator && public,
        can_restore: viewer.is_moderator && petition.hidden.is_some(),
        council_steps: if council {
            COUNCIL_STEPS.into_iter().filter(|s| allows(*s)).collect()
        } else {
            Vec::new()
        },
        can_enter_paper: viewer.is_officer
            && kind == PetitionKind::Citizen
            && status.is_signable()
            && petition.hidden.is_none(),
        can_review_fraud: viewer.is_moderator
            && kind == PetitionKind::Citizen
            && petition.summary.published_at.is_some(),
        can_list_signatories: viewer.is_officer
            && kind == PetitionKind::Citizen
            && petition.reference.is_some()
            && petition.signatories_erased_at.is_none(),
        next_session: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::petitions::views::PetitionSummary;
    use crate::types::Lang;

    fn petition(kind: PetitionKind, status: PetitionStatus) -> PetitionView {
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        PetitionView {
            summary: PetitionSummary {
                id: PetitionId(1),
                region_slug: "fes-meknes".into(),
                kind,
                status,
                lang: Lang::Fr,
                title: "Un bus".into(),
                competence: "transport".into(),
                signature_count: 0,
                threshold: Some(4000),
                created_at: at,
                published_at: None,
            },
            region_id: 1,
            province_code: None,
            request: String::new(),
            reasons: String::new(),
            representative_name: String::new(),
            association_name: None,
            association_seat: None,
            per_province_minimum: None,
            moderation_reason: None,
            moderation_note: None,
            collection_ends_at: Some(at + chrono::Duration::days(30)),
            reference: None,
            deposited_at: None,
            decision_due_at: None,
            overdue: false,
            decided_at: None,
            committee: None,
            session: None,
            sitting_on: None,
            decision_text: None,
            answer_text: None,
            answered_at: None,
            signatories_erased_at: None,
            attachments: Vec::new(),
            timeline: Vec::new(),
            viewer_is_representative: false,
            text_shown: true,
            title_shown: true,
            hidden: None,
            removals: Vec::new(),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default()
            + chrono::Duration::days(1)
    }

    const REPRESENTATIVE: Viewer = Viewer {
        signed_in: true,
        is_representative: true,
        is_moderator: false,
        is_officer: false,
    };
    const OFFICER: Viewer = Viewer {
        signed_in: true,
        is_representative: false,
        is_moderator: false,
        is_officer: true,
    };

    #[test]
    fn the_days_left_to_sign_count_whole_days_and_stop_with_the_collection() {
        let mut p = petition(PetitionKind::Citizen, PetitionStatus::Collecting);
        p.summary.published_at = Some(now());
        let end = p.collection_ends_at.unwrap_or_default();
        let left = |p: &PetitionView, at: DateTime<Utc>| {
            let c = capabilities(p, REPRESENTATIVE, false, at);
            collection_days_left(&c, p, at)
        };
        assert_eq!(left(&p, now()), Some(29));
        assert_eq!(left(&p, end - chrono::Duration::hours(36)), Some(1));
        assert_eq!(
            left(&p, end - chrono::Duration::hours(1)),
            Some(0),
            "the last hours"
        );
        assert_eq!(left(&p, end), None, "closed");
        p.summary.status = PetitionStatus::Deposited;
        assert_eq!(left(&p, now()), None, "no longer signed");
    }

    #[test]
    fn progress_counts_the_provinces_at_their_minimum_and_stops_at_the_threshold() {
        let province = |code: &str| crate::regions::views::ProvinceView {
            id: 0,
            code: code.into(),
            kind: crate::regions::ProvinceKind::Province,
            name: crate::regions::LocalisedName::default(),
        };
        let mut progress = ProgressView {
            total: 180,
            threshold: Some(400),
            per_province_minimum: Some(50),
            provinces: vec![
                (province("a"), 120),
                (province("b"), 50),
                (province("c"), 10),
            ],
            met: false,
            days: Vec::new(),
            paper: 0,
        };
        assert_eq!((progress.provinces_met(), progress.percent()), (2, 45));
        progress.total = 900;
        assert_eq!(progress.percent(), 100, "no further than the threshold");
        progress.threshold = None;
        assert_eq!(progress.percent(), 0);
    }

    #[test]
    fn the_representative_deposits_once_the_rule_is_met() {
        let collecting = petition(PetitionKind::Citizen, PetitionStatus::Collecting);
        let c = capabilities(&collecting, REPRESENTATIVE, false, now());
        assert!(!c.can_deposit && c.can_withdraw && c.can_sign && !c.can_edit);
        assert!(capabilities(&collecting, REPRESENTATIVE, true, now()).can_deposit);
        let reached = petition(PetitionKind::Citizen, PetitionStatus::ThresholdReached);
        assert!(capabilities(&reached, REPRESENTATIVE, false, now()).can_deposit);
        // Nobody else deposits or withdraws.
        let c = capabilities(&reached, OFFICER, true, now());
        assert!(!c.can_deposit && !c.can_withdraw);
    }

    #[test]
    fn a_hidden_petition_is_neither_signed_deposited_nor_reported_and_only_restored() {
        const MODERATOR: Viewer = Viewer {
            signed_in: true,
            is_representative: false,
            is_moderator: true,
            is_officer: false,
        };
        const CITIZEN: Viewer = Viewer {
            signed_in: true,
            is_representative: false,
            is_moderator: false,
            is_officer: false,
        };
        let mut p = petition(PetitionKind::Citizen, PetitionStatus::ThresholdReached);
        p.summary.published_at = Some(now());
        let c = capabilities(&p, CITIZEN, true, now());
        assert!(c.can_sign && c.can_report && c.can_share && !c.can_hide);
        let c = capabilities(&p, MODERATOR, true, now());
        assert!(c.can_hide && !c.can_restore);
        // Its own representative does not report it.
        assert!(!capabilities(&p, REPRESENTATIVE, true, now()).can_report);
        p.hidden = Some(super::super::views::HiddenNotice {
            at: now(),
            reason: "advertising".into(),
        });
        let c = capabilities(&p, CITIZEN, true, now());
        assert!(!c.can_sign && !c.can_report && !c.can_share);
        assert!(!capabilities(&p, REPRESENTATIVE, true, now()).can_deposit);
        let c = capabilities(&p, MODERATOR, true, now());
        assert!(!c.can_hide && c.can_restore);
    }

    #[test]
    fn a_draft_is_edited_and_never_signed() {
        let draft = petition(PetitionKind::Association, PetitionStatus::Draft);
        let c = capabilities(&draft, REPRESENTATIVE, false, now());
        assert!(c.can_edit && c.can_withdraw && !c.can_sign && !c.can_deposit);
    }

    #[test]
    fn signing_stops_with_the_collection_period() {
        let collecting = petition(PetitionKind::Citizen, PetitionStatus::Collecting);
        let after = now() + chrono::Duration::days(60);
        assert!(!capabilities(&collecting, Viewer::default(), false, after).can_sign);
    }

    #[test]
    fn officers_are_offered_exactly_the_lawful_council_steps() {
        let cases = [
            (
                PetitionStatus::Deposited,
                vec![
                    Step::StartReview,
                    Step::DecideAdmissible,
                    Step::DecideInadmissible,
                ],
            ),
            (
                PetitionStatus::UnderReview,
                vec![Step::DecideAdmissible, Step::DecideInadmissible],
            ),
            (
                PetitionStatus::Admissible,
                vec![Step::Schedule, Step::Answer],
            ),
            (PetitionStatus::Scheduled, vec![Step::Answer]),
            (PetitionStatus::Answered, vec![]),
            (PetitionStatus::Collecting, vec![]),
        ];
        for (status, steps) in cases {
            let p = petition(PetitionKind::Citizen, status);
            assert_eq!(
                capabilities(&p, OFFICER, false, now()).council_steps,
                steps,
                "{status:?}"
            );
        }
        // An officer never decides on a petition they represent.
        let mut own = petition(PetitionKind::Citizen, PetitionStatus::Deposited);
        own.viewer_is_representative = true;
        let both = Viewer {
            is_representative: true,
            ..OFFICER
        };
        assert!(
            capabilities(&own, both, false, now())
                .council_steps
                .is_empty()
        );
    }

    #[test]
    fn moderators_moderate_only_what_waits_for_them() {
        let moderator = Viewer {
            signed_in: true,
            is_moderator: true,
            ..Viewer::default()
        };
        let waiting = petition(PetitionKind::Citizen, PetitionStatus::InModeration);
        assert!(capabilities(&waiting, moderator, false, now()).can_moderate);
        let published = petition(PetitionKind::Citizen, PetitionStatus::Collecting);
        assert!(!capabilities(&published, moderator, false, now()).can_moderate);
        assert!(!capabilities(&waiting, OFFICER, false, now()).can_moderate);
    }

    #[test]
    fn signatories_are_listed_for_a_deposited_citizen_petition_until_erased() {
        let mut p = petition(PetitionKind::Citizen, PetitionStatus::Deposited);
        assert!(!capabilities(&p, OFFICER, false, now()).can_list_signatories);
        p.reference = Some("FM-2026-0001".into());
        assert!(capabilities(&p, OFFICER, false, now()).can_list_signatories);
        assert!(!capabilities(&p, Viewer::default(), false, now()).can_list_signatories);
        p.signatories_erased_at = Some(now());
        assert!(!capabilities(&p, OFFICER, false, now()).can_list_signatories);
    }
}
