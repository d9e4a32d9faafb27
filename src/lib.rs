//! 容错纠错自查: a private self-check for the cadre fault-tolerance and
//! error-correction mechanism.
//!
//! - [`engine`]: the pure assessment engine (rulebook, validation, scoring, outcome).
//! - [`i18n`]: every string of the interface, one typed table per locale.
//! - [`flow`]: the pure state machine of a run (steps, answers, changes).
//! - `app` (wasm only): the Yew shell that renders the flow and performs effects.

pub mod engine;
pub mod flow;
pub mod i18n;
pub mod options;
pub mod paper;

#[cfg(target_arch = "wasm32")]
pub mod app;

// SAFETY: the page's wasm (wasm32-unknown-unknown, no atomics) is
// single-threaded, which is what `new_global` requires; nothing else manages
// the module's memory. Set in the library so the browser tests run on the
// allocator that ships.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
