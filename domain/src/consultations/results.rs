//! The arithmetic of results, from counts the database aggregates (so that a million answers
//! are summed where they are stored, and only a few numbers come here).
//!
//! - Single and multiple choice: each choice's count and its share of the people who answered
//!   the question (with multiple choice the shares add up to more than 100 %).
//! - Scale: the count of each point 1–5, its share, and the mean.
//! - Ranking: the **Borda count**. With `n` choices, a first place earns `n − 1` points, a second
//!   `n − 2`, …, a last 0; choices are ordered by points (ties by their order in the question),
//!   and each also shows its mean rank (1 = first).

use serde::Serialize;

/// One choice's part of a choice question's answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceShare {
    pub choice: i32,
    pub count: u64,
    /// Percent of the respondents to the question (0 when nobody answered).
    pub percent: f64,
    /// Too few people to show (`super::disclosure`): count and percent are then 0.
    pub hidden: bool,
}

/// The shares of `choices` (in the question's order) given `counts` per choice and the number
/// of people who answered the question.
pub fn choice_shares(choices: &[i32], counts: &[(i32, u64)], respondents: u64) -> Vec<ChoiceShare> {
    choices
        .iter()
        .map(|choice| {
            let count = counts
                .iter()
                .filter(|(c, _)| c == choice)
                .map(|(_, n)| n)
                .sum();
            ChoiceShare {
                choice: *choice,
                count,
                percent: percent(count, respondents),
                hidden: false,
            }
        })
        .collect()
}

/// A scale question's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleResult {
    /// Count and percent of each point, 1 to 5.
    pub points: Vec<(u8, u64, f64)>,
    pub respondents: u64,
    /// The mean point (`None` when nobody answered, or when a point is hidden).
    pub mean: Option<f64>,
    /// Points with too few people to show (`super::disclosure`): their count and percent are
    /// then 0.
    pub hidden: Vec<u8>,
}

/// A scale question's results from `counts` per point (points outside 1–5 are ignored).
pub fn scale_result(counts: &[(u8, u64)]) -> ScaleResult {
    let of = |point: u8| {
        counts
            .iter()
            .filter(|(p, _)| *p == point)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    let respondents: u64 = super::questions::SCALE.map(of).sum();
    let weighted: u64 = super::questions::SCALE.map(|p| u64::from(p) * of(p)).sum();
    ScaleResult {
        points: super::questions::SCALE
            .map(|p| (p, of(p), percent(of(p), respondents)))
            .collect(),
        respondents,
        mean: (respondents > 0).then(|| weighted as f64 / respondents as f64),
        hidden: Vec::new(),
    }
}

/// One choice of a ranking question, by the Borda count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedChoice {
    pub choice: i32,
    /// Borda points: `n − 1` per first place … 0 per last.
    pub points: u64,
    /// The mean place it was given (1 = first); `None` when nobody ranked.
    pub mean_rank: Option<f64>,
}

/// The Borda count of a ranking question over `choices` (in the question's order), from
/// `placed`: how many people put each choice at each place (`(choice, place, count)`, place 1 =
/// first). Best first; ties keep the question's order.
pub fn borda(choices: &[i32], placed: &[(i32, u32, u64)]) -> Vec<RankedChoice> {
    let n = u64::try_from(choices.len()).unwrap_or(u64::MAX);
    let mut ranked: Vec<RankedChoice> = choices
        .iter()
        .map(|choice| {
            let mine = placed
                .iter()
                .filter(|(c, place, _)| c == choice && *place >= 1 && u64::from(*place) <= n);
            let (mut points, mut times, mut places) = (0u64, 0u64, 0u64);
            for (_, place, count) in mine {
                points += (n - u64::from(*place)) * count;
                times += count;
                places += u64::from(*place) * count;
            }
            RankedChoice {
                choice: *choice,
                points,
                mean_rank: (times > 0).then(|| places as f64 / times as f64),
            }
        })
        .collect();
    // A stable sort: equal points keep the question's order.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.points));
    ranked
}

