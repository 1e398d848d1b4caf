//! "Did you mean" for names that are close to a known one.

use core::borrow::Borrow;

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
/// Among candidates equally close, the first wins.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_keyed(
        name,
        candidates
            .into_iter()
            .map(|candidate| (candidate, NameKey::of(candidate))),
    )
}

/// [`closest`] over candidates given with their [`NameKey`]s, for names known when the program
/// compiles (a model's fields have theirs in its rules), so a lookup does not read them again.
pub(crate) fn closest_keyed<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = (&'a str, impl Borrow<NameKey>)>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let key = NameKey::of(name);
    let (mut name_stack, mut name_heap) = (['\0'; STACK_NAME], Vec::new());
    let name = significant(name, &mut name_stack, &mut name_heap);
    let mut best: Option<(usize, &'a str)> = None;
    for (candidate, candidate_key) in candidates {
        // Only a strictly closer candidate can replace the best so far.
        let bound = best.map_or(limit, |(distance, _)| distance - 1);
        if let Some(distance) =
            edit_distance_within(name, &key, candidate, candidate_key.borrow(), bound)
            && best.is_none_or(|(best_distance, _)| distance < best_distance)
        {
            best = Some((distance, candidate));
            if distance == 0 {
                break;
            }
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// What the cheap lower bounds of the distance read of a name: the number of its characters
/// other than `_` and how many of them fall in each of 32 buckets (`a` to `z` each in a bucket
/// of its own), up to 255 each. Sharing a bucket or stopping at 255 can only lower the bound
/// read from the counts, never break it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameKey {
    length: usize,
    counts: LetterCounts,
    /// The sum of `counts`: `length`, but for the counts that stopped at 255.
    total: u32,
}

impl NameKey {
    /// The key of `name`; a `const fn`, so that a name known when the program compiles has its
    /// key computed then.
    pub const fn of(name: &str) -> NameKey {
        let bytes = name.as_bytes();
        let mut counts = [0_u8; 32];
        let (mut length, mut total, mut at) = (0, 0, 0);
        while at < bytes.len() {
            let (c, width) = char_at(bytes, at);
            if c != '_' as u32 {
                let bucket = (c % 32) as usize;
                if counts[bucket] < u8::MAX {
                    counts[bucket] += 1;
                    total += 1;
                }
                length += 1;
            }
            at += width;
        }
        NameKey {
            length,
            counts,
            total,
        }
    }
}

/// The character that starts at byte `at` of the UTF-8 text `bytes`, and its width in bytes.
const fn char_at(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = bytes[at] as u32;
    let (width, mut c) = match lead {
        0..0x80 => return (lead, 1),
        0xF0.. => (4, lead & 0x07),
        0xE0.. => (3, lead & 0x0F),
        _ => (2, lead & 0x1F),
    };
    let mut next = 1;
    while next < width {
        c = (c << 6) | (bytes[at + next] as u32 & 0x3F);
        next += 1;
    }
    (c, width)
}

/// Longest name (in characters other than `_`) compared on the stack; longer ones use the heap.
const STACK_NAME: usize = 32;

/// The characters of `text` other than `_` (so `nickname` finds `nick_name`), in `stack` when
/// they fit, else in `heap`.
fn significant<'b>(
    text: &str,
    stack: &'b mut [char; STACK_NAME],
    heap: &'b mut Vec<char>,
) -> &'b [char] {
    let mut length = 0;
    for c in text.chars().filter(|&c| c != '_') {
        if length < STACK_NAME {
            stack[length] = c;
        } else {
            if heap.is_empty() {
                heap.extend_from_slice(&stack[..]);
            }
            heap.push(c);
        }
        length += 1;
    }
    if length <= STACK_NAME {
        &stack[..length]
    } else {
        heap
    }
}

/// The optimal string alignment distance between the significant characters `a` (see
/// [`significant`]) and those of `b`, if it is at most `bound`; else `None`. The names' keys
/// give the cheap lower bounds, which turn most candidates away before any distance is measured.
fn edit_distance_within(
    a: &[char],
    a_key: &NameKey,
    b: &str,
    b_key: &NameKey,
    bound: usize,
) -> Option<usize> {
    if a_key.length.abs_diff(b_key.length) > bound || letter_count_distance(a_key, b_key) > bound {
        return None;
    }
    close_distance(a, b, bound)
}

/// The distance between `a` and the significant characters of `b`: [`bit_parallel_distance`]
/// when `b` fits in a word, else [`banded_distance`] with its rows on the stack when they fit.
/// Out of line, so that the candidates the lower bounds turn away do not pay for its buffers.
#[inline(never)]
fn close_distance(a: &[char], b: &str, bound: usize) -> Option<usize> {
    let (mut b_stack, mut b_heap) = (['\0'; STACK_NAME], Vec::new());
    let b = significant(b, &mut b_stack, &mut b_heap);
    // The commonest slip, a name written without or with a `_` too many, is found at once.
    if a == b {
        return Some(0);
    }
    if b.len() <= u64::BITS as usize {
        return Some(bit_parallel_distance(a, b)).filter(|&distance| distance <= bound);
    }
    let mut rows_stack = [0; 3 * (STACK_NAME + 1)];
    let mut rows_heap = Vec::new();
    let rows: &mut [usize] = if b.len() <= STACK_NAME {
        &mut rows_stack[..3 * (b.len() + 1)]
    } else {
        rows_heap.resize(3 * (b.len() + 1), 0);
        &mut rows_heap
    };
    banded_distance(a, b, bound, rows)
}

/// The optimal string alignment distance between `a` and `b` (at most 64 characters), the
/// columns of the table held as bits of one word: Hyyrö's bit-vector algorithm (2003), a few
/// word operations per character of `a` where the table costs a cell per pair.
fn bit_parallel_distance(a: &[char], b: &[char]) -> usize {
    let Some(last) = b.len().checked_sub(1) else {
        return a.len();
    };
    let last = 1_u64 << last;
    // Vertical differences of the current column: +1 (`positive`) or -1 (`negative`) per row.
    let (mut positive, mut negative) = (u64::MAX, 0_u64);
    let (mut diagonal, mut previous_matches) = (0_u64, 0_u64);
    let mut distance = b.len();
    for &ca in a {
        let matches = b
            .iter()
            .enumerate()
            .fold(0_u64, |mask, (j, &cb)| mask | (u64::from(ca == cb) << j));
        let swapped = ((!diagonal & matches) << 1) & previous_matches;
        diagonal = (((matches & positive).wrapping_add(positive)) ^ positive)
            | matches
            | negative
            | swapped;
        let mut horizontal_positive = negative | !(diagonal | positive);
        let mut horizontal_negative = diagonal & positive;
        if horizontal_positive & last != 0 {
            distance += 1;
        }
        if horizontal_negative & last != 0 {
            distance -= 1;
        }
        horizontal_positive = (horizontal_positive << 1) | 1;
        horizontal_negative <<= 1;
        positive = horizontal_negative | !(diagonal | horizontal_positive);
        negative = horizontal_positive & diagonal;
        previous_matches = matches;
    }
    distance
}

/// A name's letter counts: see [`NameKey`]. Bytes, so that a name's counts are two vector
/// registers.
type LetterCounts = [u8; 32];

/// A lower bound of the edit distance that is cheap to compute: each edit changes the count of
/// at most one character on each side, so the characters one side has in excess bound it.
fn letter_count_distance(a: &NameKey, b: &NameKey) -> usize {
    // The excesses of each side add up to the counts' absolute differences and differ by the
    // difference of their totals, so the larger is half the sum of the two. A sum of absolute
    // differences of bytes is a few vector instructions.
    let apart: u32 = (a.counts.iter().zip(&b.counts))
        .map(|(a, b)| u32::from(a.abs_diff(*b)))
        .sum();
    ((apart + a.total.abs_diff(b.total)) / 2) as usize
}

/// The optimal string alignment distance within `bound`: Levenshtein's edits plus swapping two
/// neighbouring characters (`dxia` is one edit from `dixa`). Computes only the cells at most
/// `bound` off the diagonal (a cheaper path never leaves that band), in three rows of
/// `b.len() + 1` entries taken from `rows`: the two before the current one are what a swap
/// looks back to. Stops as soon as a whole row exceeds `bound`: row minima never decrease.
fn banded_distance(a: &[char], b: &[char], bound: usize, rows: &mut [usize]) -> Option<usize> {
    let width = b.len() + 1;
    // Any value above `bound` stands for a cell outside the band.
    let outside = bound + 1;
    let (mut before, rest) = rows.split_at_mut(width);
    let (mut previous, mut current) = rest.split_at_mut(width);
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j.min(outside);
    }
    before.fill(outside);
    for (i, &ca) in (1_usize..).zip(a) {
        let low = i.saturating_sub(bound).max(1);
        let high = (i + bound).min(b.len());
        current.fill(outside);
        current[low - 1] = if low == 1 { i.min(outside) } else { outside };
        let mut row_min = current[low - 1];
        for j in low..=high {
            let substitution = previous[j - 1] + usize::from(ca != b[j - 1]);
            let mut cell = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == b[j - 1] {
                cell = cell.min(before[j - 2] + 1);
            }
            current[j] = cell.min(outside);
            row_min = row_min.min(current[j]);
        }
        if row_min > bound {
            return None;
        }
        // The rows move up one: the oldest is reused as the next current.
        core::mem::swap(&mut before, &mut previous);
        core::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&distance| distance <= bound)
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

    /// Letter counts stop at 255, which must keep them a lower bound: names of hundreds of one
    /// letter are still found one edit apart.
    #[test]
    fn names_longer_than_a_bucket_counts_are_still_compared() {
        let long = "a".repeat(300);
        let shorter = "a".repeat(299);
        assert_eq!(closest(&long, [shorter.as_str()]), Some(shorter.as_str()));
        let other = format!("{}{}", "b".repeat(200), "a".repeat(100));
        assert_eq!(closest(&long, [other.as_str()]), None);
    }

    #[test]
    fn a_swap_of_two_neighbours_is_one_edit() {
        assert_eq!(closest("dxia", ["dixa", "hive"]), Some("dixa"));
        assert_eq!(closest("nmae", ["name", "emails"]), Some("name"));
        assert_eq!(
            closest("pivotal_trakcer", ["pivotal_tracker"]),
            Some("pivotal_tracker")
        );
        assert_eq!(distance_within("ab", "ba", 1), Some(1));
        // A swapped pair is not edited again (optimal string alignment): three edits, not two.
        assert_eq!(distance_within("ca", "abc", 3), Some(3));
        assert_eq!(distance_within("ca", "abc", 2), None);
    }

    #[test]
    fn the_first_of_equally_close_candidates_wins() {
        assert_eq!(closest("nam", ["nap", "name", "nab"]), Some("nap"));
        assert_eq!(closest("name", ["nam", "name"]), Some("name"));
    }

    #[test]
    fn long_names_are_compared_too() {
        let long = "a".repeat(100);
        let near = format!("{long}b");
        assert_eq!(closest(&near, [long.as_str()]), Some(long.as_str()));
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 2), None);
    }

    /// The bounded distance between two names.
    fn distance_within(a: &str, b: &str, bound: usize) -> Option<usize> {
        let (a_key, b_key) = (super::NameKey::of(a), super::NameKey::of(b));
        let (mut stack, mut heap) = (['\0'; super::STACK_NAME], Vec::new());
        let a = super::significant(a, &mut stack, &mut heap);
        super::edit_distance_within(a, &a_key, b, &b_key, bound)
    }

    /// The full optimal-string-alignment table over characters other than `_`.
    fn plain_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().filter(|c| *c != '_').collect();
        let b: Vec<char> = b.chars().filter(|c| *c != '_').collect();
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitution = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = substitution
                    .min(table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    table[i][j] = table[i][j].min(table[i - 2][j - 2] + 1);
                }
            }
        }
        table[a.len()][b.len()]
    }

    /// `name` with the characters at `swap` and the next one swapped, and the one at `change`
    /// (when there is one) replaced by `by`: a name a few edits from `name`.
    fn edited(name: &str, swap: usize, change: usize, by: char) -> String {
        let mut chars: Vec<char> = name.chars().collect();
        if chars.len() > 1 {
            let at = swap % (chars.len() - 1);
            chars.swap(at, at + 1);
        }
        if let Some(slot) = chars.get_mut(change) {
            *slot = by;
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        /// A name's key, computed by a `const fn` that decodes UTF-8 itself, counts what the
        /// standard library's characters give.
        #[test]
        fn a_names_key_counts_its_characters(name in "\\PC{0,40}|[a_]{250,300}") {
            let mut counts = [0_u8; 32];
            let mut length = 0;
            for c in name.chars().filter(|&c| c != '_') {
                let bucket = &mut counts[c as usize % 32];
                *bucket = bucket.saturating_add(1);
                length += 1;
            }
            let total = counts.iter().map(|&n| u32::from(n)).sum();
            proptest::prop_assert_eq!(super::NameKey::of(&name), super::NameKey { length, counts, total });
        }

        /// On names a few edits apart (a swap of neighbours, a change), from a few letters, so
        /// that repeats are common, to names longer than a word of bits, and on any two such
        /// names, the bounded distance is the full table's.
        #[test]
        fn bounded_distance_agrees_with_the_full_table_on_any_names(
            a in "[ab_\u{e9}]{0,12}|[ab]{60,70}",
            other in "[ab_\u{e9}]{0,12}|[ab]{60,70}",
            swap in 0_usize..70,
            change in 0_usize..80,
            by in proptest::char::range('a', 'c'),
            bound in 0_usize..6,
        ) {
            for b in [edited(&a, swap, change, by), other.clone()] {
                let distance = plain_distance(&a, &b);
                let expected = Some(distance).filter(|&d| d <= bound);
                proptest::prop_assert_eq!(distance_within(&a, &b, bound), expected, "{:?} {:?}", a, b);
            }
        }
    }

    /// The banded, bounded distance is the full table's wherever that is within the bound.
    #[test]
    fn bounded_distance_agrees_with_the_full_table() {
        let long_a = "ab".repeat(40);
        let long_b = format!("{}c", "ab".repeat(39));
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "nickname",
            "nick_name",
            "name",
            "emails",
            "emials",
            "user_type",
            "username",
            "last_name",
            "first_name",
            "kitten",
            "sitting",
            "\u{e9}t\u{e9}",
            "dixa",
            "dxia",
            "idxa",
            "abc",
            "ca",
            "acb",
            "bca",
            "ete",
            "___",
            long_a.as_str(),
            long_b.as_str(),
        ];
        for a in words {
            for b in words {
                let distance = plain_distance(a, b);
                for bound in 0..5 {
                    let expected = Some(distance).filter(|&d| d <= bound);
                    assert_eq!(
                        distance_within(a, b, bound),
                        expected,
                        "{a:?} {b:?} within {bound}"
                    );
                }
            }
        }
    }
}
