package dev.tcpconform.suites.states;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.fin;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import java.time.Duration;

/**
 * Reusable steps that drive the target into a state through the wire and the agent, and confirm
 * it. A target that cannot be brought into the state makes the case broken (the cell could not
 * be checked), not failed: the rule under test is another one.
 */
public final class Scenario {

  static final Duration PROMPTLY = Duration.ofMillis(900);
  /** Delayed ACKs may take up to 500 ms (RFC 9293 MUST-40). */
  static final Duration ACK_DELAY = Duration.ofMillis(600);

  /** The target's side of the connection under test: the peer, and the agent's id for it. */
  public record Connection(TcpPeer peer, String id) {}

  private Scenario() {}

  /** How many empty ACKs the peer sends on the way into the state. */
  public static int emptyAcksFromPeer(TcpState state) {
    return switch (state) {
      case CLOSED, LISTEN -> 0;
      case ESTABLISHED, CLOSE_WAIT -> 1;
      case FIN_WAIT_2, TIME_WAIT -> 2;
    };
  }

  /** Whether reaching the state takes an empty ACK from the target (of the peer's FIN). */
  public static boolean needsEmptyAckFromTarget(TcpState state) {
    return state == TcpState.CLOSE_WAIT || state == TcpState.TIME_WAIT;
  }

  public static Connection reach(TcpState state, Lane lane, Agent agent, int port) {
    try {
      return drive(state, lane, agent, port);
    } catch (AssertionError e) {
      throw new HarnessException("could not bring the target into " + state.rfcName() + ": "
          + e.getMessage().strip().lines().skip(1).findFirst().orElse(e.getMessage()), e);
    }
  }

  private static Connection drive(TcpState state, Lane lane, Agent agent, int port) {
    if (state == TcpState.CLOSED) {
      return new Connection(lane.peerTo(lane.target().closedPort()), null);
    }
    if (state == TcpState.LISTEN) {
      return new Connection(lane.peerTo(port), agent.listen(port));
    }
    // ESTABLISHED: a passive open completed and accepted by the application
    String listener = agent.listen(port);
    TcpPeer peer = lane.peerTo(port);
    peer.connect(within(PROMPTLY));
    String id = agent.accept(listener, Duration.ofSeconds(2));
    agent.close(listener);
    switch (state) {
      case ESTABLISHED:
        break;
      case CLOSE_WAIT: {
        // the peer closes; the target acknowledges its FIN and the application reads EOF
        dev.tcpconform.crafter.Segment f = peer.send(fin());
        peer.expect(withFlags(ACK).ack(f.seq().plus(1)), within(ACK_DELAY));
        AgentReply eof = agent.tryRecv(id, 10, Duration.ofSeconds(1));
        if (!eof.isError("eof")) {
          throw new HarnessException("the application did not read EOF in CLOSE-WAIT: " + eof);
        }
        break;
      }
      case FIN_WAIT_2:
      case TIME_WAIT:
        // the application shuts down writing; the target's FIN is acknowledged
        agent.shutdown(id, "wr");
        peer.expect(withFlags(FIN, ACK).seq(peer.rcvNxt()), within(PROMPTLY));
        peer.send(ack());
        if (state == TcpState.TIME_WAIT) {
          // then the peer closes too; the target acknowledges its FIN and waits 2 MSL
          dev.tcpconform.crafter.Segment f = peer.send(fin());
          peer.expect(withFlags(ACK).ack(f.seq().plus(1)), within(ACK_DELAY));
        }
        break;
      default:
        throw new HarnessException("no scenario reaches " + state.rfcName() + " yet");
    }
    return new Connection(peer, id);
  }
}
