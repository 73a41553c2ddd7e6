//! The council a region's emails come from: its name in each language and the contact its
//! officers gave (`identity`), signed under every email about the region's petitions and
//! consultations.

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::DomainError;
use crate::entities::{region, region_identity};
use crate::mail::OutgoingEmail;
use crate::mail::templates;
use crate::mail::words;
use crate::types::Lang;

/// A council as its emails sign: its region's names and its contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Council {
    /// The region's slug (for the links of its emails).
    pub slug: String,
    /// The region's name in the order of [`Lang::ALL`].
    names: [String; 4],
    /// Address, phone, email and opening hours, those given.
    contact: Vec<String>,
}

impl Council {
    /// The lines under an email in `lang`: "Council of …", then the contact.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        let mut lines = vec![words::COUNCIL_OF.fill(lang, &[("region", &self.names[i])])];
        lines.extend(self.contact.iter().cloned());
        lines
    }

    /// `email`, in `lang`, signed by this council.
    pub fn sign(&self, email: OutgoingEmail, lang: Lang) -> OutgoingEmail {
        templates::sign(email, &self.lines(lang))
    }
}

/// The council of region `region_id` (unknown region: `NotFound`).
pub async fn council<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<Council, DomainError> {
    let r = region::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let identity = region_identity::Entity::find_by_id(region_id)
        .one(db)
        .await?;
    let contact = identity
        .map(|i| {
            [Some(i.address), i.phone, i.email, Some(i.hours)]
                .into_iter()
                .flatten()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok(Council {
        slug: r.slug,
        names: [r.name_ar, r.name_zgh, r.name_fr, r.name_en],
        contact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_council_signs_with_its_name_in_the_readers_language_then_its_contact() {
        let council = Council {
            slug: "oriental".into(),
            names: [
                "جهة الشرق".into(),
                "ⵜⴰⵎⵏⴰⴹⵜ ⵏ ⵓⵏⵏⴰⴳ".into(),
                "l'Oriental".into(),
                "the Oriental".into(),
            ],
            contact: vec![
                "Boulevard Mohammed V, Oujda".into(),
                "+212 536 00 00 00".into(),
            ],
        };
        assert_eq!(
            council.lines(Lang::Fr),
            [
                "Conseil de l'Oriental",
                "Boulevard Mohammed V, Oujda",
                "+212 536 00 00 00"
            ]
        );
        assert_eq!(council.lines(Lang::Ar)[0], "مجلس جهة الشرق");
        let email = OutgoingEmail {
            to: "a@example.ma".into(),
            subject: "s".into(),
            text: "t\n".into(),
            html: "<html><body><p>t</p>\n</body></html>\n".into(),
            unsubscribe: None,
        };
        assert!(council.sign(email, Lang::En).text.ends_with(
            "\nCouncil of the Oriental\nBoulevard Mohammed V, Oujda\n+212 536 00 00 00\n"
        ));
    }
}
