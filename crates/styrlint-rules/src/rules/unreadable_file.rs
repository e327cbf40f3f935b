use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A Markdown file that cannot be read as UTF-8 text.
    ///
    /// ## What it flags
    ///
    /// A `.md` file under the corpus root that could not be opened (no
    /// permission, a broken link) or that is not UTF-8 text: a file saved as
    /// UTF-16, a Word or PDF file renamed to `.md`, text in Latin-1 with å, ä
    /// and ö as single bytes, or a file larger than `max-file-size` in
    /// `styrlint.toml` (default 20 MB), which is not read at all. The message
    /// gives the line and byte of the first bad byte, or both sizes. The
    /// rest of the corpus is still checked.
    ///
    /// ## Why it matters
    ///
    /// A document styrlint cannot read is a document nobody checks, and other
    /// documents' references to it cannot be resolved.
    ///
    /// ## Example
    ///
    /// A file exported from Word as "Unicode text" (UTF-16).
    ///
    /// ## Fix
    ///
    /// Save the file as UTF-8 (in most editors: "Save with encoding" →
    /// UTF-8), or exclude it in `styrlint.toml` if it is not a steering
    /// document.
    pub struct UnreadableFile {
        name: "unreadable-file",
        severity: Error,
        fix: false,
    }
}

impl Rule for UnreadableFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Files are read by the command-line tool, which reports this rule's
    /// findings; rules see only the files that could be read.
    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
