## Texts of the sending session: the sending run (src/send/run.rs), the
## send journal (src/journal.rs) and the SMTP connection (src/transport).

## send/run.rs

# A temporary failure, retried; $who: sender → recipient.
run-retrying = retrying  { $who }: { $reason } (attempt { $attempt } of { $attempts })
run-connection-gave-up = note: one connection gave up ({ $reason }); the others go on
run-cannot-connect = cannot connect: { $reason }
# The journal could not take a letter's `data` record (or make it durable).
run-cannot-record = cannot record the letter before sending it: { $error }
# After "error:".
run-journal-unwritable-path = cannot write the journal `{ $path }`: { $error }
run-journal-unwritable = cannot write the journal: { $error }
# Beside the progress bar.
run-progress = { $refused } refused, { $uncertain } uncertain, { $temporary } to retry
# One line per letter; the words are padded to one width.
run-line-delivered = delivered  { $who }
run-line-refused = refused    { $who }: { $reply }
run-line-uncertain = uncertain  { $who }: { $reply }
run-line-temporary = temporary  { $who }: { $reply }
run-summary = summary: { $delivered } delivered, { $refused } refused, { $uncertain } uncertain, { $left } left to send (journal: { $path })
# After "hint:"; $status and $resend are commands.
run-uncertain-hint = uncertain letters may have arrived; check with `{ $status }`, and resend them only with `{ $resend }`
run-auth-failed = authentication failed: { $reason }
run-auth-failed-hint = check `username` and the password (providers such as Gmail need an app password); nothing more was tried
run-tls-failed = TLS failed: { $reason }
run-tls-failed-hint = check `host` (it must match the certificate) and `security`; for a self-hosted server set `ca_file`
run-journal-hint = make room on the disk of `{ $path }` (or fix its permissions), then run the same command again; what the journal records as sent is not sent again
run-connect-hint = the letters not sent are recorded; run the same command again later
run-interrupted = interrupted: the letters sent are recorded; run the same command again to send the rest
# After "hint:".
run-temporary-left = temporary failures are left; run the same command again later
# After "hint:"; $max is the number given, $left the letters left.
run-max-reached = --max { $max } was reached with { $left ->
        [one] { $left } letter
       *[other] { $left } letters
    } left; run the same command again to send the next ones
run-stopping = stopping after the letter in flight (Ctrl-C again to stop at once)

## journal.rs

journal-unreadable = cannot read the journal `{ $path }`: { $error }
# After "warning:" is part of the text; $line is a line number.
journal-incomplete-line = warning: the journal `{ $path }` has an incomplete line { $line } (probably a crash while writing); it is ignored
journal-damaged = the journal `{ $path }` is damaged at line { $line }: { $error }
journal-damaged-hint = the journal is never rewritten by appeal; fix or move that line by hand, or use `--journal` to start a new one
journal-no-home = cannot tell where to keep the send journal: neither XDG_STATE_HOME nor HOME is set
journal-no-home-hint = pass `--journal FILE`
journal-folder-uncreatable = cannot create the journal folder `{ $path }`: { $error }
journal-unopenable = cannot open the journal `{ $path }`: { $error }
journal-busy = another `appeal send` is using the journal `{ $path }`; nothing was sent
journal-busy-hint = wait for it to finish, then run this command again
journal-unlockable = cannot lock the journal `{ $path }`: { $error }
# $mode and $private are file modes in octal (644, 600).
journal-made-private = notice: the journal `{ $path }` could be read by other users (mode { $mode }); it holds members' names and addresses, so it is now private (mode { $private })
journal-not-private = warning: the journal `{ $path }` can be read by other users (mode { $mode }) and could not be made private: { $error }; run `chmod 600` on it

## transport/connect.rs

