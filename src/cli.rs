//! The command line as users and scripts type it (the contract's commands
//! and flags). clap's doc comments here are the help text, so they are
//! written for users. Nothing outside `main` reads these structs after they
//! have been resolved into a plan.
//!
//! The texts people read come from the message files at run time
//! (`crate::cli_text` walks the command before parsing): each command's
//! about, long about and examples, each argument's help, long help and
//! value name, and each value's help have a key derived from where they
//! sit — `cli-send-about`, `cli-send-after-help`, `cli-send-arg-dry-run`,
//! `cli-man-about-long`, `cli-send-arg-journal-value-name`,
//! `cli-preview-arg-format-value-eml`; nested commands join their names
//! (`cli-recipients-fetch-arg-api-url`), `appeal`'s own and the global
//! options have none (`cli-about`, `cli-arg-campaign`). The doc comments
//! and attribute texts here stay the English fallback; a new command,
//! flag or value needs its keys in i18n/en/cli.ftl (the same text) and
//! i18n/de/cli.ftl, which tests/german_cli.rs checks.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

// i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
const EXAMPLES: &str = "\
Examples:
  Read the letters of the built-in #UnscanMyFace campaign, signed by you:
    appeal preview --name \"Erika Mustermann\"
  Save them as .eml files to open in a mail program:
    appeal preview --name \"Erika Mustermann\" --format eml --out letters
  Set up your mail account once, test it, then send:
    appeal setup
    appeal check
    appeal send
  A group campaign, unattended (one letter per member and recipient):
    appeal send --senders members.csv --yes
    appeal status";

/// Write to your representatives: personalised campaign letters, previewed
/// or sent one by one through your own mail account.
///
/// The built-in campaign is Amnesty International's #UnscanMyFace (2022): a
/// German letter asking the German members of the European Parliament's
/// LIBE committee to ban facial recognition (`appeal recipients fetch`
/// builds today's list). appeal collects nothing and talks to no server
/// but the mail server you choose, and the Parliament's open-data portal
/// only when you run `recipients fetch`.
#[derive(Debug, Parser)]
#[command(name = "appeal", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options that work before or after the command name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use the campaign in DIR (its recipients.toml and templates/) instead
    /// of the built-in one.
    #[arg(
        long,
        global = true,
        help_heading = "Global options", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        value_hint = ValueHint::DirPath, value_name = "DIR"
    )]
    pub campaign: Option<PathBuf>,
    /// Use this recipients file instead of the campaign's.
    #[arg(
        long,
        global = true,
        help_heading = "Global options", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        value_hint = ValueHint::FilePath, value_name = "FILE"
    )]
    pub recipients: Option<PathBuf>,
    /// Use this letter template instead of the campaign's.
    #[arg(
        long,
        global = true,
        help_heading = "Global options", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        value_hint = ValueHint::FilePath, value_name = "FILE"
    )]
    pub template: Option<PathBuf>,
    /// Read the configuration from FILE (default: $APPEAL_CONFIG, else
    /// $XDG_CONFIG_HOME/appeal/config.toml).
    #[arg(
        long,
        global = true,
        help_heading = "Global options", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        value_hint = ValueHint::FilePath, value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
    /// Say more (with `send`/`check`: show the SMTP dialogue, passwords
    /// redacted).
    // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    #[arg(short, long, global = true, help_heading = "Global options", action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only errors and the final summary.
    #[arg(
        short,
        long,
        global = true,
        help_heading = "Global options", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        conflicts_with = "verbose"
    )]
    pub quiet: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show every letter exactly as `send` would build it; sends nothing.
    #[command(
        after_help = "Examples:\n  appeal preview --name \"Erika Mustermann\"\n  appeal preview --name \"Erika Mustermann\" --include-former --format eml --out letters\n  appeal preview --name \"Erika Mustermann\" --to barley --format json" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Preview(PreviewArgs),
    /// Send one individual letter per recipient through your mail server.
    #[command(
        after_help = "Examples:\n  appeal send                      # asks before sending\n  appeal send --dry-run            # everything but connecting\n  appeal send --to sonneborn --yes\n  appeal send --senders members.csv --yes --rate 20/min" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Send(SendArgs),
    /// List the campaign's recipients, or check the campaign for problems.
    #[command(
        after_help = "Examples:\n  appeal recipients\n  appeal recipients --check\n  appeal --campaign ./my-campaign recipients --format json" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Recipients(RecipientsArgs),
    /// Test the mail account: connect, encrypt, log in, quit. Sends nothing.
    #[command(
        after_help = "Examples:\n  appeal check                     # after `appeal setup`\n  appeal -v check                  # show the SMTP dialogue (password hidden)\n  appeal --config other.toml check" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Check,
    /// Set up the sender and mail account, interactively.
    #[command(
        after_help = "Examples:\n  appeal setup                     # asks, shows the changes, writes the file\n  appeal --config other.toml setup # a second account in a file of its own" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Setup(SetupArgs),
    /// Write an editable campaign folder (recipients.toml and template,
    /// with comments), to use with `--campaign DIR`.
    Init(InitArgs),
    /// Summarise the send journal: delivered, failed, uncertain, pending.
    #[command(
        after_help = "Examples:\n  appeal status\n  appeal status --senders members.csv --format json", // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        mut_arg("name", |a| a.help("Whose letters, when they have no address: the sender's name (default: [sender] name in the configuration)")), // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        mut_arg("email", |a| a.help("Whose letters: the sender's address (default: [sender] email)")), // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        mut_arg("city", |a| a.help("Accepted as with `send`; it does not change which letters are shown")), // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        mut_arg("postcode", |a| a.help("Accepted as with `send`; it does not change which letters are shown")), // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
        mut_arg("address", |a| a.help("Accepted as with `send`; it does not change which letters are shown")) // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Status(StatusArgs),
    /// Print the completion script for a shell (bash, zsh, fish, ...).
    ///
    /// Completes commands, flags, their values and file names. The Debian
    /// package installs the bash, zsh and fish scripts; the README
    /// ("Completions and manual page") says where to put one by hand.
    #[command(
        after_help = "Examples:\n  appeal completions bash > ~/.local/share/bash-completion/completions/appeal\n  appeal completions zsh > ~/.zfunc/_appeal\n  appeal completions fish > ~/.config/fish/completions/appeal.fish" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff): every command, exit codes, files.
    ///
    /// One page with every command and its options, the exit status, the
    /// environment variables and the files appeal uses. The Debian package
    /// installs it as appeal(1).
    #[command(
        after_help = "Examples:\n  appeal man | man -l -\n  appeal man > ~/.local/share/man/man1/appeal.1" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Man,
}

