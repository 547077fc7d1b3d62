package dev.tcpconform.reports.mutants;

import dev.tcpconform.reports.results.TestOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault demonstrations of a run (the test-suites' {@code FaultDemonstrationTest}): each row
 * runs one conformance test against a Linux target made to break its rule, and passes when the
 * conformance test's verdict there is <em>failed</em>. A row's result names the test it
 * demonstrates in its {@code demonstrates} label ({@link TestOutcome#demonstrableName()}); its
 * first parameter is the row's own name ({@code ClosedPortTest.syn_...(SYN) vs [faults]}).
 */
public final class FaultDemonstrations {

  private final Map<String, List<TestOutcome>> byTest = new LinkedHashMap<>();

  private FaultDemonstrations(List<TestOutcome> results) {
    for (TestOutcome r : results) {
      if (r.demonstrates() != null) {
        byTest.computeIfAbsent(r.demonstrates(), k -> new ArrayList<>()).add(r);
      }
    }
  }

  /** The demonstrations among {@code results}; other results are left out. */
  public static FaultDemonstrations of(List<TestOutcome> results) {
    return new FaultDemonstrations(results);
  }

  /** Whether the results held no fault demonstration at all. */
  public boolean isEmpty() {
    return byTest.isEmpty();
  }

  /** Demonstrations in all. */
  public int size() {
    return byTest.values().stream().mapToInt(List::size).sum();
  }

  /** The rows that demonstrate {@code test}, whatever their verdict. */
  public List<TestOutcome> of(TestOutcome test) {
    return byTest.getOrDefault(test.demonstrableName(), List.of());
  }

  /** The rows that demonstrate the test called {@code demonstrableName}, whatever their verdict. */
  public List<TestOutcome> of(String demonstrableName) {
    return byTest.getOrDefault(demonstrableName, List.of());
  }

  /** The names of the tests the demonstrations show failing. */
  public java.util.Set<String> tests() {
    return byTest.keySet();
  }

  /** A row's name: its first parameter, else the name of its test. */
  public static String rowName(TestOutcome row) {
    return row.parameters().isEmpty() ? row.key() : row.parameters().get(0);
  }
}
