//! The moderation reasons every feature shares (those of `domain::moderation_log`): why an item
//! is reported and hidden, why it is shown again; and the select that offers them.

use leptos::prelude::*;

use crate::i18n::{Locale, td_string, use_i18n};

/// The report reasons, in their order.
pub const REPORT_REASONS: [&str; 4] = [
    "offensive_or_defamatory",
    "personal_data",
    "advertising",
    "off_topic",
];

/// The reasons for showing a hidden item again, in their order.
pub const RESTORE_REASONS: [&str; 2] = ["moderation_error", "appeal_upheld"];

/// Why something is reported (or was hidden).
pub fn report_reason(locale: Locale, reason: &str) -> &'static str {
    match reason {
        "offensive_or_defamatory" => td_string!(locale, report_offensive_or_defamatory),
        "personal_data" => td_string!(locale, report_personal_data),
        "advertising" => td_string!(locale, report_advertising),
        _ => td_string!(locale, report_off_topic),
    }
}

/// Why a hidden item is shown again.
pub fn restore_reason(locale: Locale, reason: &str) -> &'static str {
    match reason {
        "appeal_upheld" => td_string!(locale, restore_appeal_upheld),
        _ => td_string!(locale, restore_moderation_error),
    }
}

/// A labelled, required select named `reason` offering `reasons` (labelled by `label_of`).
#[component]
pub fn ReasonSelect(
    id: String,
    label: &'static str,
    reasons: &'static [&'static str],
    label_of: fn(Locale, &str) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name="reason" required>
                <option value="">{td_string!(locale, choose)}</option>
                {reasons.iter().map(|r| view! { <option value=*r>{label_of(locale, r)}</option> }).collect_view()}
            </select>
        </div>
    }
}
