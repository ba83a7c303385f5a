//! The command line: argument definitions (clap) and the dispatch to each command.
//! Each command's work lives in its own module; this file only wires them up.

use crate::{commands, output};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "warta",
    version,
    about = "A searchable local archive of news dumps"
)]
pub struct Cli {
    /// Index folder (default: a per-user data folder).
    #[arg(long, global = true, env = "WARTA_INDEX", value_name = "PATH")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index files and folders (walked recursively); re-runs only touch what changed.
    Index(IndexArgs),
    /// Print the articles a file yields, without indexing.
    Parse(ParseArgs),
    /// Search the archive.
    Search(SearchArgs),
    /// Show one article by id.
    Show(ShowArgs),
    /// Archive statistics: articles, date span, outlets.
    Stats(StatsArgs),
    /// The most mentioned people, places and organisations (optionally co-occurring with one name).
    Entities(EntitiesArgs),
    /// Matching articles per year, month or day.
    Timeline(TimelineArgs),
    /// Stories like one article (by id).
    Similar(SimilarArgs),
    /// Write every article as one JSON object a line (for other engines, or backups).
    Export(ExportArgs),
    /// Verify the archive: every segment file present and passing its checksum, the
    /// committed count, every file record's articles.
    Check,
    /// Score the entity tagger on `token<TAB>BIO-label` data (last line `f1 0.xxx`).
    EvalNer(EvalNerArgs),
    /// A local web app and JSON API over the archive (read-only; until Ctrl-C).
    Serve(ServeArgs),
    /// Print a shell completion script (e.g. `warta completions bash > ~/.local/share/bash-completion/completions/warta`).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `warta man > ~/.local/share/man/man1/warta.1`.
    Man,
}

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on. Anything but loopback lets other machines read
    /// the archive (a warning says so); port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7700")]
    pub bind: String,
    /// Open the web app in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(clap::Args, Debug)]
pub struct IndexArgs {
    /// Files or folders to index.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Remove articles whose files are gone.
    #[arg(long)]
    pub prune: bool,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// Commit after reading this much (`64M`, `500k`, `1G`): a killed run loses at most
    /// this much work; fewer commits index faster.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub commit_every: u64,
    /// Follow symbolic links wherever they lead (by default a link is followed only
    /// when its target lies inside the paths being indexed).
    #[arg(long)]
    pub follow_links: bool,
    /// Build the archive anew from these paths (into a sibling folder, swapped in
    /// when done): the cure for a damaged archive.
    #[arg(long)]
    pub rebuild: bool,
}

/// A size in bytes, with an optional `k`, `M` or `G` suffix (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    match num.trim().parse::<u64>() {
        Ok(n) if n > 0 => n
            .checked_mul(mult)
            .ok_or_else(|| format!("{s} is too large")),
        _ => Err(format!(
            "{s:?} is not a size (a positive number, optionally with k, M or G)"
        )),
    }
}

#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON object a line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum MatchMode {
    All,
    Any,
}

#[derive(clap::Args, Debug, Clone)]
pub struct SearchArgs {
    /// The query: words, "phrases", AND/OR/NOT, -word, field:value.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub names: NameFilters,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Require all words, or any word (default: all, falling back to any when nothing matches all).
    #[arg(long = "match", value_enum, value_name = "all|any")]
    pub match_mode: Option<MatchMode>,
    /// Show every copy of syndicated stories (default: one hit per group of copies).
    #[arg(long)]
    pub all: bool,
    /// Count every match. By default a query of several words counts its first 1,000
    /// matches exactly and then shows the total as a lower bound ("1000+", JSON
    /// `total_exact: false`), which lets the ranking skip matches that cannot make
    /// the page.
    #[arg(long)]
    pub exact_total: bool,
    #[arg(long)]
    pub json: bool,
}

