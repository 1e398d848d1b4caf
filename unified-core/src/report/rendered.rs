//! The block that a rendered report's violations share: the text of their pointers and
//! messages and the parts of their parameters, so rendering a report costs a few allocations,
//! not three a violation.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::report::message::Message;

/// What the violations of one rendered report share; a [`crate::ReportText`] or a
/// [`crate::report::Params`] made on its own has a block of its own.
#[derive(Default)]
pub(crate) struct Rendered {
    /// Every pointer, then every message, back to back.
    pub(crate) text: String,
    /// Each violation's message, for its parameters; none where the map is given.
    pub(crate) parts: Vec<Part>,
    /// Each violation's parameters as a map, built on the first read of any.
    pub(crate) maps: OnceLock<Box<[OnceLock<ParamsMap>]>>,
}

/// One violation's parameters as a map.
type ParamsMap = Map<String, Value>;

/// One violation's message as parts.
pub(crate) struct Part {
    /// The message.
    pub(crate) message: Message,
    /// Its "did you mean", for an unknown field.
    pub(crate) suggestion: Option<&'static str>,
    /// Where its text ends in [`Rendered::text`].
    pub(crate) text_end: usize,
}

impl Rendered {
    /// A block of `text` alone.
    pub(crate) fn of_text(text: String) -> Self {
        Rendered {
            text,
            ..Rendered::default()
        }
    }

    /// A block of one message's parts, without text.
    #[cfg(test)]
    pub(crate) fn of_message(message: Message, suggestion: Option<&'static str>) -> Self {
        Rendered {
            parts: vec![Part {
                message,
                suggestion,
                text_end: 0,
            }],
            ..Rendered::default()
        }
    }

    /// A block of one violation's parameters given as a map.
    pub(crate) fn of_map(map: ParamsMap) -> Self {
        Rendered {
            maps: OnceLock::from(Box::from([OnceLock::from(map)])),
            ..Rendered::default()
        }
    }

    /// The map of the parameters of violation `index`, if built.
    pub(crate) fn built_map(&self, index: usize) -> Option<&ParamsMap> {
        self.maps.get()?.get(index)?.get()
    }

    /// The map of the parameters of violation `index`, built by `build` on the first read.
    pub(crate) fn map(&self, index: usize, build: impl FnOnce() -> ParamsMap) -> &ParamsMap {
        let maps = self
            .maps
            .get_or_init(|| self.parts.iter().map(|_| OnceLock::new()).collect());
        maps[index].get_or_init(build)
    }
}
