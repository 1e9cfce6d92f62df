//! URL slugs: the names of pages in addresses and on disk.
//!
//! A slug becomes a folder name under the output directory, so it is held to
//! a strict alphabet (lowercase ASCII letters, digits, hyphens): nothing in it
//! can climb out of the output directory, clash on a case-insensitive file
//! system or need escaping in a URL.

use crate::diagnostics::Problem;

/// Longest accepted slug, in bytes.
pub const MAX_LEN: usize = 100;

/// What to do about any slug that cannot be used.
const SLUG_HELP: &str = "use only lowercase letters a-z, digits and hyphens, e.g. lima-council";

/// Checks that `s` is a usable slug; the problem says why not (its message
/// reads after "cannot be used: ").
pub fn validate(s: &str) -> Result<(), Problem> {
    let bad = |why: String| Err(Problem::new(why, SLUG_HELP));
    if s.is_empty() {
        return bad("it is empty".into());
    }
    if s.len() > MAX_LEN {
        return bad(format!("it is longer than {MAX_LEN} characters"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        let shown = if c.is_control() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("\"{c}\"")
        };
        return bad(format!(
            "it contains {shown}; only lowercase letters a-z, digits and hyphens are allowed"
        ));
    }
    if s.starts_with('-') || s.ends_with('-') {
        return bad("it starts or ends with a hyphen".into());
    }
    Ok(())
}

/// Turns any text into a slug: accents are dropped, other characters become
/// hyphens (`"Qué se hizo"` → `que-se-hizo`). May return an empty string.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(MAX_LEN);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_slugs() {
        assert!(validate("ciudad-de-mexico").is_ok());
        assert!(validate("2025-s1").is_ok());
    }

    #[test]
    fn rejects_anything_that_could_escape_or_clash() {
        for bad in [
            "..", "a/b", "a\\b", "/etc", "a\0b", "Lima", "a b", "-a", "a:b", "ñu", "",
        ] {
            assert!(validate(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn slugify_drops_accents() {
        assert_eq!(
            slugify("Qué se hizo y quiénes participaron"),
            "que-se-hizo-y-quienes-participaron"
        );
        assert_eq!(slugify("  ¿Por qué?  "), "por-que");
        assert_eq!(slugify("***"), "");
    }
}
