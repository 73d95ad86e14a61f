## Texts of the letters area: the campaign, recipients lists, members
## files, the senders, the letters, preview, fetch and import.

## campaign

# Where the built-in recipients list comes from, in messages.
campaign-builtin-recipients-origin = recipients.toml (built-in)
campaign-builtin-template-origin = templates/{ $name } (built-in)
campaign-template-not-built-in = the campaign names template `{ $name }`, which is not built in
campaign-template-not-built-in-hint = give the template with `--template FILE`, put it in `templates/` beside the recipients file, or use `--campaign DIR`
# $kind: recipients or template.
campaign-file-not-utf8 = { $kind ->
    [template] template
   *[recipients] recipients file
} `{ $path }` is not UTF-8 text
campaign-file-not-utf8-hint = save it as UTF-8 (most editors offer this under "Save as" or "Encoding")
campaign-file-not-found = { $kind ->
    [template] template
   *[recipients] recipients file
} `{ $path }` not found
campaign-file-unreadable = cannot read { $kind ->
    [template] template
   *[recipients] recipients file
} `{ $path }`: { $error }
campaign-file-not-found-hint = check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign
# $place: file:line:column.
campaign-bad-id = { $place }: campaign id `{ $id }` may only use a-z, 0-9, `-`, `_` and `.` (it names the journal file)
campaign-duplicate-address = { $place }: { $label }: address `{ $email }` is already used by { $first }
campaign-no-recipients = { $origin }: no `[[recipient]]` entries: the campaign has nobody to write to
# How a recipient of the file is named in problems.
campaign-recipient-label-named = recipient { $number } (`{ $name }`)
campaign-recipient-label = recipient { $number }
# $expected: the keys allowed, each in backticks.
campaign-unknown-key = unknown field `{ $key }`, expected one of { $expected }
campaign-missing-key = missing field `{ $key }`
campaign-name-empty = `name` is empty
campaign-bad-email = `email` `{ $email }` is not a valid address ({ $error })
campaign-line-break-in = `{ $key }` contains a control character (a line break)
campaign-control-character-in = `{ $key }` contains a control character (`{ $character }`)
campaign-template-control-character = { $place }: the template contains a control character (`{ $character }`)
campaign-date-not-a-date = `{ $key }` must be a date like 2024-07-15 (no quotes), found { $found }
campaign-date-not-real = `{ $key }` `{ $value }` is not a real date
campaign-date-with-time = `{ $key }` `{ $value }` must be a date like 2024-07-15, without a time
# Why a recipient is left out, in notices and listings.
campaign-left-office = left office { $date }
campaign-role-ended = role ended { $date }
campaign-role-ended-now = role ended { $date }, now: { $now }

## members

