## Texte des Bereichs Briefe: die Kampagne, Empfängerlisten,
## Mitgliederlisten, die Absender*innen, die Briefe, Vorschau, Abruf und Import.

## campaign

# Woher die eingebaute Empfängerliste kommt, in Meldungen.
campaign-builtin-recipients-origin = recipients.toml (eingebaut)
campaign-builtin-template-origin = templates/{ $name } (eingebaut)
campaign-template-not-built-in = Die Kampagne nennt die Vorlage `{ $name }`, aber diese Vorlage ist nicht eingebaut
campaign-template-not-built-in-hint = Gib die Vorlage mit `--template FILE` an, leg sie in `templates/` neben die Empfängerliste oder nimm `--campaign DIR`.
# $kind: recipients oder template.
campaign-file-not-utf8 = { $kind ->
    [template] Die Vorlage
   *[recipients] Die Empfängerliste
} `{ $path }` ist kein UTF-8-Text
campaign-file-not-utf8-hint = Speichere die Datei als UTF-8 (die meisten Editoren bieten das unter „Speichern unter“ oder „Zeichenkodierung“ an).
campaign-file-not-found = { $kind ->
    [template] Die Vorlage
   *[recipients] Die Empfängerliste
} `{ $path }` gibt es nicht
campaign-file-unreadable = { $kind ->
    [template] Die Vorlage
   *[recipients] Die Empfängerliste
} `{ $path }` lässt sich nicht lesen: { $error }
campaign-file-not-found-hint = Prüfe den Pfad, oder lass `--campaign`/`--recipients`/`--template` weg, dann gilt die eingebaute Kampagne.
# $place: Datei:Zeile:Spalte.
campaign-bad-id = { $place }: Die Kampagnen-ID `{ $id }` darf nur a-z, 0-9, `-`, `_` und `.` enthalten (sie ist der Name des Versandprotokolls)
campaign-duplicate-address = { $place }: { $label }: Die Adresse `{ $email }` gehört schon zu { $first }
campaign-no-recipients = { $origin }: Keine `[[recipient]]`-Einträge: Die Kampagne hat niemanden, an den sie schreiben kann
# Wie Empfänger*innen der Datei in Problemen genannt werden.
campaign-recipient-label-named = Empfänger*in { $number } (`{ $name }`)
campaign-recipient-label = Empfänger*in { $number }
# $expected: die erlaubten Schlüssel, jeder in Backticks.
campaign-unknown-key = Unbekannter Schlüssel `{ $key }`; erlaubt sind { $expected }
campaign-missing-key = Der Schlüssel `{ $key }` fehlt
campaign-name-empty = `name` ist leer
campaign-bad-email = `email` `{ $email }` ist keine gültige Adresse ({ $error })
campaign-line-break-in = `{ $key }` enthält ein Steuerzeichen (einen Zeilenumbruch)
campaign-control-character-in = `{ $key }` enthält ein Steuerzeichen (`{ $character }`)
campaign-template-control-character = { $place }: Die Vorlage enthält ein Steuerzeichen (`{ $character }`)
campaign-date-not-a-date = `{ $key }` muss ein Datum wie 2024-07-15 sein (ohne Anführungszeichen), gefunden: { $found }
campaign-date-not-real = `{ $key }` `{ $value }` ist kein echtes Datum
campaign-date-with-time = `{ $key }` `{ $value }` muss ein Datum wie 2024-07-15 sein, ohne Uhrzeit
# Warum Empfänger*innen wegfallen, in Hinweisen und Listen.
campaign-left-office = am { $date } aus dem Amt ausgeschieden
campaign-role-ended = Rolle endete am { $date }
campaign-role-ended-now = Rolle endete am { $date }, jetzt: { $now }

## members

