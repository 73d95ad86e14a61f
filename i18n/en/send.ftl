## Sending: `appeal send` (its summary, questions, dry run, skipped
## letters, pace, office hours, handing over, own words) and `appeal status`.

## send

send-edit-needs-terminal = `--edit` opens your editor and needs a terminal
send-edit-needs-terminal-hint = run it in a terminal, or leave out --edit
send-out-needs-drafts = `--out` is for `--via drafts`: letters sent over SMTP are not written anywhere
send-out-needs-drafts-hint = for drafts: `appeal send --via drafts --out DIR`; to see the letters: `appeal preview --format eml --out DIR`
send-nothing-to-send = nothing to send
send-no-terminal = there is no terminal to confirm sending on
send-no-terminal-hint = pass --yes to send without confirmation (or --dry-run to see what would be sent)
send-nothing-sent = nothing was sent
# The question before sending; default No.
send-confirm = Send { $count ->
    [one] 1 letter
   *[other] { $count } letters
} now?
send-no-address = no sender address: letters must come from your own mail account
# $setup: the command that sets up the account, e.g. `appeal setup`.
send-no-address-hint = pass `--email you@example.org`, or set `email` under [sender] (`{ $setup }`)
# $reason: the mail library's explanation, in English.
send-invalid-address = `{ $address }` is not a valid email address ({ $reason })

# With -v, one line per letter the journal says not to send again.
# $who: the recipient (in a group: member → recipient); $time: when.
send-skipped-one = { $reason ->
    [uncertain] skipped    { $who }: uncertain { $time } (pass --resend-uncertain to send it again)
    [refused] skipped    { $who }: refused earlier { $time } (pass --again to send a second letter)
    [handed-over] skipped    { $who }: handed over earlier { $time } (pass --again to send a second letter)
   *[delivered] skipped    { $who }: delivered earlier { $time } (pass --again to send a second letter)
}
send-skipped-uncertain = skipped:   { $count ->
    [one] 1 letter uncertain
   *[other] { $count } letters uncertain
} (pass --resend-uncertain to send again)
send-skipped-refused = skipped:   { $count ->
    [one] 1 letter refused earlier (pass --again to send once more)
   *[other] { $count } letters refused earlier (pass --again to send once more)
}
send-skipped-delivered = skipped:   { $count ->
    [one] 1 letter delivered earlier (pass --again to send once more)
   *[other] { $count } letters delivered earlier (pass --again to send once more)
}
send-skipped-handed-over = skipped:   { $count ->
    [one] 1 letter handed over earlier (pass --again to hand it over once more)
   *[other] { $count } letters handed over earlier (pass --again to hand them over once more)
}

