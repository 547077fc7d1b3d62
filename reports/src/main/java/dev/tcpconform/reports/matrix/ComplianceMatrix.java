package dev.tcpconform.reports.matrix;

import dev.tcpconform.reports.gate.Baseline;
import dev.tcpconform.reports.results.TestOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verdicts of one run on one target: every conformance test with its status (a failure listed in
 * the target's baseline becomes {@code baseline-deviation}), and every requirement touched with
 * its level and a verdict: failed if any of its tests failed, else broken if any broke, else
 * baseline-deviation if any deviated, else passed if any passed, else skipped.
 */
public final class ComplianceMatrix {

  /** A test's line in the matrix. */
  public record TestRow(TestOutcome outcome, String status, String baselineReason) {}

  /** A requirement's line in the matrix. */
  public record RequirementRow(String id, String level, String verdict, List<String> tests) {}

  private final String target;
  private final List<TestRow> tests;
  private final List<RequirementRow> requirements;
  private final List<TestOutcome> otherTests;
  private final List<String> staleBaseline;

  private ComplianceMatrix(String target, List<TestRow> tests, List<RequirementRow> requirements,
      List<TestOutcome> otherTests, List<String> staleBaseline) {
    this.target = target;
    this.tests = tests;
    this.requirements = requirements;
    this.otherTests = otherTests;
    this.staleBaseline = staleBaseline;
  }

  public static ComplianceMatrix of(String target, List<TestOutcome> outcomes, Baseline baseline) {
    List<TestRow> tests = new ArrayList<>();
    List<TestOutcome> others = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    Map<String, List<TestRow>> byRequirement = new TreeMap<>();
    Map<String, String> levels = new LinkedHashMap<>();
    for (TestOutcome o : outcomes) {
      if (!o.isConformanceTest()) {
        others.add(o);
        continue;
      }
      String reason = baseline.reasonFor(o).orElse(null);
      String status = o.status();
      if (reason != null && status.equals("failed")) {
        status = "baseline-deviation";
      } else if (reason != null && status.equals("passed")) {
        stale.add(o.key());
        reason = null;
      } else {
        reason = null;
      }
      TestRow row = new TestRow(o, status, reason);
      tests.add(row);
      for (String id : o.requirements()) {
        byRequirement.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
        levels.putIfAbsent(id, o.levels().getOrDefault(id, "unknown"));
      }
    }
    List<RequirementRow> requirements = new ArrayList<>();
    byRequirement.forEach((id, rows) -> requirements.add(new RequirementRow(id, levels.get(id),
        verdict(rows), rows.stream().map(r -> r.outcome().key()).toList())));
    return new ComplianceMatrix(target, tests, requirements, others, stale);
  }

  private static String verdict(List<TestRow> rows) {
    for (String v : List.of("failed", "broken", "baseline-deviation", "passed")) {
      if (rows.stream().anyMatch(r -> r.status().equals(v))) {
        return v;
      }
    }
    return "skipped";
  }

  public String target() {
    return target;
  }

  public List<TestRow> tests() {
    return tests;
  }

  public List<RequirementRow> requirements() {
    return requirements;
  }

  /** Results without requirement IDs: the project's own tests (fault demonstrations...). */
  public List<TestOutcome> otherTests() {
    return otherTests;
  }

  /** Baseline entries whose test passed: the deviation is gone, the entry should go too. */
  public List<String> staleBaseline() {
    return staleBaseline;
  }

  /** Conformance tests that failed or broke outside the baseline, and other tests that did. */
  public List<String> gateViolations() {
    List<String> v = new ArrayList<>();
    for (TestRow t : tests) {
      if (t.status().equals("failed") || t.status().equals("broken")) {
        v.add(t.status() + ": " + t.outcome().key() + " " + t.outcome().requirements()
            + (t.outcome().message() == null ? "" : " - " + t.outcome().message()));
      }
    }
    for (TestOutcome o : otherTests) {
      if (o.status().equals("failed") || o.status().equals("broken")) {
        v.add(o.status() + ": " + o.key()
            + (o.message() == null ? "" : " - " + o.message()));
      }
    }
    return v;
  }
}
