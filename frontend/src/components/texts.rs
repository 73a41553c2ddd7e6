//! The texts of a staff form in the four languages: each language's fieldset holds a title, a
//! summary and a body, named `{form}[title_ar]`, `{form}[summary_ar]`, … and refilled from the
//! flash when the form comes back.

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::lang;
use crate::web::flash::Flash;
use crate::web::messages::message;

/// The languages of the forms, in their order.
pub const LANGS: [&str; 4] = ["ar", "zgh", "fr", "en"];

/// The name of a language, in that language.
pub fn language_name(code: &str) -> &'static str {
    lang::LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, name)| *name)
}

/// A labelled text input or textarea of a staff form for `field` in language `field_lang`, with
/// the field's error. The first language's input carries the field's id, which the error
/// summary links to.
pub fn text_field(
    locale: Locale,
    flash: &Flash,
    form: &str,
    (field, prefix, field_lang): (&'static str, &'static str, &'static str),
    label: String,
    long: bool,
) -> impl IntoView + use<> {
    let name = format!("{prefix}_{field_lang}");
    let id = if field_lang == LANGS[0] && prefix != "high" {
        format!("{form}-{field}")
    } else {
        format!("{form}-{name}")
    };
    let field_lang = Some(field_lang);
    let value = flash.value(&name);
    let error = flash.error_of(field).map(str::to_owned);
    let error_id = format!("{id}-error");
    let described = error.is_some().then(|| error_id.clone());
    let input = if long {
        view! {
            <textarea id=id.clone() name=format!("{form}[{name}]") rows="6" lang=field_lang dir="auto"
                aria-describedby=described.clone() inner_html=crate::format::escaped(&value)></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=format!("{form}[{name}]") type="text" value=value lang=field_lang dir="auto"
                aria-describedby=described.clone()/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {error.map(|code| view! { <p class="field-error" id=error_id>{message(locale, &code)}</p> })}
            {input}
        </div>
    }
}
