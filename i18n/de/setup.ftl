## Texte der Einrichtung, der Konfigurationsdatei, des Passworts, von
## `appeal check` und `appeal init` (src/setup.rs, config.rs, password.rs,
## check.rs, init.rs). Begriffe: siehe Glossar in common.ftl.

## config

# Eine mit `--config` oder APPEAL_CONFIG genannte Konfigurationsdatei, die sich nicht lesen lässt.
config-cannot-read = Die Konfiguration `{ $path }` lässt sich nicht lesen: { $error }
config-cannot-read-hint = Leg sie mit `{ $command }` an, oder prüf `--config`/`APPEAL_CONFIG`.
# Ein `password`, dessen Wert kein Text ist: der Wert wird nie gezeigt.
config-password-not-a-string = { $file }:{ $line }:{ $column }: `password` muss Text in Anführungszeichen sein, z. B. `password = "…"` (der Wert wird nicht gezeigt)
# In Backticks statt eines Passworts, das eine TOML-Meldung zitiert.
config-password-hidden = (ein Passwort, nicht gezeigt)
# Ein falsch geschriebener Schlüssel; $allowed: die dort erlaubten Schlüssel,
# jeder in Backticks, $count viele, die ersten beiden auch als $first und $second.
config-unknown-key = unbekannter Schlüssel `{ $key }`; { $count ->
        [1] erlaubt ist nur `{ $first }`
        [2] erlaubt sind `{ $first }` und `{ $second }`
       *[other] erlaubt sind { $allowed }
    }
# Ein falsch geschriebener Wert (von `security` oder `auth`); sonst wie config-unknown-key.
config-unknown-value = unbekannter Wert `{ $value }`; { $count ->
        [1] erlaubt ist nur `{ $first }`
        [2] erlaubt sind `{ $first }` und `{ $second }`
       *[other] erlaubt sind { $allowed }
    }
# Ein Schlüssel, der da sein muss, z. B. `host` unter `[smtp]`.
config-missing-key = `{ $key }` fehlt
config-host-empty = { $file }: `smtp.host` ist leer
# $key: timeout, data_timeout oder password_timeout.
config-timeout-range = { $file }: `smtp.{ $key }` muss eine Zahl von Sekunden zwischen 0 und 86.400 sein
# $problem: was an der Adresse nicht stimmt.
config-sender-email = { $file }: `sender.email`: { $problem }
config-oauth2-needs-token-command = { $file }: `auth = "xoauth2"` braucht unter `[smtp]` einen `token_command`, also einen Befehl, der einen frischen Zugriffstoken ausgibt
config-oauth2-needs-username = { $file }: `auth = "xoauth2"` braucht unter `[smtp]` einen `username` (deine Adresse beim Anbieter)
config-token-command-without-oauth2 = { $file }: `token_command` gilt nur zusammen mit `auth = "xoauth2"` unter `[smtp]`
config-oauth2-hint = Zum Beispiel `auth = "xoauth2"` und `token_command = "oama access you@outlook.com"`; mehr dazu im Abschnitt „OAuth2 (Outlook.com, Gmail)“ der README.
# Die Schlüssel der Datei, gezeigt, wenn sie fehlerhaft ist.
config-keys-hint = Erlaubt sind unter `[sender]` die Schlüssel `name`, `email`, `city`, `postcode`, `address` und unter `[smtp]` `host`, `port`, `security`, `username`, `password_command`, `password`, `ca_file`, `timeout`, `data_timeout`, `password_timeout`, `tls_fingerprint`, `auth`, `token_command`; mehr dazu im Abschnitt „Configuration“ der README.
# $mode: die Zugriffsrechte der Datei, oktal, z. B. 644.
config-password-readable = `{ $path }` enthält ein Passwort, aber andere Benutzer*innen dürfen die Datei lesen (Zugriffsrechte { $mode })
config-password-readable-hint = Besser: Entferne `password` und nutze `password_command` (z. B. `pass show mail/me`) oder `APPEAL_SMTP_PASSWORD`; führ mindestens `chmod 600 { $path }` aus.
config-cannot-create-folder = Der Ordner `{ $path }` lässt sich nicht anlegen: { $error }
config-cannot-write-in = In `{ $path }` lässt sich nicht schreiben: { $error }
config-cannot-write = `{ $path }` lässt sich nicht schreiben: { $error }

## password

