// Rebuild the program when the default theme changes: `memoria init` embeds it.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
