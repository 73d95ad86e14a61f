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
# Nach „Hinweis:“; $status und $resend sind Befehle.
run-uncertain-hint = Ungewisse Briefe sind vielleicht angekommen; prüfe das mit `{ $status }` und sende sie nur mit `{ $resend }` erneut
run-auth-failed = Anmeldung fehlgeschlagen: { $reason }
run-auth-failed-hint = Prüfe `username` und das Passwort (Anbieter wie Gmail brauchen ein App-Passwort); weiter wurde nichts versucht
run-tls-failed = TLS fehlgeschlagen: { $reason }
run-tls-failed-hint = Prüfe `host` (er muss zum Zertifikat passen) und `security`; für einen eigenen Mailserver setze `ca_file`
run-journal-hint = Schaffe Platz auf dem Datenträger von `{ $path }` (oder korrigiere die Rechte) und führe denselben Befehl noch einmal aus; was das Versandprotokoll als gesendet festhält, wird nicht noch einmal gesendet
run-connect-hint = Die nicht gesendeten Briefe sind festgehalten; führe denselben Befehl später noch einmal aus
run-interrupted = Abgebrochen: Die gesendeten Briefe sind festgehalten; führe denselben Befehl noch einmal aus, um den Rest zu senden
# Nach „Hinweis:“.
run-temporary-left = Es gibt noch vorübergehende Fehler; führe denselben Befehl später noch einmal aus
# Nach „Hinweis:“; $max ist die angegebene Zahl, $left z. B. „3 Briefe“.
run-max-reached = --max { $max } ist erreicht, { $left } noch offen; führe denselben Befehl noch einmal aus, um die nächsten zu senden
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
