# Glossar: ein Wort für eine Sache. Anrede mit "du", freundlich und direkt;
# Zahlen und Daten auf Deutsch (1.234 Briefe, 27. November 2026, 14:05 Uhr);
# Optionen, Befehle, Konfigurationsschlüssel und Dateinamen bleiben, in Backticks.
#
#   letter                               Brief
#   recipient                            Empfänger*in (plural Empfänger*innen)
#   sender (the person signing)          Absender*in
#   member (of a group)                  Mitglied
#   members file                         Mitgliederliste
#   campaign                             Kampagne
#   template                             Vorlage
#   salutation / greeting                Anrede
#   personal paragraph                   eigener Absatz
#   preview                              Vorschau
#   dry run                              Probelauf
#   send journal                         Versandprotokoll
#   delivered                            zugestellt
#   refused                              abgelehnt
#   temporary failure                    vorübergehender Fehler
#   uncertain                            ungewiss
#   still to send                        noch offen
#   handed over (to a mail program)      übergeben
#   pace                                 Tempo
#   retry                                neuer Versuch
#   mail server                          Mailserver
#   mail account                         E-Mail-Konto
#   password                             Passwort
#   app password                         App-Passwort
#   certificate                          Zertifikat
#   fingerprint                          Fingerabdruck
#   setup (the wizard)                   Einrichtung
#   recipients file                      Empfängerliste
#   hint: (what to do)                   Tipp:
#   note: (for information)              Hinweis:
#   left office                          aus dem Amt ausgeschieden
#   committee                            Ausschuss
#   substitute member                    stellvertretendes Mitglied

## Texte, die alle Befehle teilen: wie Fehler gezeigt werden, und die Texte
## für die Tests des i18n-Moduls.

# Vor der Meldung eines Fehlers, auf stderr.
error-prefix = Fehler:
# Vor der Zeile, die sagt, was zu tun ist. „Tipp:“, nicht „Hinweis:“: Mit
# „Hinweis:“ beginnen die Mitteilungen (englisch `note:`), die nur informieren.
hint-prefix = Tipp:
# Mehrere Probleme auf einmal, jedes in einer eigenen Zeile darunter.
problems-found = { $count ->
    [one] { $count } Problem gefunden:
   *[other] { $count } Probleme gefunden:
}

# Nur für die Tests in src/i18n.rs: Pluralformen und Zahlenformate.
i18n-selftest-letters = { $count ->
    [one] { $count } Brief
   *[other] { $count } Briefe
}
i18n-selftest-number = { $value }

# Fehler des Betriebssystems, nach einer Meldung (`… lesen: …`).
io-not-found = Datei oder Ordner nicht gefunden
io-permission-denied = keine Berechtigung
io-already-exists = existiert schon
io-is-a-directory = ist ein Ordner
io-not-a-directory = ist kein Ordner
io-read-only = das Dateisystem ist schreibgeschützt
io-storage-full = kein Platz mehr auf dem Datenträger
io-file-too-large = die Datei ist zu groß
io-with-code = { $text } (Systemfehler { $code })
