package dev.tcpconform.suites.reset;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** RFC 9293 3.10.7.1: a segment to a port with no connection and no listener draws a reset. */
public class ClosedPortTest extends ConformanceTest {

  @DataProvider
  public Object[][] segmentsWithoutAck() {
    return new Object[][] {
      {"SYN", syn()},
      {"SYN with 5 bytes", syn().payload("hello")},
      {"FIN", Segment.builder().flags(FIN)},
      {"10 bytes", Segment.builder().flags(PSH).payload("0123456789")},
    };
  }

  @Requirement(id = "9293/EP-CLOSED-1", section = "3.10.7.1", level = MUST_STAR)
  @Test(
      dataProvider = "segmentsWithoutAck",
      description =
          "A segment without ACK to a port with no listener draws"
              + " <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>")
  public void segment_without_ack_to_closed_port_draws_rst_ack_with_seq_zero(
      String kind, Segment.Builder stimulus) {
    // GIVEN a port on the target where nothing listens
    TcpPeer peer = lane.peerTo(target.closedPort());

    // WHEN the peer sends a segment without ACK
    Segment sent = peer.send(stimulus);

    // THEN the next segment is RST,ACK with SEQ=0 and ACK=SEG.SEQ+SEG.LEN (SYN and FIN count one)
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(RST, ACK).seq(0).ack(sent.seq().plus(sent.segLen())).noPayload());
  }

  @Requirement(id = "9293/EP-CLOSED-2", section = "3.10.7.1", level = MUST_STAR)
  @Test(description = "A segment with ACK to a port with no listener draws <SEQ=SEG.ACK><CTL=RST>")
  public void ack_to_closed_port_draws_rst_with_seq_of_the_ack() {
    // GIVEN a port on the target where nothing listens
    TcpPeer peer = lane.peerTo(target.closedPort());

    // WHEN the peer sends an ACK acknowledging a number the target never sent
    Segment sent = peer.send(ack().ack(123_456_789L));

    // THEN the next segment is a bare RST whose SEQ is that ACK number
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(sent.ack()).noPayload());
  }
}
