//! The content headline of the first screen: what the responses hold, in a few lines a director
//! reads before anything else — records by question, the goals most and least named, the
//! leading High-Impact Initiatives and the Member States most named. Every figure is one the
//! sections below show in full, taken from their charts so that the two cannot differ.

use serde::Serialize;

use super::chart::BarChart;
use super::sheet::{record_sheets, sheet_rows};
use crate::compile::model::Compilation;

/// How many leaders a line names.
const LEADERS: usize = 3;

/// A name and its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted: `events`, `SDG 13: Climate action`.
    pub label: String,
    /// How many.
    pub value: i64,
}

/// The headline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// Records per record question (sheet name), in the workbook's order.
    pub records: Vec<Count>,
    /// The goals most named, by records.
    pub goals_most: Vec<Count>,
    /// The goals least named, by records (none named first).
    pub goals_least: Vec<Count>,
    /// The High-Impact Initiatives named by the most entities.
    pub initiatives: Vec<Count>,
    /// The Member States named by the most records.
    pub states: Vec<Count>,
}

/// The bars of `chart` with a value above zero, largest first (ties in the chart's order), at
/// most `n`; bars with a flag in `skip_flagged` are left out.
fn top(chart: &BarChart, n: usize, skip: impl Fn(Option<&str>) -> bool) -> Vec<Count> {
    let mut bars: Vec<Count> = chart
        .bars
        .iter()
        .filter(|b| b.value > 0 && !skip(b.flag.as_deref()))
        .map(|b| Count {
            label: b.label.clone(),
            value: b.value,
        })
        .collect();
    // A stable sort keeps the chart's order among equals.
    bars.sort_by_key(|c| std::cmp::Reverse(c.value));
    bars.truncate(n);
    bars
}

/// The bars with the smallest values, zeros included, at most `n`.
fn bottom(chart: &BarChart, n: usize) -> Vec<Count> {
    let mut bars: Vec<Count> = chart
        .bars
        .iter()
        .map(|b| Count {
            label: b.label.clone(),
            value: b.value,
        })
        .collect();
    bars.sort_by_key(|c| c.value);
    bars.truncate(n);
    bars
}

/// The headline from the compiled record sheets and the sections' charts.
pub fn headline(
    c: &Compilation,
    sdgs: &BarChart,
    initiatives: &BarChart,
    states: &BarChart,
) -> Headline {
    let records = record_sheets(c)
        .into_iter()
        .map(|(_, sheet)| Count {
            label: sheet.spec.name.replace('_', " "),
            value: sheet_rows(sheet).len() as i64,
        })
        .collect();
    let any_goal = sdgs.bars.iter().any(|b| b.value > 0);
    Headline {
        records,
        goals_most: top(sdgs, LEADERS, |_| false),
        goals_least: if any_goal {
            bottom(sdgs, LEADERS)
        } else {
            Vec::new()
        },
        initiatives: top(initiatives, LEADERS, |_| false),
        // The "all Member States" bar is flagged; it names no one State.
        states: top(states, LEADERS, |flag| flag.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(data: &[(&str, i64, Option<&str>)]) -> BarChart {
        BarChart::new(
            "c",
            "t",
            String::new(),
            "x",
            "y",
            data.iter()
                .map(|(l, v, f)| ((*l).to_string(), *v, f.map(str::to_string)))
                .collect(),
        )
    }

    fn labels(counts: &[Count]) -> Vec<&str> {
        counts.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn leaders_are_the_largest_in_chart_order_and_flagged_bars_can_be_left_out() {
        let c = chart(&[
            ("all", 9, Some("all")),
            ("a", 2, None),
            ("b", 5, None),
            ("c", 2, None),
            ("d", 1, None),
            ("e", 0, None),
        ]);
        assert_eq!(labels(&top(&c, 3, |_| false)), ["all", "b", "a"]);
        assert_eq!(labels(&top(&c, 3, |f| f.is_some())), ["b", "a", "c"]);
        assert_eq!(labels(&bottom(&c, 2)), ["e", "d"]);
    }

    #[test]
    fn nothing_named_is_no_headline() {
        let c = chart(&[("a", 0, None), ("b", 0, None)]);
        let h = headline(&Compilation::default(), &c, &c, &c);
        assert!(h.goals_most.is_empty() && h.goals_least.is_empty());
        assert!(h.initiatives.is_empty() && h.states.is_empty() && h.records.is_empty());
    }
}
