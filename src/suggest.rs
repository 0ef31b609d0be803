//! "Did you mean": the few known names nearest to what an operator typed, for a user key
//! (`bbo@example.com`, or `bob` for `bob@example.com`) or a profile name (`gittea`).

/// How many suggestions an error names at most.
const SHOWN: usize = 3;

/// The known names nearest to `typed`, nearest first: those a few edits away (a swapped
/// pair counts as one edit), and those whose part before `@` is what was typed. Case is
/// ignored; nothing is suggested when nothing is close.
pub fn nearest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let typed_local = local_part(&typed);
    // Judged by the part before `@` (a shared domain says nothing): names of one or two
    // characters must match exactly, longer ones tolerate one edit per four, up to three.
    let length = typed_local.chars().count();
    let allowed = if length < 3 {
        0
    } else {
        (length / 4).clamp(1, 3)
    };
    let mut close: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let whole = distance(&typed, &lower);
            let local = local_part(&lower);
            let by_local = if typed.contains('@') {
                None
            } else {
                Some(distance(typed_local, local)).filter(|d| *d <= allowed)
            };
            match (whole <= allowed, by_local) {
                (_, Some(d)) => Some((d.min(whole), name)),
                (true, None) => Some((whole, name)),
                (false, None) => None,
            }
        })
        .collect();
    close.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    close.dedup_by(|a, b| a.1 == b.1);
    close
        .into_iter()
        .take(SHOWN)
        .map(|(_, name)| name)
        .collect()
}

/// "did you mean a or b?" for an error message; None when nothing is close.
pub fn did_you_mean(names: &[&str]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [first @ .., last] => Some(format!("did you mean {} or {last}?", first.join(", "))),
    }
}

fn local_part(name: &str) -> &str {
    name.split('@').next().unwrap_or(name)
}

/// Edits between two strings: insertions, deletions, substitutions and swaps of neighbours
/// (optimal string alignment), over characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back (for swaps), the previous and the current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(distance("bob", "bob"), 0);
        assert_eq!(distance("bbo", "bob"), 1);
        assert_eq!(distance("gittea", "gitea"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("é", "e"), 1);
    }

    #[test]
    fn near_keys_are_suggested_nearest_first() {
        let users = [
            "admin@example.com",
            "bob@example.com",
            "bob@corp.example",
            "carol@example.com",
        ];
        assert_eq!(nearest("bbo@example.com", users), ["bob@example.com"]);
        assert_eq!(
            nearest("bob", users),
            ["bob@corp.example", "bob@example.com"]
        );
        assert_eq!(nearest("BOB@EXAMPLE.COM ", users)[0], "bob@example.com");
        assert!(nearest("mallory@example.org", users).is_empty());
        assert!(nearest("", users).is_empty());
        assert!(nearest("x", ["y@example.com"]).is_empty());
    }

    #[test]
    fn profile_names_are_suggested() {
        let names = ["django", "gitea", "gitlab", "grafana"];
        assert_eq!(nearest("gittea", names), ["gitea"]);
        assert_eq!(nearest("Django", names), ["django"]);
        assert!(nearest("wordpress", names).is_empty());
    }

    #[test]
    fn the_sentence_lists_one_or_several() {
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(did_you_mean(&["a"]).as_deref(), Some("did you mean a?"));
        assert_eq!(
            did_you_mean(&["a", "b", "c"]).as_deref(),
            Some("did you mean a, b or c?")
        );
    }
}
