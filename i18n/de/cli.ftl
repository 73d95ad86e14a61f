## Die Texte der Befehlszeile (src/cli_text.rs, src/cli_errors.rs, src/prompt.rs,
## src/interrupt.rs, src/manual.rs). Die Schlüssel der Hilfetexte folgen dem
## Befehlsbaum (siehe src/cli_text.rs).

## cli: Hilfetexte der Befehle und Optionen

cli-about = Schreib deinen Abgeordneten: persönliche Kampagnenbriefe, als Vorschau gezeigt oder einzeln über dein eigenes E-Mail-Konto verschickt
cli-about-long =
    Schreib deinen Abgeordneten: persönliche Kampagnenbriefe, als Vorschau gezeigt oder einzeln über dein eigenes E-Mail-Konto verschickt.

    Die eingebaute Kampagne ist #UnscanMyFace von Amnesty International (2022): ein deutscher Brief an die deutschen Mitglieder des LIBE-Ausschusses im Europäischen Parlament mit der Bitte, Gesichtserkennung zu verbieten (`appeal recipients fetch` erstellt die heutige Liste). appeal sammelt nichts und spricht mit keinem Server außer deinem Mailserver – und mit dem Open-Data-Portal des Parlaments nur, wenn du `recipients fetch` aufrufst.
cli-after-help =
    Beispiele:
      Die Briefe der eingebauten Kampagne #UnscanMyFace lesen, mit deinem Namen unterschrieben:
        appeal preview --name "Erika Mustermann"
      Als .eml-Dateien speichern, um sie in einem Mailprogramm zu öffnen:
        appeal preview --name "Erika Mustermann" --format eml --out briefe
      Dein E-Mail-Konto einmal einrichten, testen, dann senden:
        appeal setup
        appeal check
        appeal send
      Eine Gruppenkampagne ohne Rückfragen (ein Brief pro Mitglied und Empfänger*in):
        appeal send --senders mitglieder.csv --yes
        appeal status
cli-arg-campaign = Nimm die Kampagne in ORDNER (ihre `recipients.toml` und `templates/`) statt der eingebauten
cli-arg-campaign-value-name = ORDNER
cli-arg-recipients = Nimm diese Empfängerliste statt der Liste der Kampagne
cli-arg-recipients-value-name = DATEI
cli-arg-template = Nimm diese Briefvorlage statt der Vorlage der Kampagne
cli-arg-template-value-name = DATEI
cli-arg-config = Lies die Konfiguration aus DATEI (Standard: `$APPEAL_CONFIG`, sonst `$XDG_CONFIG_HOME/appeal/config.toml`)
cli-arg-config-value-name = DATEI
cli-arg-verbose = Zeig mehr (bei `send`/`check`: den SMTP-Dialog, Passwörter geschwärzt)
cli-arg-quiet = Zeig nur Fehler und die Zusammenfassung am Ende
cli-preview-about = Zeigt jeden Brief genau so, wie `send` ihn bauen würde; verschickt nichts
cli-preview-after-help =
    Beispiele:
      appeal preview --name "Erika Mustermann"
      appeal preview --name "Erika Mustermann" --include-former --format eml --out briefe
      appeal preview --name "Erika Mustermann" --to barley --format json