/// `appeal completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Who signs the letters, overriding the configuration.
#[derive(Debug, Args, Clone, Default)]
pub struct SenderArgs {
    /// Your name, printed under the letter (default: [sender] name in the
    /// configuration).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Your email address, the letters' From (default: [sender] email).
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// Your town, printed under your name.
    #[arg(long, value_name = "CITY")]
    pub city: Option<String>,
    /// Your postcode, printed under your name: it shows the office that
    /// you are a constituent (default: [sender] postcode).
    #[arg(long, value_name = "POSTCODE")]
    pub postcode: Option<String>,
    /// Your postal address, one line, printed under your name (default:
    /// [sender] address).
    #[arg(long, value_name = "ADDRESS")]
    pub address: Option<String>,
}

/// Which letters: recipients and senders.
#[derive(Debug, Args, Clone, Default)]
pub struct SelectArgs {
    /// Only recipients whose name or address contains SELECTOR (case
    /// does not matter); repeat for several.
    #[arg(long = "to", value_name = "SELECTOR")]
    pub to: Vec<String>,
    /// Keep recipients who left office or whose role ended (`appeal
    /// recipients` lists them).
    #[arg(long)]
    pub include_former: bool,
    /// A group's members: CSV with a header row, columns name (required),
    /// email, city, note. One letter per member and recipient.
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub senders: Option<PathBuf>,
    /// Only recipients whose party contains P (case does not matter);
    /// repeat for several.
    #[arg(long = "party", value_name = "P")]
    pub party: Vec<String>,
    /// Only recipients whose role is R (member, substitute, chair,
    /// vice-chair, as `appeal recipients` lists it); repeat for several.
    #[arg(long = "role", value_name = "R")]
    pub role: Vec<String>,
    /// Choose the recipients from a checklist on the terminal (all ticked;
    /// space unticks, Enter goes on); the choice applies to this run only.
    #[arg(long)]
    pub choose: bool,
}

/// A paragraph of one's own, given on the command line (single sender).
#[derive(Debug, Args, Clone, Default)]
pub struct NoteArgs {
    /// A paragraph of your own, placed where the template says (in the
    /// built-in letter: after its first paragraph). Not with --senders:
    /// members' notes come from the file's note column.
    #[arg(long, value_name = "TEXT", conflicts_with = "note_file")]
    pub note: Option<String>,
    /// Read your paragraph from FILE (UTF-8; a blank line starts a new
    /// paragraph).
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub note_file: Option<PathBuf>,
}

