package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.anySegment;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.rst;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Backoff;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4 and 3.8.6.1: a receiver whose window is zero (its application reads
 * nothing) refuses data but answers it with an ACK showing RCV.NXT and window 0, and still
 * processes the ACK field and RST of arriving segments.
 */
public class ZeroReceiveWindowTest extends ConformanceTest {

  /**
   * How long the target is given to take in a RST, which draws no answer that would say so (as
   * the states' scenarios give a target the ACK that brings it to FIN-WAIT-2).
   */
  private static final Duration TAKEN_IN = Duration.ofMillis(50);

  @Requirement(id = "9293/EP-ZW-ACK", section = "3.8.6.1", level = MUST_STAR)
  @Requirement(id = "9293/EP-SEQ-5", section = "3.10.7.4", level = MUST_STAR)
  @Test(
      description =
          "With RCV.WND = 0, one octet at RCV.NXT is refused: it draws"
              + " <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with window 0 and is never delivered")
  public void data_into_a_zero_window_draws_an_ack_of_rcv_nxt_with_window_zero() {
    // GIVEN a connection whose application reads nothing and whose receive window is full
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8540)).fill();
    TcpPeer peer = rw.peer();

    // WHEN the peer sends one octet at RCV.NXT (its state left alone: the octet is refused)
    Segment probe = peer.send(data("x").seq(peer.sndNxt()));

    // THEN the target answers with an ACK of RCV.NXT (not of the octet) and window 0
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(probe.seq()).window(0).noPayload());

    // AND the application, reading, gets exactly the data acknowledged before, not the octet
    byte[] read = rw.connection().appReads(rw.delivered().length + 1, Duration.ofMillis(500));
    then(read).as("what the application read (%d octets acknowledged before the probe)",
        rw.delivered().length).isEqualTo(rw.delivered());
  }

  @Requirement(id = "9293/EP-SEQ-5", section = "3.10.7.4", level = MUST_STAR)
  @Test(
      description =
          "With RCV.WND = 0 the ACK field of a refused segment is still processed: it"
              + " acknowledges the target's data, which is then never retransmitted")
  public void ack_on_data_refused_by_a_zero_window_still_acknowledges_the_targets_data() {
    // GIVEN a connection whose receive window is full, and 100 octets the application sent,
    // not yet acknowledged
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8541)).fill();
    TcpPeer peer = rw.peer();
    Established c = rw.connection();
    c.agent().send(c.connection(), Octets.of(0, 100));
    Arrival hundred = peer.firstSegmentMatching(anySegment().payloadLength(100),
        within(PROMPTLY));
    then(hundred).isPresent();
    SeqNum sndNxt = hundred.segment().seq().plus(100);

    // WHEN the peer sends one octet at RCV.NXT acknowledging them (ACK = SND.NXT)
    Segment probe = peer.send(data("x").seq(peer.sndNxt()).ack(sndNxt));

    // THEN the octet is refused: ACK of RCV.NXT with window 0, from SND.NXT
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).seq(sndNxt).ack(probe.seq()).window(0).noPayload());

    // AND the 100 octets are not retransmitted: the ACK field was taken
    then(peer.nextSegment(within(Backoff.BEYOND_INITIAL_RTO))).isAbsent();
  }

  @Requirement(id = "9293/MUST-66", section = "3.4", level = MUST)
  @Test(
      description =
          "With RCV.WND = 0 a RST at SEQ = RCV.NXT is still processed: the connection is"
              + " reset, the application's next send fails, and a later ACK draws a RST")
  public void rst_at_rcv_nxt_resets_a_connection_whose_receive_window_is_zero() {
    // GIVEN a connection whose receive window is full
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8542)).fill();
    TcpPeer peer = rw.peer();
    Established c = rw.connection();

    // WHEN the peer sends <SEQ=RCV.NXT><CTL=RST>
    peer.send(rst().seq(peer.sndNxt()));

    // THEN it draws no answer, and meanwhile the target has taken it in: the application's send
    // made at once overtook the RST in a user-space stack's input (gVisor's segment goroutine),
    // which sent the data before it was reset
    then(peer.nextSegment(within(TAKEN_IN))).isAbsent();

    // AND the application's next send fails with a reset
    AgentReply sent = c.agent().trySend(c.connection(), Octets.of(0, 10));
    then(sent.isError("reset")).as("the application's send after the RST fails with a reset;"
        + " the agent said: %s", sent).isTrue();

    // AND the connection is gone: an ACK draws <SEQ=SEG.ACK><CTL=RST>
    Segment late = peer.send(ack());
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(late.ack()));
  }
}
