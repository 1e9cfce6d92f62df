//! Interim: replaced by the generated configuration at merge.
//!
//! A minimal Decap CMS `config.yml` (one collection: the good practices) so
//! that the editor served at `/admin/` can be used and tested before the
//! configuration generated from the content model arrives.

use serde::Serialize;

use crate::site::Site;

/// Decap CMS's `config.yml` for `site`. With `local_backend_url` (the
/// address of `memoria serve`'s local-backend API) the editor reads and
/// writes the site's files through `serve`.
pub(crate) fn config_yml(site: &Site, local_backend_url: Option<&str>) -> String {
    let languages = &site.config.languages;
    let backend = match local_backend_url {
        Some(url) => Backend {
            name: "proxy",
            proxy_url: Some(url.to_string()),
            branch: None,
        },
        None => Backend {
            name: "git-gateway",
            proxy_url: None,
            branch: Some("main"),
        },
    };
    let config = Config {
        backend,
        local_backend: local_backend_url.map(|url| LocalBackend {
            url: url.to_string(),
            allowed_hosts: vec!["127.0.0.1", "localhost", "[::1]"],
        }),
        media_folder: "static/img",
        public_folder: "/img",
        i18n: I18n {
            structure: "multiple_files",
            locales: languages.clone(),
            default_locale: languages[0].clone(),
        },
        collections: vec![Collection {
            name: "cases",
            label: "Good practices",
            folder: "content/cases",
            create: true,
            extension: "md",
            format: "frontmatter",
            i18n: true,
            fields: vec![
                Field::new("title", "Title", "string", true),
                Field {
                    date_format: Some("YYYY-MM-DD"),
                    format: Some("YYYY-MM-DD"),
                    time_format: Some(false),
                    ..Field::new("date", "Date", "datetime", false)
                },
                Field::new("summary", "Summary", "text", true),
                Field::new("body", "Text", "markdown", true),
            ],
        }],
    };
    serde_yaml::to_string(&config).unwrap_or_default()
}

#[derive(Serialize)]
struct Config {
    backend: Backend,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_backend: Option<LocalBackend>,
    media_folder: &'static str,
    public_folder: &'static str,
    i18n: I18n,
    collections: Vec<Collection>,
}

#[derive(Serialize)]
struct Backend {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    branch: Option<&'static str>,
}

#[derive(Serialize)]
struct LocalBackend {
    url: String,
    allowed_hosts: Vec<&'static str>,
}

#[derive(Serialize)]
struct I18n {
    structure: &'static str,
    locales: Vec<String>,
    default_locale: String,
}

#[derive(Serialize)]
struct Collection {
    name: &'static str,
    label: &'static str,
    folder: &'static str,
    create: bool,
    extension: &'static str,
    format: &'static str,
    i18n: bool,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    label: &'static str,
    widget: &'static str,
    /// `true`: each language has its own value; `duplicate`: the same in all.
    i18n: serde_yaml::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_format: Option<bool>,
}

impl Field {
    fn new(
        name: &'static str,
        label: &'static str,
        widget: &'static str,
        translated: bool,
    ) -> Field {
        Field {
            name,
            label,
            widget,
            i18n: if translated {
                serde_yaml::Value::Bool(true)
            } else {
                serde_yaml::Value::String("duplicate".into())
            },
            date_format: None,
            format: None,
            time_format: None,
        }
    }
}
