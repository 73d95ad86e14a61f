## Texte der Versandsitzung: der Versandlauf (src/send/run.rs), das
## Versandprotokoll (src/journal.rs) und die SMTP-Verbindung (src/transport).

## send/run.rs

# Ein vorübergehender Fehler, neuer Versuch; $who: Absender*in → Empfänger*in.
run-retrying = neuer Versuch  { $who }: { $reason } (Versuch { $attempt } von { $attempts })
run-connection-gave-up = Hinweis: Eine Verbindung hat aufgegeben ({ $reason }); die anderen machen weiter
run-cannot-connect = Keine Verbindung möglich: { $reason }
# Das Versandprotokoll konnte den `data`-Eintrag eines Briefs nicht aufnehmen.
run-cannot-record = Der Brief lässt sich vor dem Senden nicht im Versandprotokoll festhalten: { $error }
# Nach „Fehler:“.
run-journal-unwritable-path = Das Versandprotokoll `{ $path }` lässt sich nicht schreiben: { $error }
run-journal-unwritable = Das Versandprotokoll lässt sich nicht schreiben: { $error }
# Neben dem Fortschrittsbalken.
run-progress = { $refused } abgelehnt, { $uncertain } ungewiss, { $temporary } für einen neuen Versuch
# Eine Zeile je Brief; die Wörter sind auf eine Breite aufgefüllt.
run-line-delivered = zugestellt     { $who }
run-line-refused = abgelehnt      { $who }: { $reply }
run-line-uncertain = ungewiss       { $who }: { $reply }
run-line-temporary = vorübergehend  { $who }: { $reply }
run-summary = Zusammenfassung: { $delivered } zugestellt, { $refused } abgelehnt, { $uncertain } ungewiss, { $left } noch offen (Versandprotokoll: { $path })
# Nach „Tipp:“; $status und $resend sind Befehle.
run-uncertain-hint = Ungewisse Briefe sind vielleicht angekommen; prüfe das mit `{ $status }` und sende sie nur mit `{ $resend }` erneut
run-auth-failed = Anmeldung fehlgeschlagen: { $reason }
run-auth-failed-hint = Prüfe `username` und das Passwort (Anbieter wie Gmail brauchen ein App-Passwort); weiter wurde nichts versucht
run-tls-failed = TLS fehlgeschlagen: { $reason }
run-tls-failed-hint = Prüfe `host` (er muss zum Zertifikat passen) und `security`; für einen eigenen Mailserver setze `ca_file`
run-journal-hint = Schaffe Platz auf dem Datenträger von `{ $path }` (oder korrigiere die Rechte) und führe denselben Befehl noch einmal aus; was das Versandprotokoll als gesendet festhält, wird nicht noch einmal gesendet
run-connect-hint = Die nicht gesendeten Briefe sind festgehalten; führe denselben Befehl später noch einmal aus
run-interrupted = Abgebrochen: Die gesendeten Briefe sind festgehalten; führe denselben Befehl noch einmal aus, um den Rest zu senden
# Nach „Tipp:“.
run-temporary-left = Es gibt noch vorübergehende Fehler; führe denselben Befehl später noch einmal aus
# Nach „Tipp:“; $max ist die angegebene Zahl, $left die offenen Briefe.
run-max-reached = --max { $max } ist erreicht, { $left ->
        [one] { $left } Brief
       *[other] { $left } Briefe
    } noch offen; führe denselben Befehl noch einmal aus, um die nächsten zu senden
run-stopping = Ich höre nach dem Brief auf, der gerade unterwegs ist (noch einmal Strg+C bricht sofort ab)

## journal.rs