/// Date and outlet filters, shared by the commands that look at matching articles.
#[derive(clap::Args, Debug, Clone)]
pub struct Filters {
    /// Published on or after (2022, 2022-11, 2022-11-04 or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before (2022-11 means to the end of November).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only this outlet (e.g. kompas, Kompas.com).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

/// Entity filters: normalised names, matched case-insensitively.
#[derive(clap::Args, Debug, Clone)]
pub struct NameFilters {
    /// Only articles naming this person.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only articles naming this place.
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Only articles naming this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum EntityType {
    Person,
    Place,
    Org,
}

#[derive(clap::Args, Debug)]
pub struct EntitiesArgs {
    /// Count over the articles matching this query (default: all articles).
    pub query: Vec<String>,
    #[arg(long = "type", value_enum)]
    pub kind: Option<EntityType>,
    #[command(flatten)]
    pub filters: Filters,
    /// How many entities to list.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Only articles naming this entity; lists what co-occurs with it.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Period {
    Year,
    Month,
    Day,
}

#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    /// Count the articles matching this query (default: all articles).
    pub query: Vec<String>,
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub by: Period,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub names: NameFilters,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct SimilarArgs {
    pub id: String,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Only `id`, `title`, `body` and `date` (UTC), the shape the benchmark peers read.
    #[arg(long)]
    pub flat: bool,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct EvalNerArgs {
    /// Labelled file: one `token<TAB>label` a line, a blank line between sentences.
    pub file: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
    /// Also show the bytes on disk of each field (terms, postings, positions, fast
    /// columns, norms) and of the stored documents.
    #[arg(long)]
    pub space: bool,
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let mut cmd = Cli::command();
    cmd.build();
    let args = query_words_last(&cmd, std::env::args_os().collect());
    let cli = match cmd
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let index_dir = cli.index.clone().unwrap_or_else(default_index_dir);
    // Every command on an archive runs guarded: a failure inside tantivy or a panic on a
    // damaged archive becomes one line that says so.
    let guard = |f: &dyn Fn() -> anyhow::Result<i32>| crate::index::health::guard(&index_dir, f);
    let result = match cli.command {
        Command::Index(args) => guard(&|| commands::index(&index_dir, &args)),
        Command::Parse(args) => commands::parse(&args),
        Command::Search(args) => guard(&|| commands::search(&index_dir, &args)),
        Command::Show(args) => guard(&|| commands::show(&index_dir, &args)),
        Command::Stats(args) => guard(&|| commands::stats(&index_dir, args.json, args.space)),
        Command::Entities(args) => guard(&|| commands::entities(&index_dir, &args)),
        Command::Timeline(args) => guard(&|| commands::timeline(&index_dir, &args)),
        Command::Similar(args) => guard(&|| commands::similar(&index_dir, &args)),
        Command::Export(args) => guard(&|| commands::export(&index_dir, args.flat)),
        Command::EvalNer(args) => commands::eval_ner(&args),
        Command::Check => guard(&|| commands::check(&index_dir)),
        Command::Serve(args) => crate::serve::run(&index_dir, &args),
        Command::Completions(args) => completions(args.shell),
        Command::Man => man_page(),
    };
    // Panics of other threads held back during a guarded command: noise beside the one
    // line about a damaged archive, bugs otherwise.
    let damaged = result
        .as_ref()
        .err()
        .is_some_and(|e| e.is::<crate::index::health::Damaged>());
    for report in crate::panics::take_held() {
        if !damaged {
            eprintln!("{report}");
        }
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            output::error(&e);
            exit_code(&e)
        }
    }
}

/// The command line with the options of a query-taking command (`search`, `entities`,
/// `timeline`) moved before its query words, and `--` between them: the query language
/// has `-word` (`warta search -Putin`, `Korea -Selatan`), which clap would otherwise
/// read as short options. Options are recognised by their long names (`--limit 5`,
/// `--limit=5`), `-h` stays help, and everything after a `--` of the user's is query.
pub fn query_words_last(cmd: &clap::Command, args: Vec<OsString>) -> Vec<OsString> {
    let globals: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| a.is_global_set()).collect();
    // The subcommand is the first argument that names one (global options with values
    // may come before it).
    let mut i = 1;
    let mut sub = None;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if let Some(s) = cmd.find_subcommand(a.as_ref()) {
            sub = Some(s);
            break;
        }
        if takes_value(&globals, &a) && !a.contains('=') {
            i += 1;
        }
        i += 1;
    }
    let Some(sub) = sub.filter(|s| s.get_arguments().any(|a| a.get_id() == "query")) else {
        return args;
    };
    let known: Vec<&clap::Arg> = sub.get_arguments().chain(globals).collect();
    let mut options: Vec<OsString> = args[..=i].to_vec();
    let mut words = Vec::new();
    let mut rest = args[i + 1..].iter();
    while let Some(arg) = rest.next() {
        let a = arg.to_string_lossy();
        if a == "--" {
            words.extend(rest.cloned());
            break;
        }
        let name = a.split('=').next().unwrap_or("");
        let is_option = a == "-h"
            || (a.starts_with("--")
                && known
                    .iter()
                    .any(|k| k.get_long() == name.strip_prefix("--")));
        if !is_option {
            words.push(arg.clone());
            continue;
        }
        options.push(arg.clone());
        if takes_value(&known, &a) && !a.contains('=') {
            options.extend(rest.next().cloned());
        }
    }
    if !words.is_empty() {
        options.push("--".into());
        options.extend(words);
    }
    options
}

