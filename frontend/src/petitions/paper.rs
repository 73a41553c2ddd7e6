//! `/{lang}/r/{slug}/petitions/{id}/paper`: the signatures collected on paper, for the council
//! officers of the petition's region. The entry form (a signatory per row) and the CSV import
//! post to the server's `/petitions/paper` (multipart, as it may carry the file), which shows the
//! batch's preview here (`?batch=`): its rows ready per province and every row refused, with its
//! number and why; then it is recorded or discarded. Recorded batches are listed, each voidable.
//! The domain (`domain::petitions::paper`) decides who may; these parse and map.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, Field, Notice};
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::dates::{Day, DayText};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::lang;
use crate::names::Names;
use crate::paths;
use crate::web::flash::{Flash, take_flash};
use crate::web::messages::message;

/// Rows of the entry form.
pub const ENTRY_ROWS: usize = 10;

/// A row that was not recorded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedItem {
    pub row: i32,
    pub code: String,
    pub other: Option<String>,
}

/// A batch of paper signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchItem {
    pub id: i32,
    pub reference: String,
    pub collected_on: Day,
    /// `pending`, `recorded` or `voided`.
    pub status: String,
    pub accepted: i32,
    pub refused: Vec<RefusedItem>,
    /// Pending: the rows ready per province.
    pub by_province: Vec<(Names, i64)>,
    pub entered_by: Option<String>,
    pub voided_on: Option<Day>,
    pub void_reason: Option<String>,
}

/// The paper page of one petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperPageData {
    pub region: String,
    pub petition: i32,
    pub title: String,
    pub lang: String,
    /// The petition takes signatures: batches may be entered, recorded and voided.
    pub collecting: bool,
    pub provinces: Vec<(String, Names)>,
    /// Today in Morocco (`YYYY-MM-DD`), the day of collection the form proposes.
    pub today: String,
    pub total: i64,
    pub paper: i64,
    /// The batch asked for (`?batch=`).
    pub shown: Option<BatchItem>,
    pub batches: Vec<BatchItem>,
}

