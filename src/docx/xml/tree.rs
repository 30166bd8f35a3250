//! The tree a part is read into: its elements in document order in one `Vec`, each with the
//! index just past its last descendant, so that children and descendants are walked by index,
//! never by recursion. Names, attribute values and text borrow from the part's text unless a
//! reference or a line end had to be replaced.

use std::borrow::Cow;

use super::Ns;

/// No text: an element with none.
pub(super) const NONE: u32 = u32::MAX;

/// An element as stored.
#[derive(Debug)]
pub(super) struct Element<'i> {
    /// The namespace among those a reader tells apart; `None` for no namespace or another.
    pub ns: Option<Ns>,
    pub local: &'i str,
    /// Its attributes: `attributes[first_attribute..end_attribute]`.
    pub first_attribute: u32,
    pub end_attribute: u32,
    /// The index just past its last descendant.
    pub end: u32,
    /// Its text (`texts[text]`), or [`NONE`].
    pub text: u32,
}

/// An attribute as stored: without a prefix (`ns` is `None`) or in a namespace of [`Ns`].
#[derive(Debug)]
pub(super) struct Attribute<'i> {
    pub ns: Option<Ns>,
    pub local: &'i str,
    pub value: Cow<'i, str>,
}

/// A part read into a tree.
#[derive(Debug, Default)]
pub struct Document<'i> {
    pub(super) elements: Vec<Element<'i>>,
    pub(super) attributes: Vec<Attribute<'i>>,
    pub(super) texts: Vec<Cow<'i, str>>,
}

impl<'i> Document<'i> {
    /// The document element.
    pub fn root_element<'a>(&'a self) -> Node<'a, 'i> {
        Node { doc: self, id: 0 }
    }

    /// How many elements the tree keeps.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.elements.len()
    }
}

/// An element of a [`Document`]: a handle that copies.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a, 'i> {
    doc: &'a Document<'i>,
    id: u32,
}

/// An element's name: its namespace among those a reader tells apart, and its local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagName<'a> {
    ns: Option<Ns>,
    name: &'a str,
}

impl<'a> TagName<'a> {
    /// The local name, without a prefix.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The namespace, if it is one a reader tells apart.
    pub fn namespace(&self) -> Option<Ns> {
        self.ns
    }
}

impl<'a, 'i> Node<'a, 'i> {
    fn element(&self) -> &'a Element<'i> {
        &self.doc.elements[self.id as usize]
    }

    /// The element's name.
    pub fn tag_name(&self) -> TagName<'a> {
        let element = self.element();
        TagName {
            ns: element.ns,
            name: element.local,
        }
    }

    /// The child elements, in order.
    pub fn children(&self) -> Children<'a, 'i> {
        Children {
            doc: self.doc,
            next: self.id + 1,
            end: self.element().end,
        }
    }

    /// This element and every element inside it, in document order.
    pub fn descendants(&self) -> Descendants<'a, 'i> {
        Descendants {
            doc: self.doc,
            next: self.id,
            end: self.element().end,
        }
    }

    /// The text before the element's first child (element, comment or processing
    /// instruction), references replaced: a `w:t`'s text.
    pub fn text(&self) -> Option<&'a str> {
        match self.element().text {
            NONE => None,
            i => Some(&self.doc.texts[i as usize]),
        }
    }

    /// The attribute `name` without a prefix (relationships' `Id`, `Type`, `Target`).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attribute_in(None, name)
    }

    /// The attribute `local` in `ns` (`None`: without a prefix).
    pub(super) fn attribute_in(&self, ns: Option<Ns>, local: &str) -> Option<&'a str> {
        let element = self.element();
        self.doc.attributes[element.first_attribute as usize..element.end_attribute as usize]
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_ref())
    }
}

/// The child elements of an element.
#[derive(Debug, Clone)]
pub struct Children<'a, 'i> {
    doc: &'a Document<'i>,
    next: u32,
    end: u32,
}

impl<'a, 'i> Iterator for Children<'a, 'i> {
    type Item = Node<'a, 'i>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let node = Node {
            doc: self.doc,
            id: self.next,
        };
        // The next sibling starts where this child's subtree ends.
        self.next = node.element().end;
        Some(node)
    }
}

/// An element and every element inside it, in document order.
#[derive(Debug, Clone)]
pub struct Descendants<'a, 'i> {
    doc: &'a Document<'i>,
    next: u32,
    end: u32,
}

impl<'a, 'i> Iterator for Descendants<'a, 'i> {
    type Item = Node<'a, 'i>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let node = Node {
            doc: self.doc,
            id: self.next,
        };
        self.next += 1;
        Some(node)
    }
}
