//! The deployers' tool as a library, so its outputs are tested: the decision
//! table ([`explain`]) and the blank paper form ([`paper`]).

pub mod explain;
pub mod paper;
