//! The licence of a site's content and data, as `site.toml` names it: an
//! SPDX identifier of a common open licence (`CC-BY-4.0`) or the web address
//! of the licence. Open-data portals need the licence as an address, so each
//! identifier here maps to the licence's canonical page.

use crate::diagnostics::Problem;

/// A licence memoria knows by its SPDX identifier.
struct Known {
    /// The SPDX identifier.
    spdx: &'static str,
    /// The licence's short name, as its publisher writes it.
    name: &'static str,
    /// The canonical web address of the licence.
    url: &'static str,
    /// Its kind in the ADMS licence-type vocabulary (attribution, share-alike…).
    kind: Kind,
}

/// Kinds of licence (ADMS licence types), as their address and English label.
type Kind = (&'static str, &'static str);
const ATTRIBUTION: Kind = (
    "http://purl.org/adms/licencetype/Attribution",
    "Attribution",
);
const SHARE_ALIKE: Kind = ("http://purl.org/adms/licencetype/ShareAlike", "Share-alike");
const PUBLIC_DOMAIN: Kind = (
    "http://purl.org/adms/licencetype/PublicDomain",
    "Public domain",
);

const KNOWN: &[Known] = &[
    Known {
        spdx: "CC-BY-4.0",
        name: "CC BY 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
        kind: ATTRIBUTION,
    },
    Known {
        spdx: "CC-BY-SA-4.0",
        name: "CC BY-SA 4.0",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
        kind: SHARE_ALIKE,
    },
    Known {
        spdx: "CC-BY-3.0",
        name: "CC BY 3.0",
        url: "https://creativecommons.org/licenses/by/3.0/",
        kind: ATTRIBUTION,
    },
    Known {
        spdx: "CC-BY-SA-3.0",
        name: "CC BY-SA 3.0",
        url: "https://creativecommons.org/licenses/by-sa/3.0/",
        kind: SHARE_ALIKE,
    },
    Known {
        spdx: "CC0-1.0",
        name: "CC0 1.0",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
        kind: PUBLIC_DOMAIN,
    },
    Known {
        spdx: "ODbL-1.0",
        name: "ODbL 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
        kind: SHARE_ALIKE,
    },
    Known {
        spdx: "ODC-By-1.0",
        name: "ODC-By 1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
        kind: ATTRIBUTION,
    },
    Known {
        spdx: "PDDL-1.0",
        name: "PDDL 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
        kind: PUBLIC_DOMAIN,
    },
    Known {
        spdx: "etalab-2.0",
        name: "Licence Ouverte 2.0",
        url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        kind: ATTRIBUTION,
    },
    Known {
        spdx: "OGL-UK-3.0",
        name: "Open Government Licence 3.0",
        url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        kind: ATTRIBUTION,
    },
    Known {
        spdx: "EUPL-1.2",
        name: "EUPL 1.2",
        url: "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
        kind: SHARE_ALIKE,
    },
];

/// The licence of the site, resolved to its web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    /// The canonical web address of the licence.
    pub url: String,
    /// The licence's short name (`CC BY 4.0`), when it is one memoria knows.
    pub name: Option<&'static str>,
    /// The ADMS licence type (`http://purl.org/adms/licencetype/…`) and its
    /// English label, when the licence is one memoria knows.
    pub kind: Option<(&'static str, &'static str)>,
}

/// Reads the `license` setting: an SPDX identifier (case, spaces and hyphens
/// are forgiven, so `CC BY 4.0` is `CC-BY-4.0`) or an `https://` address.
pub(crate) fn resolve(text: &str) -> Result<Licence, Problem> {
    let text = text.trim();
    let kind_of = |k: &Known| Some(k.kind);
    if text.starts_with("https://") || text.starts_with("http://") {
        if url::Url::parse(text)
            .map(|u| u.host().is_none())
            .unwrap_or(true)
        {
            return Err(Problem::new(
                format!("the licence address \"{text}\" is not a web address"),
                "write the full address of the licence's page, e.g. https://creativecommons.org/licenses/by/4.0/",
            ));
        }
        let known = KNOWN
            .iter()
            .find(|k| k.url.trim_end_matches('/') == text.trim_end_matches('/'));
        return Ok(Licence {
            url: known.map_or_else(|| text.to_string(), |k| k.url.to_string()),
            name: known.map(|k| k.name),
            kind: known.and_then(kind_of),
        });
    }
    let key = |s: &str| s.to_ascii_lowercase().replace([' ', '_'], "-");
    match KNOWN.iter().find(|k| key(k.spdx) == key(text)) {
        Some(k) => Ok(Licence {
            url: k.url.to_string(),
            name: Some(k.name),
            kind: kind_of(k),
        }),
        None => Err(Problem::new(
            format!("the licence \"{text}\" is neither a licence identifier memoria knows nor a web address"),
            format!(
                "write one of {} (SPDX identifiers), or the address of the licence's page starting with https://",
                KNOWN.iter().map(|k| k.spdx).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_addresses() {
        let by = resolve("CC-BY-4.0").unwrap();
        assert_eq!(by.url, "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(by.name, Some("CC BY 4.0"));
        assert_eq!(
            by.kind.map(|k| k.0),
            Some("http://purl.org/adms/licencetype/Attribution")
        );
        assert_eq!(resolve("CC BY 4.0").unwrap(), by);
        assert_eq!(
            resolve("https://creativecommons.org/licenses/by/4.0").unwrap(),
            by
        );
        let other = resolve("https://example.org/licence").unwrap();
        assert_eq!(other.url, "https://example.org/licence");
        assert_eq!(other.kind, None);
        assert_eq!(other.name, None);
        assert!(resolve("Todos los derechos").is_err());
        assert!(resolve("https://").is_err());
    }
}
