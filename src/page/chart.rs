//! Charts as data: the geometry of a horizontal bar chart, drawn as inline SVG by the templates.
//! The bars and the chart's data table are made from the same values, so they cannot differ.

use serde::Serialize;

/// Height of one bar's row, in SVG units.
const ROW: u32 = 22;
/// Width of the label column.
const LABELS: u32 = 250;
/// Width of the longest bar.
const BARS: u32 = 380;
/// Room right of a bar for its value and flag.
const AFTER: u32 = 200;
/// Characters of a label drawn in the chart; the full label is in its tooltip and the table.
const SHORT: usize = 34;

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The category, in full.
    pub label: String,
    /// The category as drawn, cut to fit.
    pub short: String,
    /// The value.
    pub value: i64,
    /// Top of the bar's row.
    pub y: u32,
    /// Length of the bar.
    pub length: u32,
    /// A note that marks the bar (drawn hatched and written beside it), e.g. `under review`.
    pub flag: Option<String>,
}

/// A horizontal bar chart with its title, description and the headers of its data table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarChart {
    /// The element id (also names the pattern of flagged bars).
    pub id: String,
    /// The title.
    pub title: String,
    /// What it shows, in words.
    pub description: String,
    /// Header of the category column of the data table.
    pub category: String,
    /// Header of the value column (the unit).
    pub unit: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The largest value.
    pub max: i64,
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Where bars start.
    pub origin: u32,
    /// Height of a bar.
    pub bar_height: u32,
}

/// A category, its value and an optional flag.
pub type Datum = (String, i64, Option<String>);

impl BarChart {
    /// A chart of `data` in the given order.
    pub fn new(
        id: &str,
        title: &str,
        description: String,
        category: &str,
        unit: &str,
        data: Vec<Datum>,
    ) -> BarChart {
        let max = data.iter().map(|d| d.1).max().unwrap_or(0).max(0);
        let bars = data
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, flag))| {
                let length = if max == 0 || value <= 0 {
                    0
                } else {
                    // At least a sliver, so that a small value is never drawn as none.
                    ((value as f64 / max as f64 * f64::from(BARS)).round() as u32).max(2)
                };
                Bar {
                    short: crate::text::elided(&label, SHORT),
                    label,
                    value,
                    y: 4 + i as u32 * ROW,
                    length,
                    flag,
                }
            })
            .collect::<Vec<_>>();
        BarChart {
            id: id.to_string(),
            title: title.to_string(),
            description,
            category: category.to_string(),
            unit: unit.to_string(),
            height: 8 + bars.len() as u32 * ROW,
            bars,
            max,
            width: LABELS + BARS + AFTER,
            origin: LABELS,
            bar_height: ROW - 6,
        }
    }
}

/// The categories with the largest values, for a chart's description: `A (3), B (2)`.
pub fn leaders(data: &[Datum], n: usize) -> String {
    let mut sorted: Vec<&Datum> = data.iter().filter(|d| d.1 > 0).collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.1));
    sorted
        .iter()
        .take(n)
        .map(|d| format!("{} ({})", d.0, d.1))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_small_values_stay_visible() {
        let chart = BarChart::new(
            "c",
            "t",
            String::new(),
            "goal",
            "records",
            vec![
                ("a".into(), 1000, None),
                ("b".into(), 1, Some("flag".into())),
                ("c".into(), 0, None),
            ],
        );
        let lengths: Vec<u32> = chart.bars.iter().map(|b| b.length).collect();
        assert_eq!(lengths, [BARS, 2, 0]);
        assert_eq!(chart.max, 1000);
        assert_eq!(chart.bars[1].y, 4 + ROW);
        assert_eq!(
            crate::text::elided(&"x".repeat(50), SHORT).chars().count(),
            SHORT
        );
    }

    #[test]
    fn leaders_are_the_largest_values() {
        let data = vec![
            ("a".into(), 1, None),
            ("b".into(), 3, None),
            ("c".into(), 0, None),
        ];
        assert_eq!(leaders(&data, 5), "b (3), a (1)");
    }
}
