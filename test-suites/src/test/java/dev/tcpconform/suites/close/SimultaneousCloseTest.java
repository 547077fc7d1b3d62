package dev.tcpconform.suites.close;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.fin;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.close.CloseScenario.Connection;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.6 (figure 13) and 3.10.7.4: both sides close at once. The application's FIN F and
 * the peer's FIN P cross; whether P acknowledges F decides between CLOSING and TIME-WAIT.
 *
 * <p>TIME-WAIT is told apart on the wire from its neighbours: unlike CLOSED it acknowledges a
 * retransmission of P, and unlike CLOSING it does not retransmit F.
 */
@Requirement(id = "9293/EP-CLOSE-3", section = "3.10.7.4", level = MUST_STAR)
public class SimultaneousCloseTest extends ConformanceTest {


  @Test(
      description =
          "In FIN-WAIT-1 a FIN that does not acknowledge the target's FIN draws"
              + " <SEQ=F+1><ACK=P+1><CTL=ACK> (CLOSING); the ACK of F then leads to TIME-WAIT:"
              + " F is not retransmitted and a retransmitted FIN is acknowledged again")
  public void crossing_fin_leads_through_closing_to_time_wait() {
    // GIVEN the application shut down writing and its FIN F is not acknowledged (FIN-WAIT-1)
    Connection conn = new CloseScenario(lane, agent(), 8094).finWait1();
    TcpPeer peer = conn.peer();
    SeqNum afterF = peer.rcvNxt();

    // WHEN the peer sends its own FIN P, acknowledging everything but F
    Segment p = peer.send(CloseScenario.finNotAcknowledgingTheTargetsFin(peer));

    // THEN the target acknowledges P at once: <SEQ=F+1><ACK=P+1><CTL=ACK> (CLOSING)
    then(peer.nextSegment(within(ACK_DELAY)))
        .matches(withFlags(ACK).seq(afterF).ack(p.seq().plus(1)).noPayload());

    // WHEN the peer acknowledges F
    peer.send(ack());

    // THEN the connection is in TIME-WAIT
    thenInTimeWait(peer, afterF);
  }

  @Test(
      description =
          "In FIN-WAIT-1 a FIN that also acknowledges the target's FIN draws"
              + " <SEQ=F+1><ACK=P+1><CTL=ACK> and leads straight to TIME-WAIT: F is not"
              + " retransmitted and a retransmitted FIN is acknowledged again")
  public void fin_acknowledging_the_targets_fin_leads_straight_to_time_wait() {
    // GIVEN the application shut down writing and its FIN F is not acknowledged (FIN-WAIT-1)
    Connection conn = new CloseScenario(lane, agent(), 8095).finWait1();
    TcpPeer peer = conn.peer();
    SeqNum afterF = peer.rcvNxt();

    // WHEN the peer sends its FIN P, acknowledging F as well
    Segment p = peer.send(fin());

    // THEN the target acknowledges P: <SEQ=F+1><ACK=P+1><CTL=ACK>
    then(peer.nextSegment(within(ACK_DELAY)))
        .matches(withFlags(ACK).seq(afterF).ack(p.seq().plus(1)).noPayload());

    // AND the connection is in TIME-WAIT
    thenInTimeWait(peer, afterF);
  }

  /**
   * TIME-WAIT, on the wire: nothing comes for longer than a retransmission timeout (F is
   * acknowledged, so not retransmitted as in CLOSING), and a retransmission of the peer's FIN is
   * acknowledged again, <SEQ=F+1><ACK=P+1><CTL=ACK> (not reset as in CLOSED).
   */
  private void thenInTimeWait(TcpPeer peer, SeqNum afterF) {
    then(peer.nextSegment(within(SILENCE))).isAbsent();
    Segment again = peer.send(CloseScenario.finRetransmitted(peer));
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).seq(afterF).ack(again.seq().plus(1)).noPayload());
  }
}
