//! The widget's entry point (a thin binary over the library, so tests can import the app).

fn main() {
    #[cfg(target_arch = "wasm32")]
    rongcuo::app::run();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("This binary is the browser widget; build it with `trunk build`. The deployer tool is `rulebook`.");
}