cli-preview-arg-name = Dein Name, unter dem Brief (Standard: `name` unter `[sender]` in der Konfiguration)
cli-preview-arg-name-value-name = NAME
cli-preview-arg-email = Deine E-Mail-Adresse, der Absender der Briefe (Standard: `email` unter `[sender]`)
cli-preview-arg-email-value-name = ADRESSE
cli-preview-arg-city = Dein Wohnort, unter deinem Namen
cli-preview-arg-city-value-name = ORT
cli-preview-arg-postcode = Deine Postleitzahl, unter deinem Namen; daran sieht das Büro, dass du im Wahlkreis wohnst (Standard: `postcode` unter `[sender]`)
cli-preview-arg-postcode-value-name = PLZ
cli-preview-arg-address = Deine Postanschrift in einer Zeile, unter deinem Namen (Standard: `address` unter `[sender]`)
cli-preview-arg-address-value-name = ADRESSE
cli-preview-arg-note = Ein eigener Absatz, an der Stelle, die die Vorlage vorsieht (im eingebauten Brief: nach dem ersten Absatz). Nicht mit `--senders`: Die Absätze der Mitglieder stehen in der Spalte `note` der Mitgliederliste
cli-preview-arg-note-value-name = TEXT
cli-preview-arg-note-file = Lies deinen eigenen Absatz aus DATEI (UTF-8; eine Leerzeile beginnt einen neuen Absatz)
cli-preview-arg-note-file-value-name = DATEI
cli-preview-arg-to = Nur Empfänger*innen, deren Name oder Adresse SUCHWORT enthält (Groß- und Kleinschreibung egal); für mehrere wiederholen
cli-preview-arg-to-value-name = SUCHWORT
cli-preview-arg-include-former = Auch Empfänger*innen, die aus dem Amt ausgeschieden sind oder deren Rolle endete (`appeal recipients` zeigt sie)
cli-preview-arg-senders = Die Mitglieder einer Gruppe: CSV mit Kopfzeile, Spalten `name` (nötig), `email`, `city`, `note`. Ein Brief pro Mitglied und Empfänger*in
cli-preview-arg-senders-value-name = DATEI
cli-preview-arg-party = Nur Empfänger*innen, deren Partei P enthält (Groß- und Kleinschreibung egal); für mehrere wiederholen
cli-preview-arg-party-value-name = P
cli-preview-arg-role = Nur Empfänger*innen mit der Rolle R (`member`, `substitute`, `chair`, `vice-chair`, wie `appeal recipients` sie zeigt); für mehrere wiederholen
cli-preview-arg-role-value-name = R
cli-preview-arg-choose = Wähle die Empfänger*innen aus einer Liste im Terminal (alle angehakt; Leertaste entfernt den Haken, Enter geht weiter); die Auswahl gilt nur für diesen Aufruf
cli-preview-arg-format = Wie die Briefe gezeigt werden
cli-preview-arg-format-value-name = FORMAT
cli-preview-arg-format-value-text = Lesbar: Kopfzeilen entschlüsselt, ein Brief nach dem anderen
cli-preview-arg-format-value-eml = Die Nachrichten im Rohformat (RFC 5322): mit `--out` je eine `.eml`-Datei; auf der Standardausgabe die Nachricht selbst, wenn es nur eine gibt, sonst eine mbox
cli-preview-arg-format-value-json = Ein JSON-Objekt pro Brief, eines pro Zeile
cli-preview-arg-out = Schreib pro Brief eine `.eml`-Datei in ORDNER, statt die Briefe auszugeben
cli-preview-arg-out-value-name = ORDNER
cli-send-about = Verschickt einen einzelnen Brief pro Empfänger*in über deinen Mailserver
cli-send-after-help =
    Beispiele:
      appeal send                      # fragt vor dem Senden
      appeal send --dry-run            # alles außer der Verbindung
      appeal send --to sonneborn --yes
      appeal send --senders mitglieder.csv --yes --rate 20/min
