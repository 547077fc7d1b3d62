package dev.tcpconform.reports.determinism;

import dev.tcpconform.reports.results.TestOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of the same suite run several times, test by test: a test is <em>flaky</em> when
 * its verdict is not the same in every run (a run where it has no result counts as the verdict
 * {@code missing}). Facts only; what counts as too many flakes is for the caller.
 */
public final class RepeatedRuns {

  /** One test's verdict in each run, in run order. */
  public record Verdicts(String key, List<String> perRun) {

    public boolean isFlaky() {
      return perRun.stream().distinct().count() > 1;
    }
  }

  private final int runs;
  private final Map<String, String[]> verdicts = new LinkedHashMap<>();

  public RepeatedRuns(List<List<TestOutcome>> runs) {
    this.runs = runs.size();
    for (int r = 0; r < runs.size(); r++) {
      for (TestOutcome o : runs.get(r)) {
        String[] v = verdicts.computeIfAbsent(o.key(), k -> newRow());
        v[r] = o.status();
      }
    }
  }

  private String[] newRow() {
    String[] v = new String[runs];
    java.util.Arrays.fill(v, "missing");
    return v;
  }

  public int runs() {
    return runs;
  }

  public int tests() {
    return verdicts.size();
  }

  /** Every test whose verdict differs between runs, in the order first seen. */
  public List<Verdicts> flaky() {
    List<Verdicts> out = new ArrayList<>();
    verdicts.forEach((k, v) -> {
      Verdicts row = new Verdicts(k, List.of(v));
      if (row.isFlaky()) {
        out.add(row);
      }
    });
    return out;
  }
}
