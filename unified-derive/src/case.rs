//! serde's `rename_all` rules, so validation and schemas see the names serde reads.

/// One of serde's renaming rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    pub const NAMES: &'static [&'static str] = &[
        "lowercase",
        "UPPERCASE",
        "PascalCase",
        "camelCase",
        "snake_case",
        "SCREAMING_SNAKE_CASE",
        "kebab-case",
        "SCREAMING-KEBAB-CASE",
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        const RULES: [RenameRule; 8] = [
            RenameRule::Lower,
            RenameRule::Upper,
            RenameRule::Pascal,
            RenameRule::Camel,
            RenameRule::Snake,
            RenameRule::ScreamingSnake,
            RenameRule::Kebab,
            RenameRule::ScreamingKebab,
        ];
        Self::NAMES
            .iter()
            .position(|candidate| *candidate == name)
            .map(|index| RULES[index])
    }

    /// The JSON name of a field written in snake_case.
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => pascal_from_snake(field),
            RenameRule::Camel => lower_first(&pascal_from_snake(field)),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.replace('_', "-").to_ascii_uppercase(),
        }
    }

    /// The JSON name of a variant written in PascalCase.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => lower_first(variant),
            RenameRule::Snake => snake_from_pascal(variant),
            RenameRule::ScreamingSnake => snake_from_pascal(variant).to_ascii_uppercase(),
            RenameRule::Kebab => snake_from_pascal(variant).replace('_', "-"),
            RenameRule::ScreamingKebab => snake_from_pascal(variant)
                .replace('_', "-")
                .to_ascii_uppercase(),
        }
    }
}

pub fn pascal_from_snake(field: &str) -> String {
    let mut out = String::new();
    let mut capitalize = true;
    for c in field.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn snake_from_pascal(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.char_indices() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A label for forms from a JSON name: words split at `_`, `-` and lower-to-upper changes, the
/// first capitalized, the rest lower case, and `id`, `ids`, `url`, `uri` and `api` in capitals
/// (`first_name` → "First name", `avatarUrl` → "Avatar URL").
pub fn title_from_name(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let separator = matches!(c, '_' | '-' | ' ');
        if (separator || (c.is_uppercase() && previous_lower)) && !word.is_empty() {
            words.push(core::mem::take(&mut word));
        }
        if !separator {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(index, word)| match word.as_str() {
            "id" | "url" | "uri" | "api" => word.to_ascii_uppercase(),
            "ids" => "IDs".to_owned(),
            _ if index == 0 => {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
            _ => word,
        })
        .collect();
    words.join(" ")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn follows_serde() {
        let cases = [
            ("lowercase", "team_ids", "TeamIds", "team_ids", "teamids"),
            ("camelCase", "team_ids", "TeamIds", "teamIds", "teamIds"),
            ("kebab-case", "team_ids", "TeamIds", "team-ids", "team-ids"),
            (
                "SCREAMING_SNAKE_CASE",
                "team_ids",
                "TeamIds",
                "TEAM_IDS",
                "TEAM_IDS",
            ),
        ];
        for (name, field, variant, field_out, variant_out) in cases {
            let rule = RenameRule::from_name(name).unwrap();
            assert_eq!(rule.apply_to_field(field), field_out, "{name}");
            assert_eq!(rule.apply_to_variant(variant), variant_out, "{name}");
        }
        assert_eq!(RenameRule::from_name("Title Case"), None);
    }

    #[test]
    fn titles_read_like_labels() {
        let cases = [
            ("first_name", "First name"),
            ("emails", "Emails"),
            ("id", "ID"),
            ("avatarUrl", "Avatar URL"),
            ("remote-data", "Remote data"),
            ("TEAM_IDS", "Team IDs"),
            ("is_active", "Is active"),
        ];
        for (name, title) in cases {
            assert_eq!(super::title_from_name(name), title, "{name}");
        }
    }
}
