## Texts of the setup wizard, the configuration file, the password, `appeal
## check` and `appeal init` (src/setup.rs, config.rs, password.rs, check.rs,
## init.rs).

## config

# A configuration file named with `--config` or APPEAL_CONFIG that cannot be read.
config-cannot-read = cannot read configuration `{ $path }`: { $error }
config-cannot-read-hint = run `{ $command }` to create it, or check `--config`/`APPEAL_CONFIG`
# A `password` whose value is not a string: the value itself is never shown.
config-password-not-a-string = { $file }:{ $line }:{ $column }: `password` must be a string in quotes, e.g. `password = "…"` (the value is not shown)
# Shown in backticks instead of a password value that a TOML message quotes.
config-password-hidden = (a password, not shown)
# A misspelt key; $allowed: the keys allowed there, each in backticks, with
# $count of them, the first two also as $first and $second.
config-unknown-key = unknown field `{ $key }`, expected { $count ->
        [1] `{ $first }`
        [2] `{ $first }` or `{ $second }`
       *[other] one of { $allowed }
    }
# A misspelt value (of `security` or `auth`); the rest as config-unknown-key.
config-unknown-value = unknown variant `{ $value }`, expected { $count ->
        [1] `{ $first }`
        [2] `{ $first }` or `{ $second }`
       *[other] one of { $allowed }
    }
# A key that must be there, e.g. `host` under [smtp].
config-missing-key = missing field `{ $key }`
config-host-empty = { $file }: `smtp.host` is empty
# $key: timeout, data_timeout or password_timeout.
config-timeout-range = { $file }: `smtp.{ $key }` must be a number of seconds between 0 and 86400
# $problem: what is wrong with the address (from the sender checks).
config-sender-email = { $file }: `sender.email`: { $problem }
config-oauth2-needs-token-command = { $file }: `auth = "xoauth2"` needs `token_command` under [smtp], a command that prints a fresh access token
config-oauth2-needs-username = { $file }: `auth = "xoauth2"` needs `username` under [smtp] (your address at the provider)
config-token-command-without-oauth2 = { $file }: `token_command` is only used with `auth = "xoauth2"` under [smtp]
config-oauth2-hint = e.g. `auth = "xoauth2"` and `token_command = "oama access you@outlook.com"`; see the README's "OAuth2 (Outlook.com, Gmail)" section
# The keys of the file, shown when it is wrong.
config-keys-hint = the keys are [sender] name, email, city, postcode, address and [smtp] host, port, security, username, password_command, password, ca_file, timeout, data_timeout, password_timeout, tls_fingerprint, auth, token_command; see the README's "Configuration" section
# $mode: the file's permission bits in octal, e.g. 644.
config-password-readable = `{ $path }` contains a password but other users may read it (mode { $mode })
config-password-readable-hint = better: remove `password` and use `password_command` (e.g. `pass show mail/me`) or APPEAL_SMTP_PASSWORD; at least run `chmod 600 { $path }`
config-cannot-create-folder = cannot create `{ $path }`: { $error }
config-cannot-write-in = cannot write in `{ $path }`: { $error }
config-cannot-write = cannot write `{ $path }`: { $error }

## password

# $name: the environment variable APPEAL_SMTP_PASSWORD.
password-env-not-utf8 = `{ $name }` is not valid UTF-8
# The hidden question for the password; $host: the mail server.
password-ask = Password for `{ $user }` at { $host }
password-no-terminal = no password for `{ $user }` and no terminal to ask on
password-no-terminal-hint = set `{ $name }`, or `password_command` under [smtp] (e.g. `pass show mail/me`)
password-token-command-missing = `auth = "xoauth2"` needs `token_command` under [smtp]
# $key: password_command or token_command; $command: the command as configured.
password-command-cannot-run = cannot run `{ $key }` `{ $command }`: { $error }
# $seconds: the time limit, a number.
password-command-timed-out = `{ $key }` `{ $command }` did not finish within { $seconds } s and was stopped
password-command-timed-out-hint = run the command yourself to see what it waits for (a passphrase, a locked keyring); if it is only slow, raise `password_timeout` under [smtp]
# $status: how the command ended, e.g. "exit status: 3".
password-command-failed = `{ $key }` `{ $command }` failed ({ $status })
password-command-failed-hint = run the command yourself to see what is wrong
password-command-held-open = `{ $key }` `{ $command }` ended, but a process it started still holds its output open
# $secret: password or token (what the command prints); $example: a command that prints only it.
password-command-held-open-hint = make the command print the { $secret ->
        [token] access token
       *[password] password
    } and end, e.g. `{ $example }`