# A step's deadline passed; $seconds may have decimals (1.5).
smtp-no-answer = no answer from the server within { $seconds } s while { $phase ->
    [connecting] connecting
    [greeting] waiting for the greeting
    [starttls] starting TLS
    [extensions] asking for the list of extensions
    [login] logging in
   *[sending] sending
}
smtp-unknown-host = cannot find the server `{ $host }`: { $reason }
smtp-port-refused = `{ $server }` refused the connection: nothing answers on that port
smtp-not-smtp = `{ $server }` is not a mail server (wrong port?): it does not answer in SMTP
smtp-tls-on-plain-port = `{ $server }` does not start with TLS: this port wants `security = "starttls"`, not `"tls"`
# $configured: starttls or none.
smtp-plain-on-tls-port = `{ $server }` said nothing until TLS was started: this port wants `security = "tls"`, not `"{ $configured }"`
smtp-unknown-host-hint = check `host` under [smtp]: your provider's help pages name its SMTP server (e.g. `smtp.example.org`)
smtp-wrong-port-hint = check `host` and `port` under [smtp]: port 587 goes with `security = "starttls"`, port 465 with `security = "tls"`
smtp-tls-on-plain-port-hint = set `security = "starttls"` for this port (usually 587), or use the port for `security = "tls"` (usually 465)
smtp-plain-on-tls-port-hint = set `security = "tls"` for this port (usually 465), or use the port for `security = "starttls"` (usually 587)
smtp-port-465-starttls = port 465 is usually for TLS from the start (`security = "tls"`), not STARTTLS; if `appeal check` finds no answer, choose TLS from the start
smtp-port-587-tls = port 587 is usually for STARTTLS (`security = "starttls"`), not TLS from the start; if `appeal check` fails, choose STARTTLS

## transport/mod.rs

smtp-none-remote = `security = "none"` is only allowed for a server on this machine (localhost), not `{ $host }`
smtp-none-resolves-elsewhere = `{ $host }` resolves to { $ip }, which is not this machine; `security = "none"` is only allowed for a server on this machine
# $reply: the server's code and text.
smtp-refused = refused by the server: { $reply }
smtp-temporary = temporary failure: { $reply }
smtp-dropped = connection lost before the message was complete ({ $reason })
smtp-uncertain = outcome unknown: the whole message was sent but no answer came ({ $reason })
smtp-auth-hint = check `username` and the password (providers such as Gmail need an app password)
smtp-no-starttls = { $server } does not offer STARTTLS; refusing to continue unencrypted
smtp-connection-closed = the connection was closed
smtp-connection-lost = the connection was lost
smtp-password-unencrypted = refusing to send the password over an unencrypted connection; use `security = "starttls"` or `"tls"`, or remove `username`
smtp-no-password = no password available for the login
smtp-login-for-now = { $server }: the login could not be completed for now: { $reason }
smtp-login-refused = the server did not accept the login for `{ $user }`: { $reason }
smtp-no-ehlo-answer = { $server }: no answer to EHLO: { $reason }
smtp-ca-file-unreadable = cannot read `ca_file` `{ $path }`: { $error }
smtp-ca-file-no-pem = `ca_file` `{ $path }` holds no PEM certificate (-----BEGIN CERTIFICATE-----)
smtp-ca-file-bad-pem = `ca_file` `{ $path }` is not a PEM certificate: { $error }
smtp-starttls-for-now = { $server }: STARTTLS could not be completed for now: { $reason }

## transport/oauth2.rs

smtp-no-xoauth2 = { $server } does not offer OAuth2 login (AUTH XOAUTH2); use `auth = "password"` for this server
smtp-token-refused = the server did not accept the access token for `{ $user }`: { $reason }

## transport/pin.rs

pin-bad-fingerprint = `tls_fingerprint` `{ $text }` is not a SHA-256 fingerprint (64 hexadecimal digits, e.g. `sha256:3A:F1:…`)
# A certificate field that cannot be read.
pin-unreadable = (unreadable)
# $from and $to are days, 2026-11-27.
pin-validity = { $from } to { $to }
# $line is the configuration line that trusts the certificate.
pin-renewed-hint = if the server's certificate was renewed and this is the new one, replace `tls_fingerprint` under [smtp] with: { $line }
pin-trust-hint = if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: { $line } (or set `ca_file` to the certificate of the authority that signed it)
# The labels are padded to one width.
pin-untrusted = the certificate of `{ $server }` is not trusted: { $why ->
        [self-signed] it is self-signed, so no authority this computer trusts vouches for it
        [unknown-issuer] it is signed by an authority this computer does not trust
        [other-name] it is made out for another name than `{ $host }`
        [out-of-date] it is expired or not yet valid
        [not-pinned] it is not the certificate pinned by `tls_fingerprint`
       *[invalid] it is not a valid certificate
    }
    {"  "}subject:     { $subject }
    {"  "}issuer:      { $issuer }
    {"  "}valid:       { $validity }
    {"  "}fingerprint: { $fingerprint }
pin-certificate-unreadable = { $server }: the server's certificate cannot be read: { $reason }
smtp-token-hint = the access token has expired or lacks the permission to send mail (scope `https://outlook.office.com/SMTP.Send` for Outlook.com, `https://mail.google.com/` for Gmail): run `token_command` yourself, and if it prints an old token, authorise again with its helper (e.g. `oama authorize`); see the README's "OAuth2 (Outlook.com, Gmail)" section
