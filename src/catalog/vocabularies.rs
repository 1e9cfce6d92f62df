//! The controlled vocabularies DCAT-AP asks for, as web addresses: media
//! types (IANA), file types and languages (EU Publications Office
//! authorities), the availability of a distribution and the data theme.

/// A kind of file published under `/data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileType {
    /// A CSV table.
    Csv,
    /// A JSON document.
    Json,
    /// A JSON-LD document.
    JsonLd,
    /// A PDF document.
    Pdf,
}

impl FileType {
    /// The file type of `path`, by its extension.
    pub(crate) fn of(path: &str) -> Option<FileType> {
        let ext = path.rsplit_once('.')?.1;
        match ext {
            "csv" => Some(FileType::Csv),
            "json" => Some(FileType::Json),
            "jsonld" => Some(FileType::JsonLd),
            "pdf" => Some(FileType::Pdf),
            _ => None,
        }
    }

    /// The IANA media type (`text/csv`).
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            FileType::Csv => "text/csv",
            FileType::Json => "application/json",
            FileType::JsonLd => "application/ld+json",
            FileType::Pdf => "application/pdf",
        }
    }

    /// The IANA media type as a web address.
    pub(crate) fn media_type_iri(self) -> String {
        format!(
            "http://www.iana.org/assignments/media-types/{}",
            self.media_type()
        )
    }

    /// The file type in the EU file-type authority, as a web address.
    pub(crate) fn format_iri(self) -> String {
        let code = match self {
            FileType::Csv => "CSV",
            FileType::Json => "JSON",
            FileType::JsonLd => "JSON_LD",
            FileType::Pdf => "PDF",
        };
        format!("http://publications.europa.eu/resource/authority/file-type/{code}")
    }
}

/// The EU language authority's address of a site language (`es` →
/// `…/language/SPA`), taken from its ISO 639-1 part (`pt-br` is `POR`).
pub(crate) fn language_iri(code: &str) -> Option<String> {
    let base = code.split('-').next().unwrap_or(code);
    let eu = match base {
        "bg" => "BUL",
        "ca" => "CAT",
        "cs" => "CES",
        "cy" => "CYM",
        "da" => "DAN",
        "de" => "DEU",
        "el" => "ELL",
        "en" => "ENG",
        "es" => "SPA",
        "et" => "EST",
        "eu" => "EUS",
        "fi" => "FIN",
        "fr" => "FRA",
        "ga" => "GLE",
        "gl" => "GLG",
        "hr" => "HRV",
        "hu" => "HUN",
        "is" => "ISL",
        "it" => "ITA",
        "lt" => "LIT",
        "lv" => "LAV",
        "mt" => "MLT",
        "nl" => "NLD",
        "no" | "nb" => "NOR",
        "pl" => "POL",
        "pt" => "POR",
        "ro" => "RON",
        "ru" => "RUS",
        "sk" => "SLK",
        "sl" => "SLV",
        "sv" => "SWE",
        "tr" => "TUR",
        "uk" => "UKR",
        "ar" => "ARA",
        "zh" => "ZHO",
        "ja" => "JPN",
        "ko" => "KOR",
        "qu" => "QUE",
        "gn" => "GRN",
        "ay" => "AYM",
        _ => return None,
    };
    Some(format!(
        "http://publications.europa.eu/resource/authority/language/{eu}"
    ))
}

/// The availability of every file: kept at its address for the long term.
pub(crate) const AVAILABILITY_STABLE: &str = "http://data.europa.eu/r5r/availability/stable";

/// The EU data-theme vocabulary.
pub(crate) const DATA_THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";

/// The data theme of every dataset: government and public sector.
pub(crate) const THEME_GOVERNMENT: &str =
    "http://publications.europa.eu/resource/authority/data-theme/GOVE";

/// The kind of publisher: a local authority (ADMS publisher types).
pub(crate) const PUBLISHER_LOCAL_AUTHORITY: &str =
    "http://purl.org/adms/publishertype/LocalAuthority";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            FileType::of("data/indicators.csv").map(FileType::media_type_iri),
            Some("http://www.iana.org/assignments/media-types/text/csv".into())
        );
        assert_eq!(FileType::of("data/x"), None);
        assert_eq!(
            language_iri("pt-br").as_deref(),
            Some("http://publications.europa.eu/resource/authority/language/POR")
        );
        assert_eq!(language_iri("xx"), None);
    }
}