members-header-hint = the first line must be a header such as `name,email,city,note` or `Name;E-Mail;Ort;Notiz` (separated by `,`, `;` or tabs); see the README's "Group campaigns" section
members-cannot-open = cannot open senders file `{ $path }`: { $error }
members-cannot-open-hint = `--senders` takes the members file: a CSV file saved from your spreadsheet
# $line: the line number.
members-mixed-encoding = `{ $path }` line { $line }: not valid UTF-8, though other lines are (a file put together from differently saved parts?)
members-save-as-utf8-hint = save it as UTF-8: in Excel "File > Save As" and the type "CSV UTF-8"; in LibreOffice "File > Save As", "Text CSV", "Edit filter settings" and the character set "Unicode (UTF-8)"
members-windows-1252-notice = senders file `{ $path }` is not UTF-8: read as Windows-1252 (Excel's "CSV" on Windows); check names with ä, ö, ü, ß in `appeal preview`
# $separator: semicolon, tab or comma.
members-separator-notice = senders file `{ $path }`: columns separated by { $separator ->
    [semicolon] semicolons (`;`)
    [tab] tabs
   *[comma] commas (`,`)
}
members-unreadable-header = senders file `{ $path }`: { $error }
members-empty = senders file `{ $path }` is empty
# $count: how many columns are ignored (English says "the columns" for one, too).
members-ignored-columns-notice = senders file `{ $path }`: ignoring the { $count ->
   *[other] columns
} { $columns } (the columns read are name, email, city, note, postcode, address; see the README for their German names)
members-no-name-column = senders file `{ $path }` has no `name` column (found: { $found })
members-duplicate-column = senders file `{ $path }` has the { $column } column more than once: { $headers }
members-duplicate-column-hint = keep one of them, or rename the others (columns with other names are ignored)

## sender

sender-name-empty = the sender's name is empty
sender-name-too-long = the sender's name is longer than { $max } characters
# $field: name, city, postcode or address.
sender-control-character = the sender's { $field ->
    [name] name
    [city] city
    [postcode] postcode
   *[address] address
} `{ $value }` contains a control character ({ $character })
sender-bad-email = `{ $email }` is not a valid email address ({ $error })
# Why an address is not valid (the words the mail library uses).
address-missing-parts = Missing domain or user
address-unbalanced = Unbalanced angle bracket
address-invalid-user = Invalid email user
address-invalid-domain = Invalid email domain
address-invalid-input = Invalid input
# A problem in one row of the members file; $line: the line number.
sender-row-problem = `{ $path }` line { $line }: { $problem }
sender-row-field-count = `{ $path }` line { $line }: expected { $expected } fields, found { $found }
sender-row-same-address = `{ $path }` line { $line }: the same member as line { $first } (address `{ $email }`); each member once, please
sender-row-same-name = `{ $path }` line { $line }: the same member as line { $first } (name `{ $name }`); each member once, please
sender-no-members = senders file `{ $path }` has a header but no members
sender-name-column-empty = column `name` is empty
sender-in-column = column `{ $column }`: { $problem }
sender-note-control-character = column `note` contains the control character `{ $character }`; remove it

## note

note-with-senders = `--note`/`--note-file` cannot be combined with `--senders`: each member's paragraph comes from the file
note-with-senders-hint = put each member's paragraph in the `note` column of the members file
note-file-unreadable = cannot read the note file `{ $path }`: { $error }
note-file-not-utf8 = the note file `{ $path }` is not UTF-8 text
note-file-not-utf8-hint = save it as UTF-8 (in most editors: "Save as", encoding UTF-8)
note-control-character = the note contains a control character (`{ $character }`)
note-control-character-hint = write the paragraph as plain text

## plan

plan-name-with-senders = `--name`/`--city` cannot be combined with `--senders`: the members' names come from the file
plan-postcode-with-senders = `--postcode`/`--address` cannot be combined with `--senders`: each member's comes from the file
plan-postcode-with-senders-hint = put them in the members file's `postcode` and `address` columns (`PLZ`, `Adresse`)
# Before an error in rendering one letter.
plan-letter-to = letter to `{ $name }`
# $names: each with why they are left out.
plan-former-notice = note: leaving out { $count } { $count ->
    [one] recipient
   *[other] recipients
} who left office or no longer hold the role the letter addresses: { $names }; pass --include-former to include them
plan-to-empty = `--to { $value }` is empty
plan-to-matches-none = `--to { $value }` matches no recipient
# $command: the `appeal recipients` command line.
plan-to-matches-none-hint = `{ $command }` lists them
# $flags: the selecting flags as typed, e.g. `--party SPD --role member`.
plan-selection-matches-none = `{ $flags }` together match no recipient
plan-selection-matches-none-hint = `appeal recipients` lists each recipient's party and role
plan-selection-only-former = `{ $flags }` matches only recipients who left office
plan-selection-only-former-hint = pass --include-former to write to them anyway
plan-choose-needs-terminal = `--choose` needs a terminal to show the checklist
plan-choose-needs-terminal-hint = choose with `--to`, `--party` or `--role` instead
# The question for the sender's name, on a terminal.
plan-ask-name = Your name (it signs the letter)
plan-no-sender-name = no sender name given
plan-no-sender-name-hint = pass `--name "Your Name"`, or set `name` under [sender] in the configuration (`{ $command }`)

