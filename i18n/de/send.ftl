## Versand: `appeal send` (Zusammenfassung, Fragen, Probelauf, übersprungene
## Briefe, Tempo, Bürozeiten, Übergabe, eigene Worte) und `appeal status`.
## Die Bezeichnungen der Zusammenfassung sind auf 18 Zeichen aufgefüllt,
## damit die Werte untereinander stehen.

## send

send-edit-needs-terminal = `--edit` öffnet deinen Editor und braucht dafür ein Terminal
send-edit-needs-terminal-hint = Starte den Befehl in einem Terminal oder lass `--edit` weg.
send-out-needs-drafts = `--out` gehört zu `--via drafts`: Briefe, die über SMTP verschickt werden, landen in keinem Ordner
send-out-needs-drafts-hint = Für Entwürfe: `appeal send --via drafts --out DIR`; um die Briefe anzusehen: `appeal preview --format eml --out DIR`.
send-nothing-to-send = Es gibt nichts zu verschicken.
send-no-terminal = Kein Terminal, auf dem du den Versand bestätigen kannst
send-no-terminal-hint = Mit `--yes` verschickst du ohne Rückfrage (mit `--dry-run` siehst du vorher, welche Briefe verschickt würden).
send-nothing-sent = Es wurde nichts verschickt.
# Die Frage vor dem Versand; Vorgabe ist Nein.
send-confirm = { $count ->
    [one] 1 Brief jetzt verschicken?
   *[other] { $count } Briefe jetzt verschicken?
}
send-no-address = Keine Absendeadresse: Die Briefe müssen von deinem eigenen E-Mail-Konto kommen
# $setup: der Befehl, der das Konto einrichtet, z. B. `appeal setup`.
send-no-address-hint = Gib `--email du@example.org` an oder trag `email` unter [sender] ein (`{ $setup }`).
# $reason: die Erklärung der Mail-Bibliothek, auf Englisch.
send-invalid-address = `{ $address }` ist keine gültige E-Mail-Adresse ({ $reason })

# Mit -v eine Zeile je Brief, den das Versandprotokoll nicht noch einmal
# verschicken lässt. $who: Empfänger*in (in der Gruppe: Mitglied → Empfänger*in).
send-skipped-one = { $reason ->
    [uncertain] übersprungen      { $who }: ungewiss seit { $time } (mit `--resend-uncertain` verschickst du ihn noch einmal)
    [refused] übersprungen      { $who }: am { $time } abgelehnt (mit `--again` verschickst du einen zweiten Brief)
    [handed-over] übersprungen      { $who }: am { $time } übergeben (mit `--again` verschickst du einen zweiten Brief)
   *[delivered] übersprungen      { $who }: am { $time } zugestellt (mit `--again` verschickst du einen zweiten Brief)
}
send-skipped-uncertain = Übersprungen:     { $count ->
    [one] 1 ungewisser Brief (mit `--resend-uncertain` verschickst du ihn noch einmal)
   *[other] { $count } ungewisse Briefe (mit `--resend-uncertain` verschickst du sie noch einmal)
}
send-skipped-refused = Übersprungen:     { $count ->
    [one] 1 Brief, früher abgelehnt (mit `--again` verschickst du ihn noch einmal)
   *[other] { $count } Briefe, früher abgelehnt (mit `--again` verschickst du sie noch einmal)
}
send-skipped-delivered = Übersprungen:     { $count ->
    [one] 1 Brief, schon zugestellt (mit `--again` verschickst du ihn noch einmal)
   *[other] { $count } Briefe, schon zugestellt (mit `--again` verschickst du sie noch einmal)
}
send-skipped-handed-over = Übersprungen:     { $count ->
    [one] 1 Brief, schon übergeben (mit `--again` übergibst du ihn noch einmal)
   *[other] { $count } Briefe, schon übergeben (mit `--again` übergibst du sie noch einmal)
}