/// `appeal preview`
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Who signs the letters.
    #[command(flatten)]
    pub sender: SenderArgs,
    /// Your own paragraph.
    #[command(flatten)]
    pub note: NoteArgs,
    /// Which letters.
    #[command(flatten)]
    pub select: SelectArgs,
    /// How to show the letters.
    #[arg(long, value_enum, default_value_t = PreviewFormat::Text)]
    pub format: PreviewFormat,
    /// Write one .eml file per letter into DIR instead of printing.
    #[arg(long, value_hint = ValueHint::DirPath, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Output formats of `preview`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PreviewFormat {
    /// Readable: headers decoded, one letter after another.
    Text,
    /// The raw RFC 5322 messages: with --out one .eml file each; on stdout
    /// the message itself when there is one, else an mbox.
    Eml,
    /// One JSON object per letter, one per line.
    Json,
}

/// `appeal recipients`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RecipientsArgs {
    /// Build a recipients file instead of listing one.
    #[command(subcommand)]
    pub action: Option<RecipientsAction>,
    /// Check everything (schema, addresses, duplicates, that the letter
    /// renders for everyone); exit 1 listing every problem.
    #[arg(long)]
    pub check: bool,
    /// How to list them.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `appeal recipients fetch|import`: recipients files built from elsewhere.
#[derive(Debug, Subcommand)]
pub enum RecipientsAction {
    /// Build a recipients.toml from the European Parliament's open data
    /// (data.europarl.europa.eu). This is the only command besides sending
    /// that uses the network, and only when you run it.
    #[command(after_help = FETCH_EXAMPLES)]
    Fetch(FetchArgs),
    /// Turn a CSV list of recipients (name, email, salutation, title,
    /// party; or Name, E-Mail, Anrede, Titel, Partei) into a recipients.toml.
    #[command(
        after_help = "Examples:\n  appeal recipients import stadtrat.csv --out recipients.toml\n  appeal --recipients recipients.toml recipients --check" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
    )]
    Import(ImportArgs),
}

// i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
const FETCH_EXAMPLES: &str = "\
Network: asks data.europarl.europa.eu (or --api-url) for the sitting MEPs of the country
and then for each of them, one by one (about 100 requests for Germany, paced); nothing
else is sent anywhere. Data: European Parliament, reusable under CC BY 4.0.

Examples:
  Today's German members of LIBE, keeping the campaign and hand-made changes of a list:
    appeal recipients fetch --committee LIBE --country DE --merge recipients.toml --out today.toml
    appeal --recipients today.toml preview
  Only the chair and vice-chairs of a committee, from Austria:
    appeal recipients fetch --committee ENVI --country AT --role chair,vice-chair";

/// `appeal recipients fetch`
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The committee's abbreviation, e.g. LIBE, ENVI, JURI.
    #[arg(long, value_name = "ABBR")]
    pub committee: String,
    /// The country the MEPs represent, as a two-letter code, e.g. DE.
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// Which seats: member, substitute, chair, vice-chair (comma-separated
    /// or repeated; default: members, chair and vice-chairs).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "ROLE")]
    pub role: Vec<SeatRole>,
    /// Keep the [campaign] table and the hand-made details (title,
    /// family_name, salutation, party, notes) of this recipients file, and
    /// print what changed against it.
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub merge: Option<PathBuf>,
    /// Write the file here (default: print it).
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The API's base URL: a mirror, or a test server.
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://data.europarl.europa.eu/api/v2"
    )]
    pub api_url: String,
    /// Seconds to wait before retrying a busy or failing server; each
    /// further retry waits twice as long (a `Retry-After` from the server
    /// wins).
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_retry_wait)]
    pub retry_wait: f64,
}

/// A committee seat, as the Parliament's data name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum SeatRole {
    /// The committee's chair.
    Chair,
    /// A vice-chair.
    ViceChair,
    /// A full member.
    Member,
    /// A substitute member.
    Substitute,
}

