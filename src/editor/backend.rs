//! The editor's local-backend API: Decap CMS posts `{"action", "params"}`
//! as JSON to `/api/v1` to list, read, write and delete the site's files
//! (the protocol of Decap's `decap-server`, answered here by memoria). Every
//! path is checked by `paths` before anything is read or written, and every
//! write is atomic (`files`). The rebuild that follows a write is started by
//! the watcher of `serve`, as for a file saved in any other editor.

use std::path::Path;

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::paths::{self, Allowed, Kind};
use super::{files, names};

/// An answer: its HTTP status and its JSON body.
pub(crate) struct Answer {
    /// 200, or the status of the error.
    pub(crate) status: u16,
    /// The JSON text.
    pub(crate) body: String,
}

impl Answer {
    fn ok(value: &impl Serialize) -> Answer {
        Answer {
            status: 200,
            body: serde_json::to_string(value).unwrap_or_else(|_| "null".into()),
        }
    }

    /// An error, as the editor shows it: `{"error": "…"}`.
    pub(crate) fn error(status: u16, message: impl Into<String>) -> Answer {
        Answer {
            status,
            body: serde_json::to_string(&ErrorOut {
                error: message.into(),
            })
            .unwrap_or_default(),
        }
    }
}

/// Why a request was not carried out.
enum Fault {
    /// A path outside what the editor may use (403).
    Refused(String),
    /// A request the API does not understand (422).
    Invalid(String),
    /// The file system failed (500).
    Failed(String),
}

impl From<paths::Refused> for Fault {
    fn from(r: paths::Refused) -> Fault {
        Fault::Refused(format!("refused: {}", r.0))
    }
}

#[derive(Deserialize)]
struct Request {
    action: String,
    #[serde(default)]
    params: serde_json::Value,
}

#[derive(Serialize)]
struct ErrorOut {
    error: String,
}