journal-unreadable = Das Versandprotokoll `{ $path }` lässt sich nicht lesen: { $error }
# $line ist eine Zeilennummer.
journal-incomplete-line = Warnung: Das Versandprotokoll `{ $path }` hat eine unvollständige Zeile { $line } (wahrscheinlich ein Absturz beim Schreiben); sie wird übergangen
journal-damaged = Das Versandprotokoll `{ $path }` ist in Zeile { $line } beschädigt: { $error }
journal-damaged-hint = appeal schreibt das Versandprotokoll nie um; korrigiere oder verschiebe diese Zeile von Hand, oder beginne mit `--journal` ein neues
journal-no-home = Unklar, wo das Versandprotokoll liegen soll: weder XDG_STATE_HOME noch HOME ist gesetzt
journal-no-home-hint = Gib `--journal FILE` an
journal-folder-uncreatable = Der Ordner des Versandprotokolls `{ $path }` lässt sich nicht anlegen: { $error }
journal-unopenable = Das Versandprotokoll `{ $path }` lässt sich nicht öffnen: { $error }
journal-busy = Ein anderes `appeal send` benutzt gerade das Versandprotokoll `{ $path }`; es wurde nichts gesendet
journal-busy-hint = Warte, bis es fertig ist, und führe diesen Befehl dann noch einmal aus
journal-unlockable = Das Versandprotokoll `{ $path }` lässt sich nicht sperren: { $error }
# $mode und $private sind Dateirechte in Oktalschreibweise (644, 600).
journal-made-private = Hinweis: Andere Benutzer*innen konnten das Versandprotokoll `{ $path }` lesen (Rechte { $mode }); es enthält Namen und Adressen von Mitgliedern, deshalb ist es jetzt privat (Rechte { $private })
journal-not-private = Warnung: Andere Benutzer*innen können das Versandprotokoll `{ $path }` lesen (Rechte { $mode }), und es ließ sich nicht privat machen: { $error }; führe `chmod 600` darauf aus

## transport/connect.rs

# Die Frist eines Schritts ist abgelaufen; $seconds kann Nachkommastellen haben (1,5).
smtp-no-answer = Keine Antwort vom Mailserver innerhalb von { $seconds } s { $phase ->
    [connecting] beim Verbinden
    [greeting] beim Warten auf die Begrüßung
    [starttls] beim Start von TLS
    [extensions] bei der Frage nach den Erweiterungen
    [login] bei der Anmeldung
   *[sending] beim Senden
}
smtp-unknown-host = Der Mailserver `{ $host }` ist nicht zu finden: { $reason }
smtp-port-refused = `{ $server }` hat die Verbindung abgelehnt: Auf diesem Port antwortet nichts
smtp-not-smtp = `{ $server }` ist kein Mailserver (falscher Port?): Er antwortet nicht in SMTP
smtp-tls-on-plain-port = `{ $server }` beginnt nicht mit TLS: Dieser Port braucht `security = "starttls"`, nicht `"tls"`
# $configured: starttls oder none.
smtp-plain-on-tls-port = `{ $server }` hat nichts gesagt, bis TLS gestartet war: Dieser Port braucht `security = "tls"`, nicht `"{ $configured }"`
smtp-unknown-host-hint = Prüfe `host` unter [smtp]: Die Hilfeseiten deines Anbieters nennen seinen SMTP-Server (z. B. `smtp.example.org`)
smtp-wrong-port-hint = Prüfe `host` und `port` unter [smtp]: Port 587 gehört zu `security = "starttls"`, Port 465 zu `security = "tls"`
smtp-tls-on-plain-port-hint = Setze `security = "starttls"` für diesen Port (meist 587), oder nimm den Port für `security = "tls"` (meist 465)
smtp-plain-on-tls-port-hint = Setze `security = "tls"` für diesen Port (meist 465), oder nimm den Port für `security = "starttls"` (meist 587)
smtp-port-465-starttls = Port 465 ist meist für TLS von Anfang an (`security = "tls"`), nicht für STARTTLS; wenn `appeal check` keine Antwort bekommt, wähle TLS von Anfang an
smtp-port-587-tls = Port 587 ist meist für STARTTLS (`security = "starttls"`), nicht für TLS von Anfang an; wenn `appeal check` scheitert, wähle STARTTLS

## transport/mod.rs

