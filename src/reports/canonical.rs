//! The canonical serialisation of a report's content, and its fingerprint.
//!
//! Canonical JSON here means: object keys sorted by code point, no
//! whitespace between tokens, strings as UTF-8 with only the escapes JSON
//! requires, integers without a decimal point. It is what Python writes with
//! `json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`,
//! so anyone can recompute a fingerprint from the published JSON.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// `value` with every object's keys sorted, written compactly.
pub fn to_canonical(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                write(&map[k.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `sha256:` and the hex SHA-256 of the canonical form of `value`.
pub fn fingerprint(value: &Value) -> String {
    let digest = Sha256::digest(to_canonical(value).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_and_output_compact() {
        let v = json!({"b": [1, 2.5, "ñ\n"], "a": {"z": null, "y": true}});
        assert_eq!(
            to_canonical(&v),
            "{\"a\":{\"y\":true,\"z\":null},\"b\":[1,2.5,\"ñ\\n\"]}"
        );
    }

    #[test]
    fn fingerprint_is_sha256_of_the_canonical_text() {
        // sha256 of the three bytes {}.
        assert_eq!(
            fingerprint(&json!({})),
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
