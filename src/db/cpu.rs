//! sqlx reads SQLite on a thread of its own and hands each row to the caller. Across two CPUs
//! every handoff wakes the other CPU, which on the virtual machines measured costs more than
//! reading the row: list-admins --all-users -o json over a million users took 6.8 s with the
//! two threads free and 2.5 s with both on one CPU (benches/run.sh). So sqlx's thread starts on
//! one CPU and a read runs beside it there; the rest (a password hash and its proof, on two
//! threads) keeps every CPU. Best effort: where affinity cannot be set, only speed is lost.

use rustix::thread::{CpuSet, sched_getaffinity, sched_getcpu, sched_setaffinity};

/// The CPU of sqlx's SQLite thread, and every CPU this thread may otherwise use.
pub struct ReaderCpu {
    reader: CpuSet,
    all: CpuSet,
}

impl ReaderCpu {
    /// Keeps this thread on the CPU it runs on, so that a thread it starts now (sqlx's) is
    /// born there; [`ReaderCpu::release`] gives this thread every CPU back.
    pub fn hold() -> Option<ReaderCpu> {
        let all = sched_getaffinity(None).ok()?;
        let mut reader = CpuSet::new();
        reader.set(sched_getcpu());
        sched_setaffinity(None, &reader).ok()?;
        Some(ReaderCpu { reader, all })
    }

    pub fn release(&self) {
        sched_setaffinity(None, &self.all).ok();
    }

    /// This thread runs on the reader's CPU until the guard is dropped.
    pub fn beside(&self) -> Beside<'_> {
        sched_setaffinity(None, &self.reader).ok();
        Beside(self)
    }
}

pub struct Beside<'a>(&'a ReaderCpu);

impl Drop for Beside<'_> {
    fn drop(&mut self) {
        self.0.release();
    }
}
