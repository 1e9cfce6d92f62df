//! The `memoria` command line. Exit codes: 0 success, 1 errors in the site's
//! content or theme, 2 wrong usage.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use memoria::content::translation;
use memoria::pipeline::{self, BuildOptions};
use memoria::{scaffold, serve};

/// mimalloc rather than the system's allocator: a build makes and drops
/// millions of small strings across threads, and `serve` rebuilds right
/// after a full build has left the heap fragmented; the figures are in
/// BENCHMARKS.md ("Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (the number of `mi_option_purge_delay`
/// in its `mimalloc.h`, which keeps retired options in place so that the
/// numbers never change).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For `serve`: memory freed by a rebuild is kept for a minute before it
/// is given back to the system (mimalloc's default is one second). Each
/// rebuild after a save uses about the same memory as the one before; given
/// back, it must be taken again page by page, which made the first rebuild
/// after a pause up to half slower (BENCHMARKS.md, "Serving").
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, a plain integer it reads
    // when it decides whether to give memory back; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 60_000) };
}

#[derive(Parser)]
#[command(
    name = "memoria",
    version,
    about = "Builds the bilingual website of a city's international action: good practices, indicators and reports to the legislature."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    Build {
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: output_dir of site.toml, else public/).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The public address of the site, instead of base_url of site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also print every report to PDF, in each language, next to its page.
        #[arg(long)]
        pdf: bool,
    },
    /// Build, serve on this computer, and rebuild and reload pages on every change.
    Serve {
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (only this computer by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything without writing the site.
    Check {
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings (such as missing translations) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Create new content from a template.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Record or check what translations were made from.
    Translation {
        #[command(subcommand)]
        what: TranslationCommand,
    },
    /// Create a new, minimal site in DIR; with --ci, also the file that
    /// publishes it on GitHub Pages or GitLab Pages (in a site's folder,
    /// `memoria init --ci github` writes only that file).
    Init {
        /// The folder to create (must be empty or not exist).
        #[arg(required_unless_present = "ci")]
        dir: Option<PathBuf>,
        /// Also write the workflow that builds and publishes the site:
        /// .github/workflows/pages.yml (github) or .gitlab-ci.yml (gitlab).
        #[arg(long, value_enum)]
        ci: Option<Ci>,
    },
    /// Write the indicators, agreements and actions to a workbook to fill in
    /// (FILE.xlsx or FILE.ods, one sheet per indicator and one each for
    /// agreements and actions, with drop-down lists) or to a folder of CSV
    /// files (FILE without an extension).
    Export {
        /// The workbook (ending in .xlsx or .ods) or the folder to write.
        file: PathBuf,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Read a filled-in workbook (.xlsx, .ods), a CSV file or a folder of
    /// CSV files, and write the new or changed observations, agreements and
    /// actions into their files, leaving everything else as it was.
    Import {
        /// The workbook, CSV file or folder of CSV files to read.
        file: PathBuf,
        /// Only print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// The built-in theme: list its files, or copy one into the site to change it.
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// A network's portal: fetch its members' feeds of good practices.
    Network {
        #[command(subcommand)]
        what: NetworkCommand,
    },
}

#[derive(Subcommand)]
enum NetworkCommand {
    /// Download every member's cases.json into network/, checking each
    /// against the exchange profile; a member that fails keeps its last
    /// good copy.
    Fetch {
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy a file of the built-in theme into the same place in the site
    /// (e.g. templates/case.html), where it replaces the built-in one.
    Copy {
        /// The file, as `memoria theme list` shows it.
        file: String,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// List the files of the built-in theme that a site can replace.
    List,
}

/// The hosts `init --ci` writes a publishing workflow for.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Ci {
    /// GitHub Actions, publishing to GitHub Pages.
    Github,
    /// GitLab CI, publishing to GitLab Pages.
    Gitlab,
}

impl From<Ci> for scaffold::CiHost {
    fn from(ci: Ci) -> Self {
        match ci {
            Ci::Github => scaffold::CiHost::Github,
            Ci::Gitlab => scaffold::CiHost::Gitlab,
        }
    }
}

#[derive(Subcommand)]
enum NewCommand {
    /// A case study in every language of the site, with the sections of the capitalization fiche.
    Case {
        /// The case's id, used in file names and addresses (e.g. lima-council).
        slug: String,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum TranslationCommand {
    /// Record, once a translation is up to date, the sections of the text it
    /// was made from, so that `check` can say which of them change later.
    Mark {
        /// The translated case or page (e.g. content/cases/lima.en.md).
        file: PathBuf,
        /// The language it was translated from (default: the one it already
        /// records, else the site's first language).
        #[arg(long)]
        from: Option<String>,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            pdf,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                pdf,
            };
            match pipeline::build(&options) {
                Ok(report) => {
                    pipeline::print_diagnostics(&report.diagnostics);
                    for pdf in &report.pdfs {
                        eprintln!("printed {}", report.output.join(pdf).display());
                    }
                    eprintln!(
                        "built {} files into {}, {} written and {} unchanged ({})",
                        report.files,
                        report.output.display(),
                        report.written,
                        report.unchanged,
                        pipeline::summary(&report.diagnostics)
                    );
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    pipeline::print_diagnostics(&diagnostics);
                    eprintln!(
                        "build failed ({}); the previous output was left as it was",
                        pipeline::summary(&diagnostics)
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, strict } => {
            let diagnostics = pipeline::check(&root, strict);
            pipeline::print_diagnostics(&diagnostics);
            eprintln!("check: {}", pipeline::summary(&diagnostics));
            if diagnostics.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => {
            keep_freed_memory();
            let options = serve::ServeOptions {
                root,
                port,
                bind,
                drafts,
            };
            match serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Export { file, root } => match memoria::spreadsheet::export(&root, &file) {
            Ok(exported) => {
                for path in &exported.files {
                    eprintln!("wrote {}", path.display());
                }
                eprintln!(
                    "exported {} indicators and {} agreements and actions",
                    exported.indicators, exported.registry
                );
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                pipeline::print_diagnostics(&diagnostics);
                eprintln!("nothing was exported ({})", pipeline::summary(&diagnostics));
                ExitCode::from(1)
            }
        },
        Command::Import {
            file,
            dry_run,
            root,
        } => match memoria::spreadsheet::import(&root, &file, dry_run) {
            Ok(imported) => {
                let mut out = std::io::stdout().lock();
                let mut count = 0;
                for (path, changes) in &imported.changes {
                    for c in changes {
                        count += 1;
                        let mut what = c.period.to_string();
                        for (d, v) in &c.breakdown {
                            what.push_str(&format!(" {d}: {v}"));
                        }
                        let _ = match &c.before {
                            _ if !c.value_changed() => Ok(()),
                            Some(before) => {
                                writeln!(out, "{}: {what}: {before} → {}", path.display(), c.after)
                            }
                            None => writeln!(out, "{}: {what}: new, {}", path.display(), c.after),
                        };
                        for (lang, before, after) in &c.notes {
                            let _ = writeln!(
                                out,
                                "{}: {what}: note ({lang}): «{}» → «{}»",
                                path.display(),
                                before.as_deref().unwrap_or(""),
                                after.as_deref().unwrap_or("")
                            );
                        }
                    }
                }
                let observations = count;
                for change in &imported.registry {
                    if change.new {
                        count += 1;
                        let _ = writeln!(out, "{}: new", change.file.display());
                        continue;
                    }
                    for f in &change.fields {
                        count += 1;
                        let _ = writeln!(
                            out,
                            "{}: {}: {} → {}",
                            change.file.display(),
                            f.field,
                            if f.before.is_empty() {
                                "(empty)"
                            } else {
                                &f.before
                            },
                            if f.after.is_empty() {
                                "(empty)"
                            } else {
                                &f.after
                            },
                        );
                    }
                }
                let files = imported.changes.len() + imported.registry.len();
                if count == 0 {
                    eprintln!("nothing to change: the files already hold these figures");
                } else if dry_run {
                    eprintln!("{count} changes in {files} files would be made; nothing was written (--dry-run)");
                } else if count == observations {
                    eprintln!("{count} observations changed in {files} files");
                } else {
                    eprintln!("{count} changes made in {files} files");
                }
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                pipeline::print_diagnostics(&diagnostics);
                eprintln!(
                    "nothing was imported ({}); no file was changed",
                    pipeline::summary(&diagnostics)
                );
                ExitCode::from(1)
            }
        },
        Command::New {
            what: NewCommand::Case { slug, root },
        } => report(scaffold::new_case(&root, &slug)),
        Command::Theme {
            what: ThemeCommand::Copy { file, root },
        } => report(scaffold::theme_copy(&root, &file)),
        Command::Theme {
            what: ThemeCommand::List,
        } => {
            let mut out = std::io::stdout().lock();
            for name in scaffold::built_in_theme_files() {
                let _ = writeln!(out, "{name}");
            }
            ExitCode::SUCCESS
        }
        Command::Translation {
            what: TranslationCommand::Mark { file, from, root },
        } => match translation::mark(&root, &file, from.as_deref()) {
            Ok(marked) => {
                eprintln!(
                    "recorded in {} the sections of {} as they are now",
                    marked.translation.display(),
                    marked.source.display()
                );
                ExitCode::SUCCESS
            }
            Err(translation::MarkError::Content(diagnostics)) => {
                pipeline::print_diagnostics(&diagnostics);
                eprintln!("nothing was recorded ({})", pipeline::summary(&diagnostics));
                ExitCode::from(1)
            }
            Err(translation::MarkError::Write(e)) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Network {
            what: NetworkCommand::Fetch { root },
        } => match memoria::network::fetch(&root) {
            Ok(report) => {
                pipeline::print_diagnostics(&report.diagnostics);
                let mut fetched = 0;
                for m in &report.members {
                    if let Some(n) = m.cases {
                        fetched += 1;
                        eprintln!("fetched {} ({}): {n} practices", m.id, m.name);
                    }
                }
                eprintln!(
                    "fetched {fetched} of {} members into {}/ ({})",
                    report.members.len(),
                    memoria::network::CACHE_DIR,
                    pipeline::summary(&report.diagnostics)
                );
                if report.diagnostics.error_count() > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(diagnostics) => {
                pipeline::print_diagnostics(&diagnostics);
                eprintln!("nothing was fetched ({})", pipeline::summary(&diagnostics));
                ExitCode::from(1)
            }
        },
        Command::Init { dir, ci } => match (dir, ci) {
            (Some(dir), ci) => report(scaffold::init_with(&dir, ci.map(Into::into))),
            (None, Some(ci)) => report(scaffold::init_ci(std::path::Path::new("."), ci.into())),
            // clap asks for DIR unless --ci is given.
            (None, None) => {
                eprintln!("error: memoria init needs a folder: memoria init my-site");
                ExitCode::from(2)
            }
        },
    }
}

fn report(result: Result<Vec<PathBuf>, scaffold::ScaffoldError>) -> ExitCode {
    match result {
        Ok(created) => {
            // A closed pipe (`memoria init x | head`) is not an error.
            let mut out = std::io::stdout().lock();
            for path in created {
                let _ = writeln!(out, "created {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