# Die Zusammenfassung vor dem Versand, eine Zeile je Angabe.
send-summary-campaign = Kampagne:         { $title } ({ $id })
send-summary-from-group = Von:              { $count ->
    [one] 1 Mitglied
   *[other] { $count } Mitglieder
}, über { $address }
send-summary-from = Von:              { $name } <{ $address }>
send-summary-subject = Betreff:          { $subject }
send-summary-subject-variants = Betreff:          { $subject } (vom ersten Brief; die Vorlage hat Varianten, jeder Brief bekommt eine davon)
# $security: `starttls`, `tls` oder `none`.
send-summary-server = Mailserver:       { $server } ({ $security })
send-summary-journal = Versandprotokoll: { $path }
send-summary-letters = Briefe:           { $count } zu verschicken
send-summary-recipient = an { $name } <{ $address }>
# $rate: `--rate` wie angegeben (`6/min`); $per: `--per-recipient` (`20/h`);
# $duration: wie lange der Versand dauert, aus pace-duration-*.
send-pace = { $limit ->
    [yes] Tempo:            { $rate }, höchstens { $per } an dieselbe Empfänger*in (fertig in etwa { $duration })
   *[no] Tempo:            { $rate }, ohne Grenze je Empfänger*in (fertig in etwa { $duration })
}
send-pace-office-hours = { $limit ->
    [yes] Tempo:            { $rate }, höchstens { $per } an dieselbe Empfänger*in, nur zu Bürozeiten (fertig in etwa { $duration })
   *[no] Tempo:            { $rate }, ohne Grenze je Empfänger*in, nur zu Bürozeiten (fertig in etwa { $duration })
}

# `--rate unlimited` in the pace line.
send-pace-unlimited = unbegrenzt

# --dry-run (Probelauf)
send-would-send = Brief würde verschickt: { $who }
send-dry-run-summary = Probelauf: { $count ->
    [one] 1 Brief würde verschickt
   *[other] { $count } Briefe würden verschickt
}. Verschickt wurde nichts, und es wurde keine Verbindung aufgebaut.
# $max: die Zahl bei --max.
send-dry-run-max = `--max { $max }` lässt { $count ->
    [one] 1 Brief
   *[other] { $count } Briefe
} für spätere Durchläufe übrig.

# Der erste Brief, gezeigt vor der Frage.
send-first-letter-heading = ── der Brief an { $name }, so wie er verschickt wird ──
send-first-letter-subject = Betreff: { $subject }
# Der Text im Editor unter dem Absatz (`--edit`); jede Zeile beginnt mit
# `#` und kommt nicht in den Brief.
send-editor-instructions =
    # Schreib über dieser Zeile einen eigenen Absatz; er kommt in jeden Brief,
    # an die Stelle, die die Vorlage dafür vorsieht (im eingebauten Brief: nach
    # dem ersten Absatz). Zeilen, die mit # beginnen, werden weggelassen. Eine
    # Leerzeile beginnt einen neuen Absatz. Lass ihn leer, um den Brief so zu
    # verschicken, wie er ist.
send-ask-own-sentence = Möchtest du dem Brief einen eigenen Satz hinzufügen?
send-ask-own-sentence-input = Dein Satz

## output

# Der Fortschrittsbalken im Terminal.
send-progress-done = { $done }/{ $total } Briefe
send-progress-rate = { $rate }/Min.
send-progress-left = noch etwa { $duration }

## pace

send-rate-invalid = `--rate { $rate }` ist kein Tempo
send-rate-invalid-hint = Schreib es etwa als `20/min`, `500/h` oder `unlimited`.
send-per-recipient-invalid = `--per-recipient { $rate }` ist kein Tempo
send-per-recipient-invalid-hint = Schreib es etwa als `20/h` (Briefe pro Stunde an dieselbe Empfänger*in) oder `unlimited`.
# Dauern, wie man sie sagt: `45 s`, `4 Min. 40 s`, `1 Std. 5 Min.`.
pace-duration-seconds = { $seconds } s
pace-duration-minutes = { $minutes } Min.
pace-duration-minutes-seconds = { $minutes } Min. { $seconds } s
pace-duration-hours = { $hours } Std.
pace-duration-hours-minutes = { $hours } Std. { $minutes } Min.

