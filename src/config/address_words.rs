//! The fixed words of addresses in each language: the facets of the
//! indicator listings (`/es/indicadores/nivel/producto/`) and the values of
//! the closed lists that name pages (dimensions, levels, hierarchies, kinds
//! of indicator, scales of cases). The ids stay the same in the content and
//! the open data; only the addresses speak the page's language.
//!
//! Spanish, French and Portuguese have their words here, written without
//! accents like the section names of [`super::Section::default_segment`];
//! every other language keeps the English id.

/// The words of one id: (id, Spanish, French, Portuguese).
const WORDS: &[(&str, &str, &str, &str)] = &[
    // Facets of the indicator listings.
    ("dimension", "dimension", "dimension", "dimensao"),
    ("level", "nivel", "niveau", "nivel"),
    ("hierarchy", "jerarquia", "hierarchie", "hierarquia"),
    ("kind", "tipo", "type", "tipo"),
    // Dimensions (of indicators and of cases).
    (
        "institutional",
        "institucional",
        "institutionnelle",
        "institucional",
    ),
    ("political", "politica", "politique", "politica"),
    ("territorial", "territorial", "territoriale", "territorial"),
    // Levels of the intervention chain.
    ("input", "insumo", "intrant", "insumo"),
    ("process", "proceso", "processus", "processo"),
    ("output", "producto", "produit", "produto"),
    ("outcome", "resultado", "resultat", "resultado"),
    ("impact", "impacto", "impact", "impacto"),
    // Hierarchies.
    ("management", "gestion", "gestion", "gestao"),
    ("strategic", "estrategico", "strategique", "estrategico"),
    // Kinds of indicator.
    (
        "quantitative",
        "cuantitativo",
        "quantitatif",
        "quantitativo",
    ),
    ("qualitative", "cualitativo", "qualitatif", "qualitativo"),
    // Scales of cases.
    ("local", "local", "locale", "local"),
    ("regional", "regional", "regionale", "regional"),
    (
        "international",
        "internacional",
        "internationale",
        "internacional",
    ),
];

/// The facets of the indicator listings, whose words name folders beside
/// the indicators' own pages.
pub(crate) const FACETS: [&str; 4] = ["dimension", "level", "hierarchy", "kind"];

/// The word of `id` in the addresses of `lang` (`es`, `es-MX`…): its
/// translation when the language has one, else `id` itself.
pub(crate) fn address_word<'a>(lang: &str, id: &'a str) -> &'a str {
    let base = lang.split('-').next().unwrap_or(lang);
    let Some(&(_, es, fr, pt)) = WORDS.iter().find(|(i, ..)| *i == id) else {
        return id;
    };
    match base {
        "es" => es,
        "fr" => fr,
        "pt" => pt,
        _ => id,
    }
}

/// Every word a facet of the indicator listings has in some language: an
/// indicator cannot be called so, as its page would share the address.
pub(crate) fn facet_words() -> impl Iterator<Item = &'static str> {
    WORDS
        .iter()
        .filter(|(id, ..)| FACETS.contains(id))
        .flat_map(|&(id, es, fr, pt)| [id, es, fr, pt])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_address_safe_and_distinct_within_each_list() {
        for &(id, es, fr, pt) in WORDS {
            for w in [id, es, fr, pt] {
                assert!(
                    w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                    "{w}"
                );
            }
        }
        // Two values of one facet never share a word in one language.
        let lists: [&[&str]; 5] = [
            &["institutional", "political", "territorial"],
            &["input", "process", "output", "outcome", "impact"],
            &["management", "strategic"],
            &["quantitative", "qualitative"],
            &["local", "regional", "international"],
        ];
        for lang in ["en", "es", "fr", "pt"] {
            for list in lists {
                let words: std::collections::BTreeSet<&str> =
                    list.iter().map(|id| address_word(lang, id)).collect();
                assert_eq!(words.len(), list.len(), "{lang}: {list:?}");
            }
            let facets: std::collections::BTreeSet<&str> =
                FACETS.iter().map(|f| address_word(lang, f)).collect();
            assert_eq!(facets.len(), FACETS.len(), "{lang}");
        }
    }

    #[test]
    fn a_language_without_words_keeps_the_id() {
        assert_eq!(address_word("ar", "level"), "level");
        assert_eq!(address_word("es-MX", "level"), "nivel");
        assert_eq!(address_word("es", "unknown-id"), "unknown-id");
    }
}
