// Rebuild the program when the default theme changes (`memoria init` embeds
// it) or the vendored editor does (`memoria serve` serves it at /admin/).
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=editor/vendor");
}