## identity

# $earlier: identity-earlier-address and identity-earlier-nameless, joined
# by identity-list-and.
identity-earlier-letters-notice = note: the journal has letters from `{ $name }` { $earlier }; they count as this member's: what they record as sent is not sent again
identity-earlier-nameless = from when they had no address
identity-earlier-address = under the address `{ $address }`
# Between two of the above (with spaces around it).
identity-list-and = {" "}and{" "}
identity-member-without-address = `{ $name }` (no address)
identity-ambiguous-name = the journal's letters from `{ $name }` without an address could be from { $count } members, by their names: { $members }; appeal cannot tell whose letters they are
identity-ambiguous-address = the journal's letters under the address `{ $address }` could be from { $count } members, by their names: { $members }; appeal cannot tell whose letters they are
identity-ambiguous-hint = give these members distinct names in the members file (a middle initial will do): the journal's letters then count for the one whose name it knows

## list

# The headings of `appeal recipients`' table.
list-heading-name = NAME
list-heading-party = PARTY
list-heading-role = ROLE
list-heading-email = EMAIL
list-heading-in-office = IN OFFICE
# Above the table.
list-title = { $title } ({ $id }): { $count } recipients
# Under the built-in campaign's table.
list-builtin-note =
    note: this is Amnesty International's campaign of 2022, addressed to the German members of LIBE at the time;
    since the 2024 election some have left Parliament or the committee (see IN OFFICE). To write to today's members:
      appeal recipients fetch --committee LIBE --country DE --out today.toml
      appeal --recipients today.toml preview
# The IN OFFICE cells.
list-in-office-left = no (left { $date })
list-in-office-role-ended = no (role ended { $date })
list-in-office-until = until { $date }
list-in-office-yes = yes
# `appeal recipients --check` found nothing wrong; $current: how many are in office.
list-check-ok = ok: { $count } recipients ({ $current } in office), template `{ $template }` renders for each
list-check-letter-problem = letter to `{ $name }`: { $problem }
list-check-letters-problem = letter to `{ $name }` (and { $more } more): { $problem }

## preview

preview-out-with-json = `--out` writes .eml files; it cannot be combined with `--format json`
preview-wrote = wrote { $count } letters to `{ $folder }`
# Above each letter of the text view.
preview-letter-heading = ━━━━━━ letter { $index } of { $total } ━━━━━━
# The names of the headers a mail program shows in its language.
preview-header-from = From
preview-header-reply-to = Reply-To
preview-header-to = To
preview-header-subject = Subject
preview-header-date = Date
preview-cannot-create = cannot create `{ $folder }`
preview-cannot-write-in = cannot write in `{ $folder }`
preview-writing-letter = writing a letter
preview-cannot-replace = cannot replace `{ $folder }`
preview-cannot-read = cannot read `{ $folder }`
preview-out-is-link = `{ $folder }` is a symbolic link (to `{ $target }`)
preview-out-is-link-hint = give `--out` a new or empty folder itself, not a link to one
preview-out-dangling-link = `{ $link }` is a symbolic link to `{ $target }`, which does not exist
preview-out-dangling-link-hint = create the folder it points to, or choose another folder for `--out`
preview-out-not-a-folder = `{ $folder }` exists and is not a folder
preview-out-not-empty = `{ $folder }` is not empty
preview-out-not-empty-hint = choose a new folder, or empty this one, so letters of different runs do not mix

## letter

