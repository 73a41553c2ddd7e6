//! Every address of the site, built in one place: pages, server-function redirects and links
//! compile the same functions on the server and in the browser. `lang` is a language code
//! (`ar`, `zgh`, `fr`, `en`); a region is its slug; ids are numbers.

use std::fmt::Display;

/// `/{lang}`: the home page.
pub fn home(lang: &str) -> String {
    format!("/{lang}")
}

/// A page of the account: `""` (my account), `"sign-in"`, `"register"`, `"petitions"`, …
pub fn account(lang: &str, page: &str) -> String {
    if page.is_empty() {
        format!("/{lang}/account")
    } else {
        format!("/{lang}/account/{page}")
    }
}

/// The platform administration, or one region's settings.
pub fn admin(lang: &str, region: Option<&str>) -> String {
    match region {
        Some(region) => format!("/{lang}/admin/regions/{region}"),
        None => format!("/{lang}/admin"),
    }
}

/// The platform admins' account search.
pub fn admin_users(lang: &str) -> String {
    format!("/{lang}/admin/users")
}

/// The platform admins' view of the outbox.
pub fn admin_outbox(lang: &str) -> String {
    format!("/{lang}/admin/outbox")
}

/// The guides library (`region`: a region's list), or one of its pages (`"new"`).
pub fn guides(lang: &str, region: Option<&str>, page: &str) -> String {
    let base = match region {
        Some(region) => format!("/{lang}/r/{region}/guides"),
        None => format!("/{lang}/guides"),
    };
    if page.is_empty() {
        base
    } else {
        format!("{base}/{page}")
    }
}

/// Guide `id`'s page (read in `region`), or one of its pages (`"edit"`, `"history"`).
pub fn guide(lang: &str, region: Option<&str>, id: i32, page: &str) -> String {
    let base = format!("{}/{id}", guides(lang, region, ""));
    if page.is_empty() {
        base
    } else {
        format!("{base}/{page}")
    }
}

/// Region `region`'s logo.
pub fn region_logo(region: &str) -> String {
    format!("/files/regions/{region}/logo")
}

/// A guide's document (PDF).
pub fn guide_document(guide: i32, document: i32) -> String {
    format!("/files/guides/{guide}/documents/{document}")
}

/// The unsubscribe page.
pub fn unsubscribe(lang: &str) -> String {
    format!("/{lang}/unsubscribe")
}

/// A region's page, or one of its pages (`"petitions"`, `"consultations/new"`, `"moderation"`…).
pub fn region(lang: &str, region: &str, page: &str) -> String {
    if page.is_empty() {
        format!("/{lang}/r/{region}")
    } else {
        format!("/{lang}/r/{region}/{page}")
    }
}

/// Petition `id`'s page, or one of its pages (`"edit"`, `"signatories"`).
pub fn petition(lang: &str, region: &str, id: impl Display, page: &str) -> String {
    let base = format!("/{lang}/r/{region}/petitions/{id}");
    if page.is_empty() {
        base
    } else {
        format!("{base}/{page}")
    }
}

/// Consultation `id`'s page, or one of its pages (`"results"`, `"manage"`, `"review"`,
/// `"proposals/7"`).
pub fn consultation(lang: &str, region: &str, id: impl Display, page: &str) -> String {
    let base = format!("/{lang}/r/{region}/consultations/{id}");
    if page.is_empty() {
        base
    } else {
        format!("{base}/{page}")
    }
}

/// A file attached to petition `petition`.
pub fn petition_file(petition: impl Display, file: impl Display) -> String {
    format!("/files/petitions/{petition}/{file}")
}

/// The signatories of petition `petition` as CSV.
pub fn signatories_csv(petition: impl Display) -> String {
    format!("/files/petitions/{petition}/signatories.csv")
}

/// A document of consultation `consultation`.
pub fn consultation_document(consultation: impl Display, document: impl Display) -> String {
    format!("/files/consultations/{consultation}/documents/{document}")
}

/// The results of consultation `consultation` as files (`.csv`, `.ods` after it).
pub fn consultation_results(consultation: impl Display) -> String {
    format!("/files/consultations/{consultation}/results")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_the_routes() {
        assert_eq!(home("fr"), "/fr");
        assert_eq!(account("ar", ""), "/ar/account");
        assert_eq!(account("ar", "sign-in"), "/ar/account/sign-in");
        assert_eq!(admin("en", Some("oriental")), "/en/admin/regions/oriental");
        assert_eq!(region("fr", "fes-meknes", ""), "/fr/r/fes-meknes");
        assert_eq!(
            region("fr", "fes-meknes", "petitions"),
            "/fr/r/fes-meknes/petitions"
        );
        assert_eq!(
            petition("zgh", "oriental", 7, "edit"),
            "/zgh/r/oriental/petitions/7/edit"
        );
        assert_eq!(
            consultation("en", "oriental", 3, "proposals/9"),
            "/en/r/oriental/consultations/3/proposals/9"
        );
        assert_eq!(signatories_csv(7), "/files/petitions/7/signatories.csv");
    }
}
