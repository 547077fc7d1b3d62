package dev.tcpconform.reports.mutants;

import dev.tcpconform.reports.results.TestOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mutation matrix of the Linux target: which conformance tests catch which mutant, and why
 * every test no mutant catches is known able to fail. A mutant is caught by the tests that failed
 * against it but passed against the reference; a failure the reference shares (a baselined
 * deviation) catches nothing, nor does a broken test (the harness could not check). A failure
 * against a conforming variant is a false alarm. A test that passes against the reference and
 * that no mutant catches is shown able to fail by its fault demonstration, a row that ended
 * passed ({@link FaultDemonstrations}); one with neither has no stated reason.
 */
public final class MutationMatrix {

  /**
   * One mutant and what its run showed.
   *
   * @param failed the tests that failed against it and passed against the reference, in key
   *     order (their outcomes against the mutant)
   */
  public record MutantResult(MutantRun run, List<TestOutcome> failed) {

    public MutantResult {
      failed = List.copyOf(failed);
    }

    public String name() {
      return run.name();
    }

    public boolean isConformingVariant() {
      return run.isConformingVariant();
    }

    /** {@code mutant} or {@code conforming variant}. */
    public String kind() {
      return isConformingVariant() ? "conforming variant" : "mutant";
    }

    /**
     * {@code caught} or {@code not-caught}; for a conforming variant {@code no-false-alarm} or
     * {@code false-alarm}.
     */
    public String verdict() {
      if (isConformingVariant()) {
        return failed.isEmpty() ? "no-false-alarm" : "false-alarm";
      }
      return failed.isEmpty() ? "not-caught" : "caught";
    }

    /** Whether the verdict is the one the suite needs (caught; no false alarm). */
    public boolean isGood() {
      return isConformingVariant() == failed.isEmpty();
    }
  }

  /**
   * One conformance test of the reference.
   *
   * @param reference its outcome against the unmutated target
   * @param caughtBy the mutants it catches, in name order
   * @param falseAlarmOf the conforming variants it failed against
   * @param reason why it is known able to fail
   */
  public record TestRow(TestOutcome reference, List<String> caughtBy, List<String> falseAlarmOf,
      Reason reason) {

    public TestRow {
      caughtBy = List.copyOf(caughtBy);
      falseAlarmOf = List.copyOf(falseAlarmOf);
    }

    public String key() {
      return reference.key();
    }

    /** Passes against the reference, and no mutant catches it. */
    public boolean isUncaught() {
      return reference.status().equals("passed") && caughtBy.isEmpty();
    }
  }

  private final List<MutantResult> mutants;
  private final List<TestRow> tests;
  private final FaultDemonstrations demonstrations;

  private MutationMatrix(List<MutantResult> mutants, List<TestRow> tests,
      FaultDemonstrations demonstrations) {
    this.mutants = List.copyOf(mutants);
    this.tests = List.copyOf(tests);
    this.demonstrations = demonstrations;
  }

  /**
   * The matrix of {@code reference} (whose other results hold the fault demonstrations) and the
   * runs against each mutant, in the order given.
   */
  public static MutationMatrix of(MutantRun reference, List<MutantRun> runs) {
    List<MutantResult> mutants = new ArrayList<>();
    for (MutantRun m : runs) {
      List<TestOutcome> failed = m.tests().values().stream()
          .filter(o -> o.status().equals("failed"))
          .filter(o -> "passed".equals(reference.status(o.key())))
          .sorted(Comparator.comparing(TestOutcome::key)).toList();
      mutants.add(new MutantResult(m, failed));
    }
    FaultDemonstrations demonstrations = FaultDemonstrations.of(reference.others());
    Map<String, Set<String>> failedKeys = new HashMap<>();
    mutants.forEach(m -> failedKeys.put(m.name(),
        m.failed().stream().map(TestOutcome::key).collect(Collectors.toSet())));
    List<TestRow> tests = new ArrayList<>();
    for (TestOutcome t : reference.tests().values().stream()
        .sorted(Comparator.comparing(TestOutcome::key)).toList()) {
      List<String> caughtBy = new ArrayList<>();
      List<String> falseAlarmOf = new ArrayList<>();
      for (MutantResult m : mutants) {
        if (failedKeys.get(m.name()).contains(t.key())) {
          (m.isConformingVariant() ? falseAlarmOf : caughtBy).add(m.name());
        }
      }
      tests.add(new TestRow(t, caughtBy, falseAlarmOf,
          reason(t, caughtBy, demonstrations, reference.tests().values())));
    }
    return new MutationMatrix(mutants, tests, demonstrations);
  }