## hours

# $zone: der Name der Zeitzone (`Europe/Brussels`); $reason: warum, auf Englisch.
hours-unknown-zone = Die Zeitzone der Kampagne, `{ $zone }`, ist hier nicht bekannt ({ $reason })
hours-unknown-zone-hint = Trag unter [campaign] in recipients.toml bei `time_zone` einen Namen wie `Europe/Brussels` ein oder lass `--office-hours` weg.
# $day: ein Wochentag aus hours-weekday-*; $time: `14:05`.
hours-closed = Außerhalb der Bürozeiten: In { $zone } ist es { $day }, { $time } Uhr; mit `--office-hours` wird dort nur werktags von 9 bis 18 Uhr verschickt
hours-closed-hint = Starte denselben Befehl wieder ab { $day }, { $time } Uhr ({ $zone }); bis jetzt wurde nichts verschickt.
hours-ended = Angehalten: In { $zone } ist es { $day }, { $time } Uhr; mit `--office-hours` wird dort nur werktags von 9 bis 18 Uhr verschickt
hours-ended-hint = Starte denselben Befehl wieder ab { $day }, { $time } Uhr ({ $zone }); dann verschickt er die Briefe, die noch offen sind.
hours-weekday-monday = Montag
hours-weekday-tuesday = Dienstag
hours-weekday-wednesday = Mittwoch
hours-weekday-thursday = Donnerstag
hours-weekday-friday = Freitag
hours-weekday-saturday = Samstag
hours-weekday-sunday = Sonntag

## handover

handover-drafts-need-out = `--via drafts` braucht `--out DIR`, den Ordner für die Entwürfe
handover-drafts-need-out-hint = Zum Beispiel `appeal send --via drafts --out drafts`; danach öffnest du die Entwürfe mit deinem Mailprogramm.
handover-nothing = Es gibt nichts zu übergeben.
handover-summary-drafts = Übergabe:         als Entwürfe in `{ $dir }`
handover-summary-mail-program = Übergabe:         an dein Mailprogramm, ein Brief nach dem anderen
handover-summary-letters = Briefe:           { $count } zu übergeben
handover-confirm-drafts = { $count ->
    [one] 1 Entwurf jetzt schreiben?
   *[other] { $count } Entwürfe jetzt schreiben?
}
handover-confirm-mail-program = { $count ->
    [one] 1 Brief in deinem Mailprogramm öffnen?
   *[other] { $count } Briefe nacheinander in deinem Mailprogramm öffnen?
}
handover-nothing-handed-over = Es wurde nichts übergeben.
handover-cannot-create = `{ $path }` lässt sich nicht anlegen: { $reason }
handover-cannot-write = `{ $path }` lässt sich nicht schreiben: { $reason }
handover-cannot-write-journal = Das Versandprotokoll `{ $path }` lässt sich nicht schreiben: { $reason }
handover-done-drafts = { $count ->
    [one] 1 Entwurf in `{ $dir }` geschrieben. Öffne ihn mit deinem Mailprogramm und verschicke ihn von dort.
   *[other] { $count } Entwürfe in `{ $dir }` geschrieben. Öffne sie mit deinem Mailprogramm und verschicke sie von dort.
}
handover-done-mail-program = { $count ->
    [one] 1 Brief an dein Mailprogramm übergeben. Verschicken musst du ihn selbst.
   *[other] { $count } Briefe an dein Mailprogramm übergeben. Verschicken musst du sie selbst.
}
handover-max-reached = `--max { $max }` ist erreicht, { $count ->
    [one] 1 Brief bleibt
   *[other] { $count } Briefe bleiben
} übrig. Starte denselben Befehl noch einmal, um die nächsten zu übergeben.
# Je Brief: $who ist die Empfänger*in (in der Gruppe: Mitglied → Empfänger*in).
handover-draft-line = Entwurf           { $who } → { $path }
handover-opened-line = geöffnet          { $who } in deinem Mailprogramm
handover-not-recorded = nicht eingetragen: Der Brief an { $who } bleibt noch offen
handover-ask-sent = Hast du den Brief an { $name } verschickt?
handover-answer-sent = ja, verschickt
handover-answer-not-yet = noch nicht: für später aufheben
# $program: der Befehl; $reason: warum es nicht ging, vom System.
handover-cannot-open = Dein Mailprogramm lässt sich mit `{ $program }` nicht öffnen: { $reason }
handover-cannot-open-hint = Setz `{ $variable }` auf ein Programm, das `mailto:`-Links und `.eml`-Dateien öffnet, oder schreib die Briefe mit `--via drafts --out DIR` als Entwürfe.
handover-opener-empty = `{ $variable }` ist leer
handover-opener-invalid = `{ $variable }` `{ $command }`: { $reason }
handover-no-opener = Kein Programm gefunden, das dein Mailprogramm öffnet (`xdg-email`, `xdg-open` oder `open`)
handover-no-opener-hint = Setz `{ $variable }` auf eins oder schreib die Briefe mit `--via drafts --out DIR` als Entwürfe.