cli-send-arg-name = { cli-preview-arg-name }
cli-send-arg-name-value-name = NAME
cli-send-arg-email = { cli-preview-arg-email }
cli-send-arg-email-value-name = ADRESSE
cli-send-arg-city = { cli-preview-arg-city }
cli-send-arg-city-value-name = ORT
cli-send-arg-postcode = { cli-preview-arg-postcode }
cli-send-arg-postcode-value-name = PLZ
cli-send-arg-address = { cli-preview-arg-address }
cli-send-arg-address-value-name = ADRESSE
cli-send-arg-note = { cli-preview-arg-note }
cli-send-arg-note-value-name = TEXT
cli-send-arg-note-file = { cli-preview-arg-note-file }
cli-send-arg-note-file-value-name = DATEI
cli-send-arg-to = { cli-preview-arg-to }
cli-send-arg-to-value-name = SUCHWORT
cli-send-arg-include-former = { cli-preview-arg-include-former }
cli-send-arg-senders = { cli-preview-arg-senders }
cli-send-arg-senders-value-name = DATEI
cli-send-arg-party = { cli-preview-arg-party }
cli-send-arg-party-value-name = P
cli-send-arg-role = { cli-preview-arg-role }
cli-send-arg-role-value-name = R
cli-send-arg-choose = { cli-preview-arg-choose }
cli-send-arg-yes = Senden, ohne nachzufragen (ohne Terminal nötig)
cli-send-arg-edit = Öffne deinen Editor (`$VISUAL` oder `$EDITOR`) für einen eigenen Absatz, auch mit `--yes`; endet der Editor mit einem Fehler, bricht der Aufruf ab, bevor etwas verschickt wird
cli-send-arg-dry-run = Probelauf: alles außer der Verbindung; zeigt, was verschickt würde
cli-send-arg-journal = Das Versandprotokoll (Standard: `$XDG_STATE_HOME/appeal/journal/<campaign>.jsonl`)
cli-send-arg-journal-value-name = DATEI
cli-send-arg-again = Briefe noch einmal senden, die laut Versandprotokoll zugestellt oder abgelehnt wurden
cli-send-arg-resend-uncertain = Briefe noch einmal senden, deren Ergebnis ungewiss ist
cli-send-arg-rate = Tempo beim Senden, z. B. `20/min`, `500/h` oder `unlimited` (Standard: 6/min mit `--senders`, damit die Filter des Parlaments die Briefe einer Gruppe nicht für Massenmails halten; unbegrenzt für eine einzelne Absender*in)
cli-send-arg-rate-value-name = N/min|N/h|unlimited
cli-send-arg-per-recipient = Höchstens N Briefe pro Stunde an dieselbe Empfänger*in, zusätzlich zu `--rate` (Standard für Gruppen: 20/h; `unlimited` schaltet es ab). Die Briefe gehen Mitglied für Mitglied hinaus, möglichst nie zwei hintereinander an dieselbe Empfänger*in
cli-send-arg-per-recipient-value-name = N/h|unlimited
cli-send-arg-office-hours = Nur werktags von 9:00 bis 18:00 Uhr in der Zeitzone der Empfänger*innen senden (`time_zone` der Kampagne, Europe/Brussels bei der eingebauten); außerhalb wird nichts verschickt und der Exit-Code ist 75
cli-send-arg-require-note = Keine Briefe ohne eigenen Absatz senden (die Spalte `note` eines Mitglieds oder dein `--note`/`--note-file`/`--edit`)
cli-send-arg-retries = Neue Versuche pro Brief nach vorübergehenden Fehlern
cli-send-arg-retries-value-name = N
cli-send-arg-retry-wait = Sekunden bis zum ersten neuen Versuch; jeder weitere wartet doppelt so lange (mit etwas Zufall)
cli-send-arg-retry-wait-value-name = SEKUNDEN
cli-send-arg-max = Nach N Briefen aufhören; der Rest bleibt für den nächsten Aufruf
cli-send-arg-max-value-name = N
cli-send-arg-connections = Über N SMTP-Verbindungen gleichzeitig senden
cli-send-arg-connections-value-name = N
cli-send-arg-json = Gib pro Ereignis eines Briefs ein JSON-Objekt auf der Standardausgabe aus
cli-send-arg-via = Wie die Briefe hinausgehen: über deinen Mailserver (Standard), einzeln in dein Mailprogramm oder als `.eml`-Entwürfe in `--out ORDNER`
cli-send-arg-via-value-name = WEG
cli-send-arg-via-value-smtp = Über den Mailserver aus der Konfiguration
cli-send-arg-via-value-mail-program = Jeder Brief wird in deinem Mailprogramm geöffnet und von dort verschickt
cli-send-arg-via-value-drafts = Jeder Brief wird als `.eml`-Entwurf geschrieben (`X-Unsent: 1`)
cli-send-arg-out = Mit `--via drafts`: der Ordner für die Entwürfe (wird angelegt, wenn er fehlt)
cli-send-arg-out-value-name = ORDNER
cli-recipients-about = Zeigt die Empfänger*innen der Kampagne oder prüft die Kampagne auf Probleme
cli-recipients-after-help =
    Beispiele:
      appeal recipients
      appeal recipients --check
      appeal --campaign ./meine-kampagne recipients --format json
