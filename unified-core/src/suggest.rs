//! "Did you mean" for names that are close to a known one.

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars, ignoring `_` so `nickname` finds `nick_name`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().filter(|c| *c != '_').collect();
    let b: Vec<char> = b.chars().filter(|c| *c != '_').collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        core::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let names = ["nick_name", "name", "emails"];
        assert_eq!(closest("nickname", names), Some("nick_name"));
        assert_eq!(closest("emials", names), Some("emails"));
        assert_eq!(closest("zzzzzz", names), None);
    }
}