members-header-hint = Die erste Zeile muss eine Kopfzeile sein, etwa `name,email,city,note` oder `Name;E-Mail;Ort;Notiz` (getrennt durch `,`, `;` oder Tabulatoren); mehr dazu im Abschnitt „Group campaigns“ der README.
members-cannot-open = Die Mitgliederliste `{ $path }` lässt sich nicht öffnen: { $error }
members-cannot-open-hint = `--senders` erwartet die Mitgliederliste: eine CSV-Datei, aus deiner Tabellenkalkulation gespeichert.
# $line: die Zeilennummer.
members-mixed-encoding = `{ $path }` Zeile { $line }: kein gültiges UTF-8, andere Zeilen aber schon (ist die Datei aus unterschiedlich gespeicherten Teilen zusammengesetzt?)
members-save-as-utf8-hint = Speichere sie als UTF-8: in Excel mit „Datei > Speichern unter“ und dem Dateityp „CSV UTF-8“; in LibreOffice mit „Datei > Speichern unter“, „Text CSV“, „Filtereinstellungen bearbeiten“ und dem Zeichensatz „Unicode (UTF-8)“.
members-windows-1252-notice = Die Mitgliederliste `{ $path }` ist kein UTF-8: Sie wurde als Windows-1252 gelesen (Excels „CSV“ unter Windows). Prüfe Namen mit ä, ö, ü, ß in `appeal preview`.
# $separator: semicolon, tab oder comma.
members-separator-notice = Mitgliederliste `{ $path }`: Die Spalten sind durch { $separator ->
    [semicolon] Semikolons (`;`)
    [tab] Tabulatoren
   *[comma] Kommas (`,`)
} getrennt.
members-unreadable-header = Mitgliederliste `{ $path }`: { $error }
members-empty = Die Mitgliederliste `{ $path }` ist leer
# $count: wie viele Spalten nicht gelesen werden.
members-ignored-columns-notice = Mitgliederliste `{ $path }`: { $count ->
    [one] Die Spalte { $columns } wird
   *[other] Die Spalten { $columns } werden
} nicht gelesen (gelesen werden name, email, city, note, postcode, address; die deutschen Namen stehen in der README).
members-no-name-column = Die Mitgliederliste `{ $path }` hat keine Spalte `name` (gefunden: { $found })
members-duplicate-column = Die Mitgliederliste `{ $path }` hat die Spalte `{ $column }` mehrmals: { $headers }
members-duplicate-column-hint = Behalte eine davon oder benenne die anderen um (Spalten mit anderen Namen werden nicht gelesen).

## sender

sender-name-empty = Der Name der Absender*in ist leer
sender-name-too-long = Der Name der Absender*in ist länger als { $max } Zeichen
# $field: name, city, postcode oder address.
sender-control-character = { $field ->
    [name] Der Name
    [city] Der Ort
    [postcode] Die Postleitzahl
   *[address] Die Anschrift
} der Absender*in (`{ $value }`) enthält ein Steuerzeichen ({ $character })
sender-bad-email = `{ $email }` ist keine gültige E-Mail-Adresse ({ $error })
# Warum eine Adresse nicht gültig ist.
address-missing-parts = es fehlt der Teil vor oder nach dem @
address-unbalanced = eine spitze Klammer ist nicht geschlossen
address-invalid-user = der Teil vor dem @ ist ungültig
address-invalid-domain = der Domainname nach dem @ ist ungültig
address-invalid-input = ungültige Zeichen
# Ein Problem in einer Zeile der Mitgliederliste; $line: die Zeilennummer.
sender-row-problem = `{ $path }` Zeile { $line }: { $problem }
sender-row-field-count = `{ $path }` Zeile { $line }: { $expected } Felder erwartet, { $found } gefunden
sender-row-same-address = `{ $path }` Zeile { $line }: dasselbe Mitglied wie in Zeile { $first } (Adresse `{ $email }`); bitte jedes Mitglied nur einmal
sender-row-same-name = `{ $path }` Zeile { $line }: dasselbe Mitglied wie in Zeile { $first } (Name `{ $name }`); bitte jedes Mitglied nur einmal
sender-no-members = Die Mitgliederliste `{ $path }` hat eine Kopfzeile, aber keine Mitglieder
sender-name-column-empty = Spalte `name` ist leer
sender-in-column = Spalte `{ $column }`: { $problem }
sender-note-control-character = Spalte `note` enthält das Steuerzeichen `{ $character }`; entferne es

