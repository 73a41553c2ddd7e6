//! The regions: the home page's map and list (with a live filter) and the region page.

pub mod api;
pub mod identity;
pub mod map;
mod map_paths;
pub mod pages;
#[cfg(feature = "ssr")]
mod province_paths;
pub mod types;

/// The outlines of region `slug`'s prefectures and provinces (`None`: no such region).
#[cfg(feature = "ssr")]
pub fn province_map(slug: &str) -> Option<types::ProvinceMapData> {
    let (_, view_box, outlines) = province_paths::PROVINCE_MAPS
        .iter()
        .find(|(s, _, _)| *s == slug)?;
    Some(types::ProvinceMapData {
        view_box: (*view_box).to_owned(),
        outlines: outlines
            .iter()
            .map(|(code, d)| ((*code).to_owned(), (*d).to_owned()))
            .collect(),
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::province_map;

    /// Every region's map outlines each of its prefectures and provinces, and no other.
    #[test]
    fn each_region_maps_its_prefectures_and_provinces() {
        let seed: serde_json::Value =
            serde_json::from_str(include_str!("../../../migration/data/regions.json"))
                .unwrap_or_default();
        let regions = seed["regions"].as_array().cloned().unwrap_or_default();
        assert_eq!(regions.len(), 12);
        for region in regions {
            let slug = region["slug"].as_str().unwrap_or_default();
            let map = province_map(slug).unwrap_or_else(|| panic!("no map of {slug}"));
            let mut seeded: Vec<&str> = region["provinces"]
                .as_array()
                .map(|ps| ps.iter().filter_map(|p| p["code"].as_str()).collect())
                .unwrap_or_default();
            let mut mapped: Vec<&str> = map.outlines.iter().map(|(c, _)| c.as_str()).collect();
            seeded.sort_unstable();
            mapped.sort_unstable();
            assert_eq!(mapped, seeded, "{slug}");
            assert!(
                map.outlines
                    .iter()
                    .all(|(_, d)| d.starts_with('M') && d.ends_with('Z'))
            );
        }
        assert!(province_map("atlantis").is_none());
    }
}
