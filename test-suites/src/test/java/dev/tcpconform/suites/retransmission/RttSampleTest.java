package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.LateHarnessException;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 6298 2.2: the first RTT measurement R sets SRTT = R and RTTVAR = R/2, so RTO = SRTT +
 * max(G, 4 RTTVAR) = 3R. The peer makes the handshake's RTT the first sample and a long one: it
 * sends the final ACK 0.4 s after the SYN,ACK (R as the capture shows it), then withholds the ACK
 * of the application's first segment.
 */
public class RttSampleTest extends ConformanceTest {

  /** Far above the link's RTT and any clock granularity, far below the 1 s initial RTO. */
  private static final Duration FINAL_ACK_DELAY = Duration.ofMillis(400);

  @Requirement(id = "6298/first-sample", section = "2.2", level = MUST)
  @Test(description = "After a first RTT sample R of 0.4 s (the final ACK of the handshake"
      + " delayed), the first data segment left unacknowledged is retransmitted 3R after it was"
      + " sent: RTO = SRTT + 4 RTTVAR = R + 4 R/2")
  public void first_rtt_sample_makes_the_rto_three_times_the_rtt() {
    // GIVEN a listener, and a handshake whose final ACK the peer sends 0.4 s after the SYN,ACK
    String listener = agent().listen(8350);
    TcpPeer peer = lane.peerTo(8350);
    Segment syn = peer.send(Segments.syn().option(TcpOptions.mss(1460)));
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    if (!synAck.isPresent()
        || !withFlags(SYN, ACK).ack(syn.seq().plus(1)).matches(synAck.segment())) {
      throw new HarnessException("could not open a connection to port 8350: expected a SYN,ACK,"
          + " got " + (synAck.isPresent() ? synAck.segment() : "nothing"));
    }
    peer.expectNothing(FINAL_ACK_DELAY);
    peer.send(Segments.ack());
    Established c = new Established(peer, agent(), agent().accept(listener,
        Duration.ofSeconds(2)), syn, synAck);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the application writes one segment and the peer does not acknowledge it
      Flight flight = Flight.of(c, 1).requireSegments(1);
      Arrival sent = flight.original(0);
      SegmentPattern first = flight.segment(0);
      // (R: from the SYN,ACK's capture to the final ACK's, the only injection in between)
      Duration rtt = Duration.ofNanos(sent.stimulusNanos() - synAck.epochNanos());
      if (rtt.compareTo(Duration.ofMillis(900)) > 0) {
        // past the SYN,ACK's own RTO the sample would be ambiguous (Karn): no rule to check
        throw new LateHarnessException("the harness sent the final ACK " + Durations.seconds(rtt)
            + " after the SYN,ACK, not the intended 0.4 s (a busy host; run it again)");
      }
      Duration rto = rtt.multipliedBy(3);
      intervals.note("R, the first RTT sample (SYN,ACK to the final ACK)", rtt);

      // THEN it is retransmitted (right segment) 3R after it was sent (right time)
      Arrival r = peer.nextSegment(within(rto.multipliedBy(2)));
      then(r).as("the retransmission of the first data segment").matches(first);
      intervals.about("RTO (original to retransmission)", r.since(sent), rto);
      then(r).arrivesAfter(sent, rto, "the retransmission (RTO = R + 4 R/2 = 3R)");
    } finally {
      intervals.attach();
    }
  }
}