## note

note-with-senders = `--note`/`--note-file` geht nicht zusammen mit `--senders`: Den eigenen Absatz jedes Mitglieds liest `appeal` aus der Datei
note-with-senders-hint = Schreib den eigenen Absatz jedes Mitglieds in die Spalte `note` der Mitgliederliste.
note-file-unreadable = Die Datei `{ $path }` mit dem eigenen Absatz lässt sich nicht lesen: { $error }
note-file-not-utf8 = Die Datei `{ $path }` mit dem eigenen Absatz ist kein UTF-8-Text
note-file-not-utf8-hint = Speichere sie als UTF-8 (in den meisten Editoren: „Speichern unter“, Kodierung UTF-8).
note-control-character = Der eigene Absatz enthält ein Steuerzeichen (`{ $character }`)
note-control-character-hint = Schreib den Absatz als einfachen Text.

## plan

plan-name-with-senders = `--name`/`--city` geht nicht zusammen mit `--senders`: Die Namen der Mitglieder stehen in der Datei
plan-postcode-with-senders = `--postcode`/`--address` geht nicht zusammen mit `--senders`: Diese Angaben jedes Mitglieds stehen in der Datei
plan-postcode-with-senders-hint = Trag sie in die Spalten `postcode` und `address` der Mitgliederliste ein (`PLZ`, `Adresse`).
# Vor einem Fehler beim Erstellen eines Briefs.
plan-letter-to = Brief an `{ $name }`
# $names: jeweils mit dem Grund, warum sie wegfallen.
plan-former-notice = Hinweis: { $count ->
    [one] { $count } Empfänger*in fällt weg, die aus dem Amt ausgeschieden ist oder die Rolle, in der der Brief sie anspricht, nicht mehr hat
   *[other] { $count } Empfänger*innen fallen weg, die aus dem Amt ausgeschieden sind oder die Rolle, in der der Brief sie anspricht, nicht mehr haben
}: { $names }. Mit `--include-former` schreibst du trotzdem allen.
plan-to-empty = `--to { $value }` ist leer
plan-to-matches-none = `--to { $value }` passt auf keine Empfänger*in
# $command: die Befehlszeile für `appeal recipients`.
plan-to-matches-none-hint = `{ $command }` zeigt alle.
# $flags: die auswählenden Optionen wie eingegeben, z. B. `--party SPD --role member`.
plan-selection-matches-none = `{ $flags }` passen zusammen auf keine Empfänger*in
plan-selection-matches-none-hint = `appeal recipients` zeigt Partei und Rolle aller Empfänger*innen.
plan-selection-only-former = `{ $flags }` passt nur auf Empfänger*innen, die aus dem Amt ausgeschieden sind
plan-selection-only-former-hint = Mit `--include-former` schreibst du ihnen trotzdem.
plan-choose-needs-terminal = `--choose` braucht ein Terminal, um die Auswahlliste zu zeigen
plan-choose-needs-terminal-hint = Wähle stattdessen mit `--to`, `--party` oder `--role` aus.
# Die Frage nach dem Namen der Absender*in, im Terminal.
plan-ask-name = Dein Name (er steht unter dem Brief)
plan-no-sender-name = Kein Name für die Unterschrift angegeben
plan-no-sender-name-hint = Gib `--name "Dein Name"` an oder trag `name` unter [sender] in die Konfiguration ein (`{ $command }`).

## identity