cli-recipients-arg-check = Prüft alles (Aufbau, Adressen, Doppelte, ob der Brief für alle entsteht); Exit-Code 1 mit einer Liste aller Probleme
cli-recipients-arg-format = Wie sie gezeigt werden
cli-recipients-arg-format-value-name = FORMAT
cli-recipients-arg-format-value-text = Eine lesbare Tabelle
cli-recipients-arg-format-value-json = JSON für Skripte
cli-recipients-fetch-about = Erstellt eine `recipients.toml` aus den offenen Daten des Europäischen Parlaments (data.europarl.europa.eu). Außer dem Senden ist das der einzige Befehl, der das Netz nutzt, und nur, wenn du ihn aufrufst
cli-recipients-fetch-after-help =
    Netzwerk: fragt data.europarl.europa.eu (oder `--api-url`) nach den amtierenden Abgeordneten
    des Landes und dann nach jeder und jedem einzeln (etwa 100 Anfragen für Deutschland, mit
    Pausen); sonst geht nichts irgendwohin. Daten: Europäisches Parlament, weiterverwendbar unter
    CC BY 4.0.

    Beispiele:
      Die heutigen deutschen Mitglieder von LIBE; Kampagne und eigene Änderungen einer Liste bleiben:
        appeal recipients fetch --committee LIBE --country DE --merge recipients.toml --out heute.toml
        appeal --recipients heute.toml preview
      Nur Vorsitz und stellvertretender Vorsitz eines Ausschusses, aus Österreich:
        appeal recipients fetch --committee ENVI --country AT --role chair,vice-chair
cli-recipients-fetch-arg-committee = Das Kürzel des Ausschusses, z. B. LIBE, ENVI, JURI
cli-recipients-fetch-arg-committee-value-name = KÜRZEL
cli-recipients-fetch-arg-country = Das Land, das die Abgeordneten vertreten, als Code aus zwei Buchstaben, z. B. DE
cli-recipients-fetch-arg-country-value-name = LAND
cli-recipients-fetch-arg-role = Welche Sitze: `member`, `substitute`, `chair`, `vice-chair` (mit Komma getrennt oder wiederholt; Standard: Mitglieder, Vorsitz und stellvertretender Vorsitz)
cli-recipients-fetch-arg-role-value-name = ROLLE
cli-recipients-fetch-arg-role-value-chair = Der Vorsitz des Ausschusses
cli-recipients-fetch-arg-role-value-vice-chair = Ein stellvertretender Vorsitz
cli-recipients-fetch-arg-role-value-member = Ein ordentliches Mitglied
cli-recipients-fetch-arg-role-value-substitute = Ein stellvertretendes Mitglied
cli-recipients-fetch-arg-merge = Übernimm die Tabelle `[campaign]` und die von Hand ergänzten Angaben (`title`, `family_name`, `salutation`, `party`, `notes`) aus dieser Empfängerliste und zeig, was sich gegenüber ihr geändert hat
cli-recipients-fetch-arg-merge-value-name = DATEI
cli-recipients-fetch-arg-out = Schreib die Datei hierhin (Standard: ausgeben)
cli-recipients-fetch-arg-out-value-name = DATEI
cli-recipients-fetch-arg-api-url = Die Basis-URL der Schnittstelle: ein Spiegel oder ein Testserver
cli-recipients-fetch-arg-api-url-value-name = URL
cli-recipients-fetch-arg-retry-wait = Sekunden bis zum neuen Versuch bei einem ausgelasteten oder fehlerhaften Server; jeder weitere wartet doppelt so lange (ein `Retry-After` des Servers geht vor)
cli-recipients-fetch-arg-retry-wait-value-name = SEKUNDEN
cli-recipients-import-about = Macht aus einer CSV-Liste von Empfänger*innen (`name`, `email`, `salutation`, `title`, `party`; oder Name, E-Mail, Anrede, Titel, Partei) eine `recipients.toml`
cli-recipients-import-after-help =
    Beispiele:
      appeal recipients import stadtrat.csv --out recipients.toml
      appeal --recipients recipients.toml recipients --check