smtp-none-remote = `security = "none"` ist nur für einen Mailserver auf diesem Rechner (localhost) erlaubt, nicht für `{ $host }`
smtp-none-resolves-elsewhere = `{ $host }` führt zu { $ip }, und das ist nicht dieser Rechner; `security = "none"` ist nur für einen Mailserver auf diesem Rechner erlaubt
# $reply: Code und Text des Mailservers.
smtp-refused = Vom Mailserver abgelehnt: { $reply }
smtp-temporary = Vorübergehender Fehler: { $reply }
smtp-dropped = Verbindung verloren, bevor die Nachricht vollständig war ({ $reason })
smtp-uncertain = Ausgang ungewiss: Die ganze Nachricht wurde gesendet, aber es kam keine Antwort ({ $reason })
smtp-auth-hint = Prüfe `username` und das Passwort (Anbieter wie Gmail brauchen ein App-Passwort)
smtp-no-starttls = { $server } bietet kein STARTTLS an; unverschlüsselt geht es nicht weiter
smtp-connection-closed = Die Verbindung wurde geschlossen
smtp-connection-lost = Die Verbindung ist verloren gegangen
smtp-password-unencrypted = Das Passwort wird nicht über eine unverschlüsselte Verbindung gesendet; nimm `security = "starttls"` oder `"tls"`, oder entferne `username`
smtp-no-password = Für die Anmeldung ist kein Passwort da
smtp-login-for-now = { $server }: Die Anmeldung ließ sich gerade nicht abschließen: { $reason }
smtp-login-refused = Der Mailserver hat die Anmeldung für `{ $user }` nicht angenommen: { $reason }
smtp-no-ehlo-answer = { $server }: Keine Antwort auf EHLO: { $reason }
smtp-ca-file-unreadable = `ca_file` `{ $path }` lässt sich nicht lesen: { $error }
smtp-ca-file-no-pem = `ca_file` `{ $path }` enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----)
smtp-ca-file-bad-pem = `ca_file` `{ $path }` ist kein PEM-Zertifikat: { $error }
smtp-starttls-for-now = { $server }: STARTTLS ließ sich gerade nicht abschließen: { $reason }

## transport/oauth2.rs

smtp-no-xoauth2 = { $server } bietet keine OAuth2-Anmeldung an (AUTH XOAUTH2); nimm für diesen Mailserver `auth = "password"`
smtp-token-refused = Der Mailserver hat das Zugriffstoken für `{ $user }` nicht angenommen: { $reason }

## transport/pin.rs

pin-bad-fingerprint = `tls_fingerprint` `{ $text }` ist kein SHA-256-Fingerabdruck (64 Hexadezimalziffern, z. B. `sha256:3A:F1:…`)
# Ein Feld des Zertifikats, das sich nicht lesen lässt.
pin-unreadable = (nicht lesbar)
# $from und $to sind Tage, 2026-11-27.
pin-validity = { $from } bis { $to }
# $line ist die Konfigurationszeile, die dem Zertifikat vertraut.
pin-renewed-hint = Wenn das Zertifikat des Mailservers erneuert wurde und dies das neue ist, ersetze `tls_fingerprint` unter [smtp] durch: { $line }
pin-trust-hint = Wenn das dein eigener Mailserver oder die Proton Mail Bridge ist und sie diesen Fingerabdruck zeigt, vertraue genau diesem Zertifikat mit dieser Zeile unter [smtp]: { $line } (oder setze `ca_file` auf das Zertifikat der Stelle, die es unterschrieben hat)
# Die Bezeichnungen sind auf eine Breite aufgefüllt.
pin-untrusted = Dem Zertifikat von `{ $server }` wird nicht vertraut: { $why ->
        [self-signed] Es ist selbst unterschrieben, also bürgt keine Stelle dafür, der dieser Rechner vertraut
        [unknown-issuer] Es ist von einer Stelle unterschrieben, der dieser Rechner nicht vertraut
        [other-name] Es ist auf einen anderen Namen als `{ $host }` ausgestellt
        [out-of-date] Es ist abgelaufen oder noch nicht gültig
        [not-pinned] Es ist nicht das mit `tls_fingerprint` festgelegte Zertifikat
       *[invalid] Es ist kein gültiges Zertifikat
    }
    {"  "}Inhaber:       { $subject }
    {"  "}Aussteller:    { $issuer }
    {"  "}gültig:        { $validity }
    {"  "}Fingerabdruck: { $fingerprint }
pin-certificate-unreadable = { $server }: Das Zertifikat des Mailservers lässt sich nicht lesen: { $reason }
smtp-token-hint = Das Zugriffstoken ist abgelaufen oder hat nicht die Berechtigung, Mail zu senden (Scope `https://outlook.office.com/SMTP.Send` für Outlook.com, `https://mail.google.com/` für Gmail): Führe `token_command` selbst aus, und wenn es ein altes Token ausgibt, autorisiere mit seinem Hilfsprogramm neu (z. B. `oama authorize`); siehe den Abschnitt „OAuth2 (Outlook.com, Gmail)“ im README
