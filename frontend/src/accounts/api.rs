//! Server functions of the account pages. Each form posts here and is redirected back to a page
//! (303-style), with the outcome kept in the session as a one-time "flash".

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::AccountData;
#[cfg(feature = "ssr")]
use super::types::SessionItem;
#[cfg(feature = "ssr")]
use crate::web::flash::Flash;
#[cfg(feature = "ssr")]
use crate::web::request;

/// The signed-in person's own data; `None` when nobody is signed in.
#[server(prefix = "/fn", endpoint = "my_account", input = GetUrl)]
pub async fn my_account() -> Result<Option<AccountData>, crate::web::error::AppError> {
    let session = request::session().await?;
    let ctx = request::context()?;
    let Some(id) = request::current_user() else {
        return Ok(None);
    };
    let data = domain::accounts::export_my_data(&ctx, id).await?;
    let current = session.id().map(|id| id.to_string());
    let sessions = domain::sessions::list_user_sessions(&ctx, id.0, current.as_deref()).await?;
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    Ok(Some(AccountData {
        email: text(&data["account"]["email"]),
        display_name: text(&data["account"]["display_name"]),
        lang: text(&data["account"]["language"]),
        created_on: serde_json::from_value(data["account"]["created_at"].clone())
            .ok()
            .map(crate::dates::Day::at),
        roles: data["roles"]
            .as_array()
            .map(|roles| roles.iter().map(|r| text(&r["role"])).collect())
            .unwrap_or_default(),
        sessions: sessions
            .into_iter()
            .map(|s| SessionItem {
                key: s.key,
                signed_in: s.signed_in_at.map(crate::dates::Day::moment),
                current: s.current,
            })
            .collect(),
    }))
}

/// Ends one of the signed-in person's sessions (`key`), or all the others (`key` = `others`).
#[server(prefix = "/fn", endpoint = "end_session")]
pub async fn end_session(lang: String, key: String) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    if let Some(id) = request::current_user() {
        let current = session.id().map(|id| id.to_string());
        let key = (key != "others").then_some(key);
        domain::sessions::end_user_sessions(&ctx, id.0, key.as_deref(), current.as_deref()).await?;
    }
    leptos_axum::redirect(&crate::paths::account(lang.code(), ""));
    Ok(())
}

/// Changes the signed-in person's password (the current one is needed); other sessions end.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    lang: String,
    current_password: String,
    password: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    let back_to = crate::paths::account(lang.code(), "");
    let Some(id) = request::require_user(lang) else {
        return Ok(());
    };
    let mut flash = Flash::of("change_password");
    let new = match domain::types::NewPassword::parse(&password, &[]) {
        Ok(new) => new,
        Err(err) => {
            return request::back_with_error(&session, flash, "password", err, &back_to).await;
        }
    };
    let current = session.id().map(|id| id.to_string());
    let result = domain::accounts::change_password(
        &ctx,
        id,
        current_password.into(),
        new,
        current.as_deref(),
    )
    .await;
    match result {
        Ok(()) => flash.notice = Some("password_changed_notice".into()),
        Err(err) => flash.add_error_on("current_password", err),
    }
    request::back(&session, flash, &back_to).await
}

/// Starts changing the signed-in person's email address: a link goes to the new one.
#[server(prefix = "/fn", endpoint = "request_email_change")]
pub async fn request_email_change(
    lang: String,
    email: String,
    current_password: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    let back_to = crate::paths::account(lang.code(), "");
    let Some(id) = request::require_user(lang) else {
        return Ok(());
    };
    let mut flash = Flash::of("change_email").with_email(&email);
    let new_email = match domain::types::Email::parse(&email) {
        Ok(new_email) => new_email,
        Err(err) => {
            return request::back_with_error(&session, flash, "email", err, &back_to).await;
        }
    };
    let result =
        domain::accounts::request_email_change(&ctx, id, new_email, current_password.into()).await;
    match result {
        Ok(()) => {
            flash.email.clear();
            flash.notice = Some("email_change_sent_notice".into());
        }
        Err(err) => flash.add_error_on("current_password", err),
    }
    request::back(&session, flash, &back_to).await
}

/// Follows an email change link (a button on the page posts it).
#[server(prefix = "/fn", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(
    lang: String,
    token: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    let mut flash = Flash::of("confirm_email");
    match domain::accounts::confirm_email_change(&request::context()?, &token).await {
        Ok(_) => {
            flash.notice = Some("email_changed_notice".into());
            request::back(
                &session,
                flash,
                &crate::paths::account(lang.code(), "confirm-email"),
            )
            .await
        }
        Err(err) => {
            request::back_with_error(
                &session,
                flash,
                "token",
                err,
                &crate::paths::account(lang.code(), "confirm-email"),
            )
            .await
        }
    }
}

/// Deletes the signed-in person's account after checking their password.
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(
    lang: String,
    password: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    let Some(id) = request::require_user(lang) else {
        return Ok(());
    };
    match domain::accounts::delete_account(&ctx, id, password.into()).await {
        Ok(()) => {
            request::forget_user(&session).await;
            notice_on_sign_in(&session, "account_deleted_notice", lang).await
        }
        Err(err) => {
            let flash = Flash::of("delete_account");
            request::back_with_error(
                &session,
                flash,
                "password",
                err,
                &crate::paths::account(lang.code(), ""),
            )
            .await
        }
    }
}

