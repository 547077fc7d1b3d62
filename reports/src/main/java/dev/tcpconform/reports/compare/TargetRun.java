package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's part in a run over several targets: its verdicts when it ran, or the reason it
 * could not (which says how to make it available, e.g. the package to install).
 *
 * @param name the target's name, as used for its directory in the run's output
 * @param matrix its verdicts, or null when it was not available
 * @param unavailableReason why it did not run, or null when it ran
 * @param environment what the run said about the target in Allure's {@code
 *     environment.properties} ({@code target.description}, {@code target.lacks}, {@code
 *     target.notes}...); empty when it said nothing or did not run
 */
public record TargetRun(String name, ComplianceMatrix matrix, String unavailableReason,
    Map<String, String> environment) {

  public TargetRun {
    if ((matrix == null) == (unavailableReason == null)) {
      throw new IllegalArgumentException(
          "target " + name + ": exactly one of verdicts and reason (got both or neither)");
    }
    environment = Map.copyOf(environment);
  }

  public static TargetRun available(ComplianceMatrix matrix) {
    return available(matrix, Map.of());
  }

  public static TargetRun available(ComplianceMatrix matrix, Map<String, String> environment) {
    return new TargetRun(matrix.target(), matrix, null, environment);
  }

  public static TargetRun unavailable(String name, String reason) {
    return new TargetRun(name, null, reason, Map.of());
  }

  public boolean isAvailable() {
    return matrix != null;
  }

  /**
   * How many conformance tests ended in each status: passed, failed, broken, skipped,
   * baseline-deviation (all present, zero or not), then any other status the results held; empty
   * when the target did not run.
   */
  public Map<String, Integer> testCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (matrix == null) {
      return counts;
    }
    List.of("passed", "failed", "broken", "skipped", "baseline-deviation")
        .forEach(s -> counts.put(s, 0));
    matrix.tests().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
    return counts;
  }
}