/// Whether the long option `arg` (`--name`) is one of `args` that takes a value.
fn takes_value(args: &[&clap::Arg], arg: &str) -> bool {
    let Some(name) = arg.strip_prefix("--") else {
        return false;
    };
    args.iter()
        .any(|a| a.get_long() == Some(name) && a.get_action().takes_values())
}

/// The exit code of a failed command: 2 when the user asked for something that cannot
/// be done as asked (a bad query, date, limit or id), 1 for everything else.
fn exit_code(e: &anyhow::Error) -> i32 {
    let usage = e.downcast_ref::<commands::UsageError>().is_some()
        || e.downcast_ref::<crate::search::Error>().is_some();
    if usage {
        2
    } else {
        1
    }
}

/// `$XDG_DATA_HOME/warta/index` or the platform's equivalent.
pub fn default_index_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "warta")
        .map(|d| d.data_dir().join("index"))
        .unwrap_or_else(|| PathBuf::from(".warta-index"))
}

/// Writes the completion script for `shell`, generated from the definitions above.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<i32> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "warta", &mut std::io::stdout());
    Ok(0)
}

/// Writes the manual page (options and the list of commands), generated from the
/// definitions above; `warta COMMAND --help` has each command's options.
fn man_page() -> anyhow::Result<i32> {
    let cmd = <Cli as clap::CommandFactory>::command();
    clap_mangen::Man::new(cmd).render(&mut std::io::stdout().lock())?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reordered(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        let mut cmd = Cli::command();
        cmd.build();
        query_words_last(&cmd, args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn query_words_go_last() {
        assert_eq!(
            reordered(&["warta", "search", "-Putin"]),
            ["warta", "search", "--", "-Putin"]
        );
        assert_eq!(
            reordered(&[
                "warta", "--index", "x", "search", "Korea", "-Selatan", "--limit", "5", "--json"
            ]),
            [
                "warta", "--index", "x", "search", "--limit", "5", "--json", "--", "Korea",
                "-Selatan"
            ]
        );
        assert_eq!(
            reordered(&[
                "warta",
                "search",
                "--from=2022",
                "a",
                "--index",
                "i",
                "--",
                "--json"
            ]),
            [
                "warta",
                "search",
                "--from=2022",
                "--index",
                "i",
                "--",
                "a",
                "--json"
            ]
        );
        assert_eq!(
            reordered(&["warta", "search", "-h"]),
            ["warta", "search", "-h"]
        );
        assert_eq!(
            reordered(&["warta", "search", "a", "--help"]),
            ["warta", "search", "--help", "--", "a"]
        );
        assert_eq!(
            reordered(&["warta", "show", "-x"]),
            ["warta", "show", "-x"],
            "commands without a query are left alone"
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("500k"), Ok(500 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1k").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
