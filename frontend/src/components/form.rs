//! Form pieces every feature uses: a labelled field with its hint and error, the list of
//! problems at the top of a form, and a notice after success. They render a [`Flash`].

use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n};
use crate::web::flash::Flash;
use crate::web::messages::message;

/// A notice (success message) from a flash, announced politely.
#[component]
pub fn Notice(flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    flash.notice.map(|code| {
        view! { <p class="notice" role="status">{move || message(i18n.get_locale(), &code)}</p> }
    })
}

fn field_id(form: Option<&str>, name: &str) -> String {
    form.map_or_else(|| name.to_owned(), |form| format!("{form}-{name}"))
}

/// The list of problems at the top of a form, announced to screen readers.
#[component]
pub fn ErrorSummary(
    flash: Flash,
    /// The form's id prefix (see `Field`).
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    (!flash.errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{move || td_string!(i18n.get_locale(), form_errors_heading)}</h2>
                <ul>
                    {flash
                        .errors
                        .into_iter()
                        .map(|e| {
                            let href = format!("#{}", field_id(form, &e.field));
                            let code = e.code;
                            view! { <li><a href=href>{move || message(i18n.get_locale(), &code)}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled input with its hint and error, linked for assistive technologies.
#[component]
pub fn Field<L>(
    flash: Flash,
    name: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    label: L,
    value: String,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// Prefix of the element ids, for pages with several forms.
    #[prop(optional)]
    form: Option<&'static str>,
    /// The input's `name` when it differs from the field's (e.g. `signer[email]`).
    #[prop(optional)]
    input_name: Option<&'static str>,
    /// `"auto"` when the input takes text typed by a person (a name, a title).
    #[prop(optional)]
    dir: Option<&'static str>,
) -> impl IntoView
where
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let error = flash.error_of(name).map(str::to_owned);
    let id = field_id(form, name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by(
        hint.is_some().then_some(hint_id.as_str()),
        error.is_some().then_some(error_id.as_str()),
    );
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {error.clone().map(|code| view! {
                <p class="field-error" id=error_id.clone()>{move || message(i18n.get_locale(), &code)}</p>
            })}
            <input
                id=id
                name=input_name.unwrap_or(name)
                type=kind
                autocomplete=autocomplete
                value=value
                dir=dir
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

/// The `aria-describedby` of a control with an optional hint and an optional error (`None` when
/// it has neither).
pub fn described_by(hint_id: Option<&str>, error_id: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint_id, error_id].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}