# $earlier: identity-earlier-address und identity-earlier-nameless,
# verbunden mit identity-list-and.
identity-earlier-letters-notice = Hinweis: Das Versandprotokoll hat Briefe von `{ $name }` { $earlier }. Sie zählen als Briefe dieses Mitglieds: Was dort als verschickt steht, wird nicht noch einmal verschickt.
identity-earlier-nameless = aus der Zeit ohne Adresse
identity-earlier-address = unter der Adresse `{ $address }`
# Zwischen zwei der obigen (mit Leerzeichen drumherum).
identity-list-and = {" "}und{" "}
identity-member-without-address = `{ $name }` (ohne Adresse)
identity-ambiguous-name = Die Briefe von `{ $name }` ohne Adresse im Versandprotokoll passen dem Namen nach zu { $count } Mitgliedern: { $members }. `appeal` kann nicht erkennen, wessen Briefe es sind
identity-ambiguous-address = Die Briefe unter der Adresse `{ $address }` im Versandprotokoll passen dem Namen nach zu { $count } Mitgliedern: { $members }. `appeal` kann nicht erkennen, wessen Briefe es sind
identity-ambiguous-hint = Gib diesen Mitgliedern in der Mitgliederliste unterschiedliche Namen (ein zweiter Anfangsbuchstabe genügt): Dann zählen die Briefe im Versandprotokoll für das Mitglied, dessen Namen es kennt.

## list

# Die Spaltenköpfe der Tabelle von `appeal recipients`.
list-heading-name = NAME
list-heading-party = PARTEI
list-heading-role = ROLLE
list-heading-email = E-MAIL
list-heading-in-office = IM AMT
# Über der Tabelle.
list-title = { $title } ({ $id }): { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
}
# Unter der Tabelle der eingebauten Kampagne.
list-builtin-note =
    Hinweis: Das ist die Kampagne von Amnesty International aus dem Jahr 2022, an die deutschen Mitglieder des LIBE-Ausschusses von damals.
    Seit der Wahl 2024 haben einige das Parlament oder den Ausschuss verlassen (siehe IM AMT). So schreibst du den heutigen Mitgliedern:
      `appeal recipients fetch --committee LIBE --country DE --out today.toml`
      `appeal --recipients today.toml preview`
# Die Zellen der Spalte IM AMT.
list-in-office-left = nein (ausgeschieden am { $date })
list-in-office-role-ended = nein (Rolle endete am { $date })
list-in-office-until = bis { $date }
list-in-office-yes = ja
# `appeal recipients --check` hat nichts gefunden; $current: wie viele im Amt sind.
list-check-ok = In Ordnung: { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
} ({ $current } im Amt), die Vorlage `{ $template }` lässt sich für alle erstellen
list-check-letter-problem = Brief an `{ $name }`: { $problem }
list-check-letters-problem = Brief an `{ $name }` (und { $more } weitere): { $problem }

## preview

preview-out-with-json = `--out` schreibt .eml-Dateien; das geht nicht zusammen mit `--format json`
preview-wrote = { $count ->
    [one] { $count } Brief
   *[other] { $count } Briefe
} nach `{ $folder }` geschrieben
# Über jedem Brief der Textansicht.
preview-letter-heading = ━━━━━━ Brief { $index } von { $total } ━━━━━━
# Die Namen der Kopfzeilen, die ein E-Mail-Programm in seiner Sprache zeigt.
preview-header-from = Von
preview-header-reply-to = Antwort an
preview-header-to = An
preview-header-subject = Betreff
preview-header-date = Datum
preview-cannot-create = `{ $folder }` lässt sich nicht anlegen
preview-cannot-write-in = In `{ $folder }` lässt sich nicht schreiben
preview-writing-letter = Beim Schreiben eines Briefs
preview-cannot-replace = `{ $folder }` lässt sich nicht ersetzen
preview-cannot-read = `{ $folder }` lässt sich nicht lesen
preview-out-is-link = `{ $folder }` ist ein symbolischer Link (auf `{ $target }`)
preview-out-is-link-hint = Gib `--out` einen neuen oder leeren Ordner selbst an, keinen Link darauf.
preview-out-dangling-link = `{ $link }` ist ein symbolischer Link auf `{ $target }`, den es nicht gibt
preview-out-dangling-link-hint = Leg den Ordner an, auf den er zeigt, oder wähle einen anderen Ordner für `--out`.
preview-out-not-a-folder = `{ $folder }` gibt es schon, und es ist kein Ordner
preview-out-not-empty = `{ $folder }` ist nicht leer
preview-out-not-empty-hint = Wähle einen neuen Ordner oder leere diesen, damit sich Briefe verschiedener Durchläufe nicht mischen.

