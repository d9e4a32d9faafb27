//! Rulebook errors: each names the file, the key path and, where the format
//! allows, the line and column. Tests match on [`ErrorKind`], never on prose.

use std::fmt;

use super::text::Locale;

/// Where in a rulebook file a problem was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulebookError {
    /// The file name as given to the loader.
    pub file: String,
    /// The key path, e.g. `questions[4].options[2].label`; empty for the whole file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column (in characters), when known.
    pub column: Option<u32>,
    pub kind: ErrorKind,
}

/// What is wrong. One variant per kind of problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file is not valid TOML.
    Syntax { message: String },
    /// A key the format does not know (often a typo).
    UnknownKey { key: String },
    /// A required key is absent.
    MissingKey { key: String },
    /// A value has the wrong type.
    WrongType { expected: &'static str, found: &'static str },
    /// A string value is not one of the allowed words.
    BadValue { value: String, allowed: &'static str },
    /// An id is malformed (ids are ASCII letters, digits and `_`).
    BadId { id: String },
    /// An id is used twice in the same list.
    DuplicateId { id: String },
    /// A reference to something that does not exist.
    Unresolved { what: &'static str, id: String },
    /// A number is outside its allowed range.
    OutOfRange { value: i64, min: i64, max: i64 },
    /// The factor weights do not add up to 100.
    WeightSum { sum: u32 },
    /// Two score bands overlap.
    BandOverlap { first: String, second: String },
    /// The score bands leave part of 0–100 uncovered.
    BandGap { from: u32, to: u32 },
    /// An element's `partly_at` is not below `met_at`, or `met_at` cannot be reached.
    ElementThresholds { reachable: u32 },
    /// A condition refers to a question that comes later (or to its own question).
    ForwardReference { question: String },
    /// A question's condition can never hold.
    NeverShown,
    /// Some combination of answers or facts reaches no outcome.
    NoOutcome { situation: String },
    /// A condition reads something not allowed in this place.
    NotAllowedHere { what: &'static str },
    /// A condition reads a question whose kind cannot be tested.
    NotTestable { question: String, kind: &'static str },
    /// A wording lacks a declared locale (or is empty).
    MissingLocale { locale: &'static str },
    /// A wording has a locale the rulebook does not declare.
    UnknownLocale { locale: String },
    /// A list that must not be empty is empty.
    Empty,
    /// A question of this kind cannot carry options, or a choice question has too few.
    Options { reason: &'static str },
    /// A date is not `YYYY-MM-DD`.
    BadDate { value: String },
}

impl RulebookError {
    /// A one-line message in `locale`: `file:line:column: key path: problem`.
    pub fn message(&self, locale: Locale) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s.push_str(": ");
        if !self.path.is_empty() {
            s.push_str(&self.path);
            s.push_str(": ");
        }
        s.push_str(&self.kind.describe(locale));
        s
    }
}

impl fmt::Display for RulebookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::ZhCn))
    }
}

