//! Commands suggested in hints, repeating the flags that chose the run's
//! letters.
//!
//! A hint such as "resend them with `appeal send --resend-uncertain`" is
//! followed literally: without the run's `--senders members.csv` it would
//! act on the coordinator's own letters, without its `--journal` on
//! another journal. So every hint that names a command builds it here,
//! from the flags of the run it talks about (as typed, quoted for the
//! shell), and each command gets only the flags it takes.

use std::path::Path;

use crate::cli::{GlobalArgs, SelectArgs, SenderArgs};

/// The flags of a run that decide which letters it means, as typed.
#[derive(Clone, Debug, Default)]
pub struct RunFlags {
    /// `--campaign`, `--recipients`, `--template`: which campaign.
    campaign: Vec<String>,
    /// `--config`: which account and sender.
    config: Vec<String>,
    /// `--senders`, `--to`, `--party`, `--role`, `--include-former`,
    /// `--name`, `--email`, `--city`: whose letters, to whom (a `--choose`
    /// checklist is not repeated: it would ask again).
    letters: Vec<String>,
    /// `--journal`: where they are recorded.
    journal: Vec<String>,
}

impl RunFlags {
    /// The campaign and configuration flags every run has.
    pub fn new(global: &GlobalArgs) -> RunFlags {
        let mut flags = RunFlags::default();
        push_path(
            &mut flags.campaign,
            "--campaign",
            global.campaign.as_deref(),
        );
        push_path(
            &mut flags.campaign,
            "--recipients",
            global.recipients.as_deref(),
        );
        push_path(
            &mut flags.campaign,
            "--template",
            global.template.as_deref(),
        );
        push_path(&mut flags.config, "--config", global.config.as_deref());
        flags
    }

    /// The flags that point `setup` or `check` at the configuration file
    /// `path`: `--config` unless it is where they look anyway (the default
    /// place, or `$APPEAL_CONFIG`, which stays set).
    pub fn for_config_file(path: Option<&Path>) -> RunFlags {
        let mut flags = RunFlags::default();
        let default = crate::config::config_path(None).map(|(p, _)| p);
        let named = path.filter(|p| Some(*p) != default.as_deref());
        push_path(&mut flags.config, "--config", named);
        flags
    }

    /// Adds the flags that choose senders and recipients.
    pub fn with_letters(mut self, sender: &SenderArgs, select: &SelectArgs) -> RunFlags {
        let letters = &mut self.letters;
        push_path(letters, "--senders", select.senders.as_deref());
        for (flag, value) in [
            ("--name", &sender.name),
            ("--email", &sender.email),
            ("--city", &sender.city),
            ("--postcode", &sender.postcode),
            ("--address", &sender.address),
        ] {
            if let Some(value) = value {
                letters.extend([flag.to_string(), value.clone()]);
            }
        }
        for (flag, values) in [
            ("--to", &select.to),
            ("--party", &select.party),
            ("--role", &select.role),
        ] {
            for value in values {
                letters.extend([flag.to_string(), value.clone()]);
            }
        }
        if select.include_former {
            letters.push("--include-former".into());
        }
        self
    }

    /// Adds `--journal` when the run was given one.
    pub fn with_journal(mut self, journal: Option<&Path>) -> RunFlags {
        push_path(&mut self.journal, "--journal", journal);
        self
    }

    /// `appeal <subcommand>` with the flags of this run it takes, then
    /// `extra`, quoted for the shell.
    pub fn command(&self, subcommand: &str, extra: &[&str]) -> String {
        let parts: &[&Vec<String>] = match subcommand {
            "send" | "status" => &[&self.campaign, &self.config, &self.letters, &self.journal],
            "preview" => &[&self.campaign, &self.config, &self.letters],
            "recipients" => &[&self.campaign],
            _ => &[&self.config],
        };
        let words = ["appeal", subcommand]
            .into_iter()
            .map(str::to_string)
            .chain(parts.iter().flat_map(|p| p.iter().cloned()))
            .chain(extra.iter().map(|s| s.to_string()));
        shell_words::join(words)
    }
}

fn push_path(words: &mut Vec<String>, flag: &str, path: Option<&Path>) {
    if let Some(path) = path {
        words.extend([flag.to_string(), path.to_string_lossy().into_owned()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_gets_the_flags_it_takes_quoted() {
        let global = GlobalArgs {
            campaign: Some("meine kampagne".into()),
            recipients: None,
            template: Some("brief.hbs".into()),
            config: Some("gruppe.toml".into()),
            verbose: 0,
            quiet: false,
        };
        let select = SelectArgs {
            to: vec!["o'neill".into()],
            include_former: true,
            senders: Some("mitglieder.csv".into()),
            party: vec!["SPD".into()],
            role: Vec::new(),
            choose: false,
        };
        let flags = RunFlags::new(&global)
            .with_letters(&SenderArgs::default(), &select)
            .with_journal(Some(Path::new("j.jsonl")));
        assert_eq!(
            flags.command("send", &["--resend-uncertain"]),
            "appeal send --campaign 'meine kampagne' --template brief.hbs --config gruppe.toml \
             --senders mitglieder.csv --to 'o'\\''neill' --party SPD --include-former --journal j.jsonl \
             --resend-uncertain"
        );
        assert_eq!(
            flags.command("recipients", &[]),
            "appeal recipients --campaign 'meine kampagne' --template brief.hbs"
        );
        assert_eq!(
            flags.command("setup", &[]),
            "appeal setup --config gruppe.toml"
        );
        assert_eq!(RunFlags::default().command("status", &[]), "appeal status");
    }
}
