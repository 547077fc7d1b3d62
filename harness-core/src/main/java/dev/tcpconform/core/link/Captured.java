package dev.tcpconform.core.link;

import dev.tcpconform.crafter.Frame;
import java.time.Instant;

/**
 * A fact: one frame on the wire and when it was there. Frames from the target carry the capture
 * timestamp of the kernel (nanoseconds since the epoch); frames the harness injected carry the
 * wall-clock time taken just before they were handed to the kernel.
 *
 * @param frame the decoded frame (never null; the decoder is total)
 * @param epochNanos capture or send time, nanoseconds since 1970-01-01T00:00:00Z
 * @param direction who put it on the wire
 */
public record Captured(Frame frame, long epochNanos, Direction direction) {

  /** Who put a frame on the wire, in packetdrill's arrows. */
  public enum Direction {
    /** Injected by the harness into the target: {@code <}. */
    TO_TARGET("<"),
    /** Sent by the target: {@code >}. */
    FROM_TARGET(">");

    private final String arrow;

    Direction(String arrow) {
      this.arrow = arrow;
    }

    public String arrow() {
      return arrow;
    }
  }

  public Instant instant() {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  /** Current wall-clock time in nanoseconds since the epoch, at the best resolution the JDK has. */
  public static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
