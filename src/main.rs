use std::process::ExitCode;

use breakglass::build_info;

// The static musl builds: musl's allocator is much slower than glibc's (benches/run.sh --musl).
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `--version --verbose` is not a clap flag pair, so plain `--version` stays one line.
    let outcome = if build_info::wants_verbose_version(std::env::args_os().skip(1)) {
        breakglass::output::print_bytes(build_info::verbose_version().as_bytes())
            .map(|()| breakglass::exit::SUCCESS)
            .map_err(anyhow::Error::from)
    } else {
        breakglass::run(breakglass::cli::parse())
    };
    ExitCode::from(breakglass::exit::report(outcome))
}