/// Registers an account (see `domain::accounts::register`).
#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(
    lang: String,
    email: String,
    display_name: String,
    password: String,
    email_lang: String,
) -> Result<(), crate::web::error::AppError> {
    use domain::types::{DisplayName, Email, Lang, NewPassword};
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    let mut flash = Flash {
        form: "register".into(),
        email: email.trim().to_owned(),
        display_name: display_name.trim().to_owned(),
        ..Flash::default()
    };
    let parsed_email = Email::parse(&email).map_err(|e| flash.add_error_on("email", e));
    let parsed_name =
        DisplayName::parse(&display_name).map_err(|e| flash.add_error_on("display_name", e));
    let parsed_password = NewPassword::parse(&password, &[email.as_str(), display_name.as_str()])
        .map_err(|e| flash.add_error_on("password", e));
    let (Ok(email), Ok(display_name), Ok(password)) = (parsed_email, parsed_name, parsed_password)
    else {
        return request::back(
            &session,
            flash,
            &crate::paths::account(lang.code(), "register"),
        )
        .await;
    };
    let registration = domain::accounts::Registration {
        email,
        display_name,
        password,
        lang: Lang::parse(&email_lang).unwrap_or(lang),
    };
    match domain::accounts::register(&request::context()?, registration).await {
        Ok(()) => {
            leptos_axum::redirect(&crate::paths::account(lang.code(), "check-email"));
            Ok(())
        }
        Err(err) => {
            request::back_with_error(
                &session,
                flash,
                "form",
                err,
                &crate::paths::account(lang.code(), "register"),
            )
            .await
        }
    }
}

/// Confirms an email address with the token of its link.
#[server(prefix = "/fn", endpoint = "verify_email")]
pub async fn verify_email(lang: String, token: String) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    match domain::accounts::verify_email(&request::context()?, &token).await {
        Ok(_) => notice_on_sign_in(&session, "verified_notice", lang).await,
        Err(err) => {
            let flash = Flash::of("verify");
            request::back_with_error(
                &session,
                flash,
                "token",
                err,
                &crate::paths::account(lang.code(), "verify"),
            )
            .await
        }
    }
}

/// Signs in: a new session id, then the home page.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    lang: String,
    email: String,
    password: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, ctx } = request::FormRequest::open(&lang).await?;
    match domain::accounts::sign_in(&ctx, &email, password.into(), &request::client_origin()).await
    {
        Ok(signed_in) => {
            request::start_user_session(&ctx, &session, signed_in.account.id, signed_in.staff)
                .await?;
            leptos_axum::redirect(&crate::paths::home(lang.code()));
            Ok(())
        }
        Err(err) => {
            let flash = Flash::of("sign_in").with_email(&email);
            request::back_with_error(
                &session,
                flash,
                "form",
                err,
                &crate::paths::account(lang.code(), "sign-in"),
            )
            .await
        }
    }
}

/// Asks for a password reset link; the same answer whether or not the address has an account.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(
    lang: String,
    email: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    match domain::accounts::request_password_reset(&request::context()?, &email).await {
        // Too many requests for this address: answered like the others, nothing more is sent.
        Ok(()) | Err(domain::DomainError::RateLimited { .. }) => {
            leptos_axum::redirect(&crate::paths::account(lang.code(), "check-email?for=reset"));
            Ok(())
        }
        Err(err) => {
            let flash = Flash::of("forgot").with_email(&email);
            request::back_with_error(
                &session,
                flash,
                "form",
                err,
                &crate::paths::account(lang.code(), "forgot-password"),
            )
            .await
        }
    }
}

/// Sets a new password with the token of a reset link.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(
    lang: String,
    token: String,
    password: String,
) -> Result<(), crate::web::error::AppError> {
    let request::FormRequest { lang, session, .. } = request::FormRequest::open(&lang).await?;
    let back_to_form = crate::paths::account(
        lang.code(),
        &format!("reset-password?token={}", token.trim()),
    );
    let flash = Flash::of("reset");
    let password = match domain::types::NewPassword::parse(&password, &[]) {
        Ok(password) => password,
        Err(err) => {
            return request::back_with_error(&session, flash, "password", err, &back_to_form).await;
        }
    };
    match domain::accounts::reset_password(&request::context()?, &token, password).await {
        Ok(_) => {
            // This browser's session ended with the others: start a clean one for the notice.
            request::forget_user(&session).await;
            notice_on_sign_in(&session, "password_reset_notice", lang).await
        }
        Err(err) => request::back_with_error(&session, flash, "token", err, &back_to_form).await,
    }
}

/// Shows the notice `code` on the sign-in page, and goes there.
#[cfg(feature = "ssr")]
async fn notice_on_sign_in(
    session: &tower_sessions::Session,
    code: &str,
    lang: domain::types::Lang,
) -> Result<(), crate::web::error::AppError> {
    let flash = Flash {
        notice: Some(code.to_owned()),
        ..Flash::of("sign_in")
    };
    request::back(
        session,
        flash,
        &crate::paths::account(lang.code(), "sign-in"),
    )
    .await
}