cli-recipients-import-arg-file = Die CSV-Datei: eine Kopfzeile, dann eine Empfänger*in pro Zeile; Komma oder Semikolon zwischen den Spalten
cli-recipients-import-arg-file-value-name = DATEI.csv
cli-recipients-import-arg-out = Schreib die Empfängerliste hierhin (Standard: ausgeben)
cli-recipients-import-arg-out-value-name = DATEI
cli-check-about = Testet das E-Mail-Konto: verbinden, verschlüsseln, anmelden, beenden. Verschickt nichts
cli-check-after-help =
    Beispiele:
      appeal check                     # nach `appeal setup`
      appeal -v check                  # zeigt den SMTP-Dialog (Passwort verborgen)
      appeal --config anderes.toml check
cli-setup-about = Richtet Absender*in und E-Mail-Konto ein, mit Fragen im Terminal
cli-setup-after-help =
    Beispiele:
      appeal setup                     # fragt, zeigt die Änderungen, schreibt die Datei
      appeal --config anderes.toml setup # ein zweites Konto in einer eigenen Datei
cli-init-about = Legt einen bearbeitbaren Kampagnenordner an (`recipients.toml` und Vorlage, mit Kommentaren), für `--campaign ORDNER`
cli-init-after-help =
    Beispiele:
      appeal init meine-kampagne
      appeal --campaign meine-kampagne preview
      appeal init libe-heute --from-fetch --committee LIBE --country DE
cli-init-arg-dir = Der Ordner, der angelegt wird (er darf nicht existieren oder muss leer sein)
cli-init-arg-dir-value-name = ORDNER
cli-init-arg-from-fetch = Beginne mit den heutigen Ausschussmitgliedern aus den offenen Daten des Europäischen Parlaments (Netzwerk) statt mit der eingebauten Liste
cli-init-arg-committee = Mit `--from-fetch`: das Kürzel des Ausschusses, z. B. LIBE
cli-init-arg-committee-value-name = KÜRZEL
cli-init-arg-country = Mit `--from-fetch`: der Code des Landes aus zwei Buchstaben, z. B. DE
cli-init-arg-country-value-name = LAND
cli-init-arg-api-url = Mit `--from-fetch`: die Basis-URL der Schnittstelle
cli-init-arg-api-url-value-name = URL
cli-status-about = Fasst das Versandprotokoll zusammen: zugestellt, fehlgeschlagen, ungewiss, noch offen
cli-status-after-help =
    Beispiele:
      appeal status
      appeal status --senders mitglieder.csv --format json
