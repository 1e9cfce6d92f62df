//! The configuration of the browser editor (Decap CMS, `config.yml`),
//! written from the same field tables that validate the content
//! (`crate::content::types::TYPES`): adding a field to a content type adds it
//! to the editor, with the widget its kind calls for and the `required` flag
//! the loader applies.
//!
//! Markdown content (cases, pages, reports) is edited side by side in every
//! site language (`<slug>.<lang>.md`, Decap's `multiple_files`); the texts per
//! language of the YAML files are one input per site language. Labels and the
//! names in lists come from the theme's words in the site's default language.

use std::path::Path;

use serde::Serialize;

use crate::config::{EditorSettings, GitHost, DEFAULT_BRANCH};
use crate::content::types::{ContentType, Layout, TYPES};
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::site::{LoadOptions, Site};
use crate::yaml::model::{Field, Kind, Need, Target};

/// The languages Decap CMS 3 has its interface in (its `locale` setting).
const EDITOR_LOCALES: &[&str] = &[
    "bg", "ca", "cs", "da", "de", "en", "es", "fa", "fr", "gr", "he", "hr", "hu", "it", "ja", "ko",
    "lt", "mk", "nb_no", "nl", "nn_no", "pl", "pt", "ro", "ru", "sk", "sl", "sr_Cyrl", "sv", "th",
    "tr", "ua", "uk", "vi", "zh_Hans", "zh_Hant",
];

/// The editor's interface language for the site language `lang` (a code
/// such as `es`, `pt-BR`, `nb`, `zh-Hant`): Decap's own, else English.
fn editor_locale(lang: &str) -> &'static str {
    let lower = lang.to_ascii_lowercase().replace('_', "-");
    let wanted = match lower.as_str() {
        "nb" | "no" => "nb_no",
        "nn" => "nn_no",
        "el" => "gr",
        "sr" => "sr_Cyrl",
        "zh-hant" | "zh-tw" | "zh-hk" => "zh_Hant",
        l if l == "zh" || l.starts_with("zh-") => "zh_Hans",
        l => l.split('-').next().unwrap_or(l),
    };
    EDITOR_LOCALES
        .iter()
        .find(|l| **l == wanted)
        .copied()
        .unwrap_or("en")
}

/// Where images and files uploaded in the editor are kept (the site's
/// `static/` folder is copied to the output) and their address on the site.
const MEDIA_FOLDER: &str = "static/media";
const PUBLIC_FOLDER: &str = "/media";

/// The whole `config.yml`.
#[derive(Debug, Serialize)]
pub(crate) struct Config {
    backend: Backend,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_backend: Option<LocalBackend>,
    media_folder: &'static str,
    public_folder: &'static str,
    locale: String,
    i18n: I18n,
    collections: Vec<Collection>,
}

/// Decap's `backend`: where the editor reads and saves. Through `serve`
/// the local backend takes its place (Decap then ignores it).
#[derive(Debug, Serialize)]
struct Backend {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    branch: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_root: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<String>,
}

impl Backend {
    /// The backend of `[editor]`; without it, Decap's `git-gateway` on
    /// `main` (only ever used behind the local backend of `serve`).
    fn of(settings: Option<&EditorSettings>) -> Backend {
        let Some(s) = settings else {
            return Backend {
                name: "git-gateway",
                repo: None,
                branch: DEFAULT_BRANCH.to_string(),
                base_url: None,
                auth_endpoint: None,
                api_root: None,
                auth_type: None,
                app_id: None,
            };
        };
        let gitlab = s.backend == GitHost::Gitlab;
        Backend {
            name: s.backend.name(),
            repo: Some(s.repo.clone()),
            branch: s.branch.clone(),
            base_url: s.base_url.clone(),
            // A GitLab of one's own: its API and its sign-in page are on
            // base_url (Decap needs the three together).
            auth_endpoint: s.auth_endpoint.clone().or_else(|| {
                (gitlab && s.base_url.is_some()).then(|| "oauth/authorize".to_string())
            }),
            api_root: s
                .base_url
                .as_ref()
                .filter(|_| gitlab)
                .map(|url| format!("{url}/api/v4")),
            // Sign-in in the browser, with no server: GitLab's PKCE flow.
            auth_type: s.app_id.as_ref().map(|_| "pkce"),
            app_id: s.app_id.clone(),
        }
    }
}

