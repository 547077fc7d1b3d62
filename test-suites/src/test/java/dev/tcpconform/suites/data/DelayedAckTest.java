package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.6.3: a receiver delays its ACKs (SHLD-18), but never by half a second or more
 * (MUST-40). Samples: single small segments, each sent once the previous one was acknowledged,
 * the application not answering; the latency is the gap between the capture timestamps of the
 * segment and of its ACK.
 */
public class DelayedAckTest extends ConformanceTest {

  private static final Duration MAX_DELAY = Duration.ofMillis(500);
  private static final int SAMPLES = 24;
  /** An ACK later than this after its segment was delayed on purpose, not just processed. */
  private static final Duration DELAYED = Duration.ofMillis(10);

  @Requirement(id = "9293/MUST-40", section = "3.8.6.3", level = MUST)
  @Requirement(id = "9293/SHLD-18", section = "3.8.6.3", level = SHOULD)
  @Test(description = "Single small segments are acknowledged, some after a delay, none 500 ms"
      + " or more after the segment")
  public void acks_of_single_segments_are_delayed_but_never_by_half_a_second() {
    // GIVEN an established connection whose application neither reads nor answers
    Established c = Handshake.to(lane, agent(), 8750).complete();
    TcpPeer peer = c.peer();

    // WHEN the peer sends single 10-octet segments, each after the ACK of the previous one
    List<Duration> latencies = new ArrayList<>();
    Arrival slowest = null;
    for (int k = 0; k < SAMPLES; k++) {
      Segment s = peer.send(data(Octets.of(10 * k, 10)));
      Arrival ack = peer.nextSegment(within(MAX_DELAY.multipliedBy(2)));
      // THEN each is acknowledged (the right segment), no later than 500 ms after it
      then(ack).acknowledges(s);
      then(ack).matches(withFlags(ACK).noPayload());
      latencies.add(ack.sinceStimulus());
      if (slowest == null || ack.sinceStimulus().compareTo(slowest.sinceStimulus()) > 0) {
        slowest = ack;
      }
    }
    MeasuredIntervals intervals = new MeasuredIntervals();
    for (int i = 0; i < latencies.size(); i++) {
      intervals.note("ACK latency of sample " + (i + 1) + " (segment to its ACK)", latencies.get(i));
    }
    intervals.atMost("the slowest", slowest.sinceStimulus(), MAX_DELAY)
        .note("delayed on purpose: above " + Durations.seconds(DELAYED) + " (SHLD-18)").attach();
    then(slowest).arrivesNoLaterThan(MAX_DELAY, "the slowest ACK of " + SAMPLES + " samples");
    // AND the receiver does delay ACKs: at least one came later than mere processing would take
    then(latencies).as("ACK latencies of %d single segments (SHOULD delay)", SAMPLES)
        .anyMatch(d -> d.compareTo(DELAYED) > 0);
  }

}