cli-status-arg-to = { cli-preview-arg-to }
cli-status-arg-to-value-name = SUCHWORT
cli-status-arg-include-former = { cli-preview-arg-include-former }
cli-status-arg-senders = { cli-preview-arg-senders }
cli-status-arg-senders-value-name = DATEI
cli-status-arg-party = { cli-preview-arg-party }
cli-status-arg-party-value-name = P
cli-status-arg-role = { cli-preview-arg-role }
cli-status-arg-role-value-name = R
cli-status-arg-choose = { cli-preview-arg-choose }
cli-status-arg-journal = { cli-send-arg-journal }
cli-status-arg-journal-value-name = DATEI
cli-status-arg-format = Wie es gezeigt wird
cli-status-arg-format-value-name = FORMAT
cli-status-arg-format-value-text = { cli-recipients-arg-format-value-text }
cli-status-arg-format-value-json = { cli-recipients-arg-format-value-json }
cli-status-arg-name = Wessen Briefe, wenn sie keine Adresse haben: der Name der Absender*in (Standard: `name` unter `[sender]` in der Konfiguration)
cli-status-arg-name-value-name = NAME
cli-status-arg-email = Wessen Briefe: die Adresse der Absender*in (Standard: `email` unter `[sender]`)
cli-status-arg-email-value-name = ADRESSE
cli-status-arg-city = Wie bei `send` erlaubt; ändert nicht, welche Briefe gezeigt werden
cli-status-arg-city-value-name = ORT
cli-status-arg-postcode = { cli-status-arg-city }
cli-status-arg-postcode-value-name = PLZ
cli-status-arg-address = { cli-status-arg-city }
cli-status-arg-address-value-name = ADRESSE
cli-completions-about = Gibt das Vervollständigungsskript für eine Shell aus (bash, zsh, fish, …)
cli-completions-about-long =
    Gibt das Vervollständigungsskript für eine Shell aus (bash, zsh, fish, …).

    Vervollständigt Befehle, Optionen, ihre Werte und Dateinamen. Das Debian-Paket installiert die Skripte für bash, zsh und fish; der Abschnitt `Completions and manual page` der README sagt, wohin du eines von Hand legst.
cli-completions-after-help =
    Beispiele:
      appeal completions bash > ~/.local/share/bash-completion/completions/appeal
      appeal completions zsh > ~/.zfunc/_appeal
      appeal completions fish > ~/.config/fish/completions/appeal.fish
cli-completions-arg-shell = Die Shell, in der vervollständigt wird
cli-completions-arg-shell-value-name = SHELL
cli-man-about = Gibt die Handbuchseite aus (roff): alle Befehle, Exit-Codes, Dateien
cli-man-about-long =
    Gibt die Handbuchseite aus (roff): alle Befehle, Exit-Codes, Dateien.

    Eine Seite mit allen Befehlen und ihren Optionen, den Exit-Codes, den Umgebungsvariablen und den Dateien, die appeal nutzt. Das Debian-Paket installiert sie als appeal(1).
cli-man-after-help =
    Beispiele:
      appeal man | man -l -
      appeal man > ~/.local/share/man/man1/appeal.1

## cli_text: clap's eigene Wörter

cli-clap-global-options = Optionen für alle Befehle
cli-clap-commands = Befehle
cli-clap-command-placeholder = BEFEHL
cli-clap-help-command = Zeigt diese Hilfe oder die Hilfe der angegebenen Befehle
cli-clap-help-flag = Zeigt die Hilfe
cli-clap-help-flag-more = Zeigt die Hilfe (mehr mit `--help`)
cli-clap-help-flag-summary = Zeigt die Hilfe (kurz mit `-h`)
cli-clap-version-flag = Zeigt die Version
cli-clap-default = [Standard: { $value }]
cli-clap-possible-values = [mögliche Werte: { $values }]
cli-clap-env = [Umgebungsvariable: { $name }]
cli-clap-possible-values-heading = Mögliche Werte:
cli-clap-usage = Aufruf:
cli-clap-options = Optionen:
cli-clap-arguments = Argumente:
cli-clap-options-placeholder = [OPTIONEN]
# Ein Wert für `--retry-wait`, der keine Sekundenzahl von 0 bis 3600 ist.
cli-retry-wait-invalid = `{ $value }` ist keine Zahl von Sekunden zwischen 0 und 3600

## cli_errors: Fehler beim Aufruf

