//! Content controls (`w:sdt`): unwrapped to their content, read as empty while they show their
//! placeholder, and a check box (`w14:checkbox`) read by its state.

use crate::docx::xml::Node;

use super::{Buffer, Flattener, plain_text};
use crate::docx::xml::{self, Ns};
use crate::import::block::{BOX_TICKED, BOX_UNTICKED};

impl Flattener<'_> {
    /// A content control: its content, or nothing when it still shows its placeholder (a
    /// finding) or when it is a check box (whose state the caller reads).
    pub(super) fn content_control<'a, 'i>(&mut self, sdt: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        let pr = xml::child(sdt, Ns::W, "sdtPr");
        let content = xml::child(sdt, Ns::W, "sdtContent");
        if pr.is_some_and(|pr| xml::on(xml::child(pr, Ns::W, "showingPlcHdr"), Ns::W)) {
            let at = self.point();
            let shown = content.map(plain_text).unwrap_or_default();
            self.placeholders.push((at, shown.trim().to_string()));
            return None;
        }
        content
    }

    /// A content control inside a paragraph: a check box by its state, else its content.
    pub(super) fn inline_control(&mut self, sdt: Node<'_, '_>, buffer: &mut Buffer) {
        let pr = xml::child(sdt, Ns::W, "sdtPr");
        if let Some(check_box) = pr.and_then(|pr| xml::child(pr, Ns::W14, "checkbox")) {
            // The state is the state, whatever glyph the content shows.
            let checked = xml::child(check_box, Ns::W14, "checked")
                .and_then(|c| xml::attr(c, Ns::W14, "val"))
                .is_some_and(xml::truthy);
            let marker = if checked { BOX_TICKED } else { BOX_UNTICKED };
            self.push(buffer, &format!("{marker} "));
            return;
        }
        if let Some(content) = self.content_control(sdt) {
            self.inline(content, buffer);
        }
    }
}
