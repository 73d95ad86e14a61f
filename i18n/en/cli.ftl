## The command line's texts (src/cli_text.rs, src/cli_errors.rs, src/prompt.rs,
## src/interrupt.rs, src/manual.rs). The help texts' keys follow the command
## tree (see src/cli_text.rs): the English ones are exactly cli.rs's doc
## comments, which stay as the fallback; tests/german_cli.rs checks both.

## cli: help texts of commands and options

cli-about = Write to your representatives: personalised campaign letters, previewed or sent one by one through your own mail account
cli-about-long =
    Write to your representatives: personalised campaign letters, previewed or sent one by one through your own mail account.

    The built-in campaign is Amnesty International's #UnscanMyFace (2022): a German letter asking the German members of the European Parliament's LIBE committee to ban facial recognition (`appeal recipients fetch` builds today's list). appeal collects nothing and talks to no server but the mail server you choose, and the Parliament's open-data portal only when you run `recipients fetch`.
cli-after-help =
    Examples:
      Read the letters of the built-in #UnscanMyFace campaign, signed by you:
        appeal preview --name "Erika Mustermann"
      Save them as .eml files to open in a mail program:
        appeal preview --name "Erika Mustermann" --format eml --out letters
      Set up your mail account once, test it, then send:
        appeal setup
        appeal check
        appeal send
      A group campaign, unattended (one letter per member and recipient):
        appeal send --senders members.csv --yes
        appeal status
cli-arg-campaign = Use the campaign in DIR (its recipients.toml and templates/) instead of the built-in one
cli-arg-campaign-value-name = DIR
cli-arg-recipients = Use this recipients file instead of the campaign's
cli-arg-recipients-value-name = FILE
cli-arg-template = Use this letter template instead of the campaign's
cli-arg-template-value-name = FILE
cli-arg-config = Read the configuration from FILE (default: $APPEAL_CONFIG, else $XDG_CONFIG_HOME/appeal/config.toml)
cli-arg-config-value-name = FILE
cli-arg-verbose = Say more (with `send`/`check`: show the SMTP dialogue, passwords redacted)
cli-arg-quiet = Print only errors and the final summary
cli-preview-about = Show every letter exactly as `send` would build it; sends nothing
cli-preview-after-help =
    Examples:
      appeal preview --name "Erika Mustermann"
      appeal preview --name "Erika Mustermann" --include-former --format eml --out letters
      appeal preview --name "Erika Mustermann" --to barley --format json
cli-preview-arg-name = Your name, printed under the letter (default: [sender] name in the configuration)
cli-preview-arg-name-value-name = NAME
cli-preview-arg-email = Your email address, the letters' From (default: [sender] email)
cli-preview-arg-email-value-name = ADDRESS
cli-preview-arg-city = Your town, printed under your name
cli-preview-arg-city-value-name = CITY
cli-preview-arg-postcode = Your postcode, printed under your name: it shows the office that you are a constituent (default: [sender] postcode)
cli-preview-arg-postcode-value-name = POSTCODE
cli-preview-arg-address = Your postal address, one line, printed under your name (default: [sender] address)
cli-preview-arg-address-value-name = ADDRESS
cli-preview-arg-note = A paragraph of your own, placed where the template says (in the built-in letter: after its first paragraph). Not with --senders: members' notes come from the file's note column
cli-preview-arg-note-value-name = TEXT
cli-preview-arg-note-file = Read your paragraph from FILE (UTF-8; a blank line starts a new paragraph)
cli-preview-arg-note-file-value-name = FILE
cli-preview-arg-to = Only recipients whose name or address contains SELECTOR (case does not matter); repeat for several
cli-preview-arg-to-value-name = SELECTOR
cli-preview-arg-include-former = Keep recipients who left office or whose role ended (`appeal recipients` lists them)
cli-preview-arg-senders = A group's members: CSV with a header row, columns name (required), email, city, note. One letter per member and recipient
cli-preview-arg-senders-value-name = FILE
cli-preview-arg-party = Only recipients whose party contains P (case does not matter); repeat for several
cli-preview-arg-party-value-name = P
cli-preview-arg-role = Only recipients whose role is R (member, substitute, chair, vice-chair, as `appeal recipients` lists it); repeat for several
cli-preview-arg-role-value-name = R
cli-preview-arg-choose = Choose the recipients from a checklist on the terminal (all ticked; space unticks, Enter goes on); the choice applies to this run only
cli-preview-arg-format = How to show the letters
cli-preview-arg-format-value-name = FORMAT
cli-preview-arg-format-value-text = Readable: headers decoded, one letter after another
cli-preview-arg-format-value-eml = The raw RFC 5322 messages: with --out one .eml file each; on stdout the message itself when there is one, else an mbox
cli-preview-arg-format-value-json = One JSON object per letter, one per line
cli-preview-arg-out = Write one .eml file per letter into DIR instead of printing
cli-preview-arg-out-value-name = DIR
cli-send-about = Send one individual letter per recipient through your mail server
cli-send-after-help =
    Examples:
      appeal send                      # asks before sending
      appeal send --dry-run            # everything but connecting
      appeal send --to sonneborn --yes
      appeal send --senders members.csv --yes --rate 20/min
cli-send-arg-name = { cli-preview-arg-name }
cli-send-arg-name-value-name = NAME
cli-send-arg-email = { cli-preview-arg-email }
cli-send-arg-email-value-name = ADDRESS
cli-send-arg-city = { cli-preview-arg-city }
cli-send-arg-city-value-name = CITY
cli-send-arg-postcode = { cli-preview-arg-postcode }
cli-send-arg-postcode-value-name = POSTCODE
cli-send-arg-address = { cli-preview-arg-address }
cli-send-arg-address-value-name = ADDRESS
cli-send-arg-note = { cli-preview-arg-note }
cli-send-arg-note-value-name = TEXT
cli-send-arg-note-file = { cli-preview-arg-note-file }
cli-send-arg-note-file-value-name = FILE
cli-send-arg-to = { cli-preview-arg-to }
cli-send-arg-to-value-name = SELECTOR
cli-send-arg-include-former = { cli-preview-arg-include-former }
cli-send-arg-senders = { cli-preview-arg-senders }
cli-send-arg-senders-value-name = FILE
cli-send-arg-party = { cli-preview-arg-party }
cli-send-arg-party-value-name = P
cli-send-arg-role = { cli-preview-arg-role }
cli-send-arg-role-value-name = R
cli-send-arg-choose = { cli-preview-arg-choose }
cli-send-arg-yes = Send without asking for confirmation (needed without a terminal)
cli-send-arg-edit = Open your editor ($VISUAL or $EDITOR) to add a paragraph of your own, even with --yes; an editor that exits with an error stops the run before anything is sent
cli-send-arg-dry-run = Do everything except connecting: show what would be sent
cli-send-arg-journal = The send journal (default: $XDG_STATE_HOME/appeal/journal/<campaign>.jsonl)
cli-send-arg-journal-value-name = FILE
cli-send-arg-again = Send again letters the journal records as delivered or refused
cli-send-arg-resend-uncertain = Send again letters whose outcome is uncertain
cli-send-arg-rate = Pace sending, e.g. `20/min`, `500/h` or `unlimited` (default: 6/min with --senders, so the Parliament's filters do not take a group's letters for bulk mail; unlimited for a single sender)
cli-send-arg-rate-value-name = N/min|N/h|unlimited
cli-send-arg-per-recipient = At most N letters an hour to any one recipient, on top of --rate (group default: 20/h; `unlimited` turns it off). Letters go out member by member, never two in a row to the same recipient where avoidable
cli-send-arg-per-recipient-value-name = N/h|unlimited
cli-send-arg-office-hours = Send only on weekdays from 9:00 to 18:00 in the recipients' time zone (the campaign's `time_zone`, Europe/Brussels for the built-in one); outside them nothing is sent and the exit is 75
cli-send-arg-require-note = Refuse to send letters without a personal paragraph (a member's `note`, or your --note/--note-file/--edit)
cli-send-arg-retries = Retries of temporary failures per letter
cli-send-arg-retries-value-name = N
cli-send-arg-retry-wait = Seconds to wait before the first retry; each further retry waits twice as long (with some randomness)
cli-send-arg-retry-wait-value-name = SECONDS
cli-send-arg-max = Stop after N letters; the rest stays for the next run
cli-send-arg-max-value-name = N
cli-send-arg-connections = Send over N SMTP sessions at once
cli-send-arg-connections-value-name = N
cli-send-arg-json = Print one JSON object per letter event on stdout
cli-send-arg-via = How the letters leave: over your SMTP server (default), one by one into your mail program, or as `.eml` drafts in `--out DIR`
cli-send-arg-via-value-name = VIA
cli-send-arg-via-value-smtp = Over the SMTP server in the configuration
cli-send-arg-via-value-mail-program = Each letter opened in your mail program, to send from there
cli-send-arg-via-value-drafts = Each letter written as an `.eml` draft (`X-Unsent: 1`)
cli-send-arg-out = With `--via drafts`: the folder for the drafts (created if missing)
cli-send-arg-out-value-name = DIR
cli-recipients-about = List the campaign's recipients, or check the campaign for problems
cli-recipients-after-help =
    Examples:
      appeal recipients
      appeal recipients --check
      appeal --campaign ./my-campaign recipients --format json
cli-recipients-arg-check = Check everything (schema, addresses, duplicates, that the letter renders for everyone); exit 1 listing every problem
cli-recipients-arg-format = How to list them
cli-recipients-arg-format-value-name = FORMAT
cli-recipients-arg-format-value-text = A readable table
cli-recipients-arg-format-value-json = JSON for scripts
cli-recipients-fetch-about = Build a recipients.toml from the European Parliament's open data (data.europarl.europa.eu). This is the only command besides sending that uses the network, and only when you run it
cli-recipients-fetch-after-help =
    Network: asks data.europarl.europa.eu (or --api-url) for the sitting MEPs of the country
    and then for each of them, one by one (about 100 requests for Germany, paced); nothing
    else is sent anywhere. Data: European Parliament, reusable under CC BY 4.0.

    Examples:
      Today's German members of LIBE, keeping the campaign and hand-made changes of a list:
        appeal recipients fetch --committee LIBE --country DE --merge recipients.toml --out today.toml
        appeal --recipients today.toml preview
      Only the chair and vice-chairs of a committee, from Austria:
        appeal recipients fetch --committee ENVI --country AT --role chair,vice-chair
cli-recipients-fetch-arg-committee = The committee's abbreviation, e.g. LIBE, ENVI, JURI
cli-recipients-fetch-arg-committee-value-name = ABBR
cli-recipients-fetch-arg-country = The country the MEPs represent, as a two-letter code, e.g. DE
cli-recipients-fetch-arg-country-value-name = CC
cli-recipients-fetch-arg-role = Which seats: member, substitute, chair, vice-chair (comma-separated or repeated; default: members, chair and vice-chairs)
cli-recipients-fetch-arg-role-value-name = ROLE
cli-recipients-fetch-arg-role-value-chair = The committee's chair
cli-recipients-fetch-arg-role-value-vice-chair = A vice-chair
cli-recipients-fetch-arg-role-value-member = A full member
cli-recipients-fetch-arg-role-value-substitute = A substitute member
cli-recipients-fetch-arg-merge = Keep the [campaign] table and the hand-made details (title, family_name, salutation, party, notes) of this recipients file, and print what changed against it
cli-recipients-fetch-arg-merge-value-name = FILE
cli-recipients-fetch-arg-out = Write the file here (default: print it)
cli-recipients-fetch-arg-out-value-name = FILE
cli-recipients-fetch-arg-api-url = The API's base URL: a mirror, or a test server
cli-recipients-fetch-arg-api-url-value-name = URL
cli-recipients-fetch-arg-retry-wait = Seconds to wait before retrying a busy or failing server; each further retry waits twice as long (a `Retry-After` from the server wins)
cli-recipients-fetch-arg-retry-wait-value-name = SECONDS
cli-recipients-import-about = Turn a CSV list of recipients (name, email, salutation, title, party; or Name, E-Mail, Anrede, Titel, Partei) into a recipients.toml
cli-recipients-import-after-help =
    Examples:
      appeal recipients import stadtrat.csv --out recipients.toml
      appeal --recipients recipients.toml recipients --check
cli-recipients-import-arg-file = The CSV file: a header row, then one recipient per line; comma or semicolon between the columns
cli-recipients-import-arg-file-value-name = FILE.csv
cli-recipients-import-arg-out = Write the recipients file here (default: print it)
cli-recipients-import-arg-out-value-name = FILE
cli-check-about = Test the mail account: connect, encrypt, log in, quit. Sends nothing
cli-check-after-help =
    Examples:
      appeal check                     # after `appeal setup`
      appeal -v check                  # show the SMTP dialogue (password hidden)
      appeal --config other.toml check
cli-setup-about = Set up the sender and mail account, interactively
cli-setup-after-help =
    Examples:
      appeal setup                     # asks, shows the changes, writes the file
      appeal --config other.toml setup # a second account in a file of its own
cli-init-about = Write an editable campaign folder (recipients.toml and template, with comments), to use with `--campaign DIR`
cli-init-after-help =
    Examples:
      appeal init my-campaign
      appeal --campaign my-campaign preview
      appeal init libe-today --from-fetch --committee LIBE --country DE
cli-init-arg-dir = The folder to create (it must not exist, or be empty)
cli-init-arg-dir-value-name = DIR
cli-init-arg-from-fetch = Start from today's committee members, fetched from the European Parliament's open data (network), instead of the built-in list
cli-init-arg-committee = With --from-fetch: the committee's abbreviation, e.g. LIBE
cli-init-arg-committee-value-name = ABBR
cli-init-arg-country = With --from-fetch: the country's two-letter code, e.g. DE
cli-init-arg-country-value-name = CC
cli-init-arg-api-url = With --from-fetch: the API's base URL
cli-init-arg-api-url-value-name = URL
cli-status-about = Summarise the send journal: delivered, failed, uncertain, pending
cli-status-after-help =
    Examples:
      appeal status
      appeal status --senders members.csv --format json
cli-status-arg-to = { cli-preview-arg-to }
cli-status-arg-to-value-name = SELECTOR
cli-status-arg-include-former = { cli-preview-arg-include-former }
cli-status-arg-senders = { cli-preview-arg-senders }
cli-status-arg-senders-value-name = FILE
cli-status-arg-party = { cli-preview-arg-party }
cli-status-arg-party-value-name = P
cli-status-arg-role = { cli-preview-arg-role }
cli-status-arg-role-value-name = R
cli-status-arg-choose = { cli-preview-arg-choose }
cli-status-arg-journal = { cli-send-arg-journal }
cli-status-arg-journal-value-name = FILE
cli-status-arg-format = How to show it
cli-status-arg-format-value-name = FORMAT
cli-status-arg-format-value-text = { cli-recipients-arg-format-value-text }
cli-status-arg-format-value-json = { cli-recipients-arg-format-value-json }
cli-status-arg-name = Whose letters, when they have no address: the sender's name (default: [sender] name in the configuration)
cli-status-arg-name-value-name = NAME
cli-status-arg-email = Whose letters: the sender's address (default: [sender] email)
cli-status-arg-email-value-name = ADDRESS
cli-status-arg-city = Accepted as with `send`; it does not change which letters are shown
cli-status-arg-city-value-name = CITY
cli-status-arg-postcode = { cli-status-arg-city }
cli-status-arg-postcode-value-name = POSTCODE
cli-status-arg-address = { cli-status-arg-city }
cli-status-arg-address-value-name = ADDRESS
cli-completions-about = Print the completion script for a shell (bash, zsh, fish, ...)
cli-completions-about-long =
    Print the completion script for a shell (bash, zsh, fish, ...).

    Completes commands, flags, their values and file names. The Debian package installs the bash, zsh and fish scripts; the README ("Completions and manual page") says where to put one by hand.
cli-completions-after-help =
    Examples:
      appeal completions bash > ~/.local/share/bash-completion/completions/appeal
      appeal completions zsh > ~/.zfunc/_appeal
      appeal completions fish > ~/.config/fish/completions/appeal.fish
cli-completions-arg-shell = The shell to complete in
cli-completions-arg-shell-value-name = SHELL
cli-man-about = Print the manual page (roff): every command, exit codes, files
cli-man-about-long =
    Print the manual page (roff): every command, exit codes, files.

    One page with every command and its options, the exit status, the environment variables and the files appeal uses. The Debian package installs it as appeal(1).
cli-man-after-help =
    Examples:
      appeal man | man -l -
      appeal man > ~/.local/share/man/man1/appeal.1

## cli_text: clap's own words (used in German; English keeps clap's)

cli-clap-global-options = Global options
cli-clap-commands = Commands
cli-clap-command-placeholder = COMMAND
cli-clap-help-command = Print this message or the help of the given subcommand(s)
cli-clap-help-flag = Print help
cli-clap-help-flag-more = Print help (see more with '--help')
cli-clap-help-flag-summary = Print help (see a summary with '-h')
cli-clap-version-flag = Print version
cli-clap-default = [default: { $value }]
cli-clap-possible-values = [possible values: { $values }]
cli-clap-env = [env: { $name }]
cli-clap-possible-values-heading = Possible values:
cli-clap-usage = Usage:
cli-clap-options = Options:
cli-clap-arguments = Arguments:
cli-clap-options-placeholder = [OPTIONS]
# A value of `--retry-wait` that is not a number of seconds from 0 to 3600.
cli-retry-wait-invalid = `{ $value }` is not a number of seconds from 0 to 3600

## cli_errors: usage errors (used in German; English keeps clap's)

cli-error-tip = tip:
cli-error-more = For more information, try '{ $flag }'.
cli-error-usage = the command line is not valid
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-command = unrecognized subcommand '{ $command }'
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-value-invalid = invalid value '{ $value }' for '{ $arg }'
cli-error-value-rejected = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-error-not-a-number = not a number
cli-error-out-of-range = { $value } is not in { $range }
cli-error-missing-arguments = { $count ->
    [one] the following required arguments were not provided:
   *[other] the following required arguments were not provided:
}
cli-error-command-missing = '{ $command }' requires a subcommand but one was not provided
cli-error-commands = [subcommands: { $names }]
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-conflict-with-these = the argument '{ $arg }' cannot be used with:
cli-error-conflict-with-others = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
cli-error-given-twice = the argument '{ $arg }' cannot be used multiple times
cli-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-wrong-number-of-values = wrong number of values for '{ $arg }'
cli-error-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-error-similar-command = { $count ->
    [one] a similar subcommand exists: { $names }
   *[other] some similar subcommands exist: { $names }
}
cli-error-similar-argument = { $count ->
    [one] a similar argument exists: { $names }
   *[other] some similar arguments exist: { $names }
}
cli-error-similar-value = { $count ->
    [one] a similar value exists: { $names }
   *[other] some similar values exist: { $names }
}
cli-error-tip-as-value = to pass '{ $arg }' as a value, use '{ $instead }'
cli-error-tip-remove-dashes = subcommand '{ $command }' exists; to use it, remove the '--' before it
cli-error-tip-exists = '{ $usage }' exists

## prompt: questions on the terminal

# What was being read when the terminal failed (before the system's reason).
prompt-reading-answer = reading the answer from the terminal
prompt-reading-password = reading the password from the terminal
prompt-reading-choice = reading the choice from the terminal
# After a yes/no question in German: the capital letter is what Enter answers.
prompt-yes-no-default-yes = [Y/n]
prompt-yes-no-default-no = [y/N]
# A German yes/no question got another answer.
prompt-yes-or-no = please answer y or n
prompt-editor-unreadable = cannot read the editor command `{ $command }`
prompt-editor-hint = set $VISUAL or $EDITOR to your editor, for example EDITOR={ $other }
prompt-editor-temp-create = creating a temporary file for the editor
prompt-editor-temp-write = writing the temporary file for the editor
prompt-editor-cannot-start = cannot start the editor `{ $program }`: { $reason }; nothing was sent
prompt-editor-gave-up = the editor `{ $program }` gave up (exit status: { $code }); nothing was sent
# The editor was ended by a signal; $status is the system's description.
prompt-editor-stopped = the editor `{ $program }` gave up ({ $status }); nothing was sent
# Why the editor did not start (the system's words, as the program always showed them).
prompt-editor-not-found = No such file or directory (os error 2)
prompt-editor-not-allowed = Permission denied (os error 13)
prompt-editor-gave-up-hint = run the same command again to write the paragraph, or leave out --edit
prompt-editor-read-back = reading the text back from the editor

## interrupt: Ctrl-C at a question

interrupt-stopped = interrupted; nothing more was done

## manual: the man page's own sections

manual-title = User Commands
manual-section-name = NAME
manual-section-synopsis = SYNOPSIS
manual-section-description = DESCRIPTION
manual-section-options = OPTIONS
manual-section-version = VERSION
manual-section-commands = COMMANDS
manual-section-examples = EXAMPLES
manual-section-exit-status = EXIT STATUS
manual-section-environment = ENVIRONMENT
manual-section-files = FILES
manual-exit-success = Everything asked for was done.
manual-exit-failed = Some letters were refused for good or their outcome is uncertain; or check, the login or TLS failed; or the server settings do not fit the server (a host that does not resolve, a port that refuses the first connection or does not speak SMTP, a security mode that does not fit the port). Running again would not help: the hint names the setting to fix.
manual-exit-usage = Bad input, usage or configuration (including a password_command that fails or runs past password_timeout); nothing was sent.
manual-exit-tempfail = Stopped with letters left to send: --max was reached, or temporary failures are left (a 4xx reply, a connection lost, no answer within the timeout, another send holding the journal). Run the same command again later.
manual-exit-interrupted = Interrupted (Ctrl-C); what was sent is recorded in the journal.
manual-env-config = The configuration file to read when --config is not given.
manual-env-password = The mail account's password. It wins over password_command and the prompt; appeal never prints or stores it.
manual-env-lang = The interface's language, de or en; without it LC_ALL, LC_MESSAGES or LANG decide (German when the first one set starts with de).
manual-env-xdg-config = The folder the configuration is in (default: ~/.config). A relative path counts as unset.
manual-env-xdg-state = The folder the send journals are in (default: ~/.local/state). A relative path counts as unset.
manual-env-home = Where ~/.config and ~/.local/state are, when the XDG variables are not set.
manual-env-editor = The editor send --edit opens: $VISUAL, else $EDITOR, else vi.
manual-file-config = The sender and the mail account (~/.config/appeal/config.toml by default), written by appeal setup; $APPEAL_CONFIG or --config name another. A password key in it is refused unless the file is private (mode 0600).
manual-file-journal = A campaign's send journal (~/.local/state/appeal/journal/ by default): every letter sent, refused or uncertain, so that nothing goes out twice; appeal status summarises it, --journal names another. Private to the user (mode 0600).