cli-error-tip = Tipp:
cli-error-more = Mehr dazu zeigt `{ $flag }`.
cli-error-usage = Der Aufruf ist ungültig
cli-error-unknown-argument = Unerwartetes Argument `{ $arg }`
cli-error-unknown-command = Unbekannter Befehl `{ $command }`
cli-error-value-missing = `{ $arg }` braucht einen Wert, aber es wurde keiner angegeben
cli-error-value-invalid = Ungültiger Wert `{ $value }` für `{ $arg }`
cli-error-value-rejected = Ungültiger Wert `{ $value }` für `{ $arg }`: { $reason }
cli-error-not-a-number = keine Zahl
cli-error-out-of-range = `{ $value }` liegt nicht im Bereich `{ $range }`
cli-error-missing-arguments = { $count ->
    [one] Diese Angabe fehlt:
   *[other] Diese Angaben fehlen:
}
cli-error-command-missing = `{ $command }` braucht einen Befehl, aber es wurde keiner angegeben
cli-error-commands = [Befehle: { $names }]
cli-error-conflict = `{ $arg }` geht nicht zusammen mit `{ $other }`
cli-error-conflict-with-these = `{ $arg }` geht nicht zusammen mit:
cli-error-conflict-with-others = `{ $arg }` geht nicht zusammen mit einer der anderen Angaben
cli-error-given-twice = `{ $arg }` darf nur einmal vorkommen
cli-error-no-equals = Für `{ $arg }` braucht der Wert ein Gleichheitszeichen davor
cli-error-too-many-values = Unerwarteter Wert `{ $value }` für `{ $arg }`; mehr Werte gehen hier nicht
cli-error-wrong-number-of-values = Falsche Zahl von Werten für `{ $arg }`
cli-error-invalid-utf8 = Ein Argument ist kein gültiges UTF-8
cli-error-similar-command = { $count ->
    [one] Es gibt einen ähnlichen Befehl: { $names }
   *[other] Es gibt ähnliche Befehle: { $names }
}
cli-error-similar-argument = { $count ->
    [one] Es gibt eine ähnliche Option: { $names }
   *[other] Es gibt ähnliche Optionen: { $names }
}
cli-error-similar-value = { $count ->
    [one] Es gibt einen ähnlichen Wert: { $names }
   *[other] Es gibt ähnliche Werte: { $names }
}
cli-error-tip-as-value = Um `{ $arg }` als Wert zu übergeben, schreib `{ $instead }`
cli-error-tip-remove-dashes = Es gibt den Befehl `{ $command }`; um ihn zu nutzen, lass das `--` davor weg
cli-error-tip-exists = Es gibt `{ $usage }`

## prompt: Fragen im Terminal

# Was gerade gelesen wurde, als das Terminal versagte (vor dem Grund des Systems).
prompt-reading-answer = Antwort aus dem Terminal lesen
prompt-reading-password = Passwort aus dem Terminal lesen
prompt-reading-choice = Auswahl aus dem Terminal lesen
# Nach einer Ja/Nein-Frage: Der Großbuchstabe ist das, was Enter antwortet.
prompt-yes-no-default-yes = [J/n]
prompt-yes-no-default-no = [j/N]
# Eine Ja/Nein-Frage bekam eine andere Antwort.
prompt-yes-or-no = Bitte antworte mit j oder n
prompt-editor-unreadable = Der Editor-Befehl `{ $command }` ist nicht lesbar
prompt-editor-hint = Stell `$VISUAL` oder `$EDITOR` auf deinen Editor, zum Beispiel `EDITOR={ $other }`
prompt-editor-temp-create = temporäre Datei für den Editor anlegen
prompt-editor-temp-write = temporäre Datei für den Editor schreiben
prompt-editor-cannot-start = Der Editor `{ $program }` startet nicht: { $reason }; es wurde nichts verschickt
prompt-editor-gave-up = Der Editor `{ $program }` hat abgebrochen (Exit-Code { $code }); es wurde nichts verschickt
# Der Editor wurde durch ein Signal beendet; $status ist die Beschreibung des Systems.
prompt-editor-stopped = Der Editor `{ $program }` wurde beendet ({ $status }); es wurde nichts verschickt
# Warum der Editor nicht startet.
prompt-editor-not-found = Datei oder Ordner gibt es nicht
prompt-editor-not-allowed = keine Berechtigung zum Ausführen
prompt-editor-gave-up-hint = Ruf denselben Befehl noch einmal auf, um den Absatz zu schreiben, oder lass `--edit` weg
prompt-editor-read-back = Text aus dem Editor zurücklesen