## own_words

# Vor der Frage in einem Gruppenversand. $letters von $total Briefen,
# $members von $all Mitgliedern; $variants sagt, worin sich die Briefe unterscheiden.
own-words-identical = Hinweis: { $letters } von { $total } Briefen ({ $members } von { $all } Mitgliedern) { $letters ->
    [one] hat
   *[other] haben
} keinen eigenen Absatz. Bis auf { $variants ->
    [yes] den Namen des Mitglieds und die Varianten der Vorlage
   *[no] den Namen des Mitglieds
} sind sie gleich, und Parlamente zählen gleiche Briefe als eine einzige Kampagne. Ein eigener Satz jedes Mitglieds (Spalte `note` der Mitgliederliste) sorgt dafür, dass jeder Brief für sich zählt.
own-words-required = `--require-note`: Dein Brief hat keinen eigenen Absatz
own-words-required-hint = Schreib einen mit `--note TEXT`, `--note-file FILE` oder `--edit`, oder lass `--require-note` weg.
# $names: bis zu zehn Namen in Backticks, dann own-words-more-names.
own-words-required-group = `--require-note`: { $count } von { $members } Mitgliedern { $count ->
    [one] hat
   *[other] haben
} keinen eigenen Absatz: { $names }
own-words-more-names = und { $count } weitere
own-words-required-group-hint = Schreib für jedes einen in die Spalte `note` der Mitgliederliste oder lass `--require-note` weg. Es wurde nichts verschickt.

## status

status-no-address = Keine Absendeadresse angegeben: `status` findet deine Briefe über deine Adresse
status-no-address-hint = Gib `--email du@example.org` an oder trag `email` unter [sender] in die Konfiguration ein (`appeal setup`).
status-campaign = Kampagne:         { $title } ({ $id })
status-journal = Versandprotokoll: { $path }
status-letters = Briefe:           { $count }
status-delivered = Zugestellt:       { $count }
status-own-words = Eigene Worte:     { $count } der zugestellten Briefe mit eigenem Absatz
status-refused = Abgelehnt:        { $count }
status-uncertain = Ungewiss:         { $count }
status-handed-over = Übergeben:        { $count ->
    [one] { $count } (an dein Mailprogramm oder als Entwurf; verschicken musst du ihn selbst)
   *[other] { $count } (an dein Mailprogramm oder als Entwürfe; verschicken musst du sie selbst)
}
status-pending = Noch offen:       { $count } ({ $temporary } nach einem vorübergehenden Fehler, { $never } noch nicht versucht)
# Die Spalte mit dem Zustand der Briefe, die Aufmerksamkeit brauchen.
status-state-temporary = vorübergehender Fehler
status-state-refused = abgelehnt
status-state-uncertain = ungewiss
status-state-handed-over = übergeben
# $resend: der Befehl, der sie noch einmal verschickt.
status-uncertain-advice = Ungewisse Briefe sind vielleicht angekommen; `{ $resend }` verschickt sie noch einmal.