# $name: die Umgebungsvariable APPEAL_SMTP_PASSWORD.
password-env-not-utf8 = `{ $name }` ist kein gültiges UTF-8
# Die verdeckte Frage nach dem Passwort; $host: der Mailserver.
password-ask = Passwort für `{ $user }` bei { $host }
password-no-terminal = Kein Passwort für `{ $user }` und kein Terminal, um danach zu fragen
password-no-terminal-hint = Setz `{ $name }` oder `password_command` unter `[smtp]` (z. B. `pass show mail/me`).
password-token-command-missing = `auth = "xoauth2"` braucht unter `[smtp]` einen `token_command`
# $key: password_command oder token_command; $command: der Befehl, wie eingetragen.
password-command-cannot-run = `{ $key }` `{ $command }` lässt sich nicht ausführen: { $error }
# $seconds: die Frist, eine Zahl.
password-command-timed-out = `{ $key }` `{ $command }` war nach { $seconds } s nicht fertig und wurde abgebrochen
password-command-timed-out-hint = Führ den Befehl selbst aus, um zu sehen, worauf er wartet (eine Passphrase, ein gesperrter Schlüsselbund); wenn er nur langsam ist, erhöh `password_timeout` unter `[smtp]`.
# $status: wie der Befehl endete, z. B. "exit status: 3".
password-command-failed = `{ $key }` `{ $command }` ist fehlgeschlagen ({ $status })
password-command-failed-hint = Führ den Befehl selbst aus, um zu sehen, was nicht stimmt.
password-command-held-open = `{ $key }` `{ $command }` ist beendet, aber ein Prozess, den er gestartet hat, hält seine Ausgabe noch offen
# $secret: password oder token (was der Befehl ausgibt); $example: ein Befehl, der nur das ausgibt.
password-command-held-open-hint = Lass den Befehl nur { $secret ->
        [token] den Zugriffstoken
       *[password] das Passwort
    } ausgeben und sich dann beenden, z. B. `{ $example }`.
password-command-not-utf8 = `{ $key }` `{ $command }` hat etwas ausgegeben, das kein UTF-8 ist
password-command-printed-nothing = `{ $key }` `{ $command }` hat nichts ausgegeben
password-command-several-lines = `{ $key }` `{ $command }` hat mehr als eine Zeile ausgegeben; seine ganze Ausgabe würde als { $secret ->
        [token] Zugriffstoken
       *[password] Passwort
    } verwendet
password-command-several-lines-hint = Lass den Befehl nur { $secret ->
        [token] den Zugriffstoken
       *[password] das Passwort
    } ausgeben, z. B. `{ $example }`.

## check

# Nach einer abgelehnten Anmeldung im Test der Einrichtung, bevor das Passwort noch einmal abgefragt wird.
check-try-again = Versuch es noch einmal (Anbieter wie Gmail brauchen ein App-Passwort, nicht das, mit dem du dich anmeldest).
# $reason: was schiefging (aus der Verbindung zum Mailserver).
check-failed = Test fehlgeschlagen: { $reason }
# $server: host:port; $name: der Name, den der Server von sich angibt.
check-server-answered = ok: { $server } ({ $name }) hat geantwortet
# $mode: STARTTLS oder TLS; $fingerprint: der Fingerabdruck des festgelegten Zertifikats.
check-encrypted-pinned = ok: verschlüsselt mit { $mode } (mindestens TLS 1.2), das Zertifikat ist das mit `tls_fingerprint` festgelegte ({ $fingerprint })
check-encrypted-verified = ok: verschlüsselt mit { $mode } (mindestens TLS 1.2), Zertifikat für `{ $host }` geprüft
check-not-encrypted = Hinweis: nicht verschlüsselt (`security = "none"`, nur auf diesem Rechner erlaubt)
check-logged-in = ok: angemeldet als `{ $user }`
check-no-login = Hinweis: keine Anmeldung eingerichtet (`username` fehlt)
check-nothing-sent = Es wurde nichts gesendet.
check-no-account-in-file = Kein E-Mail-Konto eingerichtet (`{ $path }` hat keinen Abschnitt `[smtp]`)
check-no-account = Kein E-Mail-Konto eingerichtet (in der Konfiguration fehlt `[smtp]`)
check-no-account-hint = Führ `{ $command }` aus, oder lies den Abschnitt „Configuration“ der README.

## init

# $names: die Mitglieder ohne Adresse, durch Kommas getrennt.
init-no-email-warning = Warnung: keine veröffentlichte E-Mail-Adresse, daher nicht eingetragen: { $names }
init-created = `{ $dir }` angelegt, mit `recipients.toml` und `templates/appeal.de.hbs`.
    Als Nächstes: Bearbeite beide Dateien und führ dann aus:
      appeal --campaign { $dir } recipients --check
      appeal --campaign { $dir } preview
init-not-empty = `{ $dir }` gibt es schon, und der Ordner ist nicht leer
init-not-empty-hint = Wähl einen neuen Ordnernamen; in einer bestehenden Kampagne wird nichts überschrieben.
init-cannot-use = `{ $dir }` lässt sich nicht verwenden: { $error }
init-cannot-use-hint = Wähl einen anderen Ordner.
init-cannot-create = `{ $dir }` lässt sich nicht anlegen: { $error }
init-cannot-create-hint = Prüf, ob der übergeordnete Ordner existiert und beschreibbar ist.

