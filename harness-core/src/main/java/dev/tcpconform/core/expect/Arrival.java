package dev.tcpconform.core.expect;

import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.FlowKey;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import java.time.Duration;
import java.util.List;

/**
 * A fact, not a verdict: the segment that arrived on a flow and when, or that nothing arrived by
 * the deadline. Assertions ({@code TcpAssertions.then(arrival)}) turn it into passed or failed.
 */
public final class Arrival {

  private final Captured captured;
  private final FlowKey flow;
  private final String awaited;
  private final Within within;
  private final long waitStartNanos;
  private final long stimulusNanos;
  private final List<Captured> skipped;
  private final Evidence evidence;

  public Arrival(
      Captured captured,
      FlowKey flow,
      String awaited,
      Within within,
      long waitStartNanos,
      long stimulusNanos,
      List<Captured> skipped,
      Evidence evidence) {
    this.captured = captured;
    this.flow = flow;
    this.awaited = awaited;
    this.within = within;
    this.waitStartNanos = waitStartNanos;
    this.stimulusNanos = stimulusNanos;
    this.skipped = List.copyOf(skipped);
    this.evidence = evidence;
  }

  public boolean isPresent() {
    return captured != null;
  }

  /** The segment; call only when {@link #isPresent()} (assertions check that first). */
  public Segment segment() {
    if (captured == null) {
      throw new IllegalStateException("nothing arrived: " + awaited);
    }
    return ((Frame.Tcp) captured.frame()).segment();
  }

  /** The captured frame, or null. */
  public Captured captured() {
    return captured;
  }

  /** Capture time in epoch nanoseconds; call only when present. */
  public long epochNanos() {
    return segmentCaptured().epochNanos();
  }

  private Captured segmentCaptured() {
    if (captured == null) {
      throw new IllegalStateException("nothing arrived: " + awaited);
    }
    return captured;
  }

  /** From the last segment the harness injected on this flow to this arrival. */
  public Duration sinceStimulus() {
    return Duration.ofNanos(epochNanos() - stimulusNanos);
  }

  /** From {@code earlier}'s capture to this one's. */
  public Duration since(Arrival earlier) {
    return Duration.ofNanos(epochNanos() - earlier.epochNanos());
  }

  public FlowKey flow() {
    return flow;
  }

  /** {@code the next segment from 198.18.0.2:8080} */
  public String awaited() {
    return awaited;
  }

  public Within within() {
    return within;
  }

  public long waitStartNanos() {
    return waitStartNanos;
  }

  public long stimulusNanos() {
    return stimulusNanos;
  }

  /** Segments of the flow passed over to reach this one ({@code firstSegmentMatching}). */
  public List<Captured> skipped() {
    return skipped;
  }

  public Evidence evidence() {
    return evidence;
  }

  /** Origins for printing this flow's numbers: the target's ISN for its own sequence space. */
  public SeqNum targetIsn() {
    return evidence.targetIsn(flow);
  }

  @Override
  public String toString() {
    if (captured == null) {
      return "nothing (" + awaited + ", within " + within + ")";
    }
    return "> " + segment().describe(dev.tcpconform.crafter.text.SegmentFormat.SHORT, targetIsn(), null)
        + " at " + Durations.offset(captured.epochNanos() - stimulusNanos) + " s";
  }
}
