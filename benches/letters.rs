//! Micro-benchmarks of the per-letter work on the send path: rendering the
//! template for one (sender, recipient) and formatting the RFC 5322
//! message. `scripts/bench.sh` measures whole runs against a real SMTP
//! sink; these say where the time inside one letter goes.

use std::time::SystemTime;

use appeal::campaign::CampaignSource;
use appeal::letter::Letters;
use appeal::sender::Sender;
use criterion::{criterion_group, criterion_main, Criterion};

fn letters(c: &mut Criterion) {
    let campaign = CampaignSource::default().load().expect("built-in campaign");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
    let letters = Letters::compile(&campaign, today).expect("template compiles");
    let mut sender =
        Sender::new("Erika Mustermann", Some("erika@example.org"), Some("Köln")).expect("sender");
    sender.note = Some("Ich war selbst auf der Demonstration.".into());
    let recipient = &campaign.recipients[0];

    c.bench_function("render one letter", |b| {
        b.iter(|| letters.render(recipient, &sender, Some("gruppe@example.org")))
    });
    let letter = letters
        .render(recipient, &sender, Some("gruppe@example.org"))
        .expect("renders");
    let now = SystemTime::now();
    c.bench_function("format one message", |b| {
        b.iter(|| letter.message(now).formatted())
    });
    c.bench_function("render and format", |b| {
        b.iter(|| {
            letters
                .render(recipient, &sender, Some("gruppe@example.org"))
                .map(|l| l.message(now).formatted())
        })
    });
}

criterion_group!(benches, letters);
criterion_main!(benches);
