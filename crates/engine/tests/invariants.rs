#![cfg(not(target_arch = "wasm32"))]
//! The invariant checker (`rulebook check`): the default rulebook's
//! invariants are proved over every answer combination, and planted faults
//! are found, each with a counterexample that is a valid scenario case.

use rongcuo_engine::cases;
use rongcuo_engine::prove::{self, Verdict};
use rongcuo_engine::{self as engine, DEFAULT_RULEBOOK, ErrorKind, RulebookError};

fn check(src: &str) -> Result<engine::Checked, Vec<RulebookError>> {
    engine::check("default.toml", src, prove::DEFAULT_BUDGET)
}

/// The default rulebook with `old` replaced by `new` (which must be there once).
fn edit(old: &str, new: &str) -> String {
    assert_eq!(DEFAULT_RULEBOOK.matches(old).count(), 1, "not exactly once: {old}");
    DEFAULT_RULEBOOK.replacen(old, new, 1)
}

/// The error for invariant `id` of a checked source, with its counterexample case.
fn broken(src: &str, id: &str) -> (RulebookError, String) {
    let errors = match check(src) {
        Ok(_) => panic!("the planted fault was not found"),
        Err(e) => e,
    };
    let e = errors
        .iter()
        .find(|e| matches!(&e.kind, ErrorKind::InvariantBroken { invariant, .. } if invariant == id))
        .unwrap_or_else(|| panic!("{id} not reported broken: {errors:#?}"))
        .clone();
    let ErrorKind::InvariantBroken { case, .. } = e.kind.clone() else { unreachable!() };
    (e, case)
}

#[test]
fn the_default_rulebook_proves_every_invariant() {
    let checked = check(DEFAULT_RULEBOOK).unwrap_or_else(|e| panic!("{e:#?}"));
    let own = checked.proofs.iter().filter(|p| p.index.is_some()).count();
    assert!(own >= 12, "only {own} invariants declared");
    assert_eq!(own, checked.rulebook.invariants.len());
    for p in &checked.proofs {
        assert_eq!(p.verdict, Verdict::Holds, "{}", p.id);
        assert!(p.nodes > 0 && p.nodes <= prove::DEFAULT_BUDGET, "{}: {} nodes", p.id, p.nodes);
    }
    // Every tier is reachable, and the reachable invariants carry a witness.
    for t in &checked.rulebook.tiers {
        assert!(checked.proofs.iter().any(|p| p.id == format!("core.reachable.{}", t.id) && p.verdict == Verdict::Holds), "{}", t.id);
    }
    for p in checked.proofs.iter().filter(|p| p.reachable) {
        assert!(p.witness.is_some(), "{}", p.id);
    }
    assert!(prove::answer_space_log10(&checked.rulebook) > 15.0);
}

/// Without the cap for serious consequences, a serious case reaches
/// exemption: the checker says which invariant breaks, where it is, and
/// gives answers that break it as a scenario case the engine agrees with.
#[test]
fn a_missing_cap_is_found_with_a_counterexample() {
    let src = edit(
        "cap = \"lenient_possible\"\n# 事前自查里的“可能后果严重”只提示要更谨慎（风险点），不降低一项准备充分的方案的结果。\nwhen = { all = [{ question = \"timing\", is = \"after\" }, { question = \"f_severity\", is = \"serious\" }] }",
        "cap = \"lenient_possible\"\nwhen = { all = [{ question = \"timing\", is = \"after\" }, { question = \"f_severity\", is = \"serious\" }, { question = \"f_prior\", is = \"abuse\" }] }",
    );
    let (e, case) = broken(&src, "exemption_no_aggravating_factor");
    let rb = engine::load("default.toml", &src).unwrap();
    let i = rb.invariants.iter().position(|v| v.id.as_str() == "exemption_no_aggravating_factor").unwrap();
    assert_eq!(e.path, format!("invariants[{i}].never"));
    assert!(e.line.is_some(), "the error names a line");
    // The counterexample pastes into a cases file and passes as it stands.
    let cases = cases::load_cases("counterexample.toml", &case, &rb).unwrap_or_else(|e| panic!("{e:#?}\n{case}"));
    assert_eq!(cases.len(), 1);
    assert!(cases::run_case(&rb, &cases[0]).passed, "{case}");
    assert_eq!(cases[0].tier, "exemption_likely");
    assert_eq!(cases[0].answers.get("f_severity"), Some(&engine::Answer::choice("serious")));
}