## interrupt: Strg+C bei einer Frage

interrupt-stopped = Abgebrochen; es wurde nichts weiter getan

## manual: die eigenen Abschnitte der Handbuchseite

manual-title = Benutzerbefehle
manual-section-name = BEZEICHNUNG
manual-section-synopsis = ÜBERSICHT
manual-section-description = BESCHREIBUNG
manual-section-options = OPTIONEN
manual-section-version = VERSION
manual-section-commands = BEFEHLE
manual-section-examples = BEISPIELE
manual-section-exit-status = EXIT-STATUS
manual-section-environment = UMGEBUNG
manual-section-files = DATEIEN
manual-exit-success = Alles Verlangte ist erledigt.
manual-exit-failed = Briefe wurden endgültig abgelehnt oder ihr Ergebnis ist ungewiss; oder check, die Anmeldung oder TLS ist gescheitert; oder die Servereinstellungen passen nicht zum Server (ein Host, der sich nicht auflösen lässt, ein Port, der schon die erste Verbindung ablehnt oder kein SMTP spricht, eine Verschlüsselung, die nicht zum Port passt). Ein neuer Aufruf hilft nicht: Der Tipp nennt die Einstellung, die du ändern musst.
manual-exit-usage = Falsche Eingabe, falscher Aufruf oder falsche Konfiguration (auch ein password_command, der scheitert oder länger als password_timeout braucht); es wurde nichts verschickt.
manual-exit-tempfail = Angehalten, obwohl noch Briefe offen sind: --max ist erreicht, oder vorübergehende Fehler sind übrig (eine 4xx-Antwort, eine abgebrochene Verbindung, keine Antwort innerhalb der Wartezeit, ein anderer Versand hält das Versandprotokoll). Ruf denselben Befehl später noch einmal auf.
manual-exit-interrupted = Abgebrochen (Strg+C); was verschickt wurde, steht im Versandprotokoll.
manual-env-config = Die Konfigurationsdatei, die gelesen wird, wenn --config fehlt.
manual-env-password = Das Passwort des E-Mail-Kontos. Es geht password_command und der Frage im Terminal vor; appeal zeigt und speichert es nie.
manual-env-lang = Die Sprache der Oberfläche, de oder en; ohne sie entscheiden LC_ALL, LC_MESSAGES oder LANG (Deutsch, wenn die erste gesetzte mit de beginnt).
manual-env-xdg-config = Der Ordner der Konfiguration (Standard: ~/.config). Ein relativer Pfad zählt als nicht gesetzt.
manual-env-xdg-state = Der Ordner der Versandprotokolle (Standard: ~/.local/state). Ein relativer Pfad zählt als nicht gesetzt.
manual-env-home = Wo ~/.config und ~/.local/state liegen, wenn die XDG-Variablen nicht gesetzt sind.
manual-env-editor = Der Editor, den send --edit öffnet: $VISUAL, sonst $EDITOR, sonst vi.
manual-file-config = Absender*in und E-Mail-Konto (Standard: ~/.config/appeal/config.toml), geschrieben von appeal setup; $APPEAL_CONFIG oder --config nennen eine andere Datei. Ein Schlüssel password darin wird nur in einer privaten Datei angenommen (Modus 0600).
manual-file-journal = Das Versandprotokoll einer Kampagne (Standard: ~/.local/state/appeal/journal/): jeder Brief, ob verschickt, abgelehnt oder ungewiss, damit nichts zweimal hinausgeht; appeal status fasst es zusammen, --journal nennt ein anderes. Nur für dich lesbar (Modus 0600).
