//! `/{lang}/unsubscribe?token=…`: the page an email's unsubscribe link opens, without signing in.
//! One button stops that mailing (a visit alone changes nothing, so that mail scanners following
//! links cannot unsubscribe anyone); mail clients use the one-click address instead
//! (`POST /unsubscribe`, RFC 8058).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::components::form::{ErrorSummary, Notice};
use crate::components::title::PageTitle;
use crate::i18n::{td_string, use_i18n};
use crate::lang;
use crate::web::flash::take_flash;

/// Stops the mailing `token` names, then shows the page again with the outcome.
#[server(prefix = "/fn", endpoint = "unsubscribe")]
pub async fn unsubscribe(lang: String, token: String) -> Result<(), crate::web::error::AppError> {
    use crate::web::flash::Flash;
    use crate::web::request;
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    let result = domain::mailings::unsubscribe(&ctx, &token).await;
    let mut flash = Flash::of("unsubscribe");
    match result {
        Ok(_) => flash.notice = Some("unsubscribed_notice".into()),
        Err(err) => flash.add_error_on("token", err),
    }
    let page = crate::paths::unsubscribe(lang.code());
    request::back(&session, flash, &page).await
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let flash = Resource::new(|| (), |()| take_flash("unsubscribe".into()));
    let title = move || td_string!(i18n.get_locale(), unsubscribe_title).to_owned();
    view! {
        <PageTitle text=title/>
        <h1>{move || td_string!(locale(), unsubscribe_title)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten().unwrap_or_default();
                    if token.is_empty() {
                        return view! {
                            <Notice flash=flash.clone()/>
                            <ErrorSummary flash/>
                        }
                        .into_any();
                    }
                    view! {
                        <ErrorSummary flash/>
                        <p>{move || td_string!(locale(), unsubscribe_text)}</p>
                        <form method="post" action=Unsubscribe::url()>
                            <input type="hidden" name="lang" value=move || lang::code(locale())/>
                            <input type="hidden" name="token" value=token/>
                            <button type="submit" class="primary">{move || td_string!(locale(), unsubscribe_submit)}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