/// The paper page of petition `id` of `region`; `None` unless the visitor is one of its region's
/// council officers.
#[server(prefix = "/fn", endpoint = "paper_page", input = GetUrl)]
pub async fn paper_page(
    region: String,
    id: i32,
    batch: Option<i32>,
) -> Result<Option<PaperPageData>, crate::web::error::AppError> {
    use domain::petitions::paper::{self, BatchStatus, PaperBatchView};
    let ctx = crate::web::request::context()?;
    let Some(actor) = crate::web::request::current_actor(&ctx).await? else {
        return Ok(None);
    };
    let Ok(slug) = domain::types::RegionSlug::parse(&region) else {
        return Ok(None);
    };
    let petition = domain::types::PetitionId(id);
    let page =
        match domain::petitions::page::petition_page(&ctx, Some(&actor), &slug, petition).await {
            Ok(page) => page,
            Err(domain::DomainError::NotFound) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
    let batches = match paper::list_paper_batches(&ctx, &actor, petition).await {
        Ok(batches) => batches,
        Err(domain::DomainError::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let names = |province: i32| {
        page.region
            .provinces
            .iter()
            .find(|p| p.id == province)
            .map(|p| Names::from(p.name.clone()))
    };
    let item = |b: PaperBatchView| BatchItem {
        id: b.id,
        reference: b.reference,
        collected_on: Day::of(b.collected_on),
        status: match b.status {
            BatchStatus::Pending => "pending",
            BatchStatus::Recorded => "recorded",
            BatchStatus::Voided => "voided",
        }
        .to_owned(),
        accepted: b.accepted,
        refused: b
            .refused
            .into_iter()
            .map(|r| RefusedItem {
                row: r.row,
                code: r.code,
                other: r.other,
            })
            .collect(),
        by_province: b
            .by_province
            .into_iter()
            .filter_map(|(p, n)| Some((names(p)?, n)))
            .collect(),
        entered_by: b.entered_by,
        voided_on: b.voided_at.map(Day::at),
        void_reason: b.void_reason,
    };
    let items: Vec<BatchItem> = batches.into_iter().map(item).collect();
    let progress = page.progress.as_ref();
    Ok(Some(PaperPageData {
        region: page.region.slug.clone(),
        petition: id,
        title: page.petition.summary.title.clone(),
        lang: page.petition.summary.lang.code().to_owned(),
        collecting: page.viewer.can_enter_paper,
        provinces: page
            .region
            .provinces
            .iter()
            .map(|p| (p.code.clone(), Names::from(p.name.clone())))
            .collect(),
        today: paper::today(&ctx).format("%Y-%m-%d").to_string(),
        total: progress.map_or(0, |p| p.total),
        paper: progress.map_or(0, |p| p.paper),
        shown: batch.and_then(|b| items.iter().find(|i| i.id == b).cloned()),
        batches: items
            .into_iter()
            .filter(|b| b.status != "pending")
            .collect(),
    }))
}

/// Records (`action` `record`) or discards (`discard`) pending batch `batch`, or voids
/// (`void`) recorded batch `batch` for `reason`; then the paper page.
#[server(prefix = "/fn", endpoint = "decide_paper_batch")]
pub async fn decide_paper_batch(
    lang: String,
    region: String,
    id: i32,
    batch: i32,
    action: String,
    #[server(default)] reason: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::petitions::paper;
    let Some((lang, session, ctx, actor)) = crate::web::request::staff_form(&lang).await? else {
        return Ok(());
    };
    let result = match action.as_str() {
        "record" => paper::record_paper_batch(&ctx, &actor, batch)
            .await
            .map(|_| "paper_recorded_notice"),
        "discard" => paper::discard_paper_batch(&ctx, &actor, batch)
            .await
            .map(|()| "paper_discarded_notice"),
        _ => paper::void_paper_batch(&ctx, &actor, batch, &reason)
            .await
            .map(|()| "paper_voided_notice"),
    };
    let anchor = if action == "void" {
        "batches"
    } else {
        "preview"
    };
    let flash = Flash::outcome("paper", result);
    let page = super::api::server::page_path(lang, &region, id);
    let to = if action == "record" {
        format!("{page}/paper?batch={batch}#preview")
    } else {
        format!("{page}/paper#{anchor}")
    };
    crate::web::request::back(&session, flash, &to).await
}

/// The paper page.
#[component]
pub fn PaperPage() -> impl IntoView {
    let params = use_params_map();
    let batch = use_query_map()
        .read_untracked()
        .get("batch")
        .and_then(|b| b.parse::<i32>().ok());
    let args = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0),
        )
    };
    let page = Resource::new(args, move |(region, id)| paper_page(region, id, batch));
    let flash = Resource::new(|| (), |()| take_flash("paper".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                match page.await {
                    Ok(Some(data)) => view! { <Paper data flash/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Paper(data: PaperPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let petition_href = paths::petition(code, &data.region, data.petition, "");
    let title = td_string!(locale, paper_title).to_owned();
    let heading = title.clone();
    let counts = td_string!(
        locale,
        paper_counts,
        online = crate::format::number(locale, data.total - data.paper),
        paper = crate::format::number(locale, data.paper),
        total = crate::format::number(locale, data.total)
    )
    .to_string();
    let mode = flash.value("mode");
    let csv_errors = mode == "csv";
    view! {
        <PageTitle text=move || title.clone()/>
        <nav class="breadcrumb" aria-label=td_string!(locale, breadcrumb)>
            <a href=petition_href lang=data.lang.clone() dir="auto">{data.title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <p>{counts}</p>
        <Notice flash=flash.clone()/>
        {data.shown.clone().map(|b| view! { <Preview data=data.clone() batch=b/> })}
        {data.collecting.then(|| view! {
            <EntryForm data=data.clone() flash=flash.clone() errors=!csv_errors/>
            <CsvForm data=data.clone() flash=flash.clone() errors=csv_errors/>
        })}
        <Batches data=data.clone() flash=flash.clone()/>
    }
}

/// The hidden fields every form of the page carries.
fn target(code: &'static str, data: &PaperPageData) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="lang" value=code/>
        <input type="hidden" name="region" value=data.region.clone()/>
        <input type="hidden" name="id" value=data.petition/>
    }
}

/// The batch's reference, the day of collection and the officer's declaration.
fn header_fields(
    locale: Locale,
    flash: &Flash,
    form: &'static str,
    today: &str,
) -> impl IntoView + use<> {
    let declared = flash.value("declaration") == "on";
    let day = Some(flash.value("collected_on"))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| today.to_owned());
    let id = format!("{form}-declaration");
    view! {
        <Field flash=flash.clone() form name="reference" kind="text" autocomplete="off" dir="auto" label=move || td_string!(locale, paper_reference) value=flash.value("reference") hint=Signal::derive(move || td_string!(locale, paper_reference_hint))/>
        <Field flash=flash.clone() form name="collected_on" kind="date" autocomplete="off" label=move || td_string!(locale, paper_collected_on) value=day/>
        <div class="check">
            <input id=id.clone() type="checkbox" name="declaration" checked=declared/>
            <label for=id>{td_string!(locale, paper_declaration)}</label>
        </div>
    }
}

/// The keyboard-fast entry form: a signatory per row.
#[component]
fn EntryForm(data: PaperPageData, flash: Flash, errors: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let summary = errors.then(|| flash.clone());
    view! {
        <section id="entry" aria-labelledby="entry-heading">
            <h2 id="entry-heading">{td_string!(locale, paper_entry_heading)}</h2>
            {summary.map(|flash| view! { <ErrorSummary flash form="entry"/> })}
            <form method="post" action="/petitions/paper" enctype="multipart/form-data">
                {target(code, &data)}
                <input type="hidden" name="mode" value="entry"/>
                {header_fields(locale, &flash, "entry", &data.today)}
                <table class="paper-rows">
                    <caption>{td_string!(locale, paper_rows_caption)}</caption>
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{td_string!(locale, sign_full_name)}</th>
                        <th scope="col">{td_string!(locale, sign_cin)}</th>
                        <th scope="col">{td_string!(locale, col_province)}</th>
                        <th scope="col">{td_string!(locale, paper_basis)}</th>
                    </tr></thead>
                    <tbody id="entry-rows">
                        {(1..=ENTRY_ROWS).map(|i| {
                            let value = |field: &str| flash.value(&format!("{field}_{i}"));
                            let chosen = value("province");
                            let basis = value("basis");
                            view! {
                                <tr>
                                    <th scope="row">{i}</th>
                                    <td>
                                        <label for=format!("name_{i}") class="visually-hidden">{td_string!(locale, paper_row_name, row = i)}</label>
                                        <input id=format!("name_{i}") name=format!("name_{i}") type="text" autocomplete="off" dir="auto" value=value("name")/>
                                    </td>
                                    <td>
                                        <label for=format!("cin_{i}") class="visually-hidden">{td_string!(locale, paper_row_cin, row = i)}</label>
                                        <input id=format!("cin_{i}") name=format!("cin_{i}") type="text" autocomplete="off" dir="ltr" size="10" value=value("cin")/>
                                    </td>
                                    <td>
                                        <label for=format!("province_{i}") class="visually-hidden">{td_string!(locale, paper_row_province, row = i)}</label>
                                        <select id=format!("province_{i}") name=format!("province_{i}")>
                                            <option value="">{td_string!(locale, choose)}</option>
                                            {data.provinces.iter().map(|(c, n)| view! {
                                                <option value=c.clone() selected=*c == chosen>{n.get(locale).to_owned()}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <label for=format!("basis_{i}") class="visually-hidden">{td_string!(locale, paper_row_basis, row = i)}</label>
                                        <select id=format!("basis_{i}") name=format!("basis_{i}")>
                                            <option value="residence" selected=basis != "activity">{td_string!(locale, paper_basis_residence)}</option>
                                            <option value="activity" selected=basis == "activity">{td_string!(locale, paper_basis_activity)}</option>
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="primary">{td_string!(locale, paper_preview_submit)}</button>
            </form>
        </section>
    }
}

/// The CSV import of a typed sheet.
#[component]
fn CsvForm(data: PaperPageData, flash: Flash, errors: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let summary = errors.then(|| flash.clone());
    view! {
        <section id="csv" aria-labelledby="csv-heading">
            <h2 id="csv-heading">{td_string!(locale, paper_csv_heading)}</h2>
            <p class="hint">{td_string!(locale, paper_csv_hint)}</p>
            {summary.map(|flash| view! { <ErrorSummary flash form="csv"/> })}
            <form method="post" action="/petitions/paper" enctype="multipart/form-data">
                {target(code, &data)}
                <input type="hidden" name="mode" value="csv"/>
                {header_fields(locale, &flash, "csv", &data.today)}
                <div class="field">
                    <label for="csv-file">{td_string!(locale, paper_csv_file)}</label>
                    <input id="csv-file" name="sheet" type="file" accept=".csv,text/csv"/>
                </div>
                <button type="submit" class="primary">{td_string!(locale, paper_preview_submit)}</button>
            </form>
        </section>
    }
}

/// Why a row was not recorded, with the row or batch it repeats.
fn refusal(locale: Locale, r: &RefusedItem) -> String {
    let why = message(locale, &r.code);
    match (r.code.as_str(), r.other.as_deref()) {
        ("duplicate_in_sheet", Some(row)) => {
            format!("{why} {}", td_string!(locale, paper_other_row, row = row))
        }
        ("on_paper", Some(batch)) => {
            format!(
                "{why} {}",
                td_string!(locale, paper_other_batch, batch = batch)
            )
        }
        _ => why.to_owned(),
    }
}

/// The refused rows of a batch, each with its number.
fn refused_list(locale: Locale, refused: &[RefusedItem]) -> impl IntoView + use<> {
    (!refused.is_empty()).then(|| {
        view! {
            <table class="paper-refused">
                <caption>{td_string!(locale, paper_refused_caption, count = refused.len())}</caption>
                <thead><tr>
                    <th scope="col">{td_string!(locale, paper_row)}</th>
                    <th scope="col">{td_string!(locale, paper_why)}</th>
                </tr></thead>
                <tbody>
                    {refused.iter().map(|r| view! {
                        <tr><td>{r.row}</td><td>{refusal(locale, r)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}

/// The batch asked for: a pending one with its record and discard buttons, or one done.
#[component]
fn Preview(data: PaperPageData, batch: BatchItem) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let pending = batch.status == "pending";
    let decide = move |action: &'static str, label: &'static str, class: &'static str| {
        view! {
            <form method="post" action=DecidePaperBatch::url() class="inline-form">
                {target(code, &data)}
                <input type="hidden" name="batch" value=batch.id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class=class>{label}</button>
            </form>
        }
    };
    let ready = if pending {
        td_string!(locale, paper_ready, count = batch.accepted).to_string()
    } else {
        td_string!(locale, paper_accepted, count = batch.accepted).to_string()
    };
    view! {
        <section id="preview" aria-labelledby="preview-heading" class="paper-preview">
            <h2 id="preview-heading">{td_string!(locale, paper_preview_heading)} " " <span dir="auto">{batch.reference.clone()}</span></h2>
            <p>{ready} " · " <DayText day=batch.collected_on.clone()/></p>
            {(!batch.by_province.is_empty()).then(|| view! {
                <ul>
                    {batch.by_province.iter().map(|(name, n)| view! { <li>{name.get(locale).to_owned()} " : " {*n}</li> }).collect_view()}
                </ul>
            })}
            {refused_list(locale, &batch.refused)}
            {pending.then(|| view! {
                {decide("record", td_string!(locale, paper_record_submit), "primary")}
                " "
                {decide("discard", td_string!(locale, paper_discard_submit), "")}
            })}
        </section>
    }
}

/// The batches recorded or voided, newest first, each recorded one with its void form.
#[component]
fn Batches(data: PaperPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let summary = (flash.value("mode").is_empty()).then(|| flash.clone());
    view! {
        <section id="batches" aria-labelledby="batches-heading">
            <h2 id="batches-heading">{td_string!(locale, paper_batches_heading)}</h2>
            {summary.map(|flash| view! { <ErrorSummary flash/> })}
            {if data.batches.is_empty() {
                view! { <p>{td_string!(locale, paper_batches_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="paper-batches">
                        {data.batches.iter().map(|b| {
                            let status = if b.status == "voided" {
                                td_string!(locale, paper_status_voided)
                            } else {
                                td_string!(locale, paper_status_recorded)
                            };
                            let void_id = format!("void-{}", b.id);
                            view! {
                                <li>
                                    <p>
                                        <strong dir="auto">{b.reference.clone()}</strong>
                                        " — " <DayText day=b.collected_on.clone()/>
                                        " — " {status}
                                        " — " {td_string!(locale, paper_accepted, count = b.accepted)}
                                        {b.entered_by.clone().map(|name| view! { " — " <span dir="auto">{name}</span> })}
                                    </p>
                                    {b.void_reason.clone().map(|reason| view! {
                                        <p class="note">{b.voided_on.clone().map(|day| view! { <DayText day/> })} " : " <span dir="auto">{reason}</span></p>
                                    })}
                                    {refused_list(locale, &b.refused)}
                                    {(data.collecting && b.status == "recorded").then(|| view! {
                                        <details>
                                            <summary>{td_string!(locale, paper_void_summary)}</summary>
                                            <form method="post" action=DecidePaperBatch::url()>
                                                {target(code, &data)}
                                                <input type="hidden" name="batch" value=b.id/>
                                                <input type="hidden" name="action" value="void"/>
                                                <div class="field">
                                                    <label for=void_id.clone()>{td_string!(locale, paper_void_reason)}</label>
                                                    <textarea id=void_id name="reason" rows="2" dir="auto" required></textarea>
                                                </div>
                                                <button type="submit" class="danger">{td_string!(locale, paper_void_submit)}</button>
                                            </form>
                                        </details>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
