//! What of a consultation's counts may be shown without singling anyone out.
//!
//! - While the consultation is open, the region's officers see the number of responses only:
//!   counts that change with each answer would tell them what the person who just answered said.
//! - With fewer responses than the smallest cell (`k`, a setting, 5 by default), only the number
//!   of responses is shown.
//! - Otherwise every breakdown (by province, by declaration, a question's choices and scale
//!   points) shows a cell only when at least `k` people are in it. Hidden cells could be worked
//!   out from the total and the cells shown: the next smallest cells are hidden too, until at
//!   least two are hidden and they hold `k` people or more together. A question fewer than `k`
//!   people answered shows no counts; a scale with a hidden point shows no mean (with the
//!   other points, it would give the hidden ones away).

use serde::Serialize;

use super::outcome::QuestionResult;

/// How much of the results a reader gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// The consultation is open: the number of responses only.
    TotalWhileOpen,
    /// Fewer responses than the smallest cell: the number of responses only.
    TooFewResponses,
    /// Every count, small cells hidden.
    Full,
}

/// The detail of results with `responses` responses, `open` or not, cells of at least `k`.
pub fn detail(open: bool, responses: u64, k: u64) -> Detail {
    if open {
        Detail::TotalWhileOpen
    } else if responses < k {
        Detail::TooFewResponses
    } else {
        Detail::Full
    }
}

/// `result` with its choices and scale points under `k` people hidden (with the next smallest,
/// as [`suppress`]), and no mean for a scale with a hidden point. A ranking shows Borda points
/// and mean places, sums over every ballot, and no count of a place.
pub(crate) fn hide_small_cells(result: QuestionResult, k: u64) -> QuestionResult {
    match result {
        QuestionResult::Choices {
            respondents,
            mut shares,
        } => {
            let cells: Vec<u64> = shares.iter().map(|s| s.count).collect();
            for (share, shown) in shares.iter_mut().zip(suppress(&cells, k)) {
                if shown.is_none() {
                    share.count = 0;
                    share.percent = 0.0;
                    share.hidden = true;
                }
            }
            QuestionResult::Choices {
                respondents,
                shares,
            }
        }
        QuestionResult::Scale { mut result } => {
            let cells: Vec<u64> = result.points.iter().map(|(_, n, _)| *n).collect();
            for (point, shown) in result.points.iter_mut().zip(suppress(&cells, k)) {
                if shown.is_none() {
                    result.hidden.push(point.0);
                    point.1 = 0;
                    point.2 = 0.0;
                }
            }
            if !result.hidden.is_empty() {
                result.mean = None;
            }
            QuestionResult::Scale { result }
        }
        other => other,
    }
}

/// The cells of one breakdown as shown: `None` for a hidden one. Empty cells (0) are shown.
pub fn suppress(cells: &[u64], k: u64) -> Vec<Option<u64>> {
    let mut shown: Vec<Option<u64>> = cells
        .iter()
        .map(|&n| (n == 0 || n >= k).then_some(n))
        .collect();
    loop {
        let hidden: Vec<u64> = cells
            .iter()
            .zip(&shown)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| *n)
            .collect();
        let safe = hidden.is_empty() || (hidden.len() >= 2 && hidden.iter().sum::<u64>() >= k);
        if safe {
            return shown;
        }
        // The smallest non-empty cell still shown goes too.
        let next = shown
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.filter(|n| *n > 0).map(|n| (n, i)))
            .min();
        match next {
            Some((_, i)) => shown[i] = None,
            None => return shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn small_cells_are_hidden_and_one_hidden_cell_takes_another_with_it() {
        assert_eq!(suppress(&[12, 7, 30], 5), [Some(12), Some(7), Some(30)]);
        assert_eq!(
            suppress(&[12, 3, 2, 30], 5),
            [Some(12), None, None, Some(30)]
        );
        // One small cell alone could be read off the total: the next smallest is hidden too.
        assert_eq!(
            suppress(&[12, 1, 30, 0], 5),
            [None, None, Some(30), Some(0)]
        );
        // Two cells of 1 under a total of 62 would be 1 each: the 60 goes too.
        assert_eq!(suppress(&[60, 1, 1], 5), [None, None, None]);
        assert_eq!(suppress(&[], 5), Vec::<Option<u64>>::new());
    }

    #[test]
    fn open_or_small_consultations_show_the_total_only() {
        assert_eq!(detail(true, 1_000, 5), Detail::TotalWhileOpen);
        assert_eq!(detail(false, 4, 5), Detail::TooFewResponses);
        assert_eq!(detail(false, 5, 5), Detail::Full);
    }

    proptest! {
        /// Whatever the cells, every shown non-empty cell holds at least k people, and the
        /// hidden cells cannot be worked out from the total: none are hidden, or at least two
        /// holding k people or more together.
        #[test]
        fn no_small_cell_is_shown_or_derivable(cells in prop::collection::vec(0u64..40, 0..12), k in 2u64..10) {
            let shown = suppress(&cells, k);
            prop_assert_eq!(shown.len(), cells.len());
            for (cell, s) in cells.iter().zip(&shown) {
                if let Some(n) = s {
                    prop_assert_eq!(n, cell);
                    prop_assert!(*n == 0 || *n >= k);
                }
            }
            let hidden: Vec<u64> = cells.iter().zip(&shown).filter(|(_, s)| s.is_none()).map(|(c, _)| *c).collect();
            let nonempty: Vec<u64> = cells.iter().copied().filter(|n| *n > 0).collect();
            if nonempty.len() > 1 && nonempty.iter().sum::<u64>() >= k && !hidden.is_empty() {
                prop_assert!(hidden.len() >= 2, "one hidden cell is the total minus the others");
                prop_assert!(hidden.iter().sum::<u64>() >= k, "hidden cells of 1 each");
            }
        }
    }
}