/// `appeal recipients import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file: a header row, then one recipient per line; comma or
    /// semicolon between the columns.
    #[arg(value_hint = ValueHint::FilePath, value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Write the recipients file here (default: print it).
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `appeal init`
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  appeal init my-campaign\n  appeal --campaign my-campaign preview\n  appeal init libe-today --from-fetch --committee LIBE --country DE" // i18n: not shown (the English fallback; cli_text puts the cli.ftl text here)
)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty).
    #[arg(value_hint = ValueHint::DirPath, value_name = "DIR")]
    pub dir: PathBuf,
    /// Start from today's committee members, fetched from the European
    /// Parliament's open data (network), instead of the built-in list.
    #[arg(long, requires_all = ["committee", "country"])]
    pub from_fetch: bool,
    /// With --from-fetch: the committee's abbreviation, e.g. LIBE.
    #[arg(long, value_name = "ABBR", requires = "from_fetch")]
    pub committee: Option<String>,
    /// With --from-fetch: the country's two-letter code, e.g. DE.
    #[arg(long, value_name = "CC", requires = "from_fetch")]
    pub country: Option<String>,
    /// With --from-fetch: the API's base URL.
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://data.europarl.europa.eu/api/v2",
        requires = "from_fetch"
    )]
    pub api_url: String,
}

/// Output formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A readable table.
    Text,
    /// JSON for scripts.
    Json,
}

/// `appeal send`
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Who signs the letters.
    #[command(flatten)]
    pub sender: SenderArgs,
    /// Your own paragraph.
    #[command(flatten)]
    pub note: NoteArgs,
    /// Which letters.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Send without asking for confirmation (needed without a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Open your editor ($VISUAL or $EDITOR) to add a paragraph of your
    /// own, even with --yes; an editor that exits with an error stops the
    /// run before anything is sent.
    #[arg(long)]
    pub edit: bool,
    /// Do everything except connecting: show what would be sent.
    #[arg(long)]
    pub dry_run: bool,
    /// The send journal (default: $XDG_STATE_HOME/appeal/journal/<campaign>.jsonl).
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Send again letters the journal records as delivered or refused.
    #[arg(long)]
    pub again: bool,
    /// Send again letters whose outcome is uncertain.
    #[arg(long)]
    pub resend_uncertain: bool,
    /// Pace sending, e.g. `20/min`, `500/h` or `unlimited` (default: 6/min
    /// with --senders, so the Parliament's filters do not take a group's
    /// letters for bulk mail; unlimited for a single sender).
    #[arg(long, value_name = "N/min|N/h|unlimited")]
    pub rate: Option<String>,
    /// At most N letters an hour to any one recipient, on top of --rate
    /// (group default: 20/h; `unlimited` turns it off). Letters go out
    /// member by member, never two in a row to the same recipient where
    /// avoidable.
    #[arg(long, value_name = "N/h|unlimited")]
    pub per_recipient: Option<String>,
    /// Send only on weekdays from 9:00 to 18:00 in the recipients' time
    /// zone (the campaign's `time_zone`, Europe/Brussels for the built-in
    /// one); outside them nothing is sent and the exit is 75.
    #[arg(long)]
    pub office_hours: bool,
    /// Refuse to send letters without a personal paragraph (a member's
    /// `note`, or your --note/--note-file/--edit).
    #[arg(long)]
    pub require_note: bool,
    /// Retries of temporary failures per letter.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Seconds to wait before the first retry; each further retry waits
    /// twice as long (with some randomness).
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_retry_wait)]
    pub retry_wait: f64,
    /// Stop after N letters; the rest stays for the next run.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max: Option<u64>,
    /// Send over N SMTP sessions at once.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub connections: u16,
    /// Print one JSON object per letter event on stdout.
    #[arg(long)]
    pub json: bool,
    /// How the letters leave: over your SMTP server (default), one by one
    /// into your mail program, or as `.eml` drafts in `--out DIR`.
    #[arg(long, value_enum, default_value_t = Via::Smtp)]
    pub via: Via,
    /// With `--via drafts`: the folder for the drafts (created if missing).
    #[arg(long, value_hint = ValueHint::DirPath, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `send --via`: the way the letters leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// Over the SMTP server in the configuration.
    Smtp,
    /// Each letter opened in your mail program, to send from there.
    MailProgram,
    /// Each letter written as an `.eml` draft (`X-Unsent: 1`).
    Drafts,
}

/// `--retry-wait`: a number of seconds from 0 to one hour.
fn parse_retry_wait(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if (0.0..=3600.0).contains(&s) => Ok(s),
        _ => Err(crate::t!("cli-retry-wait-invalid", value = text)),
    }
}

/// `appeal setup`
#[derive(Debug, Args)]
pub struct SetupArgs {}

/// `appeal status`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Who signs the letters.
    #[command(flatten)]
    pub sender: SenderArgs,
    /// Which letters.
    #[command(flatten)]
    pub select: SelectArgs,
    /// The send journal (default: $XDG_STATE_HOME/appeal/journal/<campaign>.jsonl).
    #[arg(long, value_hint = ValueHint::FilePath, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// How to show it.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}
