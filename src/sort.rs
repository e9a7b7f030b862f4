//! One stable sort for every element type.
//!
//! The standard library's `sort_by` is compiled once per element type and
//! comparison (3–5 KB of `.wasm` each), and the engine sorts a handful of short
//! lists of different types (agencies, deflator years, remainders, errors).
//! Here a short list is sorted in place by insertion (a few hundred bytes a
//! type), and a longer one through one non-generic merge sort of positions
//! (BENCHMARKS.md, "Lean calls (issue 18)": what it saves, and that the calls
//! are no slower).

use std::cmp::Ordering;

/// Lists up to this long are sorted in place by insertion.
const SHORT: usize = 64;

/// Sorts `items` by `compare`, keeping equal elements in their order (as
/// `slice::sort_by` does), in O(n log n).
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        // Insertion sort, in place, without allocating (the standard library
        // sorts up to 20 elements so): the lists sorted here are mostly this
        // short, or already in order (a series' years), where it is linear.
        for end in 1..items.len() {
            for at in (1..=end).rev() {
                match items.get_mut(at - 1..=at) {
                    Some([before, this]) if compare(this, before) == Ordering::Less => {
                        std::mem::swap(before, this);
                    }
                    _ => break,
                }
            }
        }
        return;
    }
    let order = {
        let list = items.as_slice();
        positions(list.len(), &mut |a, b| match (list.get(a), list.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `items` by the key `key` gives, keeping equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)))
}

/// The positions `0..len` in the order `compare` (which compares the elements
/// at two positions) gives, equal elements in their order: a bottom-up merge
/// sort, runs of 1, 2, 4, … merged from one buffer into the other.
fn positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = vec![0; len];
    let mut width = 1;
    while width < len {
        let run = width.saturating_mul(2);
        for (source, target) in from.chunks(run).zip(to.chunks_mut(run)) {
            let (left, right) = source.split_at(width.min(source.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            for slot in target.iter_mut() {
                let next = match (left.peek(), right.peek()) {
                    // The right run's element goes first only when it is
                    // strictly less: equal elements keep their order.
                    (Some(&&l), Some(&&r)) if compare(r, l) == Ordering::Less => right.next(),
                    (Some(_), _) => left.next(),
                    (None, _) => right.next(),
                };
                if let Some(&position) = next {
                    *slot = position;
                }
            }
        }
        std::mem::swap(&mut from, &mut to);
        width = run;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Every list of up to 7 elements over 3 keys (insertion), each tagged with its
        // position: the tags show whether equal keys kept their order.
        for len in 0..=7u32 {
            for code in 0..3u32.pow(len) {
                let list: Vec<(u32, u32)> = (0..len).map(|i| (code / 3u32.pow(i) % 3, i)).collect();
                let mut ours = list.clone();
                sort_by_key(&mut ours, |&(k, _)| k);
                let mut theirs = list.clone();
                theirs.sort_by_key(|&(k, _)| k);
                assert_eq!(ours, theirs, "{list:?}");
            }
        }
    }

    #[test]
    fn sorts_lists_either_side_of_the_short_length_like_the_standard_sort() {
        // Keys from a fixed pseudo-random sequence (x → 5x + 3 mod 64), 0 to 7,
        // so that keys repeat; each element tagged with its position.
        for len in [SHORT - 1, SHORT, SHORT + 1, SHORT + 2, 2 * SHORT + 1, 300] {
            let mut x = 7u32;
            let list: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    x = (5 * x + 3) % 64;
                    (x % 8, i)
                })
                .collect();
            let mut ours = list.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut theirs = list.clone();
            theirs.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, theirs, "{len}");
        }
    }

    #[test]
    fn sorts_a_long_list_descending_with_ties() {
        // 1,000 elements with keys 0..10 repeating: descending by key, and
        // within a key by position (0, 10, 20, … for key 9 first).
        let mut list: Vec<(u32, usize)> = (0..1000).map(|i| ((i % 10) as u32, i)).collect();
        sort_by(&mut list, |a, b| b.0.cmp(&a.0));
        let expected: Vec<(u32, usize)> = (0..10u32)
            .rev()
            .flat_map(|k| (0..100).map(move |j| (k, k as usize + 10 * j)))
            .collect();
        assert_eq!(list, expected);
    }
}
