package dev.tcpconform.bench;

import java.util.Arrays;

/** Order statistics of a sample, nearest-rank (the p-th percentile is a value that was seen). */
final class Stats {

  private final long[] sorted;

  Stats(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: empty (expected: at least one)");
    }
    sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The {@code p}-th percentile, 0 &lt; p &lt;= 100. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  long median() {
    return percentile(50);
  }

  long max() {
    return sorted[sorted.length - 1];
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