/// `part` of `whole` in percent, 0 when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn single_choice_shares_add_up_to_the_respondents() {
        let shares = choice_shares(&[1, 2, 3], &[(1, 30), (3, 10)], 40);
        assert_eq!(
            shares
                .iter()
                .map(|s| (s.choice, s.count, s.percent))
                .collect::<Vec<_>>(),
            [(1, 30, 75.0), (2, 0, 0.0), (3, 10, 25.0)]
        );
    }

    #[test]
    fn multiple_choice_shares_are_of_the_respondents_and_may_pass_100() {
        // 10 people: 8 chose A, 6 chose B, 1 chose C.
        let shares = choice_shares(&[1, 2, 3], &[(1, 8), (2, 6), (3, 1)], 10);
        let percents: Vec<f64> = shares.iter().map(|s| s.percent).collect();
        assert_eq!(percents, [80.0, 60.0, 10.0]);
        assert!(percents.iter().sum::<f64>() > 100.0);
        assert!(
            choice_shares(&[1], &[], 0).iter().all(|s| s.percent == 0.0),
            "nobody answered"
        );
    }

    #[test]
    fn a_scale_has_its_distribution_and_mean() {
        let result = scale_result(&[(1, 1), (4, 2), (5, 1), (9, 100)]);
        assert_eq!(result.respondents, 4, "out-of-scale counts are ignored");
        assert_eq!(result.mean, Some(3.5));
        assert_eq!(result.points[3], (4, 2, 50.0));
        assert_eq!(scale_result(&[]).mean, None);
    }

    #[test]
    fn the_borda_count_orders_a_ranking() {
        // Three choices; 2 people rank B > A > C, 1 ranks A > C > B.
        let placed = [
            (2, 1, 2),
            (1, 2, 2),
            (3, 3, 2),
            (1, 1, 1),
            (3, 2, 1),
            (2, 3, 1),
        ];
        let ranked = borda(&[1, 2, 3], &placed);
        let summary: Vec<(i32, u64)> = ranked.iter().map(|r| (r.choice, r.points)).collect();
        // B: 2×2 + 1×0 = 4; A: 2×1 + 1×2 = 4; C: 2×0 + 1×1 = 1. A and B tie: question order.
        assert_eq!(summary, [(1, 4), (2, 4), (3, 1)]);
        assert_eq!(ranked[0].mean_rank, Some(5.0 / 3.0));
        assert_eq!(borda(&[1, 2], &[])[0].mean_rank, None);
    }

    proptest! {
        /// Whatever the ballots, the Borda points add up to n(n−1)/2 per ballot, and a choice
        /// everyone puts first wins.
        #[test]
        fn borda_points_are_conserved(ballots in prop::collection::vec(Just(vec![1, 2, 3, 4]).prop_shuffle(), 1..40)) {
            let mut placed: Vec<(i32, u32, u64)> = Vec::new();
            for ballot in &ballots {
                for (place, choice) in ballot.iter().enumerate() {
                    placed.push((*choice, u32::try_from(place + 1).unwrap_or(u32::MAX), 1));
                }
            }
            let ranked = borda(&[1, 2, 3, 4], &placed);
            let total: u64 = ranked.iter().map(|r| r.points).sum();
            prop_assert_eq!(total, 6 * ballots.len() as u64);
            if ballots.iter().all(|b| b[0] == ballots[0][0]) {
                prop_assert_eq!(ranked[0].choice, ballots[0][0]);
            }
        }

        /// Shares of a single-choice question add up to 100 % (to rounding) when someone answered.
        #[test]
        fn single_choice_shares_sum_to_100(counts in prop::collection::vec(0u64..1_000, 1..8)) {
            let choices: Vec<i32> = (0..counts.len() as i32).collect();
            let pairs: Vec<(i32, u64)> = choices.iter().copied().zip(counts.iter().copied()).collect();
            let respondents: u64 = counts.iter().sum();
            let sum: f64 = choice_shares(&choices, &pairs, respondents).iter().map(|s| s.percent).sum();
            if respondents > 0 {
                prop_assert!((sum - 100.0).abs() < 1e-6);
            } else {
                prop_assert_eq!(sum, 0.0);
            }
        }
    }
}
