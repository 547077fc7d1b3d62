package dev.tcpconform.suites.close;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.fin;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;
import static dev.tcpconform.crafter.TcpFlag.PSH;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.states.Scenario;
import dev.tcpconform.suites.states.TcpState;
import dev.tcpconform.suites.states.Variant;
import dev.tcpconform.suites.support.ActiveOpen;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Steps that bring a connection of the application into the states of its end (RFC 9293 3.3.2,
 * figure 6), and into the SYN-RECEIVED of a simultaneous open, through the wire and the agent,
 * each confirmed on the wire. A target that
 * cannot be brought into the state makes the test broken, not failed: the rule under test is
 * another one.
 *
 * <p>Names as in RFC 9293: the target's FIN is F (at the target's SND.NXT-1 once sent), the
 * peer's FIN is P.
 */
final class CloseScenario {

  private static final Duration PROMPTLY = Duration.ofMillis(900);

  /** The target's side of the connection: the peer, and the agent's id for it. */
  record Connection(TcpPeer peer, String id) {}

  private final Lane lane;
  private final Agent agent;
  private final int port;

  /** Steps on a fresh connection to {@code port} of the target (a port of its own per case). */
  CloseScenario(Lane lane, Agent agent, int port) {
    this.lane = lane;
    this.agent = agent;
    this.port = port;
  }

  /**
   * SYN-RECEIVED of an active open: the application connects and the peer's SYN crosses the
   * application's (the only SYN-RECEIVED the application holds a connection in).
   */
  Connection synReceivedByCrossingSyns() {
    ActiveOpen open = ActiveOpen.inSynReceived(lane, agent);
    return new Connection(open.peer(), open.connection());
  }

  /** A completed passive open, accepted by the application; the listener is closed again. */
  Connection established() {
    return reach(TcpState.ESTABLISHED);
  }

  /** ESTABLISHED, and 5 bytes the application sent are on the wire, not yet acknowledged. */
  Connection establishedWithDataInFlight() {
    Connection c = established();
    return step("ESTABLISHED with data in flight", () -> {
      agent.send(c.id(), "hello".getBytes(StandardCharsets.US_ASCII));
      c.peer().expect(withFlags(PSH, ACK).payloadLength(5), within(PROMPTLY));
      return c;
    });
  }

  /** The peer closed (its FIN acknowledged) and the application read end-of-stream. */
  Connection closeWait() {
    return reach(TcpState.CLOSE_WAIT);
  }

  /** From CLOSE-WAIT the application shut down writing; its FIN F is not acknowledged. */
  Connection lastAck() {
    Connection c = closeWait();
    return step("LAST-ACK", () -> {
      agent.shutdown(c.id(), "wr");
      c.peer().expect(withFlags(FIN, ACK).seq(c.peer().rcvNxt()).noPayload(), within(PROMPTLY));
      return c;
    });
  }

  /** The application shut down writing; its FIN F is not acknowledged. */
  Connection finWait1() {
    return reach(TcpState.FIN_WAIT_1);
  }

  /** FIN-WAIT-1, and the peer acknowledged F. */
  Connection finWait2() {
    return reach(TcpState.FIN_WAIT_2);
  }

  /** FIN-WAIT-1, then the peer's FIN P, not acknowledging F, acknowledged by the target. */
  Connection closing() {
    return reach(TcpState.CLOSING);
  }

  /** FIN-WAIT-2, then the peer's FIN P, acknowledged by the target. */
  Connection timeWait() {
    return reach(TcpState.TIME_WAIT);
  }

  /** The state machine's own steps ({@link Scenario}), the application keeping its connection. */
  private Connection reach(TcpState state) {
    Scenario.Connection c = Scenario.reach(state, Variant.PLAIN, lane, agent, port);
    return new Connection(c.peer(), c.id());
  }

  /** {@code <SEQ=SND.NXT><ACK=F><CTL=FIN,ACK>}: the peer's FIN, acknowledging all but F. */
  static Segment.Builder finNotAcknowledgingTheTargetsFin(TcpPeer peer) {
    return fin().ack(peer.rcvNxt().minus(1));
  }

  /** {@code <SEQ=P><ACK=F+1><CTL=FIN,ACK>}: the peer's FIN again, as a retransmission. */
  static Segment.Builder finRetransmitted(TcpPeer peer) {
    return fin().seq(peer.sndNxt().minus(1));
  }

  private static Connection step(String state, Supplier<Connection> step) {
    try {
      return step.get();
    } catch (AssertionError e) {
      throw new HarnessException("could not bring the target into " + state + ": "
          + e.getMessage().strip().lines().skip(1).findFirst().orElse(e.getMessage()), e);
    }
  }
}