# The summary before sending, one line each.
send-summary-campaign = campaign:  { $title } ({ $id })
send-summary-from-group = from:      { $count ->
    [one] 1 member
   *[other] { $count } members
}, via { $address }
send-summary-from = from:      { $name } <{ $address }>
send-summary-subject = subject:   { $subject }
send-summary-subject-variants = subject:   { $subject } (the first letter's: the template offers variants, each letter gets one)
# $security: `starttls`, `tls` or `none`.
send-summary-server = server:    { $server } ({ $security })
send-summary-journal = journal:   { $path }
send-summary-letters = letters:   { $count } to send
send-summary-recipient = to { $name } <{ $address }>
# $rate: `--rate` as given (`6/min`); $per: `--per-recipient` (`20/h`);
# $duration: how long the run takes, from pace-duration-*.
send-pace = { $limit ->
    [yes] pace:      { $rate }, at most { $per } to any one recipient (about { $duration } to finish)
   *[no] pace:      { $rate }, no limit per recipient (about { $duration } to finish)
}
send-pace-office-hours = { $limit ->
    [yes] pace:      { $rate }, at most { $per } to any one recipient, office hours only (about { $duration } to finish)
   *[no] pace:      { $rate }, no limit per recipient, office hours only (about { $duration } to finish)
}

# `--rate unlimited` in the pace line.
send-pace-unlimited = unlimited

# --dry-run
send-would-send = would send { $who }
send-dry-run-summary = dry run: { $count ->
    [one] 1 letter
   *[other] { $count } letters
} would be sent; nothing was sent and no connection was made
# $max: the number given to --max.
send-dry-run-max = --max { $max } leaves { $count ->
    [one] 1 letter
   *[other] { $count } letters
} for later runs

# The first letter, shown before the question.
send-first-letter-heading = ── the letter to { $name }, as it will be sent ──
send-first-letter-subject = Subject: { $subject }
# The text in the editor under the paragraph (`--edit`); every line starts
# with `#` and is left out of the letter.
send-editor-instructions =
    # Write a paragraph of your own above this line; it goes into every letter
    # where the template places it (in the built-in letter: after the first
    # paragraph). Lines starting with # are left out. A blank line starts a new
    # paragraph. Leave it empty to send the letter as it is.
send-ask-own-sentence = Add a sentence of your own to the letter?
send-ask-own-sentence-input = Your sentence

## output

# The progress bar on a terminal.
send-progress-done = { $done }/{ $total } letters
send-progress-rate = { $rate }/min
send-progress-left = about { $duration } left

## pace

send-rate-invalid = `--rate { $rate }` is not a rate
send-rate-invalid-hint = write it like `20/min`, `500/h` or `unlimited`
send-per-recipient-invalid = `--per-recipient { $rate }` is not a rate
send-per-recipient-invalid-hint = write it like `20/h` (letters per hour to any one recipient) or `unlimited`
# Durations as people say them: `45 s`, `4 min 40 s`, `1 h 5 min`.
pace-duration-seconds = { $seconds } s
pace-duration-minutes = { $minutes } min
pace-duration-minutes-seconds = { $minutes } min { $seconds } s
pace-duration-hours = { $hours } h
pace-duration-hours-minutes = { $hours } h { $minutes } min

## hours

# $zone: the time zone's name (`Europe/Brussels`); $reason: why, in English.
hours-unknown-zone = the campaign's time zone `{ $zone }` is not known here ({ $reason })
hours-unknown-zone-hint = set `time_zone` under [campaign] in recipients.toml to a name such as `Europe/Brussels`, or leave out --office-hours
# $day: a weekday from hours-weekday-*; $time: `14:05`.
hours-closed = outside office hours: it is { $day } { $time } in { $zone }; --office-hours sends on weekdays from 9:00 to 18:00 there
hours-closed-hint = nothing was sent; run the same command again from { $day } { $time } ({ $zone })
hours-ended = stopped at { $day } { $time } in { $zone }: --office-hours sends on weekdays from 9:00 to 18:00 there
hours-ended-hint = the letters not sent are left for the next run; run the same command again from { $day } { $time } ({ $zone })
hours-weekday-monday = Monday
hours-weekday-tuesday = Tuesday
hours-weekday-wednesday = Wednesday
hours-weekday-thursday = Thursday
hours-weekday-friday = Friday
hours-weekday-saturday = Saturday
hours-weekday-sunday = Sunday

## handover

handover-drafts-need-out = `--via drafts` needs `--out DIR`, the folder for the drafts
handover-drafts-need-out-hint = e.g. `appeal send --via drafts --out drafts`, then open the drafts with your mail program
handover-nothing = nothing to hand over
handover-summary-drafts = via:       drafts in `{ $dir }`
handover-summary-mail-program = via:       your mail program, one letter at a time
handover-summary-letters = letters:   { $count } to hand over
handover-confirm-drafts = Write { $count ->
    [one] 1 draft
   *[other] { $count } drafts
} now?
handover-confirm-mail-program = Open { $count ->
    [one] 1 letter
   *[other] { $count } letters
} in your mail program, one at a time?
handover-nothing-handed-over = nothing was handed over
handover-cannot-create = cannot create `{ $path }`: { $reason }
handover-cannot-write = cannot write `{ $path }`: { $reason }
handover-cannot-write-journal = cannot write the journal `{ $path }`: { $reason }
handover-done-drafts = { $count ->
    [one] 1 draft written to `{ $dir }`; open it with your mail program and send it from there
   *[other] { $count } drafts written to `{ $dir }`; open them with your mail program and send them from there
}
handover-done-mail-program = { $count ->
    [one] 1 letter handed over to your mail program; sending it is up to you
   *[other] { $count } letters handed over to your mail program; sending them is up to you
}
handover-max-reached = --max { $max } was reached with { $count ->
    [one] 1 letter
   *[other] { $count } letters
} left; run the same command again to hand over the next ones
# Per letter: $who is the recipient (in a group: member → recipient).
handover-draft-line = draft      { $who } → { $path }
handover-opened-line = opened     { $who } in your mail program
handover-not-recorded = not recorded: the letter to { $who } stays to send
handover-ask-sent = Did you send the letter to { $name }?
handover-answer-sent = yes, I sent it
handover-answer-not-yet = not yet: keep it to send later
# $program: the command; $reason: why it failed, from the system.
handover-cannot-open = cannot open your mail program with `{ $program }`: { $reason }
handover-cannot-open-hint = set `{ $variable }` to a program that opens `mailto:` links and `.eml` files, or write the letters as drafts with `--via drafts --out DIR`
handover-opener-empty = `{ $variable }` is empty
handover-opener-invalid = `{ $variable }` `{ $command }`: { $reason }
handover-no-opener = found no program to open your mail program with (`xdg-email`, `xdg-open` or `open`)
handover-no-opener-hint = set `{ $variable }` to one, or write the letters as drafts with `--via drafts --out DIR`

## own_words

# A group run before asking. $letters of $total letters, $members of
# $all members; $variants says what the letters differ in.
own-words-identical = note: { $letters } of { $total } letters ({ $members } of { $all } members) have no personal paragraph: apart from { $variants ->
    [yes] the member's name and the template's variants
   *[no] the member's name
} they are identical, and parliaments count identical letters as one campaign; a sentence of each member's own (the members file's `note` column) makes a letter count
own-words-required = --require-note: your letter has no personal paragraph
own-words-required-hint = write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note
# $names: up to ten names in backticks, then own-words-more-names.
own-words-required-group = --require-note: { $count } of { $members } members have no personal paragraph: { $names }
own-words-more-names = and { $count } more
own-words-required-group-hint = write one for each in the members file's `note` column, or leave out --require-note; nothing was sent

## status

status-no-address = no sender address given: `status` finds your letters by your address
status-no-address-hint = pass `--email you@example.org`, or set `email` under [sender] in the configuration (`appeal setup`)
status-campaign = campaign:  { $title } ({ $id })
status-journal = journal:   { $path }
status-letters = letters:   { $count }
status-delivered = delivered: { $count }
status-own-words = own words: { $count } of the delivered letters with a personal paragraph
status-refused = refused:   { $count }
status-uncertain = uncertain: { $count }
status-handed-over = handed over: { $count } (to your mail program or as drafts; sending them is up to you)
status-pending = pending:   { $count } ({ $temporary } after a temporary failure, { $never } not tried yet)
# The state column of the letters that need attention.
status-state-temporary = temporary
status-state-refused = refused
status-state-uncertain = uncertain
status-state-handed-over = handed over
# $resend: the command that sends them again.
status-uncertain-advice = uncertain letters may have arrived; `{ $resend }` sends them again
