package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.Backoff;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/** RFC 6298 2.1 and 5.5: a SYN-ACK whose ACK never comes is retransmitted, backing off. */
public class SynAckRetransmissionTest extends ConformanceTest {

  @Requirement(id = "6298/initial-rto", section = "2.1", level = SHOULD)
  @Requirement(id = "6298/backoff", section = "5.5", level = MUST)
  @Test(
      description =
          "With the final ACK withheld, the SYN-ACK is retransmitted at least twice, the first"
              + " no earlier than the 1 s initial RTO and each interval about double the last")
  public void unacknowledged_syn_ack_is_retransmitted_with_exponential_backoff() {
    // GIVEN a listening port
    agent().listen(8093);
    TcpPeer peer = lane.peerTo(8093);

    // WHEN the peer sends a SYN and then withholds the final ACK
    Segment syn = peer.send(syn().option(mss(1460)));
    SegmentPattern synAck = withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload();
    Arrival first = peer.nextSegment(within(PROMPTLY));
    then(first).matches(synAck);
    synAck.seq(first.segment().seq());

    // THEN it comes again one RTO later (1 s; no more than 3 s is allowed), then after about
    // twice that interval (exponential backoff)
    Backoff.thenRetransmittedTwiceWithBackoff(first, synAck, peer::nextSegment, "SYN-ACK");
  }
}
