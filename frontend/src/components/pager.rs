//! The links between the pages of a list: previous, "page N of M", next. Plain links, so that
//! paging works without JavaScript.

use leptos::prelude::*;

use crate::i18n::{Locale, td_string};

/// The pager of a list shown at `page` of `pages` (nothing when it fits one page), named `label`
/// for assistive technologies; `href(n)` is the address of page `n`.
pub fn pager(
    locale: Locale,
    label: String,
    page: u64,
    pages: u64,
    href: impl Fn(u64) -> String,
) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev">{td_string!(locale, pager_previous)}</a> })}
                " "
                <span>{td_string!(locale, pager_position, page = page, pages = pages)}</span>
                " "
                {(page < pages).then(|| view! { <a href=href(page + 1) rel="next">{td_string!(locale, pager_next)}</a> })}
            </nav>
        }
    })
}
