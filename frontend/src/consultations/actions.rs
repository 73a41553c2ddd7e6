//! Server functions of what citizens do on a consultation besides answering it: submit, support
//! and comment on proposals, report a proposal or a comment. Forms post here and are redirected
//! back with a one-time flash.

use leptos::prelude::*;

/// A proposal as typed in its form.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ProposalFields {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub province: String,
}

/// Submits a proposal to consultation `id`, then shows it.
#[server(prefix = "/fn", endpoint = "submit_proposal")]
pub async fn submit_proposal(
    lang: String,
    region: String,
    id: i32,
    proposal: ProposalFields,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::proposals::{self, NewProposal, ProposalForm};
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let page = super::api::server::page_path(lang, &region, id);
    let form = ProposalForm {
        title: proposal.title.clone(),
        body: proposal.body.clone(),
        province: proposal.province.clone(),
    };
    let mut flash = crate::web::flash::Flash::with_values(
        "proposal",
        &[
            ("title", &proposal.title),
            ("body", &proposal.body),
            ("province", &proposal.province),
        ],
    );
    let outcome = match NewProposal::parse(&form) {
        Ok(parsed) => proposals::submit_proposal(
            &ctx,
            user,
            &crate::web::request::client_origin(),
            domain::types::ConsultationId(id),
            parsed,
        )
        .await
        .map_err(|e| vec![e]),
        Err(errors) => Err(errors),
    };
    match outcome {
        Ok(created) => {
            let done =
                crate::web::flash::Flash::outcome("proposal_page", Ok("proposal_submitted_notice"));
            let to = format!("{page}/proposals/{}", created.0);
            crate::web::request::back(&session, done, &to).await
        }
        Err(errors) => {
            flash.add_errors(errors);
            crate::web::request::back(&session, flash, &format!("{page}#propose")).await
        }
    }
}

/// Supports proposal `proposal` (once; never one's own).
#[server(prefix = "/fn", endpoint = "support_proposal")]
pub async fn support_proposal(
    lang: String,
    region: String,
    id: i32,
    proposal: i32,
    back_to: Option<String>,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::proposals;
    use domain::types::ProposalId;
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let result = proposals::support_proposal(
        &ctx,
        user,
        &crate::web::request::client_origin(),
        ProposalId(proposal),
    )
    .await;
    let page = super::api::server::page_path(lang, &region, id);
    let (form, to) = match back_to.as_deref() {
        Some("list") => ("proposals", format!("{page}#proposal-{proposal}")),
        _ => ("proposal_page", format!("{page}/proposals/{proposal}")),
    };
    let flash =
        crate::web::flash::Flash::outcome(form, result.map(|()| "proposal_supported_notice"));
    crate::web::request::back(&session, flash, &to).await
}

/// Comments on proposal `proposal`.
#[server(prefix = "/fn", endpoint = "comment_proposal")]
pub async fn comment_proposal(
    lang: String,
    region: String,
    id: i32,
    proposal: i32,
    comment: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::proposals::{self, CommentText};
    use domain::types::ProposalId;
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let result = match CommentText::parse(&comment) {
        Ok(text) => {
            proposals::comment_proposal(
                &ctx,
                user,
                &crate::web::request::client_origin(),
                ProposalId(proposal),
                text,
            )
            .await
        }
        Err(err) => Err(err),
    };
    let page = super::api::server::page_path(lang, &region, id);
    let to = format!("{page}/proposals/{proposal}#comment");
    let failed = result.is_err();
    let mut flash =
        crate::web::flash::Flash::outcome("comment", result.map(|()| "comment_added_notice"));
    if failed {
        flash.values = vec![("comment".into(), comment.trim().to_owned())];
    }
    crate::web::request::back(&session, flash, &to).await
}

/// Reports a proposal (`kind` `proposal`), a comment (`comment`) or a free-text answer
/// (`answer`) to the region's moderators.
#[server(prefix = "/fn", endpoint = "report_content")]
pub async fn report_content(
    lang: String,
    region: String,
    id: i32,
    proposal: i32,
    kind: String,
    target: i64,
    reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::consultations::reports::{self, ReportTarget};
    let Some((lang, session, ctx, user)) = crate::web::request::signed_in_form(&lang).await? else {
        return Ok(());
    };
    let row = i32::try_from(target).map_err(|_| domain::DomainError::NotFound);
    let target = match kind.as_str() {
        "proposal" => row.map(ReportTarget::Proposal),
        "comment" => row.map(ReportTarget::Comment),
        // A free-text answer is named by its token.
        "answer" => Ok(ReportTarget::Answer(target)),
        _ => Err(domain::DomainError::NotFound),
    };
    let result = match target {
        Ok(target) => {
            reports::report_content(
                &ctx,
                user,
                &crate::web::request::client_origin(),
                target,
                &reason,
            )
            .await
        }
        Err(err) => Err(err),
    };
    let page = super::api::server::page_path(lang, &region, id);
    // A free-text answer is reported from the results page, the rest from a proposal's page.
    let (form, to) = if kind == "answer" {
        ("results", format!("{page}/results"))
    } else {
        ("proposal_page", format!("{page}/proposals/{proposal}"))
    };
    let flash = crate::web::flash::Flash::outcome(form, result.map(|()| "reported_notice"));
    crate::web::request::back(&session, flash, &to).await
}
