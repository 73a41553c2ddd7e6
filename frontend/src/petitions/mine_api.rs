//! Server functions of "my petitions": the citizen's own petitions, signatures and signer
//! profile.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{MyPetitionsData, NewPetitionData, SignerFields};

/// What the signed-in citizen filed and signed, and their profile; `None` when nobody is signed
/// in (the page then sends them to sign in).
#[server(prefix = "/fn", endpoint = "my_petitions", input = GetUrl)]
pub async fn my_petitions(
    lang: String,
) -> Result<Option<MyPetitionsData>, crate::web::error::AppError> {
    let lang = crate::web::request::lang(&lang);
    let ctx = crate::web::request::context()?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(None);
    };
    let filed = domain::petitions::list_my_petitions(&ctx, user).await?;
    let signed = domain::petitions::views::list_my_signatures(&ctx, user).await?;
    let profile = domain::petitions::profiles::get_signer_profile(&ctx, user).await?;
    let mut provinces = Vec::new();
    let mut profile_province = None;
    for p in domain::regions::list_provinces(&ctx).await? {
        let names = crate::names::Names::from(p.name);
        if profile
            .as_ref()
            .is_some_and(|pr| pr.province_code == p.code)
        {
            profile_province = Some(names.clone());
        }
        provinces.push(super::types::ProvinceCount {
            code: p.code,
            name: names,
            count: 0,
            met: false,
        });
    }
    Ok(Some(MyPetitionsData {
        filed: filed.into_iter().map(super::api::server::item).collect(),
        signed: signed.into_iter().map(super::api::server::item).collect(),
        profile: profile.and_then(|p| {
            profile_province.map(|names| (format!("{} — {}", p.full_name, p.cin_hint), names))
        }),
        provinces,
    }))
}

/// Saves (or replaces) the signer profile, or deletes it (`delete` set).
#[server(prefix = "/fn", endpoint = "save_signer_profile")]
pub async fn save_signer_profile(
    lang: String,
    signer: Option<SignerFields>,
    delete: Option<String>,
) -> Result<(), crate::web::error::AppError> {
    let signer = signer.unwrap_or_default();
    let crate::web::request::FormRequest { lang, session, ctx } =
        crate::web::request::FormRequest::open(&lang).await?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(());
    };
    let mut flash = crate::web::flash::Flash::with_values(
        "profile",
        &[
            ("full_name", &signer.full_name),
            ("province", &signer.province),
            ("basis", &signer.basis),
        ],
    );
    let result = if delete.is_some() {
        domain::petitions::profiles::delete_signer_profile(&ctx, user)
            .await
            .map(|()| "profile_deleted_notice")
            .map_err(|e| vec![e])
    } else {
        // A profile is the signer's fields (the email and news are not read).
        let form = signer.form(lang.code());
        match domain::petitions::profiles::parse_profile(&form) {
            Ok(profile) => domain::petitions::profiles::save_signer_profile(&ctx, user, profile)
                .await
                .map(|()| "profile_saved_notice")
                .map_err(|e| vec![e]),
            Err(errors) => Err(errors),
        }
    };
    match result {
        Ok(notice) => {
            flash.values.clear();
            flash.notice = Some(notice.into());
        }
        Err(errors) => flash.add_errors(errors),
    }
    crate::web::request::back(
        &session,
        flash,
        &crate::paths::account(lang.code(), "petitions"),
    )
    .await
}

/// The edit page of the representative's draft `id` (sent back for changes); `None` when it is
/// not theirs, not a draft, or not in `region`.
#[server(prefix = "/fn", endpoint = "edit_petition_page", input = GetUrl)]
pub async fn edit_petition_page(
    lang: String,
    region: String,
    id: i32,
) -> Result<Option<NewPetitionData>, crate::web::error::AppError> {
    use domain::DomainError;
    use domain::types::PetitionId;
    let lang = crate::web::request::lang(&lang);
    let ctx = crate::web::request::context()?;
    let Some(user) = crate::web::request::require_user(lang) else {
        return Ok(None);
    };
    let draft = match domain::petitions::editing::get_draft(&ctx, user, PetitionId(id)).await {
        Ok(draft) if draft.summary.region_slug == region => draft,
        Ok(_) | Err(DomainError::NotFound | DomainError::Conflict(_)) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let Some((_, detail)) = crate::web::request::find_region(&ctx, &region).await? else {
        return Ok(None);
    };
    let values = draft.form.values();
    Ok(Some(NewPetitionData {
        how_to_guide: None,
        provinces: super::api::server::provinces(&detail),
        region: detail.slug,
        region_name: crate::names::Names::from(detail.name),
        signed_in: true,
        similar: None,
        competences: domain::petitions::COMPETENCES
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        draft: Some(super::types::DraftData {
            id,
            title: draft.summary.title,
            values,
            moderation_note: draft.moderation_note,
            attachments: draft
                .attachments
                .into_iter()
                .map(super::api::server::attachment)
                .collect(),
        }),
    }))
}
