package dev.tcpconform.suites.close;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.close.CloseScenario.Connection;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.Backoff;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.5: the application's ABORT. Where the peer may still hold the connection
 * (SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT) it is told by one RST; where it
 * cannot (SYN-SENT: it never answered; CLOSING, LAST-ACK, TIME-WAIT: both FINs are out) the TCB
 * is deleted in silence.
 *
 * <p>Each case is a fresh connection in the state (on a port of its own), aborted by the agent
 * ({@code abort}: SO_LINGER 0, then close). In a state whose FIN or data is unacknowledged, the
 * abort follows the segment at once, well inside the target's retransmission timeout.
 */
public class AbortTest extends ConformanceTest {

  private final AtomicInteger ports = new AtomicInteger(8100);

  /** A state to abort in, and how the application's connection gets there. */
  record State(String name, Function<CloseScenario, Connection> reach) {
    @Override
    public String toString() {
      return name;
    }
  }

  @DataProvider
  public Object[][] statesTheResetIsSentIn() {
    return new Object[][] {
      {new State("SYN-RECEIVED", CloseScenario::synReceivedByCrossingSyns)},
      {new State("ESTABLISHED", CloseScenario::established)},
      {new State("ESTABLISHED with data in flight", CloseScenario::establishedWithDataInFlight)},
      {new State("FIN-WAIT-1", CloseScenario::finWait1)},
      {new State("FIN-WAIT-2", CloseScenario::finWait2)},
      {new State("CLOSE-WAIT", CloseScenario::closeWait)},
    };
  }

  @Requirement(id = "9293/EP-ABORT-1", section = "3.10.5", level = MUST_STAR)
  @Test(
      dataProvider = "statesTheResetIsSentIn",
      description =
          "An ABORT in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 or CLOSE-WAIT sends one"
              + " <SEQ=SND.NXT><CTL=RST> (the ACK flag may be set), then nothing: no FIN, no"
              + " retransmission")
  public void abort_sends_one_rst_at_snd_nxt_and_nothing_after(State state) {
    // GIVEN the application's connection in the state
    Connection conn = state.reach().apply(scenario());
    TcpPeer peer = conn.peer();
    SeqNum sndNxt = peer.rcvNxt();

    // WHEN the application aborts it
    agent().abort(conn.id());

    // THEN the next segment is <SEQ=SND.NXT><CTL=RST> without data
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(RST).flagOptional(ACK).seq(sndNxt).noPayload());
    // AND nothing follows it: no FIN, no data, no second RST
    then(peer.nextSegment(within(SILENCE))).isAbsent();
  }

  @DataProvider
  public Object[][] statesTheTcbIsDeletedSilentlyIn() {
    return new Object[][] {
      {new State("CLOSING", CloseScenario::closing)},
      {new State("LAST-ACK", CloseScenario::lastAck)},
      {new State("TIME-WAIT", CloseScenario::timeWait)},
    };
  }

  @Requirement(id = "9293/EP-ABORT-2", section = "3.10.5", level = MUST_STAR)
  @Test(
      dataProvider = "statesTheTcbIsDeletedSilentlyIn",
      description =
          "An ABORT in CLOSING, LAST-ACK or TIME-WAIT sends nothing (no RST, no retransmitted"
              + " FIN) and deletes the TCB: the peer's next segment on it draws"
              + " <SEQ=SEG.ACK><CTL=RST> as on a closed port")
  public void abort_after_both_fins_sends_nothing_and_deletes_the_connection(State state) {
    // GIVEN the application's connection in the state: both FINs are out
    Connection conn = state.reach().apply(scenario());
    TcpPeer peer = conn.peer();

    // WHEN the application aborts it
    agent().abort(conn.id());

    // THEN the target sends nothing: no RST, and its FIN is not retransmitted
    then(peer.nextSegment(within(SILENCE))).isAbsent();
    // AND the connection is gone: the peer's ACK of everything draws <SEQ=SEG.ACK><CTL=RST>
    Segment late = peer.send(ack());
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(late.ack()).noPayload());
  }

  @Requirement(id = "9293/EP-ABORT-2", section = "3.10.5", level = MUST_STAR)
  @Test(
      description =
          "An ABORT in SYN-SENT sends nothing and deletes the TCB: a late"
              + " <SEQ=Y><ACK=ISS+1><CTL=SYN,ACK> draws <SEQ=ISS+1><CTL=RST> as on a closed port")
  public void abort_in_syn_sent_sends_nothing_and_a_late_syn_ack_draws_rst() {
    // GIVEN the application connects and its SYN is not answered (SYN-SENT)
    Agent agent = agent();
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent);
    TcpPeer peer = open.peer();

    // WHEN the application aborts it
    agent.abort(open.connection());

    // THEN the target sends nothing: no RST, and no retransmitted SYN
    then(peer.nextSegment(within(Backoff.BEYOND_INITIAL_RTO))).isAbsent();
    // AND the port is closed: the peer's late SYN,ACK draws <SEQ=SEG.ACK><CTL=RST>
    Segment late = peer.send(synAck().ack(open.iss().plus(1)));
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(late.ack()).noPayload());
  }

  private CloseScenario scenario() {
    return new CloseScenario(lane, agent(), ports.getAndIncrement());
  }
}
