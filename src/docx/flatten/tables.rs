//! Tables: each row a block of cells, with grid spans, vertical and horizontal merges, title
//! rows spanning the grid, and rows and cells inserted or deleted as tracked changes.

use crate::docx::xml::Node;

use super::{Flattener, Sink, branch};
use crate::docx::xml::{self, Ns};
use crate::finding::Spot;
use crate::import::block::{Cell, Paragraph, Row, row_blocks};

impl Flattener<'_> {
    /// A table: each row a block (in the body), or a line of its cells (inside a cell or a
    /// text box).
    pub(super) fn table(&mut self, tbl: Node<'_, '_>, sink: &mut Sink<'_>) {
        if !self.enter() {
            return;
        }
        self.tables += 1;
        let table = self.tables;
        let saved = self.spot;
        let columns = xml::child(tbl, Ns::W, "tblGrid").map_or(0, |g| {
            g.children()
                .filter(|c| xml::is(*c, Ns::W, "gridCol"))
                .count()
        });
        for (i, tr) in self.collect(tbl, "tr").into_iter().enumerate() {
            self.spot = Spot::Row { table, row: i + 1 };
            let trpr = xml::child(tr, Ns::W, "trPr");
            if trpr.is_some_and(|p| xml::child(p, Ns::W, "del").is_some()) {
                self.track();
                continue;
            }
            if trpr.is_some_and(|p| xml::child(p, Ns::W, "ins").is_some()) {
                self.track();
            }
            let grid = |local: &str| {
                trpr.and_then(|p| xml::child(p, Ns::W, local))
                    .and_then(xml::val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let outside = grid("gridBefore").saturating_add(grid("gridAfter"));
            let (row, spanned) = self.row(tr);
            let mut row = row;
            row.title =
                row.cells.len() == 1 && columns >= 2 && spanned.saturating_add(outside) >= columns;
            match sink {
                Sink::Body => {
                    let at = self.point();
                    row_blocks(row, at..at + 1, &mut self.blocks);
                }
                Sink::Cell(paragraphs) => {
                    let text = row_line(&row);
                    if !text.is_empty() {
                        paragraphs.push(Paragraph {
                            text,
                            ..Paragraph::default()
                        });
                    }
                }
                Sink::Lines(lines) => lines.push(row_line(&row)),
            }
        }
        self.spot = saved;
        self.leave();
    }

    /// A row's cells, and how many grid columns they span.
    pub(super) fn row(&mut self, tr: Node<'_, '_>) -> (Row, usize) {
        let mut cells: Vec<Cell> = Vec::new();
        let mut spanned: usize = 0;
        for tc in self.collect(tr, "tc") {
            let tcpr = xml::child(tc, Ns::W, "tcPr");
            let property = |local: &str| tcpr.and_then(|p| xml::child(p, Ns::W, local));
            if property("cellDel").is_some() {
                self.track();
                continue;
            }
            if property("cellIns").is_some() {
                self.track();
            }
            let span = property("gridSpan")
                .and_then(xml::val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            spanned = spanned.saturating_add(span);
            // `w:vMerge` without `restart` continues the cell above, whose value it is.
            let merged = property("vMerge").is_some_and(|v| xml::val(v) != Some("restart"));
            let mut paragraphs = Vec::new();
            self.blocks_in(tc, &mut Sink::Cell(&mut paragraphs));
            let continues = property("hMerge").is_some_and(|h| xml::val(h) != Some("restart"));
            match cells.last_mut() {
                // The legacy horizontal merge: one cell written as several.
                Some(previous) if continues => previous.paragraphs.extend(paragraphs),
                _ => cells.push(Cell { paragraphs, merged }),
            }
        }
        (
            Row {
                cells,
                title: false,
            },
            spanned,
        )
    }

    /// The `w:tr` of a table or the `w:tc` of a row, through the content controls, custom XML
    /// and alternates that may wrap them.
    pub(super) fn collect<'a, 'i>(
        &mut self,
        parent: Node<'a, 'i>,
        local: &str,
    ) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        let mut stack: Vec<Node<'a, 'i>> = parent.children().collect();
        stack.reverse();
        let mut steps = 0usize;
        while let Some(node) = stack.pop() {
            steps += 1;
            if steps > 1_000_000 {
                break;
            }
            let inner: Option<Node<'a, 'i>> = match xml::name(node) {
                Some((Ns::W, name)) if name == local => {
                    out.push(node);
                    None
                }
                Some((Ns::W, "sdt")) => self.content_control(node),
                Some((Ns::W, "customXml")) => Some(node),
                Some((Ns::Mc, "AlternateContent")) => branch(node),
                Some((Ns::W, "ins" | "moveTo")) => {
                    self.track();
                    Some(node)
                }
                Some((Ns::W, "del" | "moveFrom")) => {
                    self.track();
                    None
                }
                _ => None,
            };
            if let Some(inner) = inner {
                let children: Vec<_> = inner.children().collect();
                stack.extend(children.into_iter().rev());
            }
        }
        out
    }
}

/// A row as one line: its cells' text joined by tabs.
fn row_line(row: &Row) -> String {
    let cells: Vec<String> = row
        .cells
        .iter()
        .filter(|c| !c.merged)
        .map(Cell::line)
        .filter(|t| !t.is_empty())
        .collect();
    cells.join("\t")
}
