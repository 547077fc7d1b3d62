package dev.tcpconform.suites.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testng.ISuite;
import org.testng.ITestResult;

/**
 * What a suite run cost, from TestNG's own times: the tests run, the wall time from the first
 * test's start to the last one's end, the lanes the bed allowed at once, and the longest test.
 * A fact; the limit a run should keep (issue 7: at most 1.5 x the longest test plus start-up) is
 * for whoever reads it.
 *
 * @param tests test results (a retried test counts once per attempt)
 * @param wallMillis first start to last end
 * @param lanes lanes at once
 * @param longestMillis the longest single test
 * @param longest its name
 */
public record RunFigures(int tests, long wallMillis, int lanes, long longestMillis,
    String longest) {

  static RunFigures of(ISuite suite, int lanes) {
    List<ITestResult> results = new ArrayList<>();
    suite.getResults().values().forEach(r -> {
      results.addAll(r.getTestContext().getPassedTests().getAllResults());
      results.addAll(r.getTestContext().getFailedTests().getAllResults());
      results.addAll(r.getTestContext().getSkippedTests().getAllResults());
    });
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long longestMillis = 0;
    String longest = "none";
    for (ITestResult r : results) {
      first = Math.min(first, r.getStartMillis());
      last = Math.max(last, r.getEndMillis());
      long d = r.getEndMillis() - r.getStartMillis();
      if (d > longestMillis) {
        longestMillis = d;
        longest = r.getTestClass().getRealClass().getSimpleName() + "." + r.getName();
      }
    }
    return new RunFigures(results.size(), results.isEmpty() ? 0 : last - first, lanes,
        longestMillis, longest);
  }

  /** One line: {@code 545 tests in 52.1 s on 8 lanes; longest test 4.2 s (Class.method)}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d tests in %.1f s on %d lanes; longest test %.1f s (%s)",
        tests, wallMillis / 1000.0, lanes, longestMillis / 1000.0, longest);
  }
}
