package dev.tcpconform.suites.support;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;

import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.SeqNum;
import java.time.Duration;

/**
 * The target's application opening a connection to the peer (RFC 9293 3.10.1), taken as far as a
 * test needs it: SYN-SENT (the connect started, its SYN seen) or, by a simultaneous open (3.5,
 * figure 8), SYN-RECEIVED. A target that cannot be brought there makes the test broken, not
 * failed: the rule under test is another one.
 *
 * @param connection the agent's id of the application's connection
 * @param peer the peer of that connection; it has taken in the target's SYN (IRS = ISS)
 * @param syn the target's SYN, {@code <SEQ=ISS><CTL=SYN>}
 */
public record ActiveOpen(String connection, TcpPeer peer, Segment syn) {

  private static final Duration PROMPTLY = Duration.ofMillis(900);

  /** The application connects to a fresh port of the peer; returns once its SYN arrived. */
  public static ActiveOpen inSynSent(Lane lane, Agent agent) {
    PeerListener listener = lane.listenOnFreshPort();
    AgentReply started =
        agent.tryConnect(lane.peerAddress().toString(), listener.local().port());
    if (!started.isOk()) {
      throw new HarnessException("agent could not start a connect: " + started);
    }
    Arrival syn = listener.nextSegment(within(PROMPTLY));
    requireThat(syn, withFlags(SYN).noPayload(), "SYN-SENT", "the application's SYN");
    return new ActiveOpen(started.field(0), listener.peerFor(syn), syn.segment());
  }

  /**
   * From SYN-SENT, the peer's own SYN crosses the target's; the target answers
   * {@code <SEQ=ISS><ACK=Y+1><CTL=SYN,ACK>} and is in SYN-RECEIVED, remembering that the
   * connection was opened actively.
   */
  public static ActiveOpen inSynReceived(Lane lane, Agent agent) {
    Lacking.skipIfLacking(Lacking.SIMULTANEOUS_OPEN, "SYN-RECEIVED from an active open");
    ActiveOpen open = inSynSent(lane, agent);
    Segment crossing = open.sendCrossingSyn();
    requireThat(open.peer.nextSegment(within(PROMPTLY)),
        withFlags(SYN, ACK).seq(open.iss()).ack(crossing.seq().plus(1)).noPayload(),
        "SYN-RECEIVED", "its SYN,ACK to the crossing SYN");
    return open;
  }

  /**
   * The peer's bare SYN(Y), as a peer that is itself connecting sends it (MSS: the peer's
   * default): sets the peer's ISS.
   */
  public Segment sendCrossingSyn() {
    return peer.send(Segments.syn().option(mss(peer.defaultMss())));
  }

  /** The target's initial send sequence number. */
  public SeqNum iss() {
    return syn.seq();
  }

  private static void requireThat(
      Arrival arrival, SegmentPattern pattern, String state, String what) {
    if (!arrival.isPresent() || !pattern.matches(arrival.segment())) {
      throw new HarnessException("could not bring the target into " + state + ": expected "
          + what + " (" + pattern + "), got "
          + (arrival.isPresent() ? arrival.segment() : "nothing within " + PROMPTLY.toMillis()
              + " ms"));
    }
  }
}