/// A grant row cannot lift a cap, wherever it stands: planting one that
/// grants exemption for serious consequences changes nothing.
#[test]
fn a_planted_grant_does_not_lift_a_cap() {
    let src = edit(
        "[[decisions]]\nid = \"floor\"",
        "[[decisions]]\nid = \"planted\"\ngrant = \"exemption_likely\"\nwhen = { question = \"f_severity\", is = \"serious\" }\nreason = \"x\"\n\n[[decisions]]\nid = \"floor\"",
    )
    .replace("reason = \"x\"", "reason.zh-CN = \"x\"\nreason.en = \"x\"");
    let checked = check(&src).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(checked.proofs.iter().all(|p| p.verdict == Verdict::Holds));
}

/// A risk point for cases after the event, with the cap on open risk points
/// left out and the rulebook's own invariant about them dropped: a
/// favourable outcome would list a risk, and the built-in invariant says so.
#[test]
fn a_built_in_invariant_cannot_be_dropped() {
    let src = edit(
        "[[risks]]\nid = \"rushed\"",
        "[[risks]]\nid = \"planted\"\nwhen = { question = \"c_losses\", is = \"yes\" }\ntitle.zh-CN = \"x\"\ntitle.en = \"x\"\nadvice.zh-CN = \"x\"\nadvice.en = \"x\"\n\n[[risks]]\nid = \"rushed\"",
    )
    .replacen("when = { risk = \"any\" }", "when = { risk = \"rushed\" }", 1)
    .replacen("never = { all = [{ tier = \"risk_ok\" }, { risk = \"any\" }] }", "never = { all = [{ tier = \"risk_ok\" }, { risk = \"rushed\" }] }", 1);
    let (_, case) = broken(&src, "core.favourable_lists_no_risk");
    assert!(case.contains("= \"yes\""), "{case}");
}

#[test]
fn an_unreachable_goal_and_an_overrun_budget_are_errors() {
    let src = edit(
        "id = \"deployment_plan_can_be_filed\"\nreachable = { all = [{ tier = \"risk_ok\" }, { question = \"m_motive\", is = \"task\" }] }",
        "id = \"deployment_plan_can_be_filed\"\nreachable = { all = [{ tier = \"risk_ok\" }, { question = \"m_motive\", is = \"personal\" }] }",
    );
    let errors = check(&src).err().expect("unreachable");
    assert!(
        errors.iter().any(|e| matches!(&e.kind, ErrorKind::Unreachable { invariant } if invariant == "deployment_plan_can_be_filed")),
        "{errors:#?}"
    );
    let errors = engine::check("default.toml", DEFAULT_RULEBOOK, 3).err().expect("over budget");
    assert!(errors.iter().any(|e| matches!(&e.kind, ErrorKind::ProofBudget { budget: 3, .. })), "{errors:#?}");
}

/// The checker's search is deterministic: the same rulebook takes the same work.
#[test]
fn the_work_is_deterministic() {
    let rb = engine::load("default.toml", DEFAULT_RULEBOOK).unwrap();
    let a: Vec<u64> = prove::prove(&rb, prove::DEFAULT_BUDGET).iter().map(|p| p.nodes).collect();
    let b: Vec<u64> = prove::prove(&rb, prove::DEFAULT_BUDGET).iter().map(|p| p.nodes).collect();
    assert_eq!(a, b);
}
