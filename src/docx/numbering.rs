//! Lists: which paragraphs Word shows as bulleted or numbered, at what level, and the number it
//! shows, from `numbering.xml` and the paragraph styles that carry numbering (`List Bullet`,
//! numbered headings). The number is not in the text; it is computed here when it can be.

use std::collections::HashMap;

use super::xml::{Document, Node};

use super::xml::{self, Ns};
use crate::import::block::ListItem;

/// Word's nine list levels.
const LEVELS: usize = 9;

/// How a level shows its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Bullet,
    /// No number at all.
    Nothing,
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// A number in a form not computed here (ordinal words, circled digits, ...).
    Other,
}

impl Format {
    fn of(value: &str) -> Format {
        match value {
            "bullet" => Format::Bullet,
            "none" => Format::Nothing,
            "decimal" => Format::Decimal,
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            _ => Format::Other,
        }
    }

    /// `n` as this format writes it, if it is a number format computed here.
    fn render(self, n: i64) -> Option<String> {
        match self {
            Format::Decimal => Some(n.to_string()),
            Format::DecimalZero => Some(format!("{n:02}")),
            Format::LowerLetter => letters(n).map(|s| s.to_lowercase()),
            Format::UpperLetter => letters(n),
            Format::LowerRoman => roman(n).map(|s| s.to_lowercase()),
            Format::UpperRoman => roman(n),
            Format::Nothing => Some(String::new()),
            Format::Bullet | Format::Other => None,
        }
    }
}

/// `A`..`Z`, then `AA`, `BB`: Word's letters repeat rather than carry.
fn letters(n: i64) -> Option<String> {
    if !(1..=780).contains(&n) {
        return None;
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    Some(letter.to_string().repeat(((n - 1) / 26 + 1) as usize))
}

fn roman(n: i64) -> Option<String> {
    const DIGITS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..4000).contains(&n) {
        return None;
    }
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= *value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: Format,
    /// `%1.`, `%1.%2`: the levels' numbers in a pattern.
    text: String,
}

