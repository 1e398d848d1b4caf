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
}
