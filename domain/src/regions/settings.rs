//! A region's petition settings, which a platform admin may change (the councils' own rules
//! disagree in places): the threshold and per-province minimum (blank: the law's, derived from
//! the reference population), the census year of that population, the collection period, the
//! bureau's deadline and the months of the ordinary sessions. Every change is audit-logged.

use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::audit::{self, AuditEvent};
use crate::entities::{region, region_setting};
use crate::roles::Actor;
use crate::{AppContext, DomainError};

/// The settings form as received.
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    /// `2014` or `2024`.
    pub population_year: String,
    /// Blank: the law's band for the population.
    pub signature_threshold: String,
    /// Blank: 5% of the threshold (or the law's).
    pub per_province_minimum: String,
    pub collection_days: String,
    pub bureau_decision_months: String,
    /// E.g. `3,7,10`.
    pub session_months: String,
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionSettings {
    pub population_year: i32,
    pub signature_threshold: Option<i32>,
    pub per_province_minimum: Option<i32>,
    pub collection_days: i32,
    pub bureau_decision_months: i32,
    pub session_months: Vec<u8>,
}

fn invalid(field: &'static str) -> DomainError {
    DomainError::Validation {
        field,
        code: "setting_invalid",
    }
}

fn number(
    field: &'static str,
    text: &str,
    range: std::ops::RangeInclusive<i32>,
) -> Result<i32, DomainError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| invalid(field))
}

impl RegionSettings {
    /// Parses the form; every field at fault is reported.
    pub fn parse(form: &SettingsForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let mut keep = |r: Result<i32, DomainError>| r.map_err(|e| errors.push(e)).ok();
        let population_year = keep(
            number("population_year", &form.population_year, 2014..=2024).and_then(|y| {
                if y == 2014 || y == 2024 {
                    Ok(y)
                } else {
                    Err(invalid("population_year"))
                }
            }),
        );
        let optional = |field, text: &str, range| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                number(field, text, range).map(Some)
            }
        };
        let threshold = optional(
            "signature_threshold",
            &form.signature_threshold,
            1..=1_000_000,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let per_province = optional(
            "per_province_minimum",
            &form.per_province_minimum,
            0..=1_000_000,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let mut keep = |r: Result<i32, DomainError>| r.map_err(|e| errors.push(e)).ok();
        let collection_days = keep(number("collection_days", &form.collection_days, 1..=365));
        let bureau = keep(number(
            "bureau_decision_months",
            &form.bureau_decision_months,
            1..=12,
        ));
        let mut months: Vec<u8> = Vec::new();
        for part in form.session_months.split(',') {
            match part.trim().parse::<u8>() {
                Ok(m) if (1..=12).contains(&m) && !months.contains(&m) => months.push(m),
                _ => {
                    errors.push(invalid("session_months"));
                    break;
                }
            }
        }
        months.sort_unstable();
        if months.is_empty() || months.len() > 6 {
            errors.push(invalid("session_months"));
        }
        if let (Some(Some(t)), Some(Some(p))) = (threshold, per_province)
            && p > t
        {
            errors.push(invalid("per_province_minimum"));
        }
        match (
            population_year,
            threshold,
            per_province,
            collection_days,
            bureau,
        ) {
            (
                Some(population_year),
                Some(signature_threshold),
                Some(per_province_minimum),
                Some(collection_days),
                Some(bureau_decision_months),
            ) if errors.is_empty() => Ok(Self {
                population_year,
                signature_threshold,
                per_province_minimum,
                collection_days,
                bureau_decision_months,
                session_months: months,
            }),
            _ => Err(errors),
        }
    }
}

/// Replaces the settings of region `region_id`. Platform admins only; audit-logged with the
/// settings before and after. Petitions already published keep the rules they were published
/// under.
pub async fn update_region_settings(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
    settings: RegionSettings,
) -> Result<(), DomainError> {
    if !by.is_admin() {
        let target = serde_json::json!({ "region": region_id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "update_region_settings",
            Some(region_id),
            target,
        )
        .await);
    }
    let region = region::Entity::find_by_id(region_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let current = region_setting::Entity::find_by_id(region_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = json!({
        "population_year": current.population_year,
        "signature_threshold": current.signature_threshold,
        "per_province_minimum": current.per_province_minimum,
        "collection_days": current.collection_days,
        "bureau_decision_months": current.bureau_decision_months,
        "session_months": current.session_months,
    });
    let months = settings
        .session_months
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let population = if settings.population_year == 2014 {
        region.population_2014
    } else {
        region.population_2024
    };
    let txn = crate::db::begin_write(&ctx.db).await?;
    let mut row = current.into_active_model();
    row.population_year = Set(settings.population_year);
    row.reference_population = Set(population);
    row.signature_threshold = Set(settings.signature_threshold);
    row.per_province_minimum = Set(settings.per_province_minimum);
    row.collection_days = Set(settings.collection_days);
    row.bureau_decision_months = Set(settings.bureau_decision_months);
    row.session_months = Set(months.clone());
    row.update(&txn).await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "region_settings_changed",
            subject_user_id: None,
            region_id: Some(region_id),
            detail: json!({
                "before": before,
                "after": {
                    "population_year": settings.population_year,
                    "signature_threshold": settings.signature_threshold,
                    "per_province_minimum": settings.per_province_minimum,
                    "collection_days": settings.collection_days,
                    "bureau_decision_months": settings.bureau_decision_months,
                    "session_months": months,
                },
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The threshold and per-province minimum a region set itself (`None`: the law's).
pub async fn stored_overrides(
    ctx: &AppContext,
    slug: &crate::types::RegionSlug,
) -> Result<(Option<i32>, Option<i32>), DomainError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let region = region::Entity::find()
        .filter(region::Column::Slug.eq(slug.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let settings = region_setting::Entity::find_by_id(region.id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((settings.signature_threshold, settings.per_province_minimum))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SettingsForm {
        SettingsForm {
            population_year: "2024".into(),
            signature_threshold: String::new(),
            per_province_minimum: String::new(),
            collection_days: "90".into(),
            bureau_decision_months: "2".into(),
            session_months: "3, 7,10".into(),
        }
    }

    #[test]
    fn blank_thresholds_mean_the_laws() {
        let parsed = RegionSettings::parse(&form()).ok();
        assert_eq!(parsed.as_ref().map(|s| s.signature_threshold), Some(None));
        assert_eq!(parsed.map(|s| s.session_months), Some(vec![3, 7, 10]));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = SettingsForm {
            population_year: "2020".into(),
            signature_threshold: "600".into(),
            per_province_minimum: "700".into(),
            collection_days: "0".into(),
            bureau_decision_months: "x".into(),
            session_months: "3,13".into(),
        };
        let fields: Vec<&str> = RegionSettings::parse(&bad)
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| match e {
                DomainError::Validation { field, .. } => Some(field),
                _ => None,
            })
            .collect();
        assert_eq!(
            fields,
            [
                "population_year",
                "collection_days",
                "bureau_decision_months",
                "session_months",
                "per_province_minimum"
            ]
        );
    }
}
