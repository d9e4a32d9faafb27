//! 容错纠错自查: a private self-check for the cadre fault-tolerance and
//! error-correction mechanism. This crate is the widget: the Yew shell
//! around the pure engine (`rongcuo-engine`, re-exported as [`engine`]).
//!
//! - [`engine`]: rulebook, validation, assessment, run state ([`engine::flow`]).
//! - [`i18n`]: the interface strings.
//! - [`builtin`]: the default rulebook, compiled at build time.
//! - [`options`]: the deployer's options from the query string.
//! - `app` (wasm only): renders the run state and performs the effects.

pub use rongcuo_engine as engine;
pub use rongcuo_engine::flow;

pub mod builtin;
pub mod i18n;
pub mod markup;
pub mod options;

#[cfg(target_arch = "wasm32")]
pub mod app;

// SAFETY: the page's wasm (wasm32-unknown-unknown, no atomics) is
// single-threaded, which is what `new_global` requires; nothing else manages
// the module's memory. Set in the library so the browser tests run on the
// allocator that ships.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
