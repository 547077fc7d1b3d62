package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.CWR;
import static dev.tcpconform.crafter.TcpFlag.ECE;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.2 (SHLD-8) asks for ECN (RFC 3168): a SYN with ECE and CWR set draws a SYN,ACK with
 * ECE (and without CWR, 3168 6.1.1); after data marked CE (Congestion Experienced) in the IP
 * header, the receiver sets ECE on its ACKs until data with CWR arrives.
 */
public class EcnTest extends ConformanceTest {

  /** The ECN field of the IP header (RFC 3168 5): ECT(0), and CE. */
  private static final int ECT_0 = 0b10;
  private static final int CE = 0b11;

  @Requirement(id = "9293/SHLD-8", section = "3.8.2", level = SHOULD)
  @Test(description = "A SYN offering ECN draws a SYN,ACK with ECE; data marked CE draws ACKs with"
      + " ECE, until data with CWR arrives")
  public void ecn_is_agreed_and_congestion_experienced_is_echoed_until_cwr() {
    // GIVEN a listening port
    String listener = agent().listen(8790);
    TcpPeer peer = lane.peerTo(8790);

    // WHEN the peer's SYN offers ECN (ECE and CWR set)
    Segment syn = peer.send(Segments.syn().flags(SYN, ECE, CWR).option(mss(1460)));

    // THEN the SYN,ACK agrees: ECE set, CWR not
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK, ECE).ack(syn.seq().plus(1)).noPayload());
    peer.send(ack());
    agent().accept(listener, Duration.ofSeconds(2));

    // WHEN data arrives marked Congestion Experienced
    Segment marked = peer.send(data(Octets.of(0, 10)).tos(CE));
    // THEN its ACK carries ECE
    Arrival echo = peer.firstSegmentMatching(withFlags(ACK).flagOptional(ECE).ack(
        marked.seq().plus(10)), within(ACK_DELAY));
    then(echo).matches(withFlags(ACK, ECE).noPayload());

    // AND the ACK of the next data (ECT, no CE) carries ECE still: the peer has not sent CWR
    Segment next = peer.send(data(Octets.of(10, 10)).tos(ECT_0));
    then(peer.firstSegmentMatching(withFlags(ACK).flagOptional(ECE).ack(next.seq().plus(10)),
        within(ACK_DELAY))).matches(withFlags(ACK, ECE).noPayload());

    // WHEN data with CWR arrives
    Segment reduced = peer.send(data(Octets.of(20, 10)).flags(PSH, ACK, CWR).tos(ECT_0));
    // THEN the echo stops
    then(peer.firstSegmentMatching(withFlags(ACK).flagOptional(ECE).ack(reduced.seq().plus(10)),
        within(ACK_DELAY))).matches(withFlags(ACK).noPayload());
  }
}
