package dev.tcpconform.core.expect;

import java.time.Duration;
import java.util.Locale;

/** One way to print times everywhere: seconds with fixed decimals. */
public final class Durations {

  private Durations() {}

  /** {@code 1.000 s} */
  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }

  /** {@code +0.000412} (six decimals, for ladders) */
  public static String offset(long nanos) {
    return String.format(Locale.ROOT, "%s%.6f", nanos < 0 ? "-" : "+", Math.abs(nanos) / 1e9);
  }
}
