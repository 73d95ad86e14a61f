## Texts every command shares: how errors are shown, and the texts the
## i18n module's own tests use.

# Before an error's message, on stderr.
error-prefix = error:
# Before the line that says what to do about an error.
hint-prefix = hint:
# Several problems found at once, each listed on its own line below.
problems-found = { $count } problems found:

# Only for src/i18n.rs's tests: plurals and number formats.
i18n-selftest-letters = { $count ->
    [one] { $count } letter
   *[other] { $count } letters
}
i18n-selftest-number = { $value }
