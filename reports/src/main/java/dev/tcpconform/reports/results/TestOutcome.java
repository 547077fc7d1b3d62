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
 * @param testClass the class the test ran in, as Allure's {@code testClass} label names it, or
 *     null: it differs from {@code fullName}'s class for a method inherited from a base class
 *     (the state machine's {@code StateMachineTest} runs in one subclass per state)
 * @param demonstrates for a fault demonstration, the conformance test it shows able to fail, as
 *     its {@code demonstrates} label names it ({@link #demonstrableName()}); null for any other
 *     result
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
    String message,
    String testClass,
    String demonstrates) {

  /** An outcome whose results do not name the class the test ran in. */
  public TestOutcome(String name, String fullName, List<String> parameters, String status,
      long durationMs, List<String> requirements, Map<String, String> levels, String target,
      String message) {
    this(name, fullName, parameters, status, durationMs, requirements, levels, target, message,
        null, null);
  }

  public boolean isConformanceTest() {
    return !requirements.isEmpty();
  }

  /** {@code fullName[param1, param2]}, or the full name when there are no parameters. */
  public String key() {
    return parameters.isEmpty() ? fullName : fullName + parameters;
  }

  /**
   * The name a fault demonstration gives this test in its {@code demonstrates} label: the class
   * the test ran in, its method and, for a data-provider case, the first parameter (the case's
   * name, as captures are named), e.g. {@code dev.tcpconform.suites.states.ListenTest.
   * segment_in_a_state_draws_the_answer_the_oracle_gives[LISTEN RST]}.
   */
  public String demonstrableName() {
    int dot = fullName.lastIndexOf('.');
    String className = testClass != null ? testClass : dot < 0 ? "" : fullName.substring(0, dot);
    return className + "." + fullName.substring(dot + 1)
        + (parameters.isEmpty() ? "" : "[" + parameters.get(0) + "]");
  }
}