  private static Reason reason(TestOutcome t, List<String> caughtBy,
      FaultDemonstrations demonstrations, java.util.Collection<TestOutcome> reference) {
    if (!t.status().equals("passed")) {
      return new Reason(Reason.Kind.NOT_PASSING_ON_REFERENCE, t.status()
          + " against the unmutated target: nothing for a mutant to catch", null);
    }
    if (!caughtBy.isEmpty()) {
      return new Reason(Reason.Kind.MUTANT, "caught by " + String.join(", ", caughtBy), null);
    }
    List<TestOutcome> rows = demonstrations.of(t);
    for (TestOutcome row : rows) {
      if (row.status().equals("passed")) {
        String name = FaultDemonstrations.rowName(row);
        return new Reason(Reason.Kind.FAULT_DEMONSTRATION,
            "shown failing by fault demonstration " + name, name);
      }
    }
    String own = t.demonstrableName();
    if (rows.isEmpty()) {
      Reason sibling = siblingCase(own, demonstrations, reference);
      if (sibling != null) {
        return sibling;
      }
    }
    if (!rows.isEmpty()) {
      String name = FaultDemonstrations.rowName(rows.get(0));
      return new Reason(Reason.Kind.NONE, "caught by no mutant, and its fault demonstration "
          + name + " ended " + rows.get(0).status() + " (a demonstration passes when the test"
          + " fails against its fault)", name);
    }
    return new Reason(Reason.Kind.NONE,
        "caught by no mutant, and no fault demonstration shows it failing", null);
  }

  /**
   * Another case of the same test shown failing: by its demonstration (a {@code +TS} case's twin
   * without timestamps first, then any other case of the method), or else failing against the
   * unmutated target itself (a case the target's baseline lists); null if none.
   */
  private static Reason siblingCase(String own, FaultDemonstrations demonstrations,
      java.util.Collection<TestOutcome> reference) {
    int bracket = own.indexOf('[');
    if (bracket < 0) {
      return null;
    }
    String method = own.substring(0, bracket);
    List<String> candidates = new ArrayList<>();
    if (own.endsWith(" +TS]")) {
      candidates.add(own.substring(0, own.length() - " +TS]".length()) + "]");
    }
    demonstrations.tests().stream().filter(d -> d.startsWith(method + "[") && !d.equals(own))
        .sorted().forEach(candidates::add);
    for (String other : candidates) {
      for (TestOutcome row : demonstrations.of(other)) {
        if (row.status().equals("passed")) {
          String name = FaultDemonstrations.rowName(row);
          String which = other.substring(other.indexOf('['));
          String text = own.endsWith(" +TS]") && other.equals(candidates.get(0))
              ? "its case without timestamps, " + which + ", is shown failing by fault"
                  + " demonstration " + name + ": the same oracle and checks, with timestamps on"
                  + " every segment"
              : "another case of the same test, " + which + ", is shown failing by fault"
                  + " demonstration " + name + ": the same method and checks";
          return new Reason(Reason.Kind.CASE_DEMONSTRATION, text, name);
        }
      }
    }
    for (TestOutcome other : reference.stream()
        .sorted(Comparator.comparing(TestOutcome::key)).toList()) {
      String name = other.demonstrableName();
      if (name.startsWith(method + "[") && !name.equals(own) && other.status().equals("failed")) {
        return new Reason(Reason.Kind.CASE_DEMONSTRATION, "another case of the same test, "
            + name.substring(name.indexOf('[')) + ", fails against the unmutated target itself"
            + " (a deviation its baseline lists): the same method and checks seen failing", null);
      }
    }
    return null;
  }

  /** Every mutant and conforming variant, in the order given. */
  public List<MutantResult> mutants() {
    return mutants;
  }

  /** Every conformance test of the reference, in key order. */
  public List<TestRow> tests() {
    return tests;
  }

  /** Whether the reference's results held any fault demonstration. */
  public boolean hasDemonstrations() {
    return !demonstrations.isEmpty();
  }

  /** Fault demonstrations in the reference's results. */
  public int demonstrationCount() {
    return demonstrations.size();
  }

  /** Mutants proper (not conforming variants). */
  public int mutantCount() {
    return (int) mutants.stream().filter(m -> !m.isConformingVariant()).count();
  }

  public int caughtCount() {
    return (int) mutants.stream().filter(m -> !m.isConformingVariant() && m.isGood()).count();
  }

  /** Caught mutants in per cent of the mutants, rounded down; 0 when there is none. */
  public int killRatePercent() {
    return mutantCount() == 0 ? 0 : 100 * caughtCount() / mutantCount();
  }

  public int conformingCount() {
    return mutants.size() - mutantCount();
  }

  /** Mutants no test caught, by name. */
  public List<String> uncaughtMutants() {
    return mutants.stream().filter(m -> !m.isConformingVariant() && !m.isGood())
        .map(MutantResult::name).toList();
  }

  /** Conforming variants some test failed against, by name. */
  public List<String> falseAlarms() {
    return mutants.stream().filter(m -> m.isConformingVariant() && !m.isGood())
        .map(MutantResult::name).toList();
  }

  /** Conformance tests that pass against the reference. */
  public int passingOnReference() {
    return (int) tests.stream().filter(t -> t.reference().status().equals("passed")).count();
  }

  /** Tests of {@code kind}. */
  public int count(Reason.Kind kind) {
    return (int) tests.stream().filter(t -> t.reason().kind() == kind).count();
  }

  /** The tests that pass against the reference and that nothing shows able to fail. */
  public List<TestRow> unexplained() {
    return tests.stream().filter(t -> !t.reason().isStated()).toList();
  }

  /** Nothing is wrong: every mutant caught, no false alarm, every test's reason stated. */
  public boolean holds() {
    return uncaughtMutants().isEmpty() && falseAlarms().isEmpty() && unexplained().isEmpty();
  }
}