password-command-not-utf8 = `{ $key }` `{ $command }` printed something that is not UTF-8
password-command-printed-nothing = `{ $key }` `{ $command }` printed nothing
password-command-several-lines = `{ $key }` `{ $command }` printed more than one line; its whole output would be taken as the { $secret ->
        [token] access token
       *[password] password
    }
password-command-several-lines-hint = make it print only the { $secret ->
        [token] access token
       *[password] password
    }, e.g. `{ $example }`

## check

# After a refused login in the setup wizard's check, before the password is asked again.
check-try-again = try again (providers such as Gmail need an app password, not the one you log in with)
# $reason: what went wrong (from the mail connection).
check-failed = check failed: { $reason }
# $server: host:port; $name: the name the server gave itself.
check-server-answered = ok: { $server } ({ $name }) answered
# $mode: STARTTLS or TLS; $fingerprint: the pinned certificate's fingerprint.
check-encrypted-pinned = ok: encrypted with { $mode } (TLS 1.2 or newer required), certificate is the one pinned by `tls_fingerprint` ({ $fingerprint })
check-encrypted-verified = ok: encrypted with { $mode } (TLS 1.2 or newer required), certificate for `{ $host }` verified
check-not-encrypted = note: not encrypted (`security = "none"`, allowed only on this machine)
check-logged-in = ok: logged in as `{ $user }`
check-no-login = note: no login configured (`username` is not set)
check-nothing-sent = nothing was sent
check-no-account-in-file = no mail account configured (no [smtp] section in `{ $path }`)
check-no-account = no mail account configured ([smtp] in the configuration)
check-no-account-hint = run `{ $command }`, or see the README's "Configuration" section

## init

# $names: the members without an address, separated by commas.
init-no-email-warning = warning: no published e-mail address, so not written: { $names }
init-created = created `{ $dir }`: recipients.toml and templates/appeal.de.hbs
    next: edit them, then
      appeal --campaign { $dir } recipients --check
      appeal --campaign { $dir } preview
init-not-empty = `{ $dir }` already exists and is not empty
init-not-empty-hint = choose a new folder name; nothing in an existing campaign is overwritten
init-cannot-use = cannot use `{ $dir }`: { $error }
init-cannot-use-hint = choose another folder
init-cannot-create = cannot create `{ $dir }`: { $error }
init-cannot-create-hint = check that the parent folder exists and is writable

## setup

# How a provider's server is shown: host:port (STARTTLS), (TLS) or (unencrypted).
setup-server = { $host }:{ $port } ({ $security ->
        [starttls] STARTTLS
        [tls] TLS
       *[none] unencrypted
    })
setup-cannot-read = cannot read `{ $path }`: { $error }
setup-needs-terminal = `appeal setup` asks questions and needs a terminal
setup-needs-terminal-hint = run it in a terminal, or write `{ $path }` yourself; { $keys }
setup-needs-terminal-no-path-hint = run it in a terminal, or write the file yourself and name it with `--config FILE`; { $keys }
setup-no-home = cannot tell where the configuration belongs: HOME is not set
setup-no-home-hint = name the file with `--config FILE` or `APPEAL_CONFIG`
setup-intro = This writes your name and mail account to `{ $path }`.
    Your password is never stored there.
