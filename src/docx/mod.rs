//! The questionnaire as a Word file (.docx): the filled form and the digests written as Word
//! documents (`write`).

pub mod write;