/// Decap's `local_backend`: the API's address, and the host names of the
/// page on which Decap may use it (it knows only `localhost` and
/// `127.0.0.1` by itself; `[::1]` is the third address `serve` answers on).
#[derive(Debug, Serialize)]
struct LocalBackend {
    url: String,
    allowed_hosts: [&'static str; 3],
}

/// The host names (as a browser's `location.hostname` writes them) of the
/// loopback addresses the editor's page is served on.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

#[derive(Debug, Serialize)]
struct I18n {
    structure: &'static str,
    locales: Vec<String>,
    default_locale: String,
}

/// One collection: a folder of files of one content type, or listed files.
#[derive(Debug, Serialize)]
pub(crate) struct Collection {
    name: &'static str,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    create: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier_field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    i18n: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<Widget>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<Vec<FileEntry>>,
}

/// One file of a `files` collection.
#[derive(Debug, Serialize)]
struct FileEntry {
    name: &'static str,
    label: String,
    file: String,
    fields: Vec<Widget>,
}

/// Whether a field of a translated collection is written per language.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
enum Translation {
    /// `true`: each language has its own value.
    Translated(bool),
    /// `duplicate`: the value of the default language, copied to the others.
    Same(&'static str),
}

/// One field of the editor with its widget.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Widget {
    name: String,
    label: String,
    widget: &'static str,
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    i18n: Option<Translation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<[&'static str; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<Choice>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiple: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    collection: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    search_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_format: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    picker_utc: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<Box<Widget>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<Widget>>,
}

/// One option of a select: what is shown and what is written.
#[derive(Debug, Clone, Serialize)]
struct Choice {
    label: String,
    value: ChoiceValue,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum ChoiceValue {
    Text(String),
    Number(u8),
}

/// A dimension of breakdown as the editor offers it: id, label, and its
/// values (id, label).
type BreakdownChoice = (String, String, Vec<(String, String)>);

/// What the configuration is made from: the site's languages, the theme's
/// words in the default language and the vocabulary's themes.
pub(crate) struct Context<'a> {
    languages: &'a [String],
    default: &'a str,
    words: &'a Strings,
    word_of: &'a dyn Fn(&str, &str) -> String,
    themes: Vec<(String, String)>,
    /// The dimensions of breakdown the site's indicators declare: id, label
    /// and values (id, label), each dimension once, in id order.
    breakdowns: Vec<BreakdownChoice>,
    /// `[editor]` of `site.toml`, if any.
    editor: Option<&'a EditorSettings>,
}

impl Context<'_> {
    /// The theme's word `key` in the default language, or `fallback`.
    fn word(&self, key: &str, fallback: &str) -> String {
        match self.words.map.get(key) {
            Some(w) if !key.is_empty() => w.clone(),
            _ => fallback.to_string(),
        }
    }
}

/// The Decap CMS `config.yml` of `site`. With `local_backend_url`, the
/// editor works on the files of this computer through memoria's local
/// backend at that address.
pub(crate) fn config_yml(site: &Site, local_backend_url: Option<&str>) -> String {
    let default = site.config.default_language().to_string();
    let i18n = &site.theme.i18n;
    let word_of = |lang: &str, key: &str| i18n.strings(lang).get(key).to_string();
    let themes = site
        .content
        .vocabulary
        .themes
        .iter()
        .map(|(id, term)| {
            let label = term
                .label
                .get(&default, &site.config.languages)
                .unwrap_or(id)
                .to_string();
            (id.clone(), label)
        })
        .collect();
    let label = |t: &crate::yaml::LangText, id: &str| {
        t.get(&default, &site.config.languages)
            .unwrap_or(id)
            .to_string()
    };
    let mut breakdowns: Vec<BreakdownChoice> = Vec::new();
    for b in site.content.indicators.values().flat_map(|i| &i.breakdowns) {
        let values = b
            .values
            .iter()
            .map(|v| (v.id.clone(), label(&v.label, &v.id)));
        match breakdowns.iter_mut().find(|(id, _, _)| *id == b.id) {
            Some((_, _, known)) => {
                for v in values {
                    if !known.iter().any(|(id, _)| *id == v.0) {
                        known.push(v);
                    }
                }
            }
            None => breakdowns.push((b.id.clone(), label(&b.label, &b.id), values.collect())),
        }
    }
    breakdowns.sort();
    let context = Context {
        languages: &site.config.languages,
        default: &default,
        words: i18n.strings(&default),
        word_of: &word_of,
        themes,
        breakdowns,
        editor: site.config.editor.as_ref(),
    };
    to_text(&config(&context, TYPES, local_backend_url))
}

/// The `config.yml` of the site in `root` (loaded as `build` loads it, with
/// drafts), or the problems that prevent loading it.
pub fn site_editor_config(
    root: &Path,
    local_backend_url: Option<&str>,
) -> Result<String, Diagnostics> {
    let options = LoadOptions {
        drafts: true,
        ..LoadOptions::default()
    };
    match crate::site::load(root, &options) {
        (Some(site), _) => Ok(config_yml(&site, local_backend_url)),
        (None, diagnostics) => Err(diagnostics),
    }
}

fn to_text(config: &Config) -> String {
    let body = serde_yaml::to_string(config).unwrap_or_default();
    format!("# Written by memoria from its content model; do not edit.\n{body}")
}

/// The configuration for `types`.
pub(crate) fn config(
    context: &Context<'_>,
    types: &[ContentType],
    local_backend_url: Option<&str>,
) -> Config {
    Config {
        backend: Backend::of(context.editor),
        local_backend: local_backend_url.map(|url| LocalBackend {
            url: url.to_string(),
            allowed_hosts: LOOPBACK_HOSTS,
        }),
        media_folder: MEDIA_FOLDER,
        public_folder: PUBLIC_FOLDER,
        locale: editor_locale(context.default).to_string(),
        i18n: I18n {
            structure: "multiple_files",
            locales: context.languages.to_vec(),
            default_locale: context.default.to_string(),
        },
        collections: types.iter().map(|t| collection(context, t)).collect(),
    }
}

/// The collection of content type `t`.
fn collection(context: &Context<'_>, t: &ContentType) -> Collection {
    let fields: Vec<&Field> = t.tables.iter().flat_map(|f| f.iter()).collect();
    let label = context.word(t.words, &humanised(t.name));
    let translated = t.layout == Layout::Markdown;
    let mut widgets: Vec<Widget> = fields
        .iter()
        .map(|f| field_widget(context, f, translated))
        .collect();
    let first_text = fields
        .iter()
        .find(|f| matches!(f.kind, Kind::Line | Kind::Texts(_)))
        .map(|f| match f.kind {
            Kind::Texts(_) => format!("{}.{}", f.name, context.default),
            _ => f.name.to_string(),
        })
        .unwrap_or_else(|| "title".into());
    match t.layout {
        Layout::Markdown => {
            widgets.push(body(context, t));
            Collection {
                name: t.name,
                label,
                folder: Some(t.path()),
                extension: Some("md"),
                format: Some("frontmatter"),
                // A report's file is named by its semester, which Decap
                // cannot make from the fields: new reports start as files.
                create: Some(t.name != "reports"),
                identifier_field: Some(first_text.clone()),
                slug: Some("{{slug}}"),
                summary: Some(format!("{{{{{first_text}}}}}")),
                i18n: Some(true),
                fields: Some(widgets),
                files: None,
            }
        }
        Layout::Data => Collection {
            name: t.name,
            label,
            folder: Some(t.path()),
            extension: Some("yaml"),
            format: Some("yml"),
            create: Some(true),
            identifier_field: Some(first_text.clone()),
            slug: Some("{{slug}}"),
            summary: Some(format!("{{{{{first_text}}}}}")),
            i18n: None,
            fields: Some(widgets),
            files: None,
        },
        Layout::Single => Collection {
            name: t.name,
            label: label.clone(),
            folder: None,
            extension: None,
            format: None,
            create: None,
            identifier_field: None,
            slug: None,
            summary: None,
            i18n: None,
            fields: None,
            files: Some(vec![FileEntry {
                name: t.name,
                label,
                file: t.path(),
                fields: widgets,
            }]),
        },
    }
}

/// The Markdown text of a file; a new case starts with the headings of the
/// capitalization fiche.
fn body(context: &Context<'_>, t: &ContentType) -> Widget {
    let default = (t.name == "cases").then(|| {
        crate::scaffold::FICHE_SECTIONS
            .iter()
            .map(|key| format!("## {}\n\n", context.word(key, key)))
            .collect::<String>()
    });
    // Decap gives a field one default for every language: the other
    // languages start with the default language's headings, and the hint
    // gives them in each language.
    let hint = (t.name == "cases").then(|| {
        let mut hint = String::from(
            "The text. A new practice starts with the sections of the capitalization fiche",
        );
        for lang in context.languages.iter().filter(|l| *l != context.default) {
            let headings: Vec<String> = crate::scaffold::FICHE_SECTIONS
                .iter()
                .map(|key| (context.word_of)(lang, key))
                .collect();
            hint.push_str(&format!("; in {lang}: {}", headings.join(" · ")));
        }
        hint.push('.');
        hint
    });
    Widget {
        name: "body".into(),
        label: context.word("", "Text"),
        widget: "markdown",
        required: false,
        i18n: Some(Translation::Translated(true)),
        hint,
        default,
        ..Widget::default()
    }
}

/// Whether a field of kind `kind` is written the same in every language
/// (ids, dates, codes, numbers) rather than translated (texts).
fn same_in_every_language(kind: &Kind) -> bool {
    match kind {
        Kind::Line | Kind::Paragraph | Kind::Slug | Kind::Bool | Kind::Texts(_) | Kind::Name => {
            false
        }
        Kind::List(inner) => same_in_every_language(inner),
        Kind::Object(fields) => fields.iter().all(|f| same_in_every_language(&f.kind)),
        _ => true,
    }
}

/// The widget of field `f`; `translated` for the fields of a collection
/// edited side by side in every language.
fn field_widget(context: &Context<'_>, f: &Field, translated: bool) -> Widget {
    let mut w = kind_widget(context, &f.kind, f.name);
    w.name = f.name.to_string();
    w.label = context.word(f.words, &humanised(f.name));
    w.required = f.need == Need::Required;
    if !w.required && matches!(f.kind, Kind::Texts(_) | Kind::Name) {
        // An optional text may be left empty in every language.
        for input in w.fields.iter_mut().flatten() {
            input.required = false;
        }
    }
    if !w.required && matches!(f.kind, Kind::Object(_)) {
        // Decap checks the fields of an object even when it is left empty,
        // so the fields required in an optional object (the `value` of an
        // `amount`) are asked for only when it is written, as the loader does.
        for sub in w.fields.iter_mut().flatten().filter(|sub| sub.required) {
            sub.required = false;
            let hint = sub.hint.take().unwrap_or_default();
            sub.hint = Some(format!("{hint} Required when {} is written.", f.name));
        }
    }
    w.hint = Some(match f.need {
        Need::RequiredWhen(when) => format!("{} Required when {when}.", f.description),
        _ => f.description.to_string(),
    });
    if translated {
        // Decap takes `duplicate` only for a field of one value (its config
        // check refuses it on an object or a list): those are per language.
        let one_value = !matches!(w.widget, "object" | "list");
        w.i18n = Some(if one_value && same_in_every_language(&f.kind) {
            Translation::Same("duplicate")
        } else {
            Translation::Translated(true)
        });
    }
    w
}

/// A field's name as a label, when the theme has no word for it:
/// `partner_country` → `Partner country`.
fn humanised(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn widget(widget: &'static str) -> Widget {
    Widget {
        widget,
        ..Widget::default()
    }
}

fn select(options: Vec<Choice>) -> Widget {
    Widget {
        options: Some(options),
        ..widget("select")
    }
}

fn text_choice(label: String, value: &str) -> Choice {
    Choice {
        label,
        value: ChoiceValue::Text(value.to_string()),
    }
}

const ID_PATTERN: [&str; 2] = [
    "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
    "lowercase letters a-z, digits and hyphens, e.g. city-networks",
];

/// The widget of a value of kind `k` (its name, label and flags are set by
/// the caller).
fn kind_widget(context: &Context<'_>, k: &Kind, name: &str) -> Widget {
    match k {
        Kind::Line => widget("string"),
        Kind::Paragraph => widget("text"),
        Kind::Integer => Widget {
            value_type: Some("int"),
            ..widget("number")
        },
        Kind::Number => Widget {
            value_type: Some("float"),
            ..widget("number")
        },
        Kind::Bool => widget("boolean"),
        Kind::Date => Widget {
            format: Some("YYYY-MM-DD"),
            date_format: Some("YYYY-MM-DD"),
            time_format: Some(false),
            picker_utc: Some(true),
            ..widget("datetime")
        },
        Kind::Period => Widget {
            pattern: Some([
                "^[0-9]{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3])))?$",
                "a year (2025), semester (2025-S1), quarter (2025-Q1), month (2025-03) or ISO week (2025-W12)",
            ]),
            ..widget("string")
        },
        Kind::Link => Widget {
            pattern: Some([
                "^(https?://|/)[^\\s]*$",
                "a web address starting with https://, or a path on this site starting with /",
            ]),
            ..widget("string")
        },
        Kind::SdgTarget => Widget {
            pattern: Some([
                crate::content::fields::SDG_TARGET_PATTERN,
                "a target of a goal: the goal's number, a dot and the target (11.3, 11.a)",
            ]),
            ..widget("string")
        },
        Kind::Email => Widget {
            pattern: Some([
                crate::content::fields::EMAIL_PATTERN,
                "an e-mail address, such as office@example.org",
            ]),
            ..widget("string")
        },
        Kind::Id | Kind::Slug => Widget {
            pattern: Some(ID_PATTERN),
            ..widget("string")
        },
        Kind::Choice(choice) => select(
            choice
                .ids
                .iter()
                .map(|id| text_choice(context.word(&format!("{}{id}", choice.words), id), id))
                .collect(),
        ),
        Kind::Country => select(
            crate::countries::all()
                .iter()
                .map(|code| {
                    let label = match context.words.map.get(&format!("country_{code}")) {
                        Some(name) => format!("{name} ({code})"),
                        None => code.to_string(),
                    };
                    text_choice(label, code)
                })
                .collect(),
        ),
        Kind::Currency => select(
            crate::currencies::all()
                .iter()
                .map(|code| text_choice(code.to_string(), code))
                .collect(),
        ),
        Kind::Sdg => select(
            (1..=17u8)
                .map(|n| Choice {
                    label: match context.words.map.get(&format!("sdg_{n}")) {
                        Some(name) => format!("{n}. {name}"),
                        None => n.to_string(),
                    },
                    value: ChoiceValue::Number(n),
                })
                .collect(),
        ),
        Kind::Theme => select(
            context
                .themes
                .iter()
                .map(|(id, label)| text_choice(label.clone(), id))
                .collect(),
        ),
        Kind::Ref(target) => relation(context, *target),
        Kind::Texts(inner) => Widget {
            fields: Some(
                context
                    .languages
                    .iter()
                    .map(|lang| {
                        let mut w = kind_widget(context, inner, name);
                        w.name = lang.clone();
                        w.label = (context.word_of)(lang, "language_name");
                        // A missing translation is a warning, not an error:
                        // only the default language is asked for.
                        w.required = lang == context.default;
                        w
                    })
                    .collect(),
            ),
            ..widget("object")
        },
        // One input per language: the default language's is required, the
        // others may be left empty (the default one is shown then).
        Kind::Name => Widget {
            fields: Some(
                context
                    .languages
                    .iter()
                    .map(|lang| Widget {
                        name: lang.clone(),
                        label: (context.word_of)(lang, "language_name"),
                        required: lang == context.default,
                        hint: (lang != context.default).then(|| {
                            format!(
                                "Leave empty when the name is the same in {}.",
                                (context.word_of)(lang, "language_name")
                            )
                        }),
                        ..widget("string")
                    })
                    .collect(),
            ),
            ..widget("object")
        },
        Kind::List(inner) => {
            let item = kind_widget(context, inner, name);
            match item.widget {
                "select" | "relation" => Widget {
                    multiple: Some(true),
                    ..item
                },
                "object" if !matches!(**inner, Kind::Texts(_) | Kind::Name) => Widget {
                    fields: item.fields,
                    ..widget("list")
                },
                _ => Widget {
                    field: Some(Box::new(Widget {
                        name: name.to_string(),
                        label: name.to_string(),
                        required: true,
                        ..item
                    })),
                    ..widget("list")
                },
            }
        }
        Kind::Object(fields) => Widget {
            fields: Some(
                fields
                    .iter()
                    .map(|f| field_widget(context, f, false))
                    .collect(),
            ),
            ..widget("object")
        },
        Kind::Keyed(fields) => Widget {
            // Decap edits fixed fields only: one set per theme already in
            // the vocabulary (new themes are added in the file itself).
            fields: Some(
                context
                    .themes
                    .iter()
                    .map(|(id, label)| Widget {
                        name: id.clone(),
                        label: label.clone(),
                        required: false,
                        fields: Some(
                            fields
                                .iter()
                                .map(|f| field_widget(context, f, false))
                                .collect(),
                        ),
                        ..widget("object")
                    })
                    .collect(),
            ),
            ..widget("object")
        },
        Kind::Breakdown => Widget {
            // Decap edits fixed fields only: one choice per dimension of
            // breakdown declared by an indicator of the site.
            fields: Some(
                context
                    .breakdowns
                    .iter()
                    .map(|(id, label, values)| Widget {
                        name: id.clone(),
                        label: label.clone(),
                        required: false,
                        ..select(
                            values
                                .iter()
                                .map(|(v, l)| text_choice(l.clone(), v))
                                .collect(),
                        )
                    })
                    .collect(),
            ),
            ..widget("object")
        },
        Kind::Measure => Widget {
            pattern: Some([
                "^(-?[0-9]+(\\.[0-9]+)?|[a-z0-9]([a-z0-9-]*[a-z0-9])?)$",
                "a number with a dot for decimals (12.5), or the id of a level of the scale",
            ]),
            ..widget("string")
        },
        Kind::Scale { built_in, .. } => select(
            built_in
                .iter()
                .map(|name| text_choice(name.to_string(), name))
                .collect(),
        ),
    }
}

/// A link to an item of another content type, chosen by its title.
fn relation(context: &Context<'_>, target: Target) -> Widget {
    let shown = match target {
        Target::Cases => "title".to_string(),
        Target::Indicators => format!("name.{}", context.default),
        Target::Agreements => format!("title.{}", context.default),
    };
    Widget {
        collection: Some(target.folder()),
        value_field: Some("{{slug}}"),
        search_fields: Some(vec![shown.clone()]),
        display_fields: Some(vec![shown]),
        ..widget("relation")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema;
    use crate::yaml::model::Field;

    /// The page's table with one more field.
    const MORE: &[Field] = &[Field::optional(
        "subtitle",
        Kind::Line,
        "A line under the title.",
    )];
    const PAGE_AND_MORE: &[&[Field]] = &[crate::content::page::FIELDS, MORE];

    fn context_and_text(types: &[ContentType]) -> (String, String) {
        let languages = vec!["es".to_string(), "en".to_string()];
        let words = Strings::default();
        let word_of = |_: &str, key: &str| key.to_string();
        let context = Context {
            languages: &languages,
            default: "es",
            words: &words,
            word_of: &word_of,
            themes: Vec::new(),
            breakdowns: Vec::new(),
            editor: None,
        };
        let config = to_text(&config(&context, types, None));
        let schema = schema::to_text(&schema::of_type(&types[0]));
        (config, schema)
    }

    #[test]
    fn the_interface_is_in_the_default_language_when_decap_has_it() {
        assert_eq!(editor_locale("es"), "es");
        assert_eq!(editor_locale("pt-BR"), "pt");
        assert_eq!(editor_locale("nb"), "nb_no");
        assert_eq!(editor_locale("zh-Hant"), "zh_Hant");
        assert_eq!(editor_locale("qu"), "en");
        assert_eq!(editor_locale("ar"), "en");
    }

    #[test]
    fn a_field_added_to_a_table_appears_in_the_editor_and_the_schema() {
        let pages = *TYPES.iter().find(|t| t.name == "pages").unwrap();
        let (config, schema) = context_and_text(&[pages]);
        assert!(!config.contains("subtitle"));
        assert!(!schema.contains("subtitle"));
        let more = ContentType {
            tables: PAGE_AND_MORE,
            ..pages
        };
        let (config, schema) = context_and_text(&[more]);
        let parsed: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
        let fields = parsed["collections"][0]["fields"].as_sequence().unwrap();
        let subtitle = fields.iter().find(|f| f["name"] == "subtitle").unwrap();
        assert_eq!(subtitle["widget"], "string");
        assert_eq!(subtitle["required"], false);
        assert_eq!(subtitle["i18n"], true);
        let parsed: serde_json::Value = serde_json::from_str(&schema).unwrap();
        assert_eq!(parsed["properties"]["subtitle"]["type"], "string");
    }
}
