package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import java.util.List;

/**
 * What one target says about one requirement: the requirement's verdict on that target, as
 * {@link dev.tcpconform.reports.matrix.ComplianceMatrix} gives it, and the tests behind it.
 * {@code not-available} when the target did not run, or ran no test of the requirement.
 *
 * @param verdict one of {@link #VERDICTS}
 * @param tests the target's tests that carry the requirement (empty when not available)
 */
public record Cell(String verdict, List<TestRow> tests) {

  public static final String NOT_AVAILABLE = "not-available";

  /** Every verdict a cell can hold, in the order the reports count them. */
  public static final List<String> VERDICTS = List.of(
      "passed", "failed", "broken", "skipped", "baseline-deviation", NOT_AVAILABLE);

  public Cell {
    tests = List.copyOf(tests);
  }

  public static Cell notAvailable() {
    return new Cell(NOT_AVAILABLE, List.of());
  }

  /** The tests whose status is the cell's verdict: the ones that decided it. */
  public List<TestRow> decidingTests() {
    return tests.stream().filter(t -> t.status().equals(verdict)).toList();
  }
}
