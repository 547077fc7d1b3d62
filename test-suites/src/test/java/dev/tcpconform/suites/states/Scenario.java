package dev.tcpconform.suites.states;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.fin;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.Lacking;
import java.time.Duration;
import org.testng.SkipException;

/**
 * Reusable steps that drive the target into a state through the wire and the agent, and confirm
 * it. A target that cannot be brought into the state makes the case broken (the cell could not
 * be checked), not failed: the rule under test is another one.
 */
public final class Scenario {

  static final Duration PROMPTLY = Duration.ofMillis(900);
  /** Delayed ACKs may take up to 500 ms (RFC 9293 MUST-40). */
  static final Duration ACK_DELAY = Duration.ofMillis(600);
  /** Two ticks of a millisecond timestamp clock (RFC 7323 5.4 allows 1 ms to 1 s). */
  static final Duration TS_TICK = Duration.ofMillis(2);

  /**
   * The target's side of the connection under test: the peer; the agent's id of the connection
   * (null until the application has it: CLOSED, LISTEN, a passive SYN-RECEIVED); the agent's id
   * of the listener, where one is involved (LISTEN, passive SYN-RECEIVED).
   */
  public record Connection(TcpPeer peer, String id, String listener) {}

  private Scenario() {}

  /** How many empty ACKs (40-byte segments with only ACK set) the peer sends on the way in. */
  public static int emptyAcksFromPeer(TcpState state) {
    return switch (state) {
      case CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, SYN_RECEIVED_ACTIVE -> 0;
      case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> 1;
      case FIN_WAIT_2, TIME_WAIT -> 2;
    };
  }

  /** Whether reaching the state takes an empty ACK from the target (of the peer's FIN). */
  public static boolean needsEmptyAckFromTarget(TcpState state) {
    return switch (state) {
      case CLOSE_WAIT, TIME_WAIT, CLOSING, LAST_ACK -> true;
      default -> false;
    };
  }

  /**
   * How long the harness lets a target take in the ACK that brings it to FIN-WAIT-2. The ACK
   * draws no answer, so nothing on the wire says it was taken in; a user-space stack (lwIP,
   * gVisor) takes segments in on a thread or poll loop of its own, and an application action
   * sent at once (an ABORT) may overtake it: the stack then resets from FIN-WAIT-1 and answers
   * the ACK, still queued, with a second RST, as for any segment of a connection it no longer has.
   */
  static final Duration SETTLE = Duration.ofMillis(50);

