//! A report as people and programs read it: text for a terminal, JSON for tools, Markdown for
//! a pull request comment.

use std::fmt::Write;

use serde_json::json;

use crate::change::{Change, Level};
use crate::report::Report;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A block per change, for a terminal.
    Text,
    /// One JSON document: the changes and a count per level.
    Json,
    /// A table and the worked examples, for a pull request comment.
    Markdown,
}

/// `report` written in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => {
            let document = json!({ "summary": summary_counts(report), "changes": report.changes });
            let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Markdown => markdown(report),
    }
}

fn summary_counts(report: &Report) -> serde_json::Value {
    json!({
        "ERR": report.count(Level::Err),
        "WARN": report.count(Level::Warn),
        "INFO": report.count(Level::Info),
    })
}

fn summary(report: &Report) -> String {
    format!(
        "{} ERR, {} WARN, {} INFO",
        report.count(Level::Err),
        report.count(Level::Warn),
        report.count(Level::Info)
    )
}

/// Where a change is, in a few words: `dixa · ticketing/users create body`.
fn whereabouts(change: &Change) -> String {
    let place = &change.place;
    let mut words = format!("{} · {}", place.view, place.model);
    for word in [&place.operation, &place.part] {
        if !word.is_empty() && word != "*" {
            words.push(' ');
            words.push_str(word);
        }
    }
    words
}

fn text(report: &Report) -> String {
    if report.is_empty() {
        return "no changes\n".to_owned();
    }
    let mut out = String::new();
    for change in &report.changes {
        let _ = writeln!(
            out,
            "{:<4} {}  {}  {}{}",
            change.level.as_str(),
            change.code.as_str(),
            whereabouts(change),
            change.place.file,
            if change.pointer.is_empty() {
                String::new()
            } else {
                format!("#{}", change.pointer)
            }
        );
        let _ = writeln!(out, "     {}", change.message);
        if let Some(example) = &change.example {
            let _ = writeln!(out, "     example: {example}");
        }
    }
    let _ = writeln!(out, "{}", summary(report));
    out
}

fn markdown(report: &Report) -> String {
    let mut out = format!("### Schema changes: {}\n\n", summary(report));
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    out.push_str("| level | code | where | pointer | change |\n|---|---|---|---|---|\n");
    for change in &report.changes {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | `{}#{}` | {} |",
            change.level.as_str(),
            change.code.as_str(),
            whereabouts(change).replace('|', "\\|"),
            change.place.file,
            change.pointer,
            change.message.replace('|', "\\|")
        );
    }
    let examples: Vec<&Change> = report
        .changes
        .iter()
        .filter(|change| change.example.is_some())
        .collect();
    if !examples.is_empty() {
        out.push_str("\n<details><summary>Worked examples: a document the old schema accepts and the new one refuses (for an answer, the other way)</summary>\n\n");
        for change in examples {
            let example = change
                .example
                .as_ref()
                .map(|value| value.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- `{}` {}: `{}`",
                change.code.as_str(),
                whereabouts(change),
                example.replace('`', "'")
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}