impl ErrorKind {
    /// A short stable code, for tests and for deployers searching the docs.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Syntax { .. } => "syntax",
            ErrorKind::UnknownKey { .. } => "unknown-key",
            ErrorKind::MissingKey { .. } => "missing-key",
            ErrorKind::WrongType { .. } => "wrong-type",
            ErrorKind::BadValue { .. } => "bad-value",
            ErrorKind::BadId { .. } => "bad-id",
            ErrorKind::DuplicateId { .. } => "duplicate-id",
            ErrorKind::Unresolved { .. } => "unresolved",
            ErrorKind::OutOfRange { .. } => "out-of-range",
            ErrorKind::WeightSum { .. } => "weight-sum",
            ErrorKind::BandOverlap { .. } => "band-overlap",
            ErrorKind::BandGap { .. } => "band-gap",
            ErrorKind::ElementThresholds { .. } => "element-thresholds",
            ErrorKind::ForwardReference { .. } => "forward-reference",
            ErrorKind::NeverShown => "never-shown",
            ErrorKind::NoOutcome { .. } => "no-outcome",
            ErrorKind::NotAllowedHere { .. } => "not-allowed-here",
            ErrorKind::NotTestable { .. } => "not-testable",
            ErrorKind::MissingLocale { .. } => "missing-locale",
            ErrorKind::UnknownLocale { .. } => "unknown-locale",
            ErrorKind::Empty => "empty",
            ErrorKind::Options { .. } => "options",
            ErrorKind::BadDate { .. } => "bad-date",
        }
    }

    /// The problem in words, in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match self {
            ErrorKind::Syntax { message } => {
                if zh {
                    format!("TOML 格式错误：{message}")
                } else {
                    format!("not valid TOML: {message}")
                }
            }
            ErrorKind::UnknownKey { key } => {
                if zh {
                    format!("不认识的键 `{key}`（是否拼写有误？）")
                } else {
                    format!("unknown key `{key}` (a typo?)")
                }
            }
            ErrorKind::MissingKey { key } => {
                if zh {
                    format!("缺少必填的键 `{key}`")
                } else {
                    format!("missing required key `{key}`")
                }
            }
            ErrorKind::WrongType { expected, found } => {
                if zh {
                    format!("类型不对：应为{}，实际为{}", type_zh(expected), type_zh(found))
                } else {
                    format!("expected {expected}, found {found}")
                }
            }
            ErrorKind::BadValue { value, allowed } => {
                if zh {
                    format!("取值 `{value}` 无效，可用的值：{allowed}")
                } else {
                    format!("`{value}` is not allowed; use one of: {allowed}")
                }
            }
            ErrorKind::BadId { id } => {
                if zh {
                    format!("编号 `{id}` 无效：只能用英文字母、数字和下划线，且以字母开头")
                } else {
                    format!("id `{id}` is malformed: use ASCII letters, digits and `_`, starting with a letter")
                }
            }
            ErrorKind::DuplicateId { id } => {
                if zh {
                    format!("编号 `{id}` 重复")
                } else {
                    format!("id `{id}` is used twice")
                }
            }
            ErrorKind::Unresolved { what, id } => {
                if zh {
                    format!("找不到{} `{id}`", what_zh(what))
                } else {
                    format!("no {what} with id `{id}`")
                }
            }
            ErrorKind::OutOfRange { value, min, max } => {
                if zh {
                    format!("数值 {value} 超出允许范围 {min}–{max}")
                } else {
                    format!("{value} is outside the allowed range {min}–{max}")
                }
            }
            ErrorKind::WeightSum { sum } => {
                if zh {
                    format!("各评分因素的权重之和应为 100，现在是 {sum}")
                } else {
                    format!("factor weights must add up to 100, not {sum}")
                }
            }
            ErrorKind::BandOverlap { first, second } => {
                if zh {
                    format!("分数段 `{first}` 与 `{second}` 重叠")
                } else {
                    format!("score bands `{first}` and `{second}` overlap")
                }
            }
            ErrorKind::BandGap { from, to } => {
                if zh {
                    format!("分数 {from}–{to} 不属于任何分数段")
                } else {
                    format!("scores {from}–{to} fall in no band")
                }
            }
            ErrorKind::ElementThresholds { reachable } => {
                if zh {
                    format!("要件阈值不合理：需 0 < partly_at < met_at ≤ 可得最高分 {reachable}")
                } else {
                    format!("element thresholds must satisfy 0 < partly_at < met_at <= {reachable} (the most points reachable)")
                }
            }
            ErrorKind::ForwardReference { question } => {
                if zh {
                    format!("条件引用了本题或排在后面的题目 `{question}`，只能引用前面的题目")
                } else {
                    format!("the condition reads `{question}`, which is this question or a later one; only earlier questions can be read")
                }
            }
            ErrorKind::NeverShown => {
                if zh {
                    "显示条件永远不会成立，这道题永远不会出现".into()
                } else {
                    "the condition can never hold, so the question is never shown".into()
                }
            }
            ErrorKind::NoOutcome { situation } => {
                if zh {
                    format!("存在得不到任何结果的情形：{situation}")
                } else {
                    format!("some answers reach no outcome: {situation}")
                }
            }
            ErrorKind::NotAllowedHere { what } => {
                if zh {
                    format!("此处的条件不能使用{}", what_zh(what))
                } else {
                    format!("a condition here cannot read {what}")
                }
            }
            ErrorKind::NotTestable { question, kind } => {
                if zh {
                    format!("题目 `{question}` 是 {kind} 类型，不能在条件或评分中使用")
                } else {
                    format!("question `{question}` is of kind {kind} and cannot be tested or scored")
                }
            }
            ErrorKind::MissingLocale { locale } => {
                if zh {
                    format!("缺少 `{locale}` 语言的文字（或为空）")
                } else {
                    format!("the `{locale}` wording is missing or empty")
                }
            }
            ErrorKind::UnknownLocale { locale } => {
                if zh {
                    format!("语言 `{locale}` 未在 meta.locales 中声明")
                } else {
                    format!("locale `{locale}` is not declared in meta.locales")
                }
            }
            ErrorKind::Empty => {
                if zh {
                    "此列表不能为空".into()
                } else {
                    "this list must not be empty".into()
                }
            }
            ErrorKind::Options { reason } => {
                if zh {
                    format!("选项设置有误：{}", what_zh(reason))
                } else {
                    format!("options are wrong: {reason}")
                }
            }
            ErrorKind::BadDate { value } => {
                if zh {
                    format!("日期 `{value}` 应写成 YYYY-MM-DD")
                } else {
                    format!("date `{value}` must be YYYY-MM-DD")
                }
            }
        }
    }
}

fn type_zh(t: &str) -> &str {
    match t {
        "string" => "字符串",
        "integer" => "整数",
        "boolean" => "布尔值",
        "table" => "表",
        "array" => "数组",
        "date" => "日期",
        "float" => "小数",
        "datetime" => "日期时间",
        "condition" => "条件",
        _ => t,
    }
}

fn what_zh(w: &str) -> &str {
    match w {
        "question" => "题目",
        "option" => "选项",
        "section" => "部分",
        "term" => "术语",
        "tier" => "结果等级",
        "element" => "构成要件",
        "band" => "分数段",
        "next step" => "下一步",
        "measure" => "纠错措施",
        "answers (only facts: elements and bands)" => "直接读取答案（此处只能用要件和分数段）",
        "facts (elements or bands); only answers" => "要件或分数段（此处只能读取答案）",
        "yes/no questions take no options" => "是/否题不需要列出选项",
        "a choice question needs at least two options" => "选择题至少需要两个选项",
        "only one option can be marked unsure" => "只能有一个选项标记为“不确定”",
        "only choice questions take options" => "只有选择题可以有选项",
        "allow_unsure is only for yes/no questions" => "allow_unsure 只适用于是/否题",
        "only multiple-choice options can be exclusive" => "只有多选题的选项可以设为 exclusive",
        _ => w,
    }
}
