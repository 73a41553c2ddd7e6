//! Each council's identity, so that its pages and emails are recognisably its own: a main colour
//! (refused unless white text on it, and it as text on white, meet WCAG AA: 4.5:1), a logo (PNG
//! or JPEG, checked by content, 1 MB at most), its contact (address, email, phone, opening
//! hours), a short presentation per language, and the languages it offers (Arabic and Amazigh
//! always). Written by the region's council officers and the platform admins; audit-logged.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::audit::{self, AuditEvent};
use crate::entities::{region, region_identity};
use crate::roles::Actor;
use crate::text::plain;
use crate::types::{Email, Lang, Phone, RegionSlug, Upload};
use crate::{AppContext, DomainError};

/// The smallest contrast ratio the colour keeps with white (WCAG 2.1 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;
/// Largest logo, in bytes.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// The languages a council may offer besides Arabic and Amazigh.
pub const OPTIONAL_LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

/// An sRGB channel (0–255) as linear light.
fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// The relative luminance of `rgb` (WCAG 2.1).
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A council's main colour: `#rrggbb`, dark enough to carry white text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainColour(String);

impl MainColour {
    /// `colour_invalid` unless `#rrggbb` (or `rrggbb`), `colour_contrast_low` when white text on
    /// it falls below [`MIN_CONTRAST`].
    pub fn parse(typed: &str) -> Result<Self, DomainError> {
        let invalid = |code| DomainError::Validation {
            field: "colour",
            code,
        };
        let hex = typed.trim().trim_start_matches('#').to_ascii_lowercase();
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        let (Some(r), Some(g), Some(b)) = (channel(0), channel(2), channel(4)) else {
            return Err(invalid("colour_invalid"));
        };
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid("colour_invalid"));
        }
        if contrast([r, g, b], [255, 255, 255]) < MIN_CONTRAST {
            return Err(invalid("colour_contrast_low"));
        }
        Ok(Self(format!("#{hex}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A council's logo: a PNG or a JPEG of at most [`MAX_LOGO_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo(Upload);

impl Logo {
    /// Checks the file by its content (`file_empty`, `logo_too_large`, `logo_type_refused`).
    pub fn parse(file_name: &str, data: Vec<u8>) -> Result<Self, DomainError> {
        let invalid = |code| DomainError::Validation {
            field: "logo",
            code,
        };
        if data.len() > MAX_LOGO_BYTES {
            return Err(invalid("logo_too_large"));
        }
        let upload = Upload::parse("logo", file_name, data).map_err(|err| match err {
            DomainError::Validation {
                code: "file_type_refused",
                ..
            } => invalid("logo_type_refused"),
            other => other,
        })?;
        if !matches!(upload.content_type, "image/png" | "image/jpeg") {
            return Err(invalid("logo_type_refused"));
        }
        Ok(Self(upload))
    }
}

/// The identity form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityForm {
    pub colour: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub hours: String,
    /// Per language, in the order of [`Lang::ALL`].
    pub presentation: [String; 4],
    /// The optional languages ticked (`fr`, `en`).
    pub languages: Vec<String>,
}

/// `result`'s value, its error kept in `errors`.
fn keep<T>(errors: &mut Vec<DomainError>, result: Result<T, DomainError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// A council's identity, checked (everything but the logo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub colour: Option<MainColour>,
    pub address: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub hours: String,
    pub presentation: [String; 4],
    pub languages: Vec<Lang>,
}

impl Identity {
    /// Parses `form`; every fault is reported at once.
    pub fn parse(form: &IdentityForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let colour = match form.colour.trim() {
            "" => None,
            typed => keep(&mut errors, MainColour::parse(typed)),
        };
        let email = match form.email.trim() {
            "" => None,
            typed => keep(
                &mut errors,
                Email::parse(typed).map_err(|_| DomainError::Validation {
                    field: "email",
                    code: "invalid_email",
                }),
            ),
        };
        let phone = match form.phone.trim() {
            "" => None,
            typed => keep(&mut errors, Phone::parse("phone", typed)),
        };
        let address = plain(&mut errors, "address", &form.address, (0, 300));
        let hours = plain(&mut errors, "hours", &form.hours, (0, 200));
        let presentation = [0, 1, 2, 3].map(|i| {
            plain(
                &mut errors,
                "presentation",
                &form.presentation[i],
                (0, 1_000),
            )
        });
        let languages: Vec<Lang> = OPTIONAL_LANGS
            .into_iter()
            .filter(|l| form.languages.iter().any(|t| t == l.code()))
            .collect();
        if errors.is_empty() {
            Ok(Self {
                colour,
                address,
                email,
                phone,
                hours,
                presentation,
                languages,
            })
        } else {
            Err(errors)
        }
    }
}

/// A council's identity as its pages and emails show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdentityView {
    pub colour: Option<String>,
    pub has_logo: bool,
    pub address: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub hours: String,
    pub presentation: [String; 4],
    /// Every language offered, Arabic and Amazigh first.
    pub languages: Vec<Lang>,
}

impl IdentityView {
    /// The presentation in `lang` (empty when not written).
    pub fn presentation_in(&self, lang: Lang) -> &str {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.presentation[i]
    }

    /// The form filled with this identity.
    pub fn form(&self) -> IdentityForm {
        IdentityForm {
            colour: self.colour.clone().unwrap_or_default(),
            address: self.address.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            hours: self.hours.clone(),
            presentation: self.presentation.clone(),
            languages: self
                .languages
                .iter()
                .filter(|l| OPTIONAL_LANGS.contains(l))
                .map(|l| l.code().to_owned())
                .collect(),
        }
    }
}

fn view(row: Option<region_identity::Model>) -> IdentityView {
    let Some(row) = row else {
        return IdentityView {
            languages: vec![Lang::Ar, Lang::Zgh],
            ..IdentityView::default()
        };
    };
    let mut languages = vec![Lang::Ar, Lang::Zgh];
    languages.extend(row.languages.split(',').filter_map(Lang::parse));
    IdentityView {
        colour: row.colour,
        has_logo: row.logo.is_some(),
        address: row.address,
        email: row.email,
        phone: row.phone,
        hours: row.hours,
        presentation: [
            row.presentation_ar,
            row.presentation_zgh,
            row.presentation_fr,
            row.presentation_en,
        ],
        languages,
    }
}

async fn region_of(ctx: &AppContext, slug: &RegionSlug) -> Result<region::Model, DomainError> {
    region::Entity::find()
        .filter(region::Column::Slug.eq(slug.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The identity of region `slug` (public).
pub async fn region_identity(
    ctx: &AppContext,
    slug: &RegionSlug,
) -> Result<IdentityView, DomainError> {
    let found = region_of(ctx, slug).await?;
    Ok(view(
        region_identity::Entity::find_by_id(found.id)
            .one(&ctx.db)
            .await?,
    ))
}

/// The identity of region `slug` for its form: its council officers and the platform admins
/// only (others: `Forbidden`, logged).
pub async fn identity_form(
    ctx: &AppContext,
    by: &Actor,
    slug: &RegionSlug,
) -> Result<IdentityView, DomainError> {
    let found = writable(ctx, by, slug, "edit_identity").await?;
    Ok(view(
        region_identity::Entity::find_by_id(found.id)
            .one(&ctx.db)
            .await?,
    ))
}

/// Whether `by` sets the identity of `region_id`: its council officers and the platform admins.
pub fn may_set_identity(by: &Actor, region_id: i32) -> bool {
    by.is_admin() || by.is_officer_of(region_id)
}

/// The region of `slug` once `by` is known to set its identity (refusals logged).
async fn writable(
    ctx: &AppContext,
    by: &Actor,
    slug: &RegionSlug,
    operation: &'static str,
) -> Result<region::Model, DomainError> {
    let found = region_of(ctx, slug).await?;
    if !may_set_identity(by, found.id) {
        let target = serde_json::json!({ "region": found.id });
        return Err(audit::denied(ctx, by.user.0, operation, Some(found.id), target).await);
    }
    Ok(found)
}

/// The stored row of `region_id`, or a new empty one.
async fn row_of(
    ctx: &AppContext,
    region_id: i32,
) -> Result<(region_identity::ActiveModel, bool), DomainError> {
    Ok(
        match region_identity::Entity::find_by_id(region_id)
            .one(&ctx.db)
            .await?
        {
            Some(row) => (row.into(), true),
            None => (
                region_identity::ActiveModel {
                    region_id: Set(region_id),
                    colour: Set(None),
                    address: Set(String::new()),
                    email: Set(None),
                    phone: Set(None),
                    hours: Set(String::new()),
                    presentation_ar: Set(String::new()),
                    presentation_zgh: Set(String::new()),
                    presentation_fr: Set(String::new()),
                    presentation_en: Set(String::new()),
                    languages: Set(String::new()),
                    logo: Set(None),
                    logo_type: Set(None),
                    updated_by: Set(None),
                    updated_at: Set(ctx.clock.now()),
                },
                false,
            ),
        },
    )
}

async fn save(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
    mut row: region_identity::ActiveModel,
    exists: bool,
    what: &'static str,
) -> Result<(), DomainError> {
    row.updated_by = Set(Some(by.user.0));
    row.updated_at = Set(ctx.clock.now());
    let txn = crate::db::begin_write(&ctx.db).await?;
    if exists {
        row.update(&txn).await?;
    } else {
        row.insert(&txn)
            .await
            .map_err(|e| crate::db::conflict_on_unique(e, "identity_changed"))?;
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "region_identity_changed",
            subject_user_id: None,
            region_id: Some(region_id),
            detail: serde_json::json!({ "item": what }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the identity of region `slug` (its logo aside).
pub async fn set_identity(
    ctx: &AppContext,
    by: &Actor,
    slug: &RegionSlug,
    identity: Identity,
) -> Result<(), DomainError> {
    let found = writable(ctx, by, slug, "set_identity").await?;
    let (mut row, exists) = row_of(ctx, found.id).await?;
    let [ar, zgh, fr, en] = identity.presentation;
    row.colour = Set(identity.colour.map(|c| c.0));
    row.address = Set(identity.address);
    row.email = Set(identity.email.map(|e| e.as_str().to_owned()));
    row.phone = Set(identity.phone.map(Phone::into_string));
    row.hours = Set(identity.hours);
    row.presentation_ar = Set(ar);
    row.presentation_zgh = Set(zgh);
    row.presentation_fr = Set(fr);
    row.presentation_en = Set(en);
    row.languages = Set(identity
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(","));
    save(ctx, by, found.id, row, exists, "identity").await
}

/// Sets (or, with `None`, removes) the logo of region `slug`.
pub async fn set_logo(
    ctx: &AppContext,
    by: &Actor,
    slug: &RegionSlug,
    logo: Option<Logo>,
) -> Result<(), DomainError> {
    let found = writable(ctx, by, slug, "set_logo").await?;
    let (mut row, exists) = row_of(ctx, found.id).await?;
    row.logo_type = Set(logo.as_ref().map(|l| l.0.content_type.to_owned()));
    row.logo = Set(logo.map(|l| l.0.data));
    save(ctx, by, found.id, row, exists, "logo").await
}

/// The logo of region `slug` and its type (`NotFound` when it has none).
pub async fn region_logo(
    ctx: &AppContext,
    slug: &RegionSlug,
) -> Result<(Vec<u8>, String), DomainError> {
    let found = region_of(ctx, slug).await?;
    let row = region_identity::Entity::find_by_id(found.id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    match (row.logo, row.logo_type) {
        (Some(data), Some(kind)) => Ok((data, kind)),
        _ => Err(DomainError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_must_carry_white_text() {
        // The platform's own green, and a Moroccan red, pass; a pale yellow does not.
        assert_eq!(
            MainColour::parse("#0B5D3B").map(|c| c.0).ok().as_deref(),
            Some("#0b5d3b")
        );
        assert!(MainColour::parse("c1272d").is_ok());
        let code = |typed: &str| MainColour::parse(typed).err().map(|e| e.code());
        assert_eq!(code("#ffd700"), Some("colour_contrast_low"));
        assert_eq!(
            code("#777777"),
            Some("colour_contrast_low"),
            "4.48:1 is not enough"
        );
        assert_eq!(code("#767676"), None, "4.54:1 is");
        for bad in [
            "",
            "#12345",
            "#1234567",
            "red",
            "#gg0000",
            "#١٢٣٤٥٦",
            "#+f+f+f",
        ] {
            assert_eq!(code(bad), Some("colour_invalid"), "{bad}");
        }
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn an_identity_is_checked_field_by_field() {
        let form = IdentityForm {
            colour: "#ffff00".into(),
            email: "pas une adresse".into(),
            phone: "=1+1".into(),
            hours: "x".repeat(201),
            languages: vec!["fr".into(), "de".into()],
            ..IdentityForm::default()
        };
        let codes: Vec<&str> = Identity::parse(&form)
            .err()
            .unwrap_or_default()
            .iter()
            .map(DomainError::code)
            .collect();
        assert_eq!(
            codes,
            [
                "colour_contrast_low",
                "invalid_email",
                "phone_invalid",
                "text_too_long"
            ]
        );
        let good = IdentityForm {
            colour: "#0b5d3b".into(),
            address: "Avenue Hassan II, Agadir".into(),
            email: "contact@souss-massa.ma".into(),
            phone: "+212 528 22 33 44".into(),
            hours: "Du lundi au vendredi, 8 h 30 – 16 h 30".into(),
            languages: vec!["fr".into(), "de".into()],
            ..IdentityForm::default()
        };
        let parsed = Identity::parse(&good).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            parsed.languages,
            [Lang::Fr],
            "only French and English are optional"
        );
    }

    #[test]
    fn a_logo_is_a_small_png_or_jpeg() {
        const PNG: &[u8] =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
        assert!(Logo::parse("logo.png", PNG.to_vec()).is_ok());
        let code = |name: &str, data: Vec<u8>| Logo::parse(name, data).err().map(|e| e.code());
        assert_eq!(
            code("logo.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()),
            Some("logo_type_refused")
        );
        assert_eq!(
            code("logo.png", b"<svg onload=alert(1)>".to_vec()),
            Some("logo_type_refused")
        );
        let mut big = PNG.to_vec();
        big.resize(MAX_LOGO_BYTES + 1, 0);
        assert_eq!(code("logo.png", big), Some("logo_too_large"));
    }
}
