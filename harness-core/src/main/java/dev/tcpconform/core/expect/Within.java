package dev.tcpconform.core.expect;

import java.time.Duration;

/** How long an expectation waits: {@code within(Duration.ofSeconds(1))}. */
public record Within(Duration duration) {

  public Within {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
    }
  }

  public static Within within(Duration duration) {
    return new Within(duration);
  }

  public static Within withinMillis(long millis) {
    return new Within(Duration.ofMillis(millis));
  }

  /** Deadline in {@link System#nanoTime()} terms, from now. */
  public long deadlineNanos() {
    return System.nanoTime() + duration.toNanos();
  }

  @Override
  public String toString() {
    return Durations.seconds(duration);
  }
}