## setup

# Wie der Server eines Anbieters gezeigt wird: host:port (STARTTLS), (TLS) oder (unverschlüsselt).
setup-server = { $host }:{ $port } ({ $security ->
        [starttls] STARTTLS
        [tls] TLS
       *[none] unverschlüsselt
    })
setup-cannot-read = `{ $path }` lässt sich nicht lesen: { $error }
setup-needs-terminal = `appeal setup` stellt Fragen und braucht dafür ein Terminal
setup-needs-terminal-hint = Starte es in einem Terminal, oder schreib `{ $path }` selbst. { $keys }
setup-needs-terminal-no-path-hint = Starte es in einem Terminal, oder schreib die Datei selbst und gib sie mit `--config FILE` an. { $keys }
setup-no-home = Unklar, wohin die Konfiguration gehört: `HOME` ist nicht gesetzt
setup-no-home-hint = Gib die Datei mit `--config FILE` oder `APPEAL_CONFIG` an.
setup-intro = Die Einrichtung schreibt deinen Namen und dein E-Mail-Konto nach `{ $path }`.
    Dein Passwort wird dort nie gespeichert.
# $error: warum die vorhandene Konfigurationsdatei sich nicht laden lässt.
setup-broken-file = Hinweis: Die vorhandene Datei ist nicht verwendbar: { $error }
# $note: der Rat des Anbieters (siehe die Texte setup-note-*).
setup-provider-note = Hinweis: { $note }
setup-old-password-dropped = Hinweis: Das `password` aus der alten Datei wird nicht übernommen; wähl stattdessen, woher es kommt.
# $warning: ein Port, der nicht zur Verschlüsselung passt (aus der Verbindung zum Mailserver).
setup-warning = Warnung: { $warning }
setup-unchanged = In `{ $path }` steht schon genau das; nichts geändert.
setup-changes = Änderungen an `{ $path }`:
setup-ask-replace = `{ $path }` ersetzen?
setup-ask-replace-broken = `{ $path }` ersetzen (der bisherige Inhalt geht verloren)?
setup-ask-replace-without-smtp = `{ $path }` ersetzen (ohne den Abschnitt `[smtp]`)?
setup-nothing-changed = Nichts geändert.
setup-wrote = `{ $path }` geschrieben (nur du kannst die Datei lesen)
# $command: `appeal check` mit den Optionen, die diese Konfigurationsdatei nennen.
setup-ask-check = Das E-Mail-Konto jetzt mit `{ $command }` testen?
setup-check-later = Führ `{ $command }` aus, wenn du so weit bist; es wird nichts gesendet.
# Der Hinweis bei einem fehlgeschlagenen Test: der Rat des Anbieters, dann wie man erneut testet.
setup-check-failed-hint = { $note } Führ danach `{ $command }` noch einmal aus.
# Statt eines gespeicherten Passworts in den Änderungen an der alten Datei.
setup-password-not-shown = (nicht gezeigt)
setup-ask-name = Dein Name, wie er unter den Briefen steht
setup-ask-email = Deine E-Mail-Adresse (von ihr werden die Briefe gesendet)
setup-ask-city = Dein Wohnort, wie er unter deinem Namen steht (freiwillig)
setup-ask-city-or-none = Dein Wohnort, wie er unter deinem Namen steht (freiwillig, `-` für keinen)
# $problem: was an der Antwort nicht stimmt.
setup-try-again = { $problem } – bitte noch einmal.
# $provider: z. B. Posteo; $server: wie setup-server ihn zeigt.
setup-ask-provider = Den Server von { $provider } nutzen: { $server }?
setup-choice-own-server = Server selbst eingeben
# Einer aus der Liste der Server: $provider – $server.
setup-choice-provider = { $provider } – { $server }
setup-choice-no-smtp = Ich habe keinen SMTP-Zugang (z. B. Tuta): die Briefe an mein Mailprogramm übergeben
setup-ask-server = Über welchen Server sendest du deine E-Mails?
setup-ask-host = SMTP-Server (Hostname, z. B. smtp.example.org)
setup-choice-starttls = STARTTLS (meist Port 587)
setup-choice-tls = TLS von Anfang an (meist Port 465)
setup-ask-security = Wie ist die Verbindung verschlüsselt?
setup-ask-port = Port
setup-not-a-port = `{ $answer }` ist keine Portnummer – bitte noch einmal.
setup-ask-login = Anmeldename
setup-host-empty = Der Hostname des Servers ist leer
# $scheme: was vor dem Hostnamen getippt wurde, z. B. smtp://
setup-host-scheme = Gib nur den Hostnamen an, ohne `{ $scheme }`
setup-host-invalid = `{ $host }` ist kein Hostname
setup-host-with-port = `{ $host }`: Gib nur den Hostnamen an; nach dem Port wird gleich gefragt
setup-choice-password-command = ein Befehl gibt es aus (z. B. `pass show mail/…`)
setup-choice-password-env = die Umgebungsvariable `{ $name }`
setup-choice-password-ask = jedes Mal fragen
setup-ask-password-source = Woher kommt das Passwort für `{ $user }`? (appeal speichert es nie)
setup-ask-password-command = Befehl, der das Passwort ausgibt (z. B. `pass show mail/me`)
setup-password-env-set = Hinweis: `{ $name }` ist hier gesetzt und hat Vorrang.
setup-password-from-env = Setz `{ $name }` für `appeal send` und `appeal check`; sonst fragt appeal nach dem Passwort.
setup-password-asked = appeal fragt nach dem Passwort, wenn es gebraucht wird; die Eingabe bleibt verdeckt.
setup-choice-trust-certificate = genau diesem Zertifikat vertrauen (sein Fingerabdruck ist der, den mein Server oder Proton Mail Bridge anzeigt)
setup-choice-ca-file = das Zertifikat der Stelle angeben, die es signiert hat (`ca_file`)
setup-choice-stop = hier aufhören
setup-ask-trust = Was soll appeal tun?
# $line: die Zeile `tls_fingerprint = "…"`, die in die Datei geschrieben wurde.
setup-wrote-pin = `{ $line }` in `{ $path }` geschrieben
setup-ask-ca-file = Datei mit dem Zertifikat der signierenden Stelle (PEM)
setup-not-a-file = `{ $path }` ist keine Datei – bitte noch einmal.
setup-wrote-ca-file = `ca_file` in `{ $path }` geschrieben
setup-choice-oauth2 = mit OAuth2: ein Token-Helfer wie `oama` oder `mutt_oauth2.py` holt einen frischen Zugriffstoken (empfohlen)
setup-choice-app-password = mit einem App-Passwort
setup-ask-login-method = Wie meldet sich appeal bei { $provider } an?
setup-ask-token-command = Befehl, der einen frischen Zugriffstoken ausgibt
setup-oauth2-helpers = appeal führt bei jedem Lauf einen Befehl aus, der einen frischen Zugriffstoken ausgibt. Richte zuerst einen Helfer ein: `oama` (https://github.com/pdobsan/oama: `oama authorize microsoft you@outlook.com` oder `oama authorize google you@gmail.com`) oder `mutt_oauth2.py` aus den Quellen von mutt; der Abschnitt „OAuth2 (Outlook.com, Gmail)“ der README erklärt beide.
setup-without-smtp = Ohne SMTP öffnet `appeal send --via mail-program` jeden Brief in deinem Mailprogramm, damit du ihn von dort sendest, und `appeal send --via drafts --out DIR` schreibt die Briefe als Entwürfe, die dein Mailprogramm versandfertig öffnet.

# Was ein Anbieter zuerst verlangt (der `note`-Eintrag in providers.toml nennt einen dieser Texte).
setup-note-gmx = GMX lässt Mailprogramme erst zu, wenn du in den E-Mail-Einstellungen des Webmailers den Zugriff über „POP3 & IMAP Abruf“ erlaubst.
setup-note-web-de = WEB.DE lässt Mailprogramme erst zu, wenn du in den E-Mail-Einstellungen des Webmailers den Zugriff über „POP3 & IMAP Abruf“ erlaubst.
setup-note-t-online = Mailprogramme brauchen das eigene „E-Mail-Passwort“, nicht dein Passwort für den Telekom-Login: Du legst es im Telekom Kundencenter fest.
setup-note-gmail = Gmail braucht ein App-Passwort, nicht dein Google-Passwort: Schalte die Bestätigung in zwei Schritten ein und leg dann eins an unter https://myaccount.google.com/apppasswords.
setup-note-outlook = Outlook.com hat die Anmeldung mit Passwort für Mailprogramme am 16. September 2024 abgeschaltet; ein App-Passwort geht nur noch bei manchen Konten. Wähl OAuth2 (führ `appeal setup` noch einmal aus), wenn `appeal check` abgelehnt wird.
setup-note-ionos = Nimm das Passwort des Postfachs selbst (festgelegt im IONOS Control Panel unter E-Mail), nicht deinen IONOS-Kundenlogin.
setup-note-proton = Proton Mail sendet über Proton Mail Bridge, die auf diesem Rechner laufen muss: Nimm das Passwort, das die Bridge für deine Adresse anzeigt, nicht dein Proton-Passwort. Die Bridge hat ein eigenes Zertifikat; wenn der Test seinen Fingerabdruck zeigt, vergleich ihn mit dem der Bridge und vertrau ihm.
