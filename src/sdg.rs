//! The goals and targets of the 2030 Agenda for Sustainable Development:
//! which targets exist, and how they are written.

/// How an SDG target is written: the goal's number, a dot, and the target's
/// number or letter (`11.3`, `11.a`).
pub const SDG_TARGET_PATTERN: &str = "^([1-9]|1[0-7])\\.([1-9][0-9]?|[a-z])$";

/// The targets of each goal of the 2030 Agenda (UN resolution A/RES/70/1):
/// for goal n (index n − 1), the last numbered target and the last lettered
/// one (`None` when the goal has no lettered targets).
const SDG_TARGETS: [(u8, Option<char>); 17] = [
    (5, Some('b')),
    (5, Some('c')),
    (9, Some('d')),
    (7, Some('c')),
    (6, Some('c')),
    (6, Some('b')),
    (3, Some('b')),
    (10, Some('b')),
    (5, Some('c')),
    (7, Some('c')),
    (7, Some('c')),
    (8, Some('c')),
    (3, Some('b')),
    (7, Some('c')),
    (9, Some('c')),
    (10, Some('b')),
    (19, None),
];

/// The targets of goal `goal`, for advice: "11.1 to 11.7 and 11.a to 11.c".
pub fn sdg_targets_of(goal: u8) -> String {
    let (last, letter) = SDG_TARGETS[usize::from(goal.clamp(1, 17)) - 1];
    match letter {
        Some(l) => format!("{goal}.1 to {goal}.{last} and {goal}.a to {goal}.{l}"),
        None => format!("{goal}.1 to {goal}.{last}"),
    }
}

/// The goal of target `text` when it is one of the 169 targets of the 2030
/// Agenda (`11.3` → 11).
pub fn sdg_target_goal(text: &str) -> Option<u8> {
    let (goal, target) = text.split_once('.')?;
    if goal.starts_with('0') {
        return None;
    }
    let goal: u8 = goal.parse().ok().filter(|g| (1..=17).contains(g))?;
    let (last, letter) = SDG_TARGETS[usize::from(goal) - 1];
    let ok = match target.parse::<u8>() {
        Ok(n) => !target.starts_with('0') && (1..=last).contains(&n),
        Err(_) => {
            let mut chars = target.chars();
            match (chars.next(), chars.next(), letter) {
                (Some(c), None, Some(l)) => ('a'..=l).contains(&c),
                _ => false,
            }
        }
    };
    ok.then_some(goal)
}

/// How many numbered targets goal `goal` has (11 has 11.1 to 11.7: 7).
pub fn numbered_targets(goal: u8) -> u8 {
    SDG_TARGETS[usize::from(goal.clamp(1, 17)) - 1].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_169_targets_are_known() {
        let mut count = 0;
        for goal in 1..=17u8 {
            for t in (1..=20)
                .map(|n| n.to_string())
                .chain(('a'..='z').map(String::from))
            {
                if sdg_target_goal(&format!("{goal}.{t}")) == Some(goal) {
                    count += 1;
                }
            }
        }
        assert_eq!(count, 169);
        assert_eq!(sdg_target_goal("11.3"), Some(11));
        assert_eq!(sdg_target_goal("11.a"), Some(11));
        assert_eq!(sdg_target_goal("11.x"), None);
        assert_eq!(sdg_target_goal("11.8"), None);
        assert_eq!(sdg_target_goal("17.a"), None);
        assert_eq!(sdg_target_goal("18.1"), None);
        assert_eq!(sdg_target_goal("011.1"), None);
        assert_eq!(sdg_targets_of(11), "11.1 to 11.7 and 11.a to 11.c");
    }
}
