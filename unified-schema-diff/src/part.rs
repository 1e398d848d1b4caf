//! One part compared: the rules' findings placed, given their level, and the breaking ones
//! backed by a worked example.

use serde_json::Value;

use crate::change::{Change, Effect, Level, Place, Side};
use crate::compare::compare;
use crate::example::example;

/// Every change between the `old` and `new` schemas of the part at `place`, read by clients on
/// `side`; pointers are below `at`.
pub(crate) fn compare_part(
    place: &Place,
    old: &Value,
    new: &Value,
    at: &str,
    side: Side,
) -> Vec<Change> {
    compare(old, new, "")
        .into_iter()
        .map(|finding| {
            let mut level = finding.code.level(finding.effect, side);
            let mut message = finding.message;
            let mut shown = None;
            if level == Level::Err || finding.effect == Effect::Unknown {
                let (accepting, refusing) = match side {
                    Side::Request => (old, new),
                    Side::Response => (new, old),
                };
                shown = example(accepting, refusing, &finding.pointer);
                match (&shown, level) {
                    (Some(_), Level::Warn) => {
                        level = Level::Err;
                        message.push_str(&format!("; the example shows it {}", breaks(side)));
                    }
                    (None, Level::Err) => {
                        message.push_str("; no generated document showed the break");
                    }
                    _ => {}
                }
            }
            Change {
                place: place.clone(),
                pointer: format!("{at}{}", finding.pointer),
                code: finding.code,
                effect: finding.effect,
                side,
                level,
                message,
                example: shown,
            }
        })
        .collect()
}

/// A change of a whole provider, operation or part, which no schema comparison describes.
pub(crate) fn whole(
    place: &Place,
    code: crate::Code,
    effect: Effect,
    side: Side,
    message: String,
) -> Change {
    Change {
        place: place.clone(),
        pointer: String::new(),
        code,
        effect,
        side,
        level: code.level(effect, side),
        message,
        example: None,
    }
}

fn breaks(side: Side) -> &'static str {
    match side {
        Side::Request => "refuses a request the old schema took",
        Side::Response => "allows an answer the old schema did not",
    }
}
