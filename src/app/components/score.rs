//! The score breakdown: a table (the data) and a small inline SVG bar chart
//! drawn from the same numbers. No chart library: a few rectangles suffice.

use yew::prelude::*;

use super::answer_text;
use crate::app::state::AppContext;
use crate::engine::Assessment;
use crate::i18n::{fill, ui};

/// Thousandths of a point as whole points, rounded down, so a score shown
/// always lies in the band it is in (79.6 is shown as 79, in the middle band).
pub fn score_points(milli: u32) -> String {
    (milli / 1000).to_string()
}

/// Thousandths of a point with one decimal, for a factor's contribution.
fn points(milli: u32) -> String {
    let tenths = milli / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The score table and chart.
pub fn score_breakdown(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let s = &a.score;
    let total = if s.milli == s.best_milli {
        fill(t.score_total, &[("score", &score_points(s.milli))])
    } else {
        fill(t.score_range, &[("low", &score_points(s.milli)), ("high", &score_points(s.best_milli))])
    };
    let band = s
        .band
        .as_ref()
        .and_then(|b| rb.score.bands.iter().find(|x| &x.id == b))
        .map_or_else(|| t.score_band_unknown.to_owned(), |b| fill(t.score_band, &[("band", b.title.get(l))]));
    // Bands in whole points that do not overlap: 80–100, 50–79, 0–49.
    let bands: Vec<String> =
        rb.score.bands.iter().map(|b| format!("{} {}–{}", b.title.get(l), b.from, if b.to == 100 { 100 } else { b.to - 1 })).collect();
    let rows = s.factors.iter().filter_map(|f| {
        let def = rb.factors.iter().find(|x| x.id == f.id)?;
        let q = rb.question(&f.question.0)?;
        let a = ctx.session.answers.get(&q.id.0);
        let path = ctx.path();
        let grade = match (f.applies, f.grade) {
            (false, _) => t.not_applicable.to_owned(),
            (true, Some(g)) => format!("{g} / {}", rb.score.grade_max),
            (true, None) => t.unknown_value.to_owned(),
        };
        Some(html! {
            <tr key={f.id.0.clone()} data-factor={f.id.0.clone()}>
                <th scope="row">{ def.title.get(l) }</th>
                <td class="user-text">{ if f.applies { answer_text(rb, q, a, l, path) } else { t.not_applicable.to_owned() } }</td>
                <td class="num">{ format!("{}%", f.weight) }</td>
                <td class="num">{ grade }</td>
                <td class="num">{ if f.applies { format!("{} / {}", points(f.milli), points(f.max_milli)) } else { "–".to_owned() } }</td>
            </tr>
        })
    });
    // The chart: one bar per applicable factor, out of that factor's maximum.
    // Integer geometry: no float formatting in the wasm.
    let applicable: Vec<_> = s.factors.iter().filter(|f| f.applies).collect();
    let (label_w, bar_w, row_h) = (120u32, 190u32, 26u32);
    let height = row_h * applicable.len() as u32 + 4;
    let scale = applicable.iter().map(|f| f.max_milli).max().unwrap_or(1).max(1) as u64;
    let width = |milli: u32| (bar_w as u64 * milli as u64 / scale) as u32;
    let bars = applicable.iter().enumerate().map(|(i, f)| {
        let y = 4 + row_h * i as u32;
        let title = rb.factors.iter().find(|x| x.id == f.id).map_or(f.id.0.clone(), |x| x.title.get(l).to_owned());
        let (full, got) = (width(f.max_milli), width(f.milli));
        html! {
            <g key={f.id.0.clone()}>
                <text x="0" y={(y + 15).to_string()} class="chart__label">{ title }</text>
                <rect x={label_w.to_string()} y={y.to_string()} width={full.to_string()} height="18" class="chart__max" />
                <rect x={label_w.to_string()} y={y.to_string()} width={got.to_string()} height="18" class="chart__value" />
                <text x={(label_w + full + 4).to_string()} y={(y + 15).to_string()} class="chart__num">{ points(f.milli) }</text>
            </g>
        }
    });
    html! {
        <section class="result-section score">
            <p class="hint">{ fill(t.score_what, &[("max", &rb.score.grade_max.to_string())]) }</p>
            <p class="score__total" id="score-total">{ total }{ "　" }<span class="score__band">{ band }</span></p>
            <p class="hint">{ t.score_bands_caption }{ " " }{ bands.join(t.list_sep) }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={t.score_title}>
                <table class="table" id="score-table">
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_factor }</th>
                            <th scope="col">{ t.col_answer }</th>
                            <th scope="col" class="num">{ t.col_weight }</th>
                            <th scope="col" class="num">{ t.col_grade }</th>
                            <th scope="col" class="num">{ t.col_points }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <figure class="chart">
                <svg viewBox={format!("0 0 {} {height}", label_w + bar_w + 40)} class="chart__svg" aria-hidden="true" focusable="false">
                    { for bars }
                </svg>
                <figcaption class="hint">{ t.chart_label }</figcaption>
            </figure>
        </section>
    }
}
