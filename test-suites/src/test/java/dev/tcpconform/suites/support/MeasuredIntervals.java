package dev.tcpconform.suites.support;

import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.TimingModel;
import io.qameta.allure.Allure;
import java.time.Duration;

/**
 * The "measured intervals" attachment of a timing test: each interval read from the capture
 * timestamps, with what the rule expects of it and the timing model's tolerance. Attached whether
 * the test passes or fails ({@link #attach()} in a {@code finally}).
 */
public final class MeasuredIntervals {

  private final StringBuilder text = new StringBuilder();

  /** {@code what: 0.201 s (expected: about 0.400 s, tolerance 0.050 s = max(4 ms, ...))} */
  public MeasuredIntervals about(String what, Duration measured, Duration expected) {
    return line(what, measured, "about " + Durations.seconds(expected) + ", "
        + TimingModel.explain(expected));
  }

  /** {@code what: 0.201 s (expected: at least 1.000 s, tolerance ...)} */
  public MeasuredIntervals atLeast(String what, Duration measured, Duration bound) {
    return line(what, measured, "at least " + Durations.seconds(bound) + ", "
        + TimingModel.explain(bound));
  }

  /** {@code what: 0.002 s (expected: at most 0.100 s)} */
  public MeasuredIntervals atMost(String what, Duration measured, Duration bound) {
    return line(what, measured, "at most " + Durations.seconds(bound));
  }

  /** A measured interval with no expectation of its own (context for the others). */
  public MeasuredIntervals note(String what, Duration measured) {
    return line(what, measured, null);
  }

  /** Free text: a count, an observation. */
  public MeasuredIntervals note(String line) {
    text.append(line).append('\n');
    return this;
  }

  private MeasuredIntervals line(String what, Duration measured, String expected) {
    text.append(what).append(": ").append(Durations.seconds(measured));
    if (expected != null) {
      text.append(" (expected: ").append(expected).append(')');
    }
    text.append('\n');
    return this;
  }

  public void attach() {
    Allure.addAttachment("measured intervals", "text/plain",
        text.length() == 0 ? "(nothing was measured: the test stopped before)\n" : text.toString(),
        ".txt");
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