# $problem: the template engine's own words.
letter-template-error = template `{ $origin }`: { $problem }
letter-template-line-error = template `{ $origin }` line { $line }: { $problem }
letter-template-error-at = template `{ $origin }` line { $line }, column { $column }: { $problem }
# $known: the list of variables.
letter-unknown-variable = unknown variable `{ $variable }` (known: { $known })
letter-quoted-local-part = `{ $address }` has a quoted local part (`"…"@`), which appeal cannot write into a letter; use a plain address
letter-address-literal = `{ $address }` has an IP address instead of a domain name, which appeal cannot write into a letter; use an address with a domain name
letter-no-place-for-note = template `{ $origin }` has no place for a personal paragraph, but a note was given
letter-no-place-for-note-hint = put a `{"{{"}#if note{"}}{{"}note{"}}"}…{"{{"}/if{"}}"}` block where the paragraph reads right (e.g. after the first paragraph; the README's "Templates" section shows it), or leave out the note
letter-malformed-variants-hint = write alternatives as whole lines: `{"{{"}#variants{"}}"}`, a wording, `{"{{"}or{"}}"}`, another wording, …, `{"{{"}/variants{"}}"}` (see the README's "Templates" section)
letter-too-deep = template `{ $origin }` line { $line }: blocks or parentheses nested more than { $max } deep
letter-too-deep-hint = a letter needs only a few levels of `{"{{"}#if{"}}"}`; look for blocks opened by mistake
# $chain: the partials that include each other, in order.
letter-recursive-partial = template `{ $origin }`: partial `{ $partial }` includes itself ({ $chain }), which would never end
letter-recursive-partial-hint = remove the `{"{{"}> { $partial }{"}}"}` inside it
letter-too-deep-through-partials = template `{ $origin }`: blocks and the partials they include nest more than { $max } deep
letter-too-deep-through-partials-hint = a letter needs only a few levels of `{"{{"}#if{"}}"}` and `{"{{"}> partial{"}}"}`
letter-dynamic-partial = template `{ $origin }`: a partial name must be written out (`{"{{"}> name{"}}"}`), not computed
letter-dynamic-partial-hint = a computed partial cannot be checked for including itself
letter-no-blank-line = no blank line between the headers and the body
letter-header-without-colon = header line `{ $line }` has no `:`
letter-unsupported-header = unsupported header `{ $name }` (only `Subject:` goes in a template)
letter-no-subject = the template has no `Subject:` line
letter-empty-body = the letter's body is empty

## letter/variants

# $open, $or, $close: the markers `{{#variants}}`, `{{or}}`, `{{/variants}}`.
variants-not-alone = `{ $marker }` must stand alone on its line
variants-stray-or = `{ $or }` outside a `{ $open }` block
variants-stray-close = `{ $close }` without a `{ $open }` before it
variants-nested = `{ $open }` inside the block opened on line { $outer }; blocks of alternatives cannot be nested
variants-unclosed = `{ $open }` is never closed by `{ $close }`
variants-one-alternative = the `{ $open }` block has one alternative; separate two or more with `{ $or }` lines

## fetch

fetch-bad-committee = `--committee { $committee }` is not a committee abbreviation
fetch-bad-committee-hint = give it as on europarl.europa.eu/committees, e.g. LIBE, ENVI, JURI
fetch-bad-country = `--country { $country }` is not a two-letter country code
fetch-country-hint = give the country as two letters, e.g. DE, AT, FR
fetch-no-mep-for-country = no sitting MEP represents `{ $country }`
# The progress bar while each MEP's record is fetched (indicatif's template).
fetch-progress = asking for each MEP {"{"}bar:30{"}"} {"{"}pos{"}"}/{"{"}len{"}"} {"{"}wide_msg{"}"}
fetch-without-email-warning = warning: no published e-mail address, so not written: { $names }
fetch-wrote-file = wrote { $count } { $count ->
    [one] recipient
   *[other] recipients
} to `{ $path }`
fetch-wrote-stdout = wrote { $count } { $count ->
    [one] recipient
   *[other] recipients
} to stdout
# $why: one of the reasons below, or the HTTP client's own words.
fetch-network-failure = cannot fetch `{ $url }`: { $why }; nothing was written
fetch-network-failure-hint = the European Parliament's data portal may be busy or down: try again later, or give a mirror with `--api-url`
fetch-server-answered = the server answered { $status }
fetch-gave-up = { $why } (gave up after { $attempts } attempts)
# $what: one of the fetch-what-* texts; $why: one of the fetch-why-* texts
# or the JSON reader's own words.
fetch-bad-data = { $what } from `{ $url }` is not in the expected shape: { $why }; nothing was written
fetch-bad-data-hint = the API may have changed: please report it, with the record named here
fetch-what-mep-record = the record of MEP `{ $name }` ({ $id })
fetch-what-committee = the committee
fetch-what-named-committee = the committee `{ $committee }`
fetch-what-sitting-list = the list of sitting MEPs
fetch-what-list-record = MEP record { $number } of the list
fetch-what-answer = the answer
fetch-why-bad-email = `hasEmail` `{ $value }` is not an address ({ $error })
fetch-why-no-current-version = it has no `hasCurrentVersion`
fetch-why-no-data-list = there is no `data` list
fetch-why-empty-data-list = its `data` list is empty
fetch-unknown-committee = the European Parliament's data know no committee `{ $committee }`
fetch-unknown-committee-hint = give the committee's abbreviation as on europarl.europa.eu/committees, e.g. LIBE, ENVI, JURI
fetch-merge-not-found = the list to merge, `{ $path }`, not found
fetch-merge-not-found-hint = give the recipients file whose campaign and details to keep; `appeal init DIR` writes the built-in one as DIR/recipients.toml
fetch-reading = reading `{ $path }`
# The name of the fetched list in its problems.
fetch-fetched-origin = the fetched recipients
fetch-invalid-list = { $problem }; nothing was written
fetch-invalid-list-hint = the Parliament's data are not as expected here: please report it, with the names above
# The changes against the merged list; $role: chair, vice-chair, member, substitute.
fetch-change-joined = joined: { $name } ({ $role }, { $email })
fetch-change-joined-again = joined again: { $name } ({ $role })
fetch-change-role = role changed: { $name }: { $before } → { $role }
fetch-change-address = address changed: { $name }: { $before } → { $email }
fetch-change-left = left: { $name } (no longer holds a chosen seat)
fetch-no-changes = no changes against `{ $path }`
fetch-changes = changes against `{ $path }`:
fetch-cannot-write = cannot write `{ $path }`: { $error }
fetch-cannot-write-hint = choose another file with `--out`

## import

import-cannot-read = cannot read `{ $path }`: { $error }
import-cannot-read-hint = check the path; the file must be CSV text in UTF-8 ("CSV UTF-8" in Excel)
# The name of the imported list in its problems.
import-imported-origin = the imported recipients
import-wrote-file = wrote { $count } recipients to `{ $path }`
import-wrote-stdout = wrote { $count } recipients to stdout
import-bad-header-row = `{ $path }`: cannot read the header row: { $error }
import-unknown-column = `{ $path }`:1: unknown column `{ $column }`
import-unknown-column-hint = the columns are name, email, salutation, title, party (or Name, E-Mail, Anrede, Titel, Partei); role and family_name are optional
import-missing-column = `{ $path }`:1: no `{ $column }` column
import-missing-column-hint = the first row must name the columns: at least name and email (or Name and E-Mail)
# $line, $first: line numbers.
import-duplicate-address = `{ $path }`:{ $line }: address `{ $email }` is already on line { $first }
import-nobody = `{ $path }` lists nobody
import-nobody-hint = add one recipient per line below the header row
import-name-empty = the name is empty
import-no-email = `{ $name }` has no e-mail address
import-bad-email = `{ $email }` is not a valid address ({ $error })
import-bad-salutation = salutation `{ $value }` is neither `Frau` nor `Herr` (leave it empty for a neutral greeting)
import-control-character = `{ $name }` contains a control character (a line break?)

## choose

# $flag: party or role.
choose-filter-empty = `--{ $flag } { $value }` is empty
choose-filter-matches-none = `--{ $flag } { $value }` matches no recipient
# Above the checklist of `--choose`.
choose-checklist-question = Recipients for this run (space unticks, Enter goes on)
choose-none-chosen = no recipient chosen; nothing to do
choose-none-chosen-hint = run again and leave at least one recipient ticked
