//! The date a compilation speaks "as of", the one rule the page and the workbook share:
//! `--as-of DATE`, else `SOURCE_DATE_EPOCH`, else the latest `submitted` among the responses.
//! Never a fixed date: with none of the three there is no as-of date, and nothing claims one.

use jiff::civil::Date;
use serde::Serialize;

/// Where the as-of date came from, said beside it so that a reader knows what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsOfSource {
    /// `--as-of`.
    Flag,
    /// The `SOURCE_DATE_EPOCH` variable (a reproducible build's date).
    SourceDateEpoch,
    /// The latest `submitted` date of the responses.
    LatestSubmitted,
}

impl AsOfSource {
    /// How the source is said after the date, on the page and in the workbook (so no
    /// backticks): `the latest submission date`.
    pub fn said(self) -> &'static str {
        match self {
            AsOfSource::Flag => "the date given with --as-of",
            AsOfSource::SourceDateEpoch => "the date of SOURCE_DATE_EPOCH",
            AsOfSource::LatestSubmitted => "the latest submission date",
        }
    }
}

/// A compilation's as-of date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    /// The day.
    pub date: Date,
    /// Its source.
    pub source: AsOfSource,
}

/// The day `SOURCE_DATE_EPOCH` names (seconds since 1970 in UTC), if it is a number of seconds
/// within the years 1970 to 9999.
pub fn epoch_date(value: &str) -> Option<Date> {
    let seconds: i64 = value.trim().parse().ok()?;
    let at = jiff::Timestamp::from_second(seconds).ok()?;
    (seconds >= 0).then(|| at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// The as-of date: `flag`, else the date of `epoch` (the value of `SOURCE_DATE_EPOCH`, ignored
/// when it is not a number of seconds), else the latest of `submitted`.
pub fn resolve(
    flag: Option<Date>,
    epoch: Option<&str>,
    submitted: impl IntoIterator<Item = Date>,
) -> Option<AsOf> {
    if let Some(date) = flag {
        return Some(AsOf {
            date,
            source: AsOfSource::Flag,
        });
    }
    if let Some(date) = epoch.and_then(epoch_date) {
        return Some(AsOf {
            date,
            source: AsOfSource::SourceDateEpoch,
        });
    }
    submitted.into_iter().max().map(|date| AsOf {
        date,
        source: AsOfSource::LatestSubmitted,
    })
}

/// [`resolve`] with `SOURCE_DATE_EPOCH` read from the environment.
pub fn from_env(flag: Option<Date>, submitted: impl IntoIterator<Item = Date>) -> Option<AsOf> {
    resolve(
        flag,
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        submitted,
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day as a reader says it, in the UN's order: `7 December 2024`.
pub fn long_date(date: Date) -> String {
    let month = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0)];
    format!("{} {month} {}", date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a> = (Option<Date>, Option<&'a str>, Option<(&'a str, AsOfSource)>);

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_flag_then_the_epoch_then_the_latest_submission() {
        let submitted = [day("2024-03-01"), day("2024-12-07"), day("2024-05-30")];
        let cases: [Case<'_>; 6] = [
            (
                Some(day("2025-01-15")),
                Some("1700000000"),
                Some(("2025-01-15", AsOfSource::Flag)),
            ),
            (
                None,
                Some("1700000000"),
                Some(("2023-11-14", AsOfSource::SourceDateEpoch)),
            ),
            (
                None,
                Some(" 0 "),
                Some(("1970-01-01", AsOfSource::SourceDateEpoch)),
            ),
            (
                None,
                Some("yesterday"),
                Some(("2024-12-07", AsOfSource::LatestSubmitted)),
            ),
            (
                None,
                Some("-5"),
                Some(("2024-12-07", AsOfSource::LatestSubmitted)),
            ),
            (
                None,
                None,
                Some(("2024-12-07", AsOfSource::LatestSubmitted)),
            ),
        ];
        for (flag, epoch, want) in cases {
            let got = resolve(flag, epoch, submitted).map(|a| (a.date, a.source));
            assert_eq!(got, want.map(|(d, s)| (day(d), s)), "{flag:?} {epoch:?}");
        }
    }

    #[test]
    fn nothing_to_go_by_is_no_date_at_all() {
        assert_eq!(resolve(None, None, []), None);
        assert_eq!(resolve(None, Some("99999999999999999999"), []), None);
    }

    #[test]
    fn days_are_written_day_month_year() {
        assert_eq!(long_date(day("2024-12-07")), "7 December 2024");
        assert_eq!(long_date(day("2025-01-31")), "31 January 2025");
    }
}
