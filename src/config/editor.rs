//! `[editor]` in `site.toml`: the online editor that `build` publishes at
//! `/admin/`, and the Git host it saves to. Off when the table is absent.
//!
//! ```toml
//! [editor]
//! backend = "github"          # or "gitlab"
//! repo = "our-city/memoria-site"
//! branch = "main"             # optional, "main" when left out
//! base_url = "https://auth.example.org"   # optional: the sign-in server
//! auth_endpoint = "auth"      # optional: its path
//! app_id = "…"                # GitLab only: the application id (PKCE sign-in)
//! ```

use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Diagnostics, Position};
use crate::text::position_of;

use super::CONFIG_FILE;

/// The Git hosts whose sign-in and saving Decap CMS does in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitHost {
    /// github.com (or GitHub Enterprise through `base_url`).
    Github,
    /// gitlab.com, or a GitLab of one's own through `base_url`.
    Gitlab,
}

impl GitHost {
    /// The name in `site.toml` and in Decap's `backend.name`.
    pub fn name(self) -> &'static str {
        match self {
            GitHost::Github => "github",
            GitHost::Gitlab => "gitlab",
        }
    }
}

const HOSTS: [&str; 2] = ["github", "gitlab"];

/// The validated `[editor]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorSettings {
    /// Where the site's sources are kept.
    pub backend: GitHost,
    /// The repository, `owner/name` (GitLab: `group/subgroup/name` too).
    pub repo: String,
    /// The branch the editor saves to.
    pub branch: String,
    /// The address of the sign-in server (GitHub: an OAuth proxy; GitLab:
    /// the GitLab of one's own), without a trailing `/`.
    pub base_url: Option<String>,
    /// The path of the sign-in on `base_url`.
    pub auth_endpoint: Option<String>,
    /// GitLab: the id of the OAuth application, for sign-in in the browser
    /// (PKCE), with no server of one's own.
    pub app_id: Option<String>,
}

/// The branch when `site.toml` does not name one.
pub const DEFAULT_BRANCH: &str = "main";

/// The keys of `[editor]`.
const KEYS: [&str; 6] = [
    "backend",
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "app_id",
];

/// The advice for an unknown key `key` of `[editor]`.
pub(super) fn unknown_key_help(key: &str) -> String {
    match closest(key, KEYS) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("the settings of [editor] are: {}", KEYS.join(", ")),
    }
}

/// `[editor]` as written.
#[derive(Deserialize, Default)]
pub(super) struct RawEditor {
    backend: Option<String>,
    repo: Option<String>,
    branch: Option<String>,
    base_url: Option<String>,
    auth_endpoint: Option<String>,
    app_id: Option<String>,
}

