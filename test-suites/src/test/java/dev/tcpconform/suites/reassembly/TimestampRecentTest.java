package dev.tcpconform.suites.reassembly;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 7323 4.3: TS.Recent, the TSval a receiver echoes, is taken only from a segment at or left
 * of the last ACK it sent: a segment that arrives out of order leaves it alone, the segment that
 * fills the hole sets it.
 */
public class TimestampRecentTest extends ConformanceTest {

  private static final int SIZE = 100;

  @Requirement(id = "7323/ts-echo-rules", section = "4.3", level = MUST_STAR)
  @Test(description = "After in-order data with TSval A, an out-of-order segment with TSval B"
      + " draws a duplicate ACK echoing A; the segment filling the hole, TSval C, an ACK echoing C")
  public void out_of_order_segment_does_not_update_the_echoed_timestamp_but_the_gap_fill_does() {
    // GIVEN a connection with timestamps agreed
    Established c = Handshake.to(lane, agent(), 8730).timestamps().complete()
        .requireTimestamps("the echo rules apply once both SYNs carried them");
    TcpPeer peer = c.peer();
    SeqNum s = peer.sndNxt();

    // WHEN in-order data arrives with TSval A
    long a = tsval(peer.send(data(Octets.of(0, SIZE))));
    // THEN its ACK echoes A
    then(echo(peer.firstSegmentMatching(withFlags(ACK).ack(s.plus(SIZE)), within(ACK_DELAY))))
        .as("TSecr of the ACK of in-order data (its TSval %d)", a).isEqualTo(a);

    // WHEN segment 3 arrives out of order with TSval B
    long b = tsval(peer.send(data(Octets.of(2 * SIZE, SIZE)).seq(s.plus(2 * SIZE))));
    // THEN the duplicate ACK still echoes A
    Arrival dup = peer.nextSegment(within(ACK_DELAY));
    then(dup).matches(withFlags(ACK).ack(s.plus(SIZE)).noPayload());
    then(echo(dup)).as("TSecr of the duplicate ACK (TS.Recent %d; the out-of-order TSval %d"
        + " must not replace it)", a, b).isEqualTo(a);

    // WHEN segment 2 fills the hole with TSval C
    long cval = tsval(peer.send(data(Octets.of(SIZE, SIZE)).seq(s.plus(SIZE))));
    peer.sentUpTo(s.plus(3 * SIZE));
    // THEN the ACK of everything echoes C
    then(echo(peer.firstSegmentMatching(withFlags(ACK).ack(s.plus(3 * SIZE)), within(ACK_DELAY))))
        .as("TSecr of the ACK of the gap fill (its TSval %d)", cval).isEqualTo(cval);
  }

  private static long tsval(Segment sent) {
    return sent.option(Timestamps.class).orElseThrow().value();
  }

  private static Long echo(Arrival a) {
    then(a).isPresent();
    return a.segment().option(Timestamps.class).map(Timestamps::echoReply).orElse(null);
  }
}
