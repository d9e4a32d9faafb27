//! The diagnostics context of one read of a rulebook file: the source, the
//! problems found so far, and where each key path was seen, so that problems
//! found after reading (by validation) still point at a line.

use std::collections::HashMap;
use std::ops::Range;

use super::error::{ErrorKind, RulebookError};
use super::text::Locale;

/// Shared state of one read: the source, the errors so far and where each key path was seen.
pub struct Cx<'s> {
    src: &'s str,
    file: String,
    pub(crate) errors: Vec<RulebookError>,
    /// Key path → byte span, for errors found after reading.
    locs: HashMap<String, Range<usize>>,
    /// The locales the rulebook declares (read first, checked in every wording).
    pub(crate) locales: Vec<Locale>,
    /// Byte offset of the start of every line, computed once on first use.
    line_starts: Option<Vec<usize>>,
    /// How deep the condition being read is nested (bounded by `limits::CONDITION_DEPTH`).
    pub(crate) depth: u32,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(file: &str, src: &'s str) -> Cx<'s> {
        Cx {
            src,
            file: file.to_owned(),
            errors: Vec::new(),
            locs: HashMap::new(),
            locales: vec![Locale::PRIMARY],
            line_starts: None,
            depth: 0,
        }
    }

    /// 1-based line and column (in characters) of a byte offset. Line starts
    /// are found once per file, so reporting many problems stays linear.
    fn line_col(&mut self, offset: usize) -> (u32, u32) {
        let src = self.src;
        let mut offset = offset.min(src.len());
        while offset > 0 && !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0).chain(src.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = src[line_start..offset].chars().count() + 1;
        (line as u32, col as u32)
    }

    /// Records an error at a byte offset.
    pub(crate) fn error_at(&mut self, path: &str, span: Option<Range<usize>>, kind: ErrorKind) {
        let (line, column) = match &span {
            Some(s) => {
                let (l, c) = self.line_col(s.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        let span = span.map(|s| (s.start.min(self.src.len()), s.end.min(self.src.len())));
        self.errors.push(RulebookError { file: self.file.clone(), path: path.to_owned(), line, column, span, kind });
    }

    /// Records an error at a key path seen while reading (or its nearest recorded parent).
    pub(crate) fn error(&mut self, path: &str, kind: ErrorKind) {
        let mut p = path;
        let offset = loop {
            if let Some(o) = self.locs.get(p) {
                break Some(o.clone());
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => break None,
            }
        };
        self.error_at(path, offset, kind);
    }

    pub(crate) fn seen(&mut self, path: &str, span: Range<usize>) {
        self.locs.insert(path.to_owned(), span);
    }
}