## letter

# $problem: die eigenen Worte der Vorlagen-Bibliothek.
letter-template-error = Vorlage `{ $origin }`: { $problem }
letter-template-line-error = Vorlage `{ $origin }` Zeile { $line }: { $problem }
letter-template-error-at = Vorlage `{ $origin }` Zeile { $line }, Spalte { $column }: { $problem }
# $known: die Liste der Variablen.
letter-unknown-variable = Unbekannte Variable `{ $variable }` (bekannt sind: { $known })
letter-quoted-local-part = `{ $address }` hat einen Teil in Anführungszeichen vor dem @ (`"…"@`); so eine Adresse kann `appeal` nicht in einen Brief schreiben. Nimm eine einfache Adresse
letter-address-literal = `{ $address }` hat eine IP-Adresse statt eines Domainnamens; so eine Adresse kann `appeal` nicht in einen Brief schreiben. Nimm eine Adresse mit Domainnamen
letter-no-place-for-note = Die Vorlage `{ $origin }` hat keinen Platz für einen eigenen Absatz, aber du hast einen angegeben
letter-no-place-for-note-hint = Setz einen Block `{"{{"}#if note{"}}{{"}note{"}}"}…{"{{"}/if{"}}"}` dort ein, wo der Absatz gut passt (etwa nach dem ersten Absatz; der Abschnitt „Templates“ der README zeigt, wie), oder lass den eigenen Absatz weg.
letter-malformed-variants-hint = Schreib Alternativen als ganze Zeilen: `{"{{"}#variants{"}}"}`, eine Fassung, `{"{{"}or{"}}"}`, eine andere Fassung, …, `{"{{"}/variants{"}}"}` (siehe den Abschnitt „Templates“ der README).
letter-too-deep = Vorlage `{ $origin }` Zeile { $line }: Blöcke oder Klammern sind mehr als { $max } Ebenen tief verschachtelt
letter-too-deep-hint = Ein Brief braucht nur wenige Ebenen `{"{{"}#if{"}}"}`. Such nach Blöcken, die versehentlich geöffnet wurden.
# $chain: die Teilvorlagen, die sich gegenseitig einbinden, der Reihe nach.
letter-recursive-partial = Vorlage `{ $origin }`: Die Teilvorlage `{ $partial }` bindet sich selbst ein ({ $chain }); das würde nie enden
letter-recursive-partial-hint = Entferne das `{"{{"}> { $partial }{"}}"}` darin.
letter-too-deep-through-partials = Vorlage `{ $origin }`: Blöcke und die Teilvorlagen, die sie einbinden, sind mehr als { $max } Ebenen tief verschachtelt
letter-too-deep-through-partials-hint = Ein Brief braucht nur wenige Ebenen `{"{{"}#if{"}}"}` und `{"{{"}> partial{"}}"}`.
letter-dynamic-partial = Vorlage `{ $origin }`: Der Name einer Teilvorlage muss ausgeschrieben sein (`{"{{"}> name{"}}"}`), nicht berechnet
letter-dynamic-partial-hint = Bei einer berechneten Teilvorlage lässt sich nicht prüfen, ob sie sich selbst einbindet.
letter-no-blank-line = Keine Leerzeile zwischen den Kopfzeilen und dem Text
letter-header-without-colon = Die Kopfzeile `{ $line }` hat keinen `:`
letter-unsupported-header = Die Kopfzeile `{ $name }` geht nicht (in eine Vorlage gehört nur `Subject:`)
letter-no-subject = Die Vorlage hat keine Zeile `Subject:`
letter-empty-body = Der Text des Briefs ist leer

