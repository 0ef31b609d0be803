use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = breakglass::cli::Cli::parse();
    ExitCode::from(breakglass::exit::report(breakglass::run(cli)))
}
