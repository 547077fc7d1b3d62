package dev.tcpconform.reports.results;

import java.util.List;
import java.util.Map;

/**
 * One test result of a run, as read from its Allure result file.
 *
 * @param name the test's display name (its rule, for conformance tests)
 * @param fullName class and method
 * @param parameters the data provider's values, in order (empty when none)
 * @param status passed, failed, broken, skipped or unknown
 * @param durationMs stop minus start
 * @param requirements requirement IDs, in declaration order (empty: not a conformance test)
 * @param levels level of each requirement ID
 * @param target the target's name, or null
 * @param message the first line of the failure message, or null
 */
public record TestOutcome(
    String name,
    String fullName,
    List<String> parameters,
    String status,
    long durationMs,
    List<String> requirements,
    Map<String, String> levels,
    String target,
    String message) {

  public boolean isConformanceTest() {
    return !requirements.isEmpty();
  }

  /** {@code fullName[param1, param2]}, or the full name when there are no parameters. */
  public String key() {
    return parameters.isEmpty() ? fullName : fullName + parameters;
  }
}
