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

# Operating-system errors, shown after a message (`cannot read FILE: …`).
# English shows the system's own text; these keys exist for the German
# interface (src/i18n.rs, io_error).
io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-read-only = Read-only file system
io-storage-full = No space left on device
io-file-too-large = File too large
io-with-code = { $text } (os error { $code })
