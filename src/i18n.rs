//! Every string of the interface, one typed table per locale.
//!
//! The assessment's own wording (questions, reasons, tiers, measures) lives in
//! the rulebook; this table holds only the words of the page around it. The
//! macro takes both locales for every key, so a missing translation does not
//! compile; a test checks that none is empty and that placeholders match.

use crate::engine::Locale;

macro_rules! ui_strings {
    ($(#[$doc:meta])* $table:ident, $zh_const:ident, $en_const:ident; $($name:ident: $zh:literal, $en:literal;)*) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $table {
            $(pub $name: &'static str,)*
        }

        /// Simplified Chinese (primary).
        pub const $zh_const: $table = $table { $($name: $zh,)* };
        /// English.
        pub const $en_const: $table = $table { $($name: $en,)* };

        impl $table {
            /// Every key with its string, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }

            /// A table from its strings in declaration order; `None` unless the count is exact.
            pub fn from_strings(strings: &[&'static str]) -> Option<Self> {
                const COUNT: usize = [$(stringify!($name)),*].len();
                let s: &[&'static str; COUNT] = strings.try_into().ok()?;
                let mut i = 0;
                $(
                    let $name = s[i];
                    i += 1;
                )*
                let _ = i;
                Some($table { $($name,)* })
            }
        }
    };
}

/// The table for a locale. In the page, English is loaded on demand (see
/// [`set_english`]) and Chinese stands in until it has arrived.
pub fn ui(locale: Locale) -> &'static Ui {
    match locale {
        Locale::ZhCn => &ZH,
        #[cfg(not(target_arch = "wasm32"))]
        Locale::En => &EN,
        #[cfg(target_arch = "wasm32")]
        Locale::En => ENGLISH.with(|e| e.get()).unwrap_or(&ZH),
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static ENGLISH: std::cell::Cell<Option<&'static Ui>> = const { std::cell::Cell::new(None) };
}

/// True once the English strings are there.
pub fn has_english() -> bool {
    #[cfg(target_arch = "wasm32")]
    return ENGLISH.with(|e| e.get()).is_some();
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// Installs the English interface strings fetched by the page (in the
/// declaration order of [`Ui`]); false when they do not fit the table.
pub fn set_english(strings: Vec<String>) -> bool {
    // Loaded once per page and kept for its life, so leaking is the right lifetime.
    let leaked: Vec<&'static str> = strings.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect();
    let Some(table) = Ui::from_strings(&leaked) else { return false };
    #[cfg(target_arch = "wasm32")]
    ENGLISH.with(|e| e.set(Some(Box::leak(Box::new(table)))));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = table;
    true
}

/// The English interface strings, for the English wording file made at build time.
pub fn english_strings() -> Vec<String> {
    EN.entries().into_iter().map(|(_, s)| s.to_owned()).collect()
}

/// The strings of the blank paper form (used natively, by `rulebook blank-form`),
/// kept apart so they do not ship in the page.
pub fn paper(locale: Locale) -> &'static Paper {
    match locale {
        Locale::ZhCn => &PAPER_ZH,
        Locale::En => &PAPER_EN,
    }
}

/// Replaces `{name}` placeholders; unknown ones are kept as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => {
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

ui_strings! {
    /// The strings of the page, in one locale.
    Ui, ZH, EN;
    skip_link: "跳到正文", "Skip to main content";
    brand: "容错纠错自查", "Fault-tolerance self-check";
    quick_exit: "快速离开", "Quick exit";
    quick_exit_hint: "或连按三次 Shift 键", "or press Shift three times";
    other_language: "English", "中文";
    other_language_label: "Switch to English", "切换为中文";
    private_badge: "仅在本机运行 · 不保存 · 不上传", "Runs on this device only · nothing saved or sent";

    start_caption: "正式申请前的私下自查", "A private check before any formal application";
    start_lead: "在向组织提出容错申请之前，您可以先在这里私下对照一遍：适用范围、负面清单、“三个区分开来”、两类任务、三个构成要件和加权评分，看看自己的情况大致处在哪里。", "Before applying to the organisation for tolerance, you can check here in private how your case stands against the scope, the red lines, the three distinctions, the two task tracks, the three constituent elements and the weighted score.";
    start_not: "这是只给您自己看的参考，不是申请，没有任何效力，也不会有任何人知道您做过。", "It is for your own reference only: not an application, with no official force, and nobody will know you used it.";
    privacy_title: "您的隐私", "Your privacy";
    privacy_1: "所有回答只在这个页面里计算，不会发送到任何地方。", "Your answers are worked out in this page and never sent anywhere.";
    privacy_2: "不用登录，也不会问您的姓名或单位。", "No login, and no name or employer is asked.";
    privacy_3: "不留任何记录：关闭或刷新页面，回答就全部消失。", "Nothing is kept: close or reload the page and your answers are gone.";
    privacy_4: "需要留存时，可以自己打印摘要，或把回答存成文件自己保管。", "To keep a copy, print the summary or save your answers to a file you keep yourself.";
    time_title: "需要多久", "How long it takes";
    time_text: "大约 {minutes} 分钟，最多 {count} 道题。可以随时返回修改。", "About {minutes} minutes, at most {count} questions. You can go back and change answers at any time.";
    get_title: "完成后您会得到", "What you get at the end";
    get_1: "一个参考性的结论，以及得出它的理由", "An indication, with the reasons behind it";
    get_2: "三个区分开来、三个构成要件和评分的逐项情况", "Where you stand on each distinction, element and score factor";
    get_3: "纠错计划、需要准备的材料和下一步怎么做", "A correction plan, a materials checklist and next steps";
    get_4: "一份可以打印或存为 PDF 的自查摘要", "A summary you can print or save as a PDF";
    exit_title: "快速离开", "Quick exit";
    exit_text: "如果有人走近，点页面右上角的“快速离开”或连按三次 Shift 键：回答会立即清除，页面换成一个普通页面。", "If someone comes near, use \"Quick exit\" at the top right or press Shift three times: your answers are cleared at once and the page is replaced with an ordinary one.";
    exit_history: "注意：这不会删除浏览器的历史记录。如有需要，请另行清除。", "Note: this does not erase your browser history. Clear it yourself if you need to.";
    start_button: "开始自查", "Start now";
    paper_text: "不想用电脑填写？可以", "Prefer not to use a computer? You can";
    paper_link: "打印空白纸质版", "print a blank paper form";
    paper_after: "，手写填写。", " and fill it in by hand.";

    back: "返回", "Back";
    continue_button: "继续", "Continue";
    save_and_return: "保存并返回核对页", "Save and return to your answers";
    progress: "第 {n} 部分，共 {total} 部分", "Part {n} of {total}";
    why_we_ask: "为什么问这个", "Why we ask";
    terms_title: "术语解释", "Terms used";
    optional: "（可不填）", " (optional)";
    choose_all: "可以多选。", "Choose all that apply.";
    chars_count: "已输入 {n} 字，最多 {max} 字", "{n} of at most {max} characters";
    date_hint: "格式：年-月-日，例如 2026-09-15", "Format: year-month-day, for example 2026-09-15";
    or_divider: "或", "or";

    error_title: "请先处理以下问题", "There is a problem";
    error_prefix: "错误：", "Error: ";
    err_required: "请选择一项", "Select an option";
    err_required_multi: "请至少选择一项", "Select at least one option";
    err_date: "请输入有效日期，例如 2026-09-15", "Enter a real date, for example 2026-09-15";
    err_too_long: "内容太长：最多 {max} 字，现在是 {n} 字", "Too long: at most {max} characters, this has {n}";

    drop_title: "修改后，下面这些回答将不再适用", "After this change, these answers no longer apply";
    drop_text: "确认修改的话，它们会被清除。", "If you confirm, they will be cleared.";
    drop_confirm: "确认修改", "Confirm the change";
    drop_cancel: "取消，保留原来的回答", "Cancel and keep my answer";

    review_title: "核对您的回答", "Check your answers";
    review_lead: "看一下有没有需要修改的。结果只显示在这个页面上。", "Check whether anything needs changing. The result is shown on this page only.";
    change: "修改", "Change";
    see_result: "查看结果", "See the result";

    result_caption: "自查结果 · 仅供参考", "Self-check result · for reference only";
    reasons_title: "为什么是这个结果", "Why this result";
    based_on: "依据的回答：", "Based on your answers to:";
    unknown_title: "需要先弄清楚的问题", "Questions to clarify first";
    red_lines_title: "触及的负面清单", "Red lines touched";
    possible_red_lines: "如果“不确定”的回答其实是“是”，还可能触及：", "If an answer you were not sure about is in fact \"yes\", this could also apply:";
    no_red_lines: "没有触及负面清单。", "No red line is touched.";
    track_title: "任务类别", "Task track";
    track_unknown: "还不能确定属于哪一类。", "Not yet clear which track applies.";
    distinctions_title: "三个区分开来", "The three distinctions";
    side_tolerable: "在可以容错的一边", "On the tolerable side";
    side_intolerable: "在不能容错的一边", "On the side that cannot be tolerated";
    side_neither: "两边都不明显", "Clearly on neither side";
    side_unknown: "还不能确定", "Not yet clear";
    side_not_applicable: "不适用", "Does not apply";
    elements_title: "三个构成要件", "The three constituent elements";
    status_met: "具备", "Met";
    status_partly: "部分具备", "Partly met";
    status_not_met: "不具备", "Not met";
    status_unknown: "还不能确定", "Not yet clear";
    element_points: "{points} 分（部分具备需 {partly} 分，具备需 {met} 分）", "{points} points ({partly} for partly met, {met} for met)";
    score_title: "加权评分", "Weighted score";
    score_total: "总分 {score} / 100", "Total {score} / 100";
    score_range: "总分 {low}–{high} / 100，取决于“不确定”的回答", "Total {low}–{high} / 100, depending on the answers you were not sure about";
    score_band: "分数段：{band}", "Band: {band}";
    score_band_unknown: "分数段还不能确定", "The band is not yet clear";
    score_bands_caption: "分数段划分：", "Bands:";
    col_factor: "因素", "Factor";
    col_answer: "您的回答", "Your answer";
    col_weight: "权重", "Weight";
    col_grade: "等级", "Grade";
    col_points: "得分", "Points";
    not_applicable: "不适用", "N/A";
    unknown_value: "未知", "Unknown";
    chart_label: "各因素得分（条长为得分，浅色为满分）", "Points per factor (bar: points; light: maximum)";

    plan_title: "纠错计划", "Correction plan";
    plan_lead: "勾选要采取的措施，并给每一项定一个完成日期。标“应采取”的，是根据您的回答必须做的。", "Tick the measures you will take and set a target date for each. Those marked \"required\" follow from your answers.";
    plan_required: "应采取", "required";
    plan_date: "计划完成日期", "Target date";
    plan_empty: "还没有选择任何措施。", "No measures chosen yet.";
    materials_title: "需要准备的材料", "Materials to gather";
    next_title: "下一步", "Next steps";
    stages_title: "正式办理的程序", "The formal procedure";
    recipients_title: "可以向谁提出申请", "Who receives applications";
    references_title: "参考依据", "References";
    disclaimer_title: "请注意", "Please note";

    print: "打印或存为 PDF", "Print or save as PDF";
    save_file: "把回答存成文件", "Save my answers to a file";
    open_file: "打开保存的文件", "Open a saved file";
    restart: "重新开始（清除全部回答）", "Start again (clear all answers)";
    restart_confirm: "确定要清除全部回答、重新开始吗？", "Clear all your answers and start again?";
    save_note: "文件只下载到您的设备上，页面本身不保存任何东西。", "The file is only downloaded to your device; the page itself keeps nothing.";

    opened: "已打开 {date} 保存的回答。", "Opened the answers saved on {date}.";
    opened_other: "这个文件是按另一版本的规则（{id} {version}）保存的，能对上的回答都保留了。", "This file was saved with another version of the rulebook ({id} {version}); every answer that still fits was kept.";
    opened_dropped: "以下回答已不适用，没有导入：", "These answers no longer fit and were not imported:";
    dropped_unknown_question: "已不存在的题目“{id}”", "a question that no longer exists (\"{id}\")";
    dropped_unknown_measure: "已不存在的纠错措施“{id}”", "a measure that no longer exists (\"{id}\")";
    open_not_json: "无法打开：这个文件不是自查保存的文件（不是 JSON 格式）。您现在的回答没有任何改动。", "Could not open it: this is not a saved self-check (not JSON). Your current answers are unchanged.";
    open_foreign: "无法打开：这不是本自查保存的文件。您现在的回答没有任何改动。", "Could not open it: this is not a file saved by this self-check. Your current answers are unchanged.";
    open_too_new: "无法打开：这个文件来自更新版本的自查页面。您现在的回答没有任何改动。", "Could not open it: it comes from a newer version of this page. Your current answers are unchanged.";
    open_unreadable: "无法读取这个文件。您现在的回答没有任何改动。", "The file could not be read. Your current answers are unchanged.";

    summary_title: "自查摘要", "Self-check summary";
    summary_date: "自查日期", "Date of the self-check";
    summary_rulebook: "所用规则", "Rulebook used";
    summary_answers: "全部回答", "All answers";
    summary_notes: "备注（手写）", "Notes (by hand)";
    summary_no_name: "本摘要不含姓名；页面上输入的文字按原样显示。", "This summary holds no name; text typed on the page is shown exactly as typed.";

    rulebook_error_title: "自查暂时无法使用", "The self-check is not available";
    rulebook_error_user: "这个页面的设置有问题。您没有输入或发送任何信息。可以稍后再试，或打印空白纸质版。", "This page is set up wrongly. Nothing you entered was sent. Try again later, or print the blank paper form.";
    rulebook_error_admin: "给网站管理员：规则文件有以下问题", "For the site administrator: the rulebook file has these problems";
    rulebook_refused: "规则文件名无效：只能是与本页面同一目录下、以 .toml 结尾的文件名。", "Invalid rulebook name: it must be a file ending in .toml in the same folder as this page.";
    rulebook_fetch_failed: "无法读取规则文件“{file}”（{status}）。", "Could not read the rulebook file \"{file}\" ({status}).";

    panic_title: "页面出错了", "Something went wrong";
    panic_text: "您的回答没有被保存，也没有被发送。请重新载入页面再试，或使用快速离开。", "Your answers were not saved or sent. Reload the page to try again, or use quick exit.";
    panic_reload: "重新载入", "Reload";
}

ui_strings! {
    /// The strings of the blank paper form, in one locale.
    Paper, PAPER_ZH, PAPER_EN;
    paper_suffix: "空白纸质版", "blank paper form";
    paper_intro: "这份表格可以打印出来手写填写，不需要电脑或网络。在符合的选项前的方框里打勾；不确定的，就勾“不确定”。", "Print this form and fill it in by hand; no computer or network is needed. Tick the box of each option that applies; if you are not sure, tick \"not sure\".";
    paper_only_if: "（仅当{condition}时回答）", "(Answer only if {condition}.)";
    paper_is: "“{question}”选“{option}”", "\"{question}\" is \"{option}\"";
    paper_and: "，且", ", and ";
    paper_or: "，或", ", or ";
    paper_not: "不是", "not ";
    paper_answered: "“{question}”已回答", "\"{question}\" is answered";
    paper_why: "为什么问：", "Why we ask: ";
    paper_date_blank: "______ 年 ____ 月 ____ 日", "Year ______  Month ____  Day ____";
    paper_how_title: "自己对照结果", "Working out the result yourself";
    paper_how_red: "负面清单：下面任何一项答“是”，就不能容错，不必再往下看。", "Red lines: if any of these is \"yes\", tolerance is ruled out and nothing else matters.";
    paper_how_track: "必做事项：常规工作没有完成的，适用问责，不走容错。", "Mandatory tasks: routine work left undone leads to accountability, not tolerance.";
    paper_how_elements: "构成要件：把对应选项的分数相加，达到“具备”分数即具备。", "Constituent elements: add up the points of your options; reaching the \"met\" score means the element is met.";
    paper_how_score: "加权评分：每个因素的等级 ÷ {max} × 权重，相加得到总分（满分 100）。", "Weighted score: for each factor, grade ÷ {max} × weight; the sum is the total (out of 100).";
    paper_how_unsure: "有“不确定”而且会影响结果的，先弄清楚，或找信任的干部保密咨询。", "If an answer you were not sure about could change the result, find out first or consult someone you trust in confidence.";
    paper_points: "分", " pts";
    paper_met_at: "具备需 {met} 分，部分具备需 {partly} 分", "{met} for met, {partly} for partly met";
    paper_decisions: "得出结果（从上往下，取第一个符合的）", "The result (top to bottom, the first that fits)";
    paper_tiers: "可能的结果", "Possible results";
    paper_measures: "纠错措施（勾选并写上完成日期）", "Correction measures (tick and write a target date)";
    paper_by: "完成日期：__________", "Target date: __________";
    paper_print: "打印本页", "Print this page";
    paper_otherwise: "其他情形", "Otherwise";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned())).collect();
        out.sort();
        out
    }

    #[test]
    fn every_string_is_present_in_both_locales_with_the_same_placeholders() {
        let zh = [ZH.entries(), PAPER_ZH.entries()].concat();
        let en = [EN.entries(), PAPER_EN.entries()].concat();
        assert_eq!(zh.len(), en.len());
        for ((key, z), (_, e)) in zh.iter().zip(&en) {
            assert!(!z.trim().is_empty(), "zh-CN string `{key}` is empty");
            assert!(!e.trim().is_empty(), "en string `{key}` is empty");
            assert_eq!(placeholders(z), placeholders(e), "placeholders differ for `{key}`");
        }
    }

    #[test]
    fn chinese_strings_are_chinese_and_english_strings_are_not() {
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let zh = [ZH.entries(), PAPER_ZH.entries()].concat();
        let en = [EN.entries(), PAPER_EN.entries()].concat();
        for ((key, z), (_, e)) in zh.iter().zip(&en) {
            if key.starts_with("other_language") {
                continue;
            }
            assert!(han(z), "zh-CN string `{key}` has no Chinese: {z}");
            assert!(!han(e), "en string `{key}` contains Chinese: {e}");
        }
    }

    #[test]
    fn the_english_table_travels_as_a_list_of_strings() {
        let back = Ui::from_strings(&EN.entries().iter().map(|(_, s)| *s).collect::<Vec<_>>()).unwrap();
        assert_eq!(back.entries(), EN.entries());
        assert!(Ui::from_strings(&["too few"]).is_none());
        assert!(set_english(english_strings()));
        assert!(!set_english(vec!["x".into()]));
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("{n} of {max}", &[("n", "3"), ("max", "9")]), "3 of 9");
        assert_eq!(fill("第 {n} 部分{x}{", &[("n", "二")]), "第 二 部分{x}{");
    }
}
