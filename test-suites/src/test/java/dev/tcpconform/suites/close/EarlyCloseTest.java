package dev.tcpconform.suites.close;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.Backoff;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.4: a CLOSE before any data could flow deletes the TCB at once, with no FIN: in
 * SYN-SENT (the peer never answered) and on a listener.
 */
@Requirement(id = "9293/EP-CLOSE-8", section = "3.10.4", level = MUST_STAR)
public class EarlyCloseTest extends ConformanceTest {

  @Test(
      description =
          "A CLOSE in SYN-SENT deletes the TCB: no more SYNs, no FIN, no RST, and a late"
              + " <SEQ=Y><ACK=ISS+1><CTL=SYN,ACK> draws <SEQ=ISS+1><CTL=RST> as on a closed port")
  public void close_in_syn_sent_sends_nothing_and_a_late_syn_ack_draws_rst() {
    // GIVEN the application connects and its SYN is not answered (SYN-SENT)
    Agent agent = agent();
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent);
    TcpPeer peer = open.peer();

    // WHEN the application closes the connection
    agent.close(open.connection());

    // THEN the target sends nothing for longer than the SYN's retransmission timeout
    then(peer.nextSegment(within(Backoff.BEYOND_INITIAL_RTO))).isAbsent();
    // AND the port is closed: the peer's late SYN,ACK draws <SEQ=SEG.ACK><CTL=RST>
    Segment late = peer.send(synAck().ack(open.iss().plus(1)));
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(late.ack()).noPayload());
  }

  @Test(
      description =
          "A CLOSE of a listener stops it: a SYN to its port then draws"
              + " <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> as on a closed port")
  public void closed_listener_answers_a_syn_with_rst_ack() {
    // GIVEN a listener that answers a SYN with a SYN,ACK
    Agent agent = agent();
    String listener = agent.listen(8096);
    TcpPeer before = lane.peerTo(8096);
    Segment first = before.send(syn().option(mss(1460)));
    then(before.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK).ack(first.seq().plus(1)));

    // WHEN the application closes the listener
    agent.close(listener);

    // THEN a SYN from another port draws <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>
    TcpPeer after = lane.peerTo(8096);
    Segment syn = after.send(syn().option(mss(1460)));
    then(after.nextSegment(within(PROMPTLY)))
        .matches(withFlags(RST, ACK).seq(0).ack(syn.seq().plus(1)).noPayload());
  }
}