## letter/variants

# $open, $or, $close: die Markierungen `{{#variants}}`, `{{or}}`, `{{/variants}}`.
variants-not-alone = `{ $marker }` muss allein in seiner Zeile stehen
variants-stray-or = `{ $or }` steht außerhalb eines `{ $open }`-Blocks
variants-stray-close = `{ $close }` ohne ein `{ $open }` davor
variants-nested = `{ $open }` steht in dem Block, der in Zeile { $outer } beginnt; Blöcke mit Alternativen lassen sich nicht verschachteln
variants-unclosed = `{ $open }` wird nie mit `{ $close }` geschlossen
variants-one-alternative = Der `{ $open }`-Block hat nur eine Alternative; trenne zwei oder mehr mit `{ $or }`-Zeilen

## fetch

fetch-bad-committee = `--committee { $committee }` ist kein Kürzel eines Ausschusses
fetch-bad-committee-hint = Gib es so an wie auf europarl.europa.eu/committees, z. B. LIBE, ENVI, JURI.
fetch-bad-country = `--country { $country }` ist kein Ländercode aus zwei Buchstaben
fetch-country-hint = Gib das Land mit zwei Buchstaben an, z. B. DE, AT, FR.
fetch-no-mep-for-country = Niemand unter den amtierenden Abgeordneten vertritt `{ $country }`
# Der Fortschrittsbalken beim Abruf der einzelnen Abgeordneten (Vorlage von indicatif).
fetch-progress = frage alle Abgeordneten ab {"{"}bar:30{"}"} {"{"}pos{"}"}/{"{"}len{"}"} {"{"}wide_msg{"}"}
fetch-without-email-warning = Warnung: Keine veröffentlichte E-Mail-Adresse, daher nicht eingetragen: { $names }
fetch-wrote-file = { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
} nach `{ $path }` geschrieben
fetch-wrote-stdout = { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
} auf die Standardausgabe geschrieben
# $why: einer der Gründe unten oder die eigenen Worte des HTTP-Clients.
fetch-network-failure = `{ $url }` lässt sich nicht abrufen: { $why }. Es wurde nichts geschrieben
fetch-network-failure-hint = Das Datenportal des Europäischen Parlaments ist vielleicht ausgelastet oder nicht erreichbar. Versuch es später noch einmal oder gib mit `--api-url` einen Spiegelserver an.
fetch-server-answered = Der Server antwortete { $status }
fetch-gave-up = { $why } (aufgegeben nach { $attempts } Versuchen)
# $what: einer der fetch-what-*-Texte; $why: einer der fetch-why-*-Texte
# oder die eigenen Worte des JSON-Lesers.
fetch-bad-data = { $what } von `{ $url }` hat nicht die erwartete Form: { $why }. Es wurde nichts geschrieben
fetch-bad-data-hint = Vielleicht hat sich die Schnittstelle geändert. Bitte melde das, mit dem hier genannten Datensatz.
fetch-what-mep-record = Der Datensatz von `{ $name }` ({ $id })
fetch-what-committee = Der Ausschuss
fetch-what-named-committee = Der Ausschuss `{ $committee }`
fetch-what-sitting-list = Die Liste der amtierenden Abgeordneten
fetch-what-list-record = Der Datensatz { $number } der Liste der Abgeordneten
fetch-what-answer = Die Antwort
fetch-why-bad-email = `hasEmail` `{ $value }` ist keine Adresse ({ $error })
fetch-why-no-current-version = `hasCurrentVersion` fehlt
fetch-why-no-data-list = Die Liste `data` fehlt
fetch-why-empty-data-list = Die Liste `data` ist leer
fetch-unknown-committee = Die Daten des Europäischen Parlaments kennen keinen Ausschuss `{ $committee }`
fetch-unknown-committee-hint = Gib das Kürzel des Ausschusses so an wie auf europarl.europa.eu/committees, z. B. LIBE, ENVI, JURI.
fetch-merge-not-found = Die Liste zum Zusammenführen, `{ $path }`, gibt es nicht
fetch-merge-not-found-hint = Gib die Empfängerliste an, deren Kampagne und Angaben bleiben sollen; `appeal init DIR` schreibt die eingebaute als DIR/recipients.toml.
fetch-reading = Beim Lesen von `{ $path }`
# Der Name der abgerufenen Liste in ihren Problemen.
fetch-fetched-origin = die abgerufenen Empfänger*innen
fetch-invalid-list = { $problem }. Es wurde nichts geschrieben
fetch-invalid-list-hint = Die Daten des Parlaments sind hier nicht wie erwartet. Bitte melde das, mit den Namen oben.
# Die Änderungen gegenüber der zusammengeführten Liste; $role: chair, vice-chair, member, substitute.
fetch-change-joined = neu dabei: { $name } ({ $role }, { $email })
fetch-change-joined-again = wieder dabei: { $name } ({ $role })
fetch-change-role = Rolle geändert: { $name }: { $before } → { $role }
fetch-change-address = Adresse geändert: { $name }: { $before } → { $email }
fetch-change-left = ausgeschieden: { $name } (hat keinen der gewählten Sitze mehr)
fetch-no-changes = Keine Änderungen gegenüber `{ $path }`
fetch-changes = Änderungen gegenüber `{ $path }`:
fetch-cannot-write = `{ $path }` lässt sich nicht schreiben: { $error }
fetch-cannot-write-hint = Wähle mit `--out` eine andere Datei.

