//! The region's moderation page: a page made of two features' sections (the petitions waiting
//! for moderation, reported and hidden petitions; the reports on consultations and hidden
//! contributions), as the route list is made of their pages, and the accounts blocked in the
//! region.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::block::BlocksSection;
use crate::components::status::{LoadError, NotFound};
use crate::components::title::PageTitle;
use crate::consultations::reports::{HiddenSection, ReportsSection};
use crate::i18n::{td_string, use_i18n};
use crate::petitions::pages::PetitionCard;
use crate::petitions::reports::{HiddenPetitionsSection, PetitionReportsSection};
use crate::petitions::staff_api::moderation_queue;

/// `/{lang}/r/{slug}/moderation`: the petitions waiting for the region's moderators, then the
/// reported contributions to its consultations.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let params = use_params_map();
    let region = move || params.read().get("slug").unwrap_or_default();
    let reports_page = use_query_map()
        .read_untracked()
        .get("reports")
        .and_then(|p| p.parse::<u64>().ok());
    let petition_reports_page = use_query_map()
        .read_untracked()
        .get("petition_reports")
        .and_then(|p| p.parse::<u64>().ok());
    let queue = Resource::new(region, moderation_queue);
    let petition_reports_flash = Resource::new(
        || (),
        |()| crate::web::flash::take_flash("petition_reports".into()),
    );
    let reports_flash = Resource::new(|| (), |()| crate::web::flash::take_flash("reports".into()));
    let blocks_flash = Resource::new(|| (), |()| crate::web::flash::take_flash("blocks".into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let reports_flash = reports_flash.await.ok().flatten().unwrap_or_default();
                let blocks_flash = blocks_flash.await.ok().flatten().unwrap_or_default();
                let petition_reports_flash =
                    petition_reports_flash.await.ok().flatten().unwrap_or_default();
                let i18n = use_i18n();
                let locale = i18n.get_locale_untracked();
                match queue.await {
                    Ok(Some(queue)) => {
                        let name = queue.region_name.get(locale).to_owned();
                        let title = td_string!(locale, moderation_queue_title, region = name).to_string();
                        let heading = title.clone();
                        view! {
                            <PageTitle text=move || title.clone()/>
                            <h1>{heading}</h1>
                            {if queue.items.is_empty() {
                                view! { <p>{td_string!(locale, moderation_queue_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="petition-list">
                                        {queue.items.into_iter().map(|item| view! { <PetitionCard item/> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <PetitionReportsSection region=region() page=petition_reports_page flash=petition_reports_flash/>
                            <ReportsSection region=region() page=reports_page flash=reports_flash/>
                            <HiddenPetitionsSection region=region()/>
                            <HiddenSection region=region()/>
                            <BlocksSection region=region() flash=blocks_flash/>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
