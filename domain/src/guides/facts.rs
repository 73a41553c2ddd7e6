//! A guide's numbers, filled in when it is read. A guide writes `{{threshold}}` where the region's
//! threshold goes; read in a region, it shows that region's current setting; read nationally, it
//! says the number depends on the region. The placeholders:
//!
//! | placeholder | value |
//! |---|---|
//! | `{{region}}` | the region's name |
//! | `{{threshold}}` | signatures a citizen petition needs |
//! | `{{per_province}}` | signatures it needs in each prefecture or province |
//! | `{{provinces}}` | the number of prefectures and provinces |
//! | `{{collection_days}}` | days to collect signatures |
//! | `{{decision_months}}` | months the bureau has to decide on a deposited petition |
//! | `{{sessions}}` | the months of the council's ordinary sessions |
//!
//! Anything else between `{{` and `}}` is left as written.

use crate::AppContext;
use crate::DomainError;
use crate::mail::words;
use crate::regions::{LocalisedName, RegionDetail};
use crate::types::{Lang, RegionSlug};

/// The placeholders a guide may use.
pub const PLACEHOLDERS: [&str; 7] = [
    "region",
    "threshold",
    "per_province",
    "provinces",
    "collection_days",
    "decision_months",
    "sessions",
];

/// What a region's guides say of it, from its current settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionFacts {
    pub name: LocalisedName,
    pub threshold: u32,
    pub per_province: u32,
    pub provinces: usize,
    pub collection_days: u32,
    pub decision_months: u32,
    pub session_months: Vec<u8>,
}

impl From<&RegionDetail> for RegionFacts {
    fn from(region: &RegionDetail) -> Self {
        Self {
            name: region.name.clone(),
            threshold: region.threshold.signatures,
            per_province: region.threshold.per_province,
            provinces: region.provinces.len(),
            collection_days: region.collection_days,
            decision_months: region.bureau_decision_months,
            session_months: region.session_months.clone(),
        }
    }
}

/// The facts of region `slug` now.
pub async fn region_facts(ctx: &AppContext, slug: &RegionSlug) -> Result<RegionFacts, DomainError> {
    let region = crate::regions::get_region(ctx, slug).await?;
    Ok(RegionFacts::from(&region))
}

fn month(lang: Lang, month: u8) -> &'static str {
    let word = match month {
        1 => words::MONTH_1,
        2 => words::MONTH_2,
        3 => words::MONTH_3,
        4 => words::MONTH_4,
        5 => words::MONTH_5,
        6 => words::MONTH_6,
        7 => words::MONTH_7,
        8 => words::MONTH_8,
        9 => words::MONTH_9,
        10 => words::MONTH_10,
        11 => words::MONTH_11,
        _ => words::MONTH_12,
    };
    word.get(lang)
}

/// The value of placeholder `name` in `lang` (`None` for an unknown name).
fn value(name: &str, facts: Option<&RegionFacts>, lang: Lang) -> Option<String> {
    if !PLACEHOLDERS.contains(&name) {
        return None;
    }
    let Some(facts) = facts else {
        return Some(
            if name == "region" {
                words::GUIDE_YOUR_REGION
            } else {
                words::GUIDE_PER_REGION
            }
            .get(lang)
            .to_owned(),
        );
    };
    Some(match name {
        "region" => facts.name.get(lang).to_owned(),
        "threshold" => facts.threshold.to_string(),
        "per_province" => facts.per_province.to_string(),
        "provinces" => facts.provinces.to_string(),
        "collection_days" => facts.collection_days.to_string(),
        "decision_months" => facts.decision_months.to_string(),
        _ => facts
            .session_months
            .iter()
            .map(|m| month(lang, *m))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Ar { "، " } else { ", " }),
    })
}

/// `source` with each placeholder replaced by its value for `facts` (none: read nationally) in
/// `lang`, in one pass (a value is never read for placeholders).
pub fn fill(source: &str, facts: Option<&RegionFacts>, lang: Lang) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let mut rest = source;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let found = after
            .split_once("}}")
            .and_then(|(name, tail)| value(name.trim(), facts, lang).map(|value| (value, tail)));
        match found {
            Some((value, tail)) => {
                out.push_str(&value);
                rest = tail;
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `source` uses any placeholder.
pub fn uses_facts(source: &str) -> bool {
    PLACEHOLDERS
        .iter()
        .any(|name| source.contains(&format!("{{{{{name}}}}}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn souss() -> RegionFacts {
        RegionFacts {
            name: LocalisedName {
                ar: "سوس ماسة".into(),
                zgh: "ⵙⵓⵙ ⵎⴰⵙⵙⴰ".into(),
                fr: "Souss-Massa".into(),
                en: "Souss-Massa".into(),
            },
            threshold: 500,
            per_province: 25,
            provinces: 6,
            collection_days: 90,
            decision_months: 2,
            session_months: vec![3, 7, 10],
        }
    }

    #[test]
    fn a_region_fills_its_numbers_in_each_language() {
        let text = "En {{region}}, {{threshold}} signatures dont {{ per_province }} dans chacune \
                    des {{provinces}} provinces, en {{collection_days}} jours ; sessions : {{sessions}}.";
        assert_eq!(
            fill(text, Some(&souss()), Lang::Fr),
            "En Souss-Massa, 500 signatures dont 25 dans chacune des 6 provinces, en 90 jours ; \
             sessions : mars, juillet, octobre."
        );
        assert!(fill("{{sessions}}", Some(&souss()), Lang::Ar).contains("مارس، يوليوز"));
        assert!(uses_facts(text) && !uses_facts("Aucun chiffre ici."));
    }

    #[test]
    fn read_nationally_the_numbers_depend_on_the_region() {
        assert_eq!(
            fill(
                "Il faut {{threshold}} signatures en {{region}}.",
                None,
                Lang::Fr
            ),
            "Il faut (selon la région) signatures en votre région."
        );
    }

    #[test]
    fn unknown_or_open_braces_stay_as_written() {
        for text in [
            "{{unknown}} et {{",
            "a {{threshold",
            "}} {{ }}",
            "{{{{region}}}}",
        ] {
            let filled = fill(text, Some(&souss()), Lang::En);
            assert!(!filled.is_empty(), "{text}");
        }
        assert_eq!(
            fill("{{unknown}} et {{", None, Lang::En),
            "{{unknown}} et {{"
        );
        assert_eq!(
            fill("{{{{region}}}}", Some(&souss()), Lang::En),
            "{{Souss-Massa}}"
        );
        // A value is not read again for placeholders.
        let mut odd = souss();
        odd.name.en = "{{threshold}}".into();
        assert_eq!(fill("{{region}}", Some(&odd), Lang::En), "{{threshold}}");
    }
}
