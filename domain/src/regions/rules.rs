//! The petition threshold of Organic Law 111-14 (art. 119-122): a minimum number of signatures set
//! by the region's population, and a minimum in each prefecture/province (5% of it).

use serde::Serialize;

/// One band of the law's table: regions below `population_below` need `minimum` signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdBand {
    /// Upper bound (exclusive) of the band; `None` for the last band.
    pub population_below: Option<i64>,
    pub minimum: u32,
    pub minimum_per_province: u32,
}

/// The legal bands (defaults; every region may have its own setting).
pub const LEGAL_BANDS: [ThresholdBand; 3] = [
    ThresholdBand {
        population_below: Some(1_000_000),
        minimum: 300,
        minimum_per_province: 15,
    },
    ThresholdBand {
        population_below: Some(3_000_000),
        minimum: 400,
        minimum_per_province: 20,
    },
    ThresholdBand {
        population_below: None,
        minimum: 500,
        minimum_per_province: 25,
    },
];

/// What a citizen petition needs to be deposited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PetitionThreshold {
    /// Signatures in all.
    pub signatures: u32,
    /// Signatures in each prefecture/province of the region.
    pub per_province: u32,
}

/// The law's threshold for a region of `population` inhabitants.
pub fn legal_threshold(population: i64) -> PetitionThreshold {
    let band = LEGAL_BANDS
        .iter()
        .find(|band| band.population_below.is_none_or(|below| population < below))
        .unwrap_or(&LEGAL_BANDS[LEGAL_BANDS.len() - 1]);
    PetitionThreshold {
        signatures: band.minimum,
        per_province: band.minimum_per_province,
    }
}

/// 5% of a threshold, rounded up: the per-province minimum when a region sets its own threshold.
pub fn per_province_share(signatures: u32) -> u32 {
    signatures.div_ceil(20)
}

/// The effective threshold of a region: its own settings where set, else the law's defaults.
pub fn effective_threshold(
    reference_population: i64,
    signatures_setting: Option<i32>,
    per_province_setting: Option<i32>,
) -> PetitionThreshold {
    let legal = legal_threshold(reference_population);
    let signatures = signatures_setting
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(legal.signatures);
    let per_province = per_province_setting
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or_else(|| {
            if signatures_setting.is_some() {
                per_province_share(signatures)
            } else {
                legal.per_province
            }
        });
    PetitionThreshold {
        signatures,
        per_province,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bands_follow_the_law() {
        assert_eq!(legal_threshold(219_965).signatures, 300);
        assert_eq!(legal_threshold(999_999).signatures, 300);
        assert_eq!(legal_threshold(1_000_000).signatures, 400);
        assert_eq!(legal_threshold(2_294_665).signatures, 400);
        assert_eq!(legal_threshold(2_999_999).signatures, 400);
        assert_eq!(legal_threshold(3_000_000).signatures, 500);
        assert_eq!(legal_threshold(3_020_431).signatures, 500);
    }

    #[test]
    fn per_province_minimum_is_five_percent() {
        for band in LEGAL_BANDS {
            assert_eq!(per_province_share(band.minimum), band.minimum_per_province);
        }
        assert_eq!(per_province_share(610), 31);
    }

    #[test]
    fn region_settings_override_the_law() {
        let own = effective_threshold(3_020_431, Some(600), None);
        assert_eq!(
            own,
            PetitionThreshold {
                signatures: 600,
                per_province: 30
            }
        );
        let both = effective_threshold(3_020_431, Some(600), Some(10));
        assert_eq!(both.per_province, 10);
        let legal = effective_threshold(3_020_431, None, None);
        assert_eq!(
            legal,
            PetitionThreshold {
                signatures: 500,
                per_province: 25
            }
        );
    }

    /// The bands written here are the ones of the rules file kept with the seed data.
    #[test]
    fn bands_match_the_rules_file() {
        let rules: serde_json::Value =
            serde_json::from_str(migration_rules()).unwrap_or(serde_json::Value::Null);
        let bands = rules["citizen_petition"]["minimum_signatures_by_population"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(bands.len(), LEGAL_BANDS.len());
        for (json, band) in bands.iter().zip(LEGAL_BANDS) {
            assert_eq!(json["population_below"].as_i64(), band.population_below);
            assert_eq!(json["minimum"].as_u64(), Some(u64::from(band.minimum)));
            assert_eq!(
                json["minimum_per_province"].as_u64(),
                Some(u64::from(band.minimum_per_province))
            );
        }
    }

    fn migration_rules() -> &'static str {
        include_str!("../../../migration/data/petition_rules.json")
    }

    proptest! {
        #[test]
        fn threshold_never_decreases_with_population(a in 0i64..20_000_000, b in 0i64..20_000_000) {
            let (small, large) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(legal_threshold(small).signatures <= legal_threshold(large).signatures);
        }
    }
}