# $error: why the existing configuration file does not load.
setup-broken-file = note: the file there cannot be used: { $error }
# $note: the provider's advice (see the setup-note-* texts).
setup-provider-note = note: { $note }
setup-old-password-dropped = note: the `password` in the old file is not carried over; choose where it comes from instead
# $warning: a port that does not fit the encryption (from the mail connection).
setup-warning = warning: { $warning }
setup-unchanged = `{ $path }` already says this; nothing changed
setup-changes = Changes to `{ $path }`:
setup-ask-replace = Replace `{ $path }`?
setup-ask-replace-broken = Replace `{ $path }` (its current contents are lost)?
setup-ask-replace-without-smtp = Replace `{ $path }` (its [smtp] section is left out)?
setup-nothing-changed = nothing changed
setup-wrote = wrote `{ $path }` (only you can read it)
# $command: `appeal check`, with the flags that name this configuration file.
setup-ask-check = Test the account now with `{ $command }`?
setup-check-later = run `{ $command }` when you are ready; it sends nothing
# The hint of a failed check: the provider's advice, then how to check again.
setup-check-failed-hint = { $note } Then run `{ $command }` again.
# Instead of a stored password in the old file's changes.
setup-password-not-shown = (not shown)
setup-ask-name = Your name, as signed under the letters
setup-ask-email = Your email address (the letters are sent from it)
setup-ask-city = Your town, printed under your name (optional)
setup-ask-city-or-none = Your town, printed under your name (optional, `-` for none)
# $problem: what is wrong with the answer.
setup-try-again = { $problem }; please try again
# $provider: e.g. Posteo; $server: as setup-server shows it.
setup-ask-provider = Use { $provider }'s server { $server }?
setup-choice-own-server = enter the server myself
# One of the list of servers: $provider – $server.
setup-choice-provider = { $provider } – { $server }
setup-choice-no-smtp = I have no SMTP access (e.g. Tuta): hand the letters to my mail program instead
setup-ask-server = Which server sends your mail?
setup-ask-host = SMTP server (host name, e.g. smtp.example.org)
setup-choice-starttls = STARTTLS (usually port 587)
setup-choice-tls = TLS from the start (usually port 465)
setup-ask-security = How is the connection encrypted?
setup-ask-port = Port
setup-not-a-port = `{ $answer }` is not a port number; please try again
setup-ask-login = Login name
setup-host-empty = the server's host name is empty
# $scheme: what was typed before the host name, e.g. smtp://
setup-host-scheme = give only the host name, without `{ $scheme }`
setup-host-invalid = `{ $host }` is not a host name
setup-host-with-port = `{ $host }`: give the host name only; the port is asked next
setup-choice-password-command = a command prints it (e.g. `pass show mail/…`)
setup-choice-password-env = the environment variable { $name }
setup-choice-password-ask = ask me each time
setup-ask-password-source = Where does the password for `{ $user }` come from? (appeal never stores it)
setup-ask-password-command = Command that prints the password (e.g. `pass show mail/me`)
setup-password-env-set = note: { $name } is set here, and it comes first
setup-password-from-env = set { $name } for `appeal send` and `appeal check`; otherwise appeal asks
setup-password-asked = appeal will ask for the password (hidden) when it needs it
setup-choice-trust-certificate = trust exactly this certificate (its fingerprint is the one my server or Proton Mail Bridge shows)
setup-choice-ca-file = name the certificate of the authority that signed it (`ca_file`)
setup-choice-stop = stop here
setup-ask-trust = What should appeal do?
# $line: the `tls_fingerprint = "…"` line written to the file.
setup-wrote-pin = wrote `{ $line }` to `{ $path }`
setup-ask-ca-file = File with the authority's certificate (PEM)
setup-not-a-file = `{ $path }` is not a file; please try again
setup-wrote-ca-file = wrote `ca_file` to `{ $path }`
setup-choice-oauth2 = with OAuth2: a token helper such as `oama` or `mutt_oauth2.py` gets a fresh access token (recommended)
setup-choice-app-password = with an app password
setup-ask-login-method = How does appeal log in to { $provider }?
setup-ask-token-command = Command that prints a fresh access token
setup-oauth2-helpers = appeal runs a command that prints a fresh access token on every run. Set up a helper first: `oama` (https://github.com/pdobsan/oama: `oama authorize microsoft you@outlook.com` or `oama authorize google you@gmail.com`), or `mutt_oauth2.py` from the mutt sources; the README's "OAuth2 (Outlook.com, Gmail)" section explains both.
setup-without-smtp = without SMTP, `appeal send --via mail-program` opens each letter in your mail program to send from there, and `appeal send --via drafts --out DIR` writes them as drafts your mail program opens ready to send

# What a provider asks of its users first (the `note` of providers.toml names one of these).
setup-note-gmx = GMX lets mail programs log in only after you allow "POP3/IMAP" access in the web mailer's e-mail settings ("POP3 & IMAP Abruf").
setup-note-web-de = WEB.DE lets mail programs log in only after you allow "POP3/IMAP" access in the web mailer's e-mail settings ("POP3 & IMAP Abruf").
setup-note-t-online = Mail programs need the separate "E-Mail-Passwort", not your Telekom login password: set it in the Telekom Kundencenter.
setup-note-gmail = Gmail needs an app password, not your Google password: turn on 2-Step Verification, then create one at https://myaccount.google.com/apppasswords.
setup-note-outlook = Outlook.com switched off password logins for mail programs on 16 September 2024: an app password works only for some accounts. Choose OAuth2 (run `appeal setup` again) if `appeal check` is refused.
setup-note-ionos = Use the password of the mailbox itself (set in the IONOS Control Panel under E-Mail), not your IONOS customer login.
setup-note-proton = Proton Mail sends through Proton Mail Bridge, which must be running on this computer: use the password the Bridge shows for your address, not your Proton password. The Bridge has a certificate of its own; when the check shows its fingerprint, compare it with the Bridge's and trust it.