## import

import-cannot-read = `{ $path }` lässt sich nicht lesen: { $error }
import-cannot-read-hint = Prüfe den Pfad. Die Datei muss CSV-Text in UTF-8 sein („CSV UTF-8“ in Excel).
# Der Name der importierten Liste in ihren Problemen.
import-imported-origin = die importierten Empfänger*innen
import-wrote-file = { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
} nach `{ $path }` geschrieben
import-wrote-stdout = { $count ->
    [one] { $count } Empfänger*in
   *[other] { $count } Empfänger*innen
} auf die Standardausgabe geschrieben
import-bad-header-row = `{ $path }`: Die Kopfzeile lässt sich nicht lesen: { $error }
import-unknown-column = `{ $path }`:1: Unbekannte Spalte `{ $column }`
import-unknown-column-hint = Die Spalten heißen name, email, salutation, title, party (oder Name, E-Mail, Anrede, Titel, Partei); role und family_name sind freiwillig.
import-missing-column = `{ $path }`:1: Die Spalte `{ $column }` fehlt
import-missing-column-hint = Die erste Zeile muss die Spalten benennen: mindestens name und email (oder Name und E-Mail).
# $line, $first: Zeilennummern.
import-duplicate-address = `{ $path }`:{ $line }: Die Adresse `{ $email }` steht schon in Zeile { $first }
import-nobody = `{ $path }` enthält niemanden
import-nobody-hint = Trag unter der Kopfzeile eine Empfänger*in pro Zeile ein.
import-name-empty = Der Name ist leer
import-no-email = `{ $name }` hat keine E-Mail-Adresse
import-bad-email = `{ $email }` ist keine gültige Adresse ({ $error })
import-bad-salutation = Die Anrede `{ $value }` ist weder `Frau` noch `Herr` (lass sie für eine neutrale Anrede leer)
import-control-character = `{ $name }` enthält ein Steuerzeichen (einen Zeilenumbruch?)

## choose

# $flag: party oder role.
choose-filter-empty = `--{ $flag } { $value }` ist leer
choose-filter-matches-none = `--{ $flag } { $value }` passt auf keine Empfänger*in
# Über der Auswahlliste von `--choose`.
choose-checklist-question = Empfänger*innen für diesen Durchlauf (Leertaste entfernt das Häkchen, Enter geht weiter)
choose-none-chosen = Keine Empfänger*in ausgewählt; nichts zu tun
choose-none-chosen-hint = Starte noch einmal und lass mindestens eine Empfänger*in angehakt.
