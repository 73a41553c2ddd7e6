//! The server function of a consultation's results page: the counts per question (with the
//! wordings in the reader's language), the first page of each free-text question's answers,
//! the proposals ranked by support, and the breakdowns.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::ResultsData;

/// The results of consultation `id`; `None` when the visitor may not see them (yet).
#[server(prefix = "/fn", endpoint = "get_results_page", input = GetUrl)]
pub async fn get_results_page(
    lang: String,
    region: String,
    id: i32,
    question: Option<i32>,
    after: Option<i64>,
) -> Result<Option<ResultsData>, crate::web::error::AppError> {
    use domain::DomainError;
    use domain::consultations::disclosure::Detail;
    use domain::consultations::drafts::Verification;
    use domain::consultations::outcome::{
        QuestionResult, TEXTS_PER_PAGE, get_results, list_text_answers,
    };
    use domain::types::ConsultationId;

    use super::types::{ConsultationStatus, QuestionResultItem, ResultRow};
    use crate::names::Names;

    let ctx = crate::web::request::context()?;
    let lang = crate::web::request::lang(&lang);
    let actor = crate::web::request::current_actor(&ctx).await?;
    let Some(page) = super::api::server::consultation_page(&ctx, lang, &region, id, 0).await?
    else {
        return Ok(None);
    };
    let consultation = ConsultationId(id);
    let results = match get_results(&ctx, actor.as_ref(), consultation).await {
        Ok(results) => results,
        Err(DomainError::NotFound) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let mut questions = Vec::with_capacity(results.questions.len());
    for (q, result) in results.questions {
        let Some(view) = page.questions.iter().find(|v| v.id == q) else {
            continue;
        };
        let wording = |choice: i32| {
            view.choices
                .iter()
                .find(|(c, _)| *c == choice)
                .map(|(_, w)| w.clone())
                .unwrap_or_default()
        };
        let mut item = QuestionResultItem {
            id: q,
            kind: view.kind.clone(),
            text: view.text.clone(),
            respondents: 0,
            rows: Vec::new(),
            mean: None,
            withheld: false,
            texts: Vec::new(),
            more_after: None,
        };
        match result {
            QuestionResult::Choices {
                respondents,
                shares,
            } => {
                item.respondents = respondents;
                item.rows = shares
                    .into_iter()
                    .map(|s| ResultRow {
                        label: wording(s.choice),
                        count: s.count,
                        percent: Some(s.percent),
                        points: None,
                        mean_rank: None,
                        hidden: s.hidden,
                    })
                    .collect();
            }
            QuestionResult::Scale { result } => {
                item.respondents = result.respondents;
                item.mean = result.mean;
                item.rows = result
                    .points
                    .into_iter()
                    .map(|(point, count, percent)| ResultRow {
                        label: match point {
                            1 => view.low_label.clone().map(|l| format!("1 — {l}")),
                            5 => view.high_label.clone().map(|l| format!("5 — {l}")),
                            _ => None,
                        }
                        .unwrap_or_else(|| point.to_string()),
                        count,
                        percent: Some(percent),
                        points: None,
                        mean_rank: None,
                        hidden: result.hidden.contains(&point),
                    })
                    .collect();
            }
            QuestionResult::Ranking {
                respondents,
                ranked,
            } => {
                item.respondents = respondents;
                item.rows = ranked
                    .into_iter()
                    .map(|r| ResultRow {
                        label: wording(r.choice),
                        count: r.points,
                        percent: None,
                        points: Some(r.points),
                        mean_rank: r.mean_rank,
                        hidden: false,
                    })
                    .collect();
            }
            QuestionResult::Withheld => item.withheld = true,
            QuestionResult::Text { respondents } => {
                item.respondents = respondents;
                let after = after.filter(|_| question == Some(q));
                item.texts =
                    list_text_answers(&ctx, actor.as_ref(), consultation, q, after).await?;
                if item.texts.len() == usize::try_from(TEXTS_PER_PAGE).unwrap_or(usize::MAX) {
                    item.more_after = item.texts.last().map(|(token, _)| *token);
                }
            }
        }
        questions.push(item);
    }
    Ok(Some(ResultsData {
        live: !matches!(
            page.item.status,
            ConsultationStatus::ResultsPublished | ConsultationStatus::SynthesisPublished
        ),
        signed_in: page.signed_in,
        responses: results.responses,
        total_while_open: results.detail == Detail::TotalWhileOpen,
        too_few: results.detail == Detail::TooFewResponses,
        min_cell: results.min_cell,
        per_cin: results.verification == Verification::Cin,
        declared: results.declared,
        by_province: results
            .by_province
            .into_iter()
            .map(|(p, n)| {
                let name = p.and_then(|p| {
                    detail
                        .provinces
                        .iter()
                        .find(|province| province.id == p)
                        .map(|province| Names::from(province.name.clone()))
                });
                (name, n)
            })
            .collect(),
        questions,
        proposals: page.proposal_items,
        region_name: page.region_name,
        item: page.item,
    }))
}
