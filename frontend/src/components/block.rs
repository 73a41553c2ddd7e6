//! Blocking the author of moderated content (a disclosure with the reason to give, under the
//! item), and the blocks of a region with the button that lifts each: the moderators' side of
//! `web::blocks`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form::{ErrorSummary, Notice};
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::web::blocks::{BlockAuthor, BlockEverywhere, UnblockAccount, list_blocks};
use crate::web::flash::Flash;

/// "Block the author" of item `kind` `target` of `region`: a reason, then the button. `id`
/// makes its fields' ids unique on the page.
#[component]
pub fn BlockAuthorForm(
    id: String,
    kind: &'static str,
    target: String,
    region: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = format!("block-{id}");
    view! {
        <details class="block-author">
            <summary>{td_string!(locale, block_author_summary)}</summary>
            <form method="post" action=BlockAuthor::url()>
                <input type="hidden" name="lang" value=lang::code(locale)/>
                <input type="hidden" name="region" value=region/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="target" value=target/>
                <p class="hint" id=format!("{id}-hint")>{td_string!(locale, block_author_hint)}</p>
                <div class="field">
                    <label for=format!("{id}-reason")>{td_string!(locale, block_reason_label)}</label>
                    <textarea id=format!("{id}-reason") name="reason" rows="3" required dir="auto" aria-describedby=format!("{id}-hint")></textarea>
                </div>
                <button type="submit" class="danger">{td_string!(locale, block_author_submit)}</button>
            </form>
        </details>
    }
}

/// The blocks that hold in `region` (without one: the blocks of every region, on the admin page),
/// for its moderators and platform admins (nothing for anyone else), with the outcome of the
/// last block or unblock. A block of every region is lifted only on the admin page.
#[component]
pub fn BlocksSection(region: String, flash: Flash) -> impl IntoView {
    let on_admin_page = region.is_empty();
    let slug = region.clone();
    let blocks = Resource::new(move || region.clone(), list_blocks);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let code = lang::code(locale);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (region, flash) = (slug.clone(), flash.clone());
                Suspend::new(async move {
                    let Ok(Some(blocks)) = blocks.await else {
                        return ().into_any();
                    };
                    view! {
                        <section id="blocks" aria-labelledby="blocks-heading">
                            <h2 id="blocks-heading">{td_string!(locale, blocks_heading)}</h2>
                            <Notice flash=flash.clone()/>
                            <ErrorSummary flash/>
                            {if blocks.is_empty() {
                                view! { <p>{td_string!(locale, blocks_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <table>
                                        <thead><tr>
                                            <th scope="col">{td_string!(locale, col_person)}</th>
                                            <th scope="col">{td_string!(locale, block_reason_label)}</th>
                                            <th scope="col">{td_string!(locale, col_blocked_on)}</th>
                                            <th scope="col">{td_string!(locale, col_actions)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {blocks.into_iter().map(|b| view! {
                                                <tr>
                                                    <td dir="auto">{b.name.clone()}</td>
                                                    <td dir="auto" class="long-text">{b.reason.clone()}</td>
                                                    <td><crate::dates::DayText day=b.blocked_on.clone()/></td>
                                                    <td>
                                                        {if b.everywhere && !on_admin_page {
                                                            view! { <span>{td_string!(locale, block_everywhere)}</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <form method="post" action=UnblockAccount::url() class="inline-form">
                                                                    <input type="hidden" name="lang" value=code/>
                                                                    <input type="hidden" name="region" value=region.clone()/>
                                                                    <input type="hidden" name="block" value=b.id/>
                                                                    <button type="submit">{td_string!(locale, unblock_submit)}</button>
                                                                </form>
                                                            }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// A platform admin's form: block an account, by its email address, in every region.
#[component]
pub fn BlockEverywhereForm() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <form method="post" action=BlockEverywhere::url()>
            <input type="hidden" name="lang" value=lang::code(locale)/>
            <div class="field">
                <label for="block-email">{td_string!(locale, block_email_label)}</label>
                <input id="block-email" name="email" type="email" required autocomplete="off"/>
            </div>
            <div class="field">
                <label for="block-reason">{td_string!(locale, block_reason_label)}</label>
                <textarea id="block-reason" name="reason" rows="3" required dir="auto"></textarea>
            </div>
            <button type="submit" class="danger">{td_string!(locale, block_everywhere_submit)}</button>
        </form>
    }
}
