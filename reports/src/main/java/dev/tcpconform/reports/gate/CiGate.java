package dev.tcpconform.reports.gate;

import dev.tcpconform.reports.compare.TargetRun;
import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import dev.tcpconform.reports.results.TestOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI gate of a run over several targets, at a level (MUST, SHOULD or MAY). A conformance
 * test on an available target fails the gate when it
 * <ul>
 *   <li>failed outside that target's baseline and carries a requirement whose level counts for
 *       the gate ({@link LevelGroup#countsFor}), or
 *   <li>broke, or ended in a status Allure could not tell ({@code unknown}), whatever its
 *       requirements: the harness could not check the rule, so nothing says it holds.
 * </ul>
 * A requirement's level is the catalogue's, else the one the test's results give. A target that
 * was not available is not checked (the matrix shows it as not available).
 */
public final class CiGate {

  /**
   * A test that fails the gate, or (for {@link #belowLevel}) a failure the gate lets through.
   *
   * @param target the target it ran against
   * @param status failed, broken or unknown
   * @param key the test's key ({@code fullName[parameters]})
   * @param requirements its requirement IDs
   * @param message the first line of its message, or null
   */
  public record Violation(
      String target, String status, String key, List<String> requirements, String message) {

    /** {@code <target> <status> <key> [<ids>]: <message>}, on one line. */
    public String line() {
      return target + " " + status + " " + key + " " + requirements
          + (message == null ? "" : ": " + message);
    }
  }

  private final LevelGroup level;
  private final RequirementCatalogue catalogue;

  private CiGate(LevelGroup level, RequirementCatalogue catalogue) {
    this.level = level;
    this.catalogue = catalogue;
  }

  public static CiGate at(LevelGroup level, RequirementCatalogue catalogue) {
    if (level == LevelGroup.OTHER) {
      throw new IllegalArgumentException("gate level OTHER (expected: MUST, SHOULD or MAY)");
    }
    return new CiGate(level, catalogue);
  }

  public LevelGroup level() {
    return level;
  }

  /** The tests that fail the gate, target by target in the order given. */
  public List<Violation> violations(List<TargetRun> targets) {
    return select(targets, true);
  }

  /**
   * Failures outside the baseline that the gate lets through because none of their
   * requirements counts at its level (a SHOULD failure under the MUST gate).
   */
  public List<Violation> belowLevel(List<TargetRun> targets) {
    return select(targets, false);
  }

  private List<Violation> select(List<TargetRun> targets, boolean failing) {
    List<Violation> v = new ArrayList<>();
    for (TargetRun t : targets) {
      if (!t.isAvailable()) {
        continue;
      }
      for (TestRow row : t.matrix().tests()) {
        String status = row.status();
        boolean harness = status.equals("broken") || status.equals("unknown");
        boolean failed = status.equals("failed");
        if (!harness && !failed) {
          continue;
        }
        boolean counts = harness || countsAtLevel(row.outcome());
        if (counts == failing) {
          TestOutcome o = row.outcome();
          v.add(new Violation(t.name(), status, o.key(), o.requirements(), o.message()));
        }
      }
    }
    return v;
  }

  private boolean countsAtLevel(TestOutcome test) {
    for (String id : test.requirements()) {
      String l = catalogue.find(id).map(RequirementCatalogue.Entry::level)
          .orElse(test.levels().get(id));
      if (LevelGroup.of(l).countsFor(level)) {
        return true;
      }
    }
    return false;
  }
}