/// Checks `[editor]`; each problem is added to `diags` at the line and
/// column of its value. `Err(())` when one is wrong.
pub(super) fn settings(
    raw: Option<RawEditor>,
    text: &str,
    diags: &mut Diagnostics,
) -> Result<Option<EditorSettings>, ()> {
    let Some(raw) = raw else { return Ok(None) };
    let before = diags.error_count();
    let error = |key: Option<&str>, message: String, help: String| {
        let position = match key {
            Some(k) => value_position(text, k).or_else(|| header_position(text)),
            None => header_position(text),
        };
        Diagnostic::error(CONFIG_FILE, message)
            .at(position)
            .with_source(text)
            .help(help)
    };

    let backend = match raw.backend.as_deref() {
        Some("github") => Some(GitHost::Github),
        Some("gitlab") => Some(GitHost::Gitlab),
        Some(other) => {
            let help = match closest(&other.to_ascii_lowercase(), HOSTS) {
                Some(h) => format!("did you mean \"{h}\"? The editor can save to \"github\" or \"gitlab\""),
                None => "write backend = \"github\" or backend = \"gitlab\": the editor can save to these two hosts only".to_string(),
            };
            diags.push(error(
                Some("backend"),
                format!("the editor's `backend` \"{other}\" is not a Git host it knows"),
                help,
            ));
            None
        }
        None => {
            diags.push(error(
                None,
                "[editor] has no `backend`: the editor does not know where the site is kept".into(),
                "add backend = \"github\" or backend = \"gitlab\" under [editor], or remove [editor] to publish the site without the editor".into(),
            ));
            None
        }
    };

    let repo = match raw.repo {
        Some(repo) => {
            if let Some(why) = repo_problem(&repo, backend) {
                diags.push(error(
                    Some("repo"),
                    format!("the editor's `repo` \"{repo}\" {why}"),
                    "write the repository as it appears in its address, owner/name, e.g. repo = \"our-city/memoria-site\" for https://github.com/our-city/memoria-site".into(),
                ));
            }
            repo
        }
        None => {
            diags.push(error(
                None,
                "[editor] has no `repo`: the editor does not know which repository to save to".into(),
                "add repo = \"owner/name\" under [editor], as in the repository's address, e.g. repo = \"our-city/memoria-site\"".into(),
            ));
            String::new()
        }
    };

    let branch = raw.branch.unwrap_or_else(|| DEFAULT_BRANCH.to_string());
    if let Some(why) = branch_problem(&branch) {
        diags.push(error(
            Some("branch"),
            format!("the editor's `branch` \"{branch}\" {why}"),
            format!("write the name of the branch the site is built from, e.g. branch = \"{DEFAULT_BRANCH}\", or remove the line to use \"{DEFAULT_BRANCH}\""),
        ));
    }

    let base_url = raw.base_url.map(|url| {
        if let Some(why) = url_problem(&url) {
            diags.push(error(
                Some("base_url"),
                format!("the editor's `base_url` \"{url}\" {why}"),
                "write the full address of the sign-in server, starting with https://, e.g. base_url = \"https://auth.example.org\"".into(),
            ));
        }
        url.trim_end_matches('/').to_string()
    });

    let auth_endpoint = raw.auth_endpoint.map(|path| {
        let bad = path.is_empty()
            || path.contains("://")
            || path.chars().any(|c| c.is_whitespace() || c.is_control());
        if bad {
            diags.push(error(
                Some("auth_endpoint"),
                format!("the editor's `auth_endpoint` \"{path}\" is not a path on the sign-in server"),
                "write the path alone, without the server's address, e.g. auth_endpoint = \"auth\" (GitHub proxies) or \"oauth/authorize\" (GitLab)".into(),
            ));
        }
        path.trim_start_matches('/').to_string()
    });

    let app_id = raw.app_id.map(|id| {
        if backend == Some(GitHost::Github) {
            diags.push(error(
                Some("app_id"),
                "`app_id` is for GitLab: GitHub's sign-in goes through a server (base_url)".into(),
                "remove app_id, or set backend = \"gitlab\" if the site is kept on GitLab".into(),
            ));
        } else if id.trim().is_empty() || id.chars().any(|c| c.is_whitespace()) {
            diags.push(error(
                Some("app_id"),
                format!("the editor's `app_id` \"{id}\" is not an application id"),
                "copy the Application ID GitLab shows for the application (Settings → Applications), without spaces".into(),
            ));
        }
        id
    });

    if diags.error_count() > before {
        return Err(());
    }
    Ok(backend.map(|backend| EditorSettings {
        backend,
        repo,
        branch,
        base_url,
        auth_endpoint,
        app_id,
    }))
}

/// Why `repo` is not a repository path on `host`, if it is not.
fn repo_problem(repo: &str, host: Option<GitHost>) -> Option<&'static str> {
    if repo.contains("://") || repo.starts_with("git@") {
        return Some("is an address, not owner/name");
    }
    let parts: Vec<&str> = repo.split('/').collect();
    let nested = host == Some(GitHost::Gitlab);
    if parts.len() < 2 || (!nested && parts.len() > 2) {
        return Some("is not of the form owner/name");
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if parts
        .iter()
        .any(|p| p.is_empty() || p.starts_with('.') || !p.chars().all(allowed))
    {
        return Some("has a part that is empty or holds characters a repository name cannot have (letters, digits, -, _ and . only)");
    }
    None
}

/// Why `branch` is not a Git branch name, if it is not.
fn branch_problem(branch: &str) -> Option<&'static str> {
    let bad_char = |c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '~' | '^' | ':' | '?' | '*' | '[' | '\\')
    };
    if branch.is_empty() {
        Some("is empty")
    } else if branch.starts_with('-')
        || branch.starts_with('/')
        || branch.ends_with('/')
        || branch.ends_with(".lock")
        || branch.contains("..")
        || branch.contains("//")
        || branch.contains("@{")
        || branch.chars().any(bad_char)
    {
        Some("is not a name Git allows for a branch")
    } else {
        None
    }
}

/// Why `url` is not the address of a sign-in server, if it is not.
fn url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("does not start with https:// (signing in sends a password or token, which must go encrypted)");
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("is not a web address");
    }
    None
}

/// Where the value of `key` of `[editor]` starts.
fn value_position(text: &str, key: &str) -> Option<Position> {
    let mut offset = 0;
    let mut in_editor = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_editor = trimmed
                .trim_end()
                .trim_end_matches(']')
                .trim_start_matches('[')
                .trim()
                == "editor";
        } else if in_editor {
            if let Some(rest) = trimmed.strip_prefix(key) {
                if let Some(after_eq) = rest.trim_start().strip_prefix('=') {
                    let value = after_eq.trim_start();
                    let column = line.len() - value.len();
                    return Some(position_of(text, offset + column));
                }
            }
        }
        offset += line.len();
    }
    None
}

/// Where `[editor]` starts.
fn header_position(text: &str) -> Option<Position> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.trim_end() == "[editor]" {
            return Some(position_of(text, offset + line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}