impl Level {
    fn read(lvl: Node<'_, '_>) -> Level {
        let value = |local: &str| xml::child(lvl, Ns::W, local).and_then(xml::val);
        Level {
            start: value("start").and_then(|s| s.parse().ok()).unwrap_or(0),
            format: value("numFmt").map_or(Format::Decimal, Format::of),
            text: value("lvlText").unwrap_or("").to_string(),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    /// Defined by a numbering style instead (`w:numStyleLink`): that style's id.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Per level: a new start, or a whole new level.
    start_overrides: Vec<(usize, i64)>,
    level_overrides: Vec<(usize, Level)>,
}

/// A paragraph style's numbering and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    num_id: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

/// The list definitions of a document and the counters of the lists read so far.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    /// Lists whose start overrides have been applied.
    started: Vec<String>,
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml`, either of which may be missing.
    pub fn new(numbering: Option<&Document<'_>>, styles: Option<&Document<'_>>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(doc) = numbering {
            for node in doc.root_element().children() {
                if xml::is(node, Ns::W, "abstractNum") {
                    let Some(id) = xml::attr(node, Ns::W, "abstractNumId") else {
                        continue;
                    };
                    let mut def = Abstract {
                        levels: vec![None; LEVELS],
                        style_link: xml::child(node, Ns::W, "numStyleLink")
                            .and_then(xml::val)
                            .map(str::to_string),
                    };
                    for lvl in node.children().filter(|c| xml::is(*c, Ns::W, "lvl")) {
                        if let Some(i) = level_index(lvl) {
                            def.levels[i] = Some(Level::read(lvl));
                        }
                    }
                    out.abstracts.insert(id.to_string(), def);
                } else if xml::is(node, Ns::W, "num") {
                    let Some(id) = xml::attr(node, Ns::W, "numId") else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: xml::child(node, Ns::W, "abstractNumId")
                            .and_then(xml::val)
                            .unwrap_or("")
                            .to_string(),
                        ..Num::default()
                    };
                    for o in node
                        .children()
                        .filter(|c| xml::is(*c, Ns::W, "lvlOverride"))
                    {
                        let Some(i) = level_index(o) else { continue };
                        if let Some(start) = xml::child(o, Ns::W, "startOverride")
                            .and_then(xml::val)
                            .and_then(|s| s.parse().ok())
                        {
                            num.start_overrides.push((i, start));
                        }
                        if let Some(lvl) = xml::child(o, Ns::W, "lvl") {
                            num.level_overrides.push((i, Level::read(lvl)));
                        }
                    }
                    out.nums.insert(id.to_string(), num);
                }
            }
        }
        if let Some(doc) = styles {
            for node in doc.root_element().children() {
                if !xml::is(node, Ns::W, "style") {
                    continue;
                }
                let Some(id) = xml::attr(node, Ns::W, "styleId") else {
                    continue;
                };
                let num_pr =
                    xml::child(node, Ns::W, "pPr").and_then(|p| xml::child(p, Ns::W, "numPr"));
                out.styles.insert(
                    id.to_string(),
                    Style {
                        num_id: num_pr
                            .and_then(|n| xml::child(n, Ns::W, "numId"))
                            .and_then(xml::val)
                            .map(str::to_string),
                        level: num_pr
                            .and_then(|n| xml::child(n, Ns::W, "ilvl"))
                            .and_then(xml::val)
                            .and_then(|v| v.parse().ok()),
                        based_on: xml::child(node, Ns::W, "basedOn")
                            .and_then(xml::val)
                            .map(str::to_string),
                    },
                );
            }
        }
        out
    }

    /// The list item a paragraph is, from its properties (`w:pPr`): its own `w:numPr`, else its
    /// style's; counts it, so paragraphs must be asked in document order.
    pub fn item(&mut self, ppr: Option<Node<'_, '_>>) -> Option<ListItem> {
        let own = ppr.and_then(|p| xml::child(p, Ns::W, "numPr"));
        let own_id = own
            .and_then(|n| xml::child(n, Ns::W, "numId"))
            .and_then(xml::val);
        let own_level: Option<usize> = own
            .and_then(|n| xml::child(n, Ns::W, "ilvl"))
            .and_then(xml::val)
            .and_then(|v| v.parse().ok());
        let style = ppr
            .and_then(|p| xml::child(p, Ns::W, "pStyle"))
            .and_then(xml::val);
        let (style_id, style_level) = self.style_numbering(style);
        let num_id = own_id.map(str::to_string).or(style_id)?;
        if num_id == "0" {
            return None;
        }
        let level = own_level.or(style_level).unwrap_or(0).min(LEVELS - 1);
        self.count(&num_id, level)
    }

    /// The numbering a style carries, following `basedOn`.
    fn style_numbering(&self, style: Option<&str>) -> (Option<String>, Option<usize>) {
        let (mut id, mut level) = (None, None);
        let mut next = style;
        for _ in 0..16 {
            let Some(style) = next.and_then(|s| self.styles.get(s)) else {
                break;
            };
            id = id.or_else(|| style.num_id.clone());
            level = level.or(style.level);
            next = style.based_on.as_deref();
        }
        (id, level)
    }

    /// The level definitions of a list: its own overrides, then its abstract definition (or
    /// the one its numbering style links to).
    fn level(&self, num_id: &str, level: usize) -> Option<(String, Level)> {
        let num = self.nums.get(num_id)?;
        if let Some((_, lvl)) = num.level_overrides.iter().find(|(i, _)| *i == level) {
            return Some((num.abstract_id.clone(), lvl.clone()));
        }
        let mut abstract_id = num.abstract_id.clone();
        for _ in 0..4 {
            let def = self.abstracts.get(&abstract_id)?;
            if let Some(link) = &def.style_link {
                let linked = self.style_numbering(Some(link)).0?;
                abstract_id = self.nums.get(&linked)?.abstract_id.clone();
                continue;
            }
            return def.levels.get(level)?.clone().map(|l| (abstract_id, l));
        }
        None
    }

    fn count(&mut self, num_id: &str, level: usize) -> Option<ListItem> {
        let (abstract_id, def) = self.level(num_id, level)?;
        let starts: Vec<i64> = (0..LEVELS)
            .map(|i| self.level(num_id, i).map_or(1, |(_, l)| l.start))
            .collect();
        let counters = self.counters.entry(abstract_id).or_insert([None; LEVELS]);
        if !self.started.iter().any(|n| n == num_id) {
            self.started.push(num_id.to_string());
            if let Some(num) = self.nums.get(num_id) {
                for &(i, start) in &num.start_overrides {
                    if i < LEVELS {
                        counters[i] = Some(start.saturating_sub(1));
                    }
                }
            }
        }
        let value = counters[level]
            .unwrap_or(def.start.saturating_sub(1))
            .saturating_add(1);
        counters[level] = Some(value);
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let counters = *counters;
        match def.format {
            Format::Bullet => Some(ListItem {
                level,
                number: None,
                numbered: false,
            }),
            // No number format, but a text shown as it is (`A.`, `B.1.`): numbered by it.
            Format::Nothing if def.text.trim().is_empty() => None,
            _ => {
                let number = self.pattern(num_id, &def.text, &counters, &starts);
                Some(ListItem {
                    level,
                    number: number
                        .filter(|n| !n.trim().is_empty())
                        .map(|n| n.trim().to_string()),
                    numbered: true,
                })
            }
        }
    }

    /// A level's text with each `%n` replaced by level n's number, if every one is computable.
    fn pattern(
        &self,
        num_id: &str,
        text: &str,
        counters: &[Option<i64>; LEVELS],
        starts: &[i64],
    ) -> Option<String> {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let digit = chars.next()?.to_digit(10)? as usize;
            let i = digit.checked_sub(1).filter(|i| *i < LEVELS)?;
            let (_, lvl) = self.level(num_id, i)?;
            let n = counters[i].unwrap_or(starts[i]);
            out.push_str(&lvl.format.render(n)?);
        }
        Some(out)
    }
}

fn level_index(node: Node<'_, '_>) -> Option<usize> {
    xml::attr(node, Ns::W, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|i| *i < LEVELS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn numbering() -> String {
        format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="2">
                <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
                <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="3">
                <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
              <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
              <w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
            </w:numbering>"#
        )
    }

    fn styles() -> String {
        format!(
            r#"<w:styles xmlns:w="{W}">
              <w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="ListBullet2"><w:basedOn w:val="ListBullet"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            </w:styles>"#
        )
    }

    /// A paragraph's `w:pPr` with this numbering and style.
    fn ppr(num: Option<(&str, usize)>, style: Option<&str>) -> String {
        let num = num.map_or(String::new(), |(id, l)| {
            format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
        });
        let style = style.map_or(String::new(), |s| format!(r#"<w:pStyle w:val="{s}"/>"#));
        format!(r#"<w:pPr xmlns:w="{W}">{style}{num}</w:pPr>"#)
    }

    #[test]
    fn numbers_are_computed_and_bullets_levelled() {
        // (paragraph numbering, style) -> (level, number, numbered)
        type Case<'a> = (
            Option<(&'a str, usize)>,
            Option<&'a str>,
            Option<(usize, Option<&'a str>, bool)>,
        );
        let numbering_text = numbering();
        let styles_text = styles();
        let n = xml::parse(&numbering_text, 10_000).unwrap();
        let s = xml::parse(&styles_text, 10_000).unwrap();
        let mut lists = Numbering::new(Some(&n), Some(&s));
        let cases: &[Case<'_>] = &[
            (Some(("1", 0)), None, Some((0, Some("1."), true))),
            (Some(("1", 1)), None, Some((1, Some("1.a)"), true))),
            (Some(("1", 1)), None, Some((1, Some("1.b)"), true))),
            (Some(("1", 0)), None, Some((0, Some("2."), true))),
            (Some(("1", 1)), None, Some((1, Some("2.a)"), true))),
            (None, Some("ListBullet"), Some((0, None, false))),
            (None, Some("ListBullet2"), Some((1, None, false))),
            (Some(("3", 0)), None, Some((0, Some("IV"), true))),
            (Some(("4", 0)), None, Some((0, Some("7."), true))),
            (Some(("0", 0)), Some("ListBullet"), None),
            (Some(("99", 0)), None, None),
            (None, None, None),
        ];
        for (num, style, want) in cases {
            let text = ppr(*num, *style);
            let doc = xml::parse(&text, 10_000).unwrap();
            let got = lists
                .item(Some(doc.root_element()))
                .map(|i| (i.level, i.number, i.numbered));
            let want = want.map(|(l, n, b)| (l, n.map(str::to_string), b));
            assert_eq!(got, want, "{num:?} {style:?}");
        }
    }

    #[test]
    fn number_formats() {
        assert_eq!(letters(1).as_deref(), Some("A"));
        assert_eq!(letters(28).as_deref(), Some("BB"));
        assert_eq!(roman(1994).as_deref(), Some("MCMXCIV"));
        assert_eq!(Format::DecimalZero.render(3).as_deref(), Some("03"));
        assert_eq!(Format::Other.render(3), None);
    }
}