#[derive(Serialize)]
struct Info {
    repo: String,
    publish_modes: [&'static str; 1],
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Message {
    message: String,
}

#[derive(Deserialize)]
struct FolderParams {
    folder: String,
    #[serde(default)]
    extension: String,
    #[serde(default = "one")]
    depth: usize,
}

fn one() -> usize {
    1
}

#[derive(Deserialize)]
struct FileRef {
    path: String,
    #[serde(default)]
    label: Option<String>,
}

#[derive(Deserialize)]
struct FilesParams {
    files: Vec<FileRef>,
}

#[derive(Deserialize)]
struct PathParams {
    path: String,
}

#[derive(Deserialize)]
struct PathsParams {
    paths: Vec<String>,
}

#[derive(Deserialize)]
struct DataFile {
    path: String,
    raw: String,
    #[serde(default, rename = "newPath")]
    new_path: Option<String>,
}

#[derive(Deserialize)]
struct Asset {
    path: String,
    content: String,
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Deserialize)]
struct PersistEntryParams {
    #[serde(default)]
    entry: Option<DataFile>,
    #[serde(default, rename = "dataFiles")]
    data_files: Option<Vec<DataFile>>,
    #[serde(default)]
    assets: Vec<Asset>,
}

#[derive(Deserialize)]
struct MediaFolderParams {
    #[serde(rename = "mediaFolder")]
    media_folder: String,
}

#[derive(Deserialize)]
struct PersistMediaParams {
    asset: Asset,
}

#[derive(Serialize)]
struct EntryOut {
    data: Option<String>,
    file: FileOut,
}

#[derive(Serialize)]
struct FileOut {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    id: Option<String>,
}

#[derive(Serialize)]
struct MediaOut {
    id: String,
    content: String,
    encoding: &'static str,
    path: String,
    name: String,
}

/// The actions of Decap's editorial workflow (drafts waiting for review in
/// branches), which saving straight into the files has no place for.
const WORKFLOW_ACTIONS: [&str; 7] = [
    "unpublishedEntries",
    "unpublishedEntry",
    "unpublishedEntryDataFile",
    "unpublishedEntryMediaFile",
    "deleteUnpublishedEntry",
    "updateUnpublishedEntryStatus",
    "publishUnpublishedEntry",
];

/// Answers one request of the editor for the site in `root` (absolute and
/// canonical). What was written or deleted is printed on standard error.
pub(crate) fn answer(root: &Path, body: &[u8]) -> Answer {
    let request: Request = match serde_json::from_slice(body) {
        Ok(r) => r,
        Err(e) => {
            return Answer::error(
                422,
                format!("the request is not what the editor sends ({e})"),
            )
        }
    };
    match run(root, &request) {
        Ok(answer) => answer,
        Err(Fault::Refused(m)) => Answer::error(403, m),
        Err(Fault::Invalid(m)) => Answer::error(422, m),
        Err(Fault::Failed(m)) => Answer::error(500, m),
    }
}

fn params<T: serde::de::DeserializeOwned>(request: &Request) -> Result<T, Fault> {
    T::deserialize(&request.params).map_err(|e| {
        Fault::Invalid(format!(
            "the parameters of {} are not what the editor sends ({e})",
            request.action
        ))
    })
}

fn run(root: &Path, request: &Request) -> Result<Answer, Fault> {
    // The names of the registry go to the editor per language (`names`).
    let default = default_language(root);
    match request.action.as_str() {
        "info" => Ok(Answer::ok(&Info {
            repo: root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            publish_modes: ["simple"],
            kind: "local_fs",
        })),
        "entriesByFolder" => {
            let p: FolderParams = params(request)?;
            let folder = paths::check(root, &p.folder, Kind::Folder)?;
            let entries: Vec<EntryOut> = files::list(root, &folder, &p.extension, p.depth)
                .iter()
                .map(|f| read_entry(f, None, default.as_deref()))
                .collect();
            Ok(Answer::ok(&entries))
        }
        "entriesByFiles" => {
            let p: FilesParams = params(request)?;
            let checked = p
                .files
                .into_iter()
                .map(|f| Ok((paths::check(root, &f.path, Kind::File)?, f.label)))
                .collect::<Result<Vec<_>, Fault>>()?;
            let entries: Vec<EntryOut> = checked
                .into_iter()
                .map(|(f, label)| read_entry(&f, label, default.as_deref()))
                .collect();
            Ok(Answer::ok(&entries))
        }
        "getEntry" => {
            let p: PathParams = params(request)?;
            let file = paths::check(root, &p.path, Kind::File)?;
            Ok(Answer::ok(&read_entry(&file, None, default.as_deref())))
        }
        "persistEntry" => persist_entry(root, params(request)?, default.as_deref()),
        "getMedia" => {
            let p: MediaFolderParams = params(request)?;
            let folder = paths::check(root, &p.media_folder, Kind::Folder)?;
            let media = files::list(root, &folder, "", 1)
                .iter()
                .map(read_media)
                .collect::<Result<Vec<_>, Fault>>()?;
            Ok(Answer::ok(&media))
        }
        "getMediaFile" => {
            let p: PathParams = params(request)?;
            let file = paths::check(root, &p.path, Kind::File)?;
            Ok(Answer::ok(&read_media(&file)?))
        }
        "persistMedia" => {
            let p: PersistMediaParams = params(request)?;
            let (file, bytes) = asset(root, &p.asset)?;
            files::write_all(&[(file.clone(), bytes)]).map_err(Fault::Failed)?;
            eprintln!("editor: saved {}", file.rel);
            Ok(Answer::ok(&read_media(&file)?))
        }
        "deleteFile" => {
            let p: PathParams = params(request)?;
            delete(root, &[p.path])
        }
        "deleteFiles" => {
            let p: PathsParams = params(request)?;
            delete(root, &p.paths)
        }
        "getDeployPreview" => Ok(Answer::ok(&serde_json::Value::Null)),
        action if WORKFLOW_ACTIONS.contains(&action) => Err(Fault::Invalid(format!(
            "{action}: the editorial workflow (drafts waiting for review) is not available: the editor of memoria serve saves straight into the site's files"
        ))),
        action => Err(Fault::Invalid(format!("unknown action {action:?}"))),
    }
}

/// Writes the files of one entry (one per language) and its pictures: all
/// paths are checked first, then every file is written beside its place,
/// then all are put in place. An entry renamed (`newPath`) is written under
/// its new name and its old file removed.
fn persist_entry(
    root: &Path,
    p: PersistEntryParams,
    default: Option<&str>,
) -> Result<Answer, Fault> {
    let data_files = match (p.data_files, p.entry) {
        (Some(files), _) if !files.is_empty() => files,
        (_, Some(entry)) => vec![entry],
        _ => return Err(Fault::Invalid("persistEntry: no file to save".into())),
    };
    let mut writes = Vec::new();
    let mut renamed = Vec::new();
    for data in &data_files {
        let old = paths::check(root, &data.path, Kind::File)?;
        let target = match &data.new_path {
            Some(new) if new != &data.path => {
                let new = paths::check(root, new, Kind::File)?;
                renamed.push(old);
                new
            }
            _ => old,
        };
        let text = default
            .and_then(|d| names::from_editor(&target.rel, &data.raw, d))
            .unwrap_or_else(|| data.raw.clone());
        writes.push((target, text.into_bytes()));
    }
    for a in &p.assets {
        writes.push(asset(root, a)?);
    }
    files::write_all(&writes).map_err(Fault::Failed)?;
    for (file, _) in &writes {
        eprintln!("editor: saved {}", file.rel);
    }
    for old in &renamed {
        files::delete(old).map_err(Fault::Failed)?;
        eprintln!("editor: deleted {}", old.rel);
    }
    Ok(Answer::ok(&Message {
        message: "entry persisted".into(),
    }))
}

/// The checked path and the decoded bytes of a picture or document.
fn asset(root: &Path, a: &Asset) -> Result<(Allowed, Vec<u8>), Fault> {
    let file = paths::check(root, &a.path, Kind::File)?;
    if a.encoding.as_deref().is_some_and(|e| e != "base64") {
        return Err(Fault::Invalid(format!(
            "{}: unknown encoding {:?} (the editor sends base64)",
            a.path, a.encoding
        )));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.content.as_bytes())
        .map_err(|e| {
            Fault::Invalid(format!(
                "{}: the file's content is not base64 ({e})",
                a.path
            ))
        })?;
    Ok((file, bytes))
}

/// Deletes files, after checking every path.
fn delete(root: &Path, rels: &[String]) -> Result<Answer, Fault> {
    let checked = rels
        .iter()
        .map(|r| paths::check(root, r, Kind::File))
        .collect::<Result<Vec<_>, _>>()?;
    for file in &checked {
        files::delete(file).map_err(Fault::Failed)?;
        eprintln!("editor: deleted {}", file.rel);
    }
    Ok(Answer::ok(&Message {
        message: format!("deleted {}", rels.join(", ")),
    }))
}

/// The site's default language, when its `site.toml` can be read.
fn default_language(root: &Path) -> Option<String> {
    let mut ignored = crate::diagnostics::Diagnostics::new();
    crate::config::load(root, &mut ignored).map(|c| c.default_language().to_string())
}

/// A text file for the editor; `data` is null when it cannot be read. The
/// names of a registry file written once are given per language (see
/// `names`), in the site's `default` language.
fn read_entry(file: &Allowed, label: Option<String>, default: Option<&str>) -> EntryOut {
    match std::fs::read(&file.path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let data = default
                .and_then(|d| names::for_editor(&file.rel, &text, d))
                .unwrap_or_else(|| text.into_owned());
            EntryOut {
                file: FileOut {
                    path: file.rel.clone(),
                    label,
                    id: Some(sha256(&bytes)),
                },
                data: Some(data),
            }
        }
        Err(_) => EntryOut {
            data: None,
            file: FileOut {
                path: file.rel.clone(),
                label,
                id: None,
            },
        },
    }
}

/// A picture or document for the editor, in base64.
fn read_media(file: &Allowed) -> Result<MediaOut, Fault> {
    let bytes = std::fs::read(&file.path)
        .map_err(|e| Fault::Failed(format!("cannot read {}: {e}", file.rel)))?;
    Ok(MediaOut {
        id: sha256(&bytes),
        content: base64::engine::general_purpose::STANDARD.encode(&bytes),
        encoding: "base64",
        name: file.rel.rsplit('/').next().unwrap_or_default().to_string(),
        path: file.rel.clone(),
    })
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