  private static void settle() {
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static Connection reach(
      TcpState state, Variant variant, Lane lane, Agent agent, int port) {
    try {
      Connection c = drive(state, variant == Variant.TIMESTAMPS, lane, agent, port);
      if (variant == Variant.TIMESTAMPS && c.peer().tsRecent() == null
          && state != TcpState.CLOSED && state != TcpState.LISTEN) {
        throw new SkipException("the target did not agree to RFC 7323 timestamps (optional: its"
            + " segments carry none), so the" + variant.suffix() + " variant of "
            + state.rfcName() + " does not apply");
      }
      return c;
    } catch (AssertionError e) {
      throw new HarnessException("could not bring the target into " + state.rfcName() + ": "
          + e.getMessage().strip().lines().skip(1).findFirst().orElse(e.getMessage()), e);
    }
  }

  /** The peer's SYN: its default MSS (1460, 1440 over IPv6), timestamps if the peer uses them. */
  private static Segment.Builder synOf(TcpPeer peer) {
    Segment.Builder s = syn().option(TcpOptions.mss(peer.defaultMss()));
    return peer.timestamps() ? s.option(peer.nextTimestamps(false)) : s;
  }

  private static Connection drive(TcpState state, boolean ts, Lane lane, Agent agent, int port) {
    switch (state) {
      case CLOSED:
        return new Connection(lane.peerTo(lane.target().closedPort()).timestamps(ts), null, null);
      case LISTEN:
        return new Connection(lane.peerTo(port).timestamps(ts), null, agent.listen(port));
      case SYN_SENT:
        return connecting(lane, agent, ts);
      case SYN_RECEIVED: {
        // a SYN to a listener, answered; the final ACK is withheld
        String listener = agent.listen(port);
        TcpPeer peer = lane.peerTo(port).timestamps(ts);
        Segment s = peer.send(synOf(peer));
        peer.expect(withFlags(SYN, ACK).ack(s.seq().plus(1)), within(PROMPTLY));
        if (ts) {
          // a quiet moment, so that the target's next segment carries a TSval other than its
          // SYN,ACK's on a millisecond clock: whether a later ACK echoing it is refused (as Linux
          // does) then does not depend on where the clock happened to tick
          peer.expectNothing(TS_TICK);
        }
        return new Connection(peer, null, listener);
      }
      case SYN_RECEIVED_ACTIVE: {
        // the application connects; the peer's own SYN crosses the target's
        Lacking.skipIfLacking(Lacking.SIMULTANEOUS_OPEN, "SYN-RECEIVED from an active open");
        Connection c = connecting(lane, agent, ts);
        TcpPeer peer = c.peer();
        Segment s = peer.send(synOf(peer));
        peer.expect(withFlags(SYN, ACK).seq(peer.irs()).ack(s.seq().plus(1)), within(PROMPTLY));
        return c;
      }
      default:
        break;
    }
    // ESTABLISHED: a passive open completed and accepted by the application
    String listener = agent.listen(port);
    TcpPeer peer = lane.peerTo(port).timestamps(ts);
    peer.connect(within(PROMPTLY));
    String id = agent.accept(listener, Duration.ofSeconds(2));
    agent.close(listener);
    switch (state) {
      case ESTABLISHED:
        break;
      case CLOSE_WAIT:
      case LAST_ACK:
        peerCloses(peer, agent, id);
        if (state == TcpState.LAST_ACK) {
          // the application closes too; its FIN is left unacknowledged
          agent.close(id);
          peer.expect(withFlags(FIN, ACK).seq(peer.rcvNxt()), within(PROMPTLY));
        }
        break;
      case FIN_WAIT_1:
        // the application shuts down writing; its FIN is left unacknowledged
        agent.shutdown(id, "wr");
        peer.expect(withFlags(FIN, ACK).seq(peer.rcvNxt()), within(PROMPTLY));
        break;
      case CLOSING: {
        // both close at once: the peer's FIN does not acknowledge the target's, which ACKs it
        agent.shutdown(id, "wr");
        Arrival targetFin = peer.expect(withFlags(FIN, ACK).seq(peer.rcvNxt()), within(PROMPTLY));
        Segment f = peer.send(fin().ack(targetFin.segment().seq()));
        peer.firstSegmentMatching(withFlags(ACK).ack(f.seq().plus(1)).noPayload(),
            within(ACK_DELAY));
        break;
      }
      case FIN_WAIT_2:
      case TIME_WAIT:
        // the application shuts down writing; the target's FIN is acknowledged
        agent.shutdown(id, "wr");
        peer.expect(withFlags(FIN, ACK).seq(peer.rcvNxt()), within(PROMPTLY));
        peer.send(ack());
        if (state == TcpState.FIN_WAIT_2) {
          settle();
        }
        if (state == TcpState.TIME_WAIT) {
          // then the peer closes too; the target acknowledges its FIN and waits 2 MSL
          Segment f = peer.send(fin());
          peer.expect(withFlags(ACK).ack(f.seq().plus(1)), within(ACK_DELAY));
        }
        break;
      default:
        throw new HarnessException("no scenario reaches " + state.rfcName() + " yet");
    }
    return new Connection(peer, id, null);
  }

  /** The peer closes; the target acknowledges its FIN and the application reads EOF. */
  private static void peerCloses(TcpPeer peer, Agent agent, String id) {
    Segment f = peer.send(fin());
    peer.expect(withFlags(ACK).ack(f.seq().plus(1)), within(ACK_DELAY));
    AgentReply eof = agent.tryRecv(id, 10, Duration.ofSeconds(1));
    if (!eof.isError("eof")) {
      throw new HarnessException("the application did not read EOF in CLOSE-WAIT: " + eof);
    }
  }

  /** The application connects to the peer; its SYN arrives and is left unanswered. */
  private static Connection connecting(Lane lane, Agent agent, boolean ts) {
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent);
    return new Connection(open.peer().timestamps(ts), open.connection(), null);
  }
}
