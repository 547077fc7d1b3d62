package dev.tcpconform.suites.states;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;

/**
 * The target's connection variables as the peer infers them from the exchange (RFC 9293 names,
 * the target's point of view), and the acknowledgment number the peer's segments carry.
 *
 * @param rcvNxt the next sequence number the target expects (the peer's SND.NXT)
 * @param sndNxt the next sequence number the target will send (the peer's RCV.NXT)
 * @param sndUna the oldest unacknowledged number of the target: SND.NXT-1 while its SYN or FIN is
 *     outstanding, else SND.NXT
 * @param rcvWnd the window the target last advertised (no window scaling is negotiated)
 * @param peerAck what the peer's in-line segments acknowledge: SND.NXT, except while the target's
 *     FIN is outstanding (FIN-WAIT-1, CLOSING, LAST-ACK), where they go on acknowledging SND.UNA so
 *     that the state holds; in SYN-SENT and SYN-RECEIVED it is ISS+1, the acceptable ACK
 * @param tsRecent with timestamps, the target's TS.Recent: the last TSval the peer sent
 * @param tsEcr with timestamps, what the peer echoes: the target's last TSval (else 0)
 */
public record TargetView(
    SeqNum rcvNxt, SeqNum sndNxt, SeqNum sndUna, int rcvWnd, SeqNum peerAck, long tsRecent,
    long tsEcr) {

  /** An ACK number the target never sent, for segments to a port without a connection. */
  static final SeqNum UNRELATED_ACK = SeqNum.of(777_000);

  /**
   * With no connection, the "target's numbers" are the peer's: the next segment goes at the
   * peer's SND.NXT and acknowledges a number the target never sent.
   */
  static TargetView unsynchronized(TcpPeer peer) {
    return new TargetView(peer.sndNxt(), UNRELATED_ACK, UNRELATED_ACK, 0, UNRELATED_ACK,
        peer.lastTsVal(), tsEcr(peer));
  }

  /** The view in {@code state}, from the peer's record of the exchange so far. */
  static TargetView of(TcpState state, TcpPeer peer) {
    if (!state.hasConnection()) {
      return unsynchronized(peer);
    }
    SeqNum sndNxt = peer.rcvNxt();
    int window = peer.lastReceived().window();
    SeqNum sndUna = state.numbers() == TcpState.Numbers.ALL_ACKED ? sndNxt : sndNxt.minus(1);
    SeqNum peerAck = state.numbers() == TcpState.Numbers.FIN_OUTSTANDING ? sndUna : sndNxt;
    return new TargetView(peer.sndNxt(), sndNxt, sndUna, window, peerAck, peer.lastTsVal(),
        tsEcr(peer));
  }

  private static long tsEcr(TcpPeer peer) {
    return peer.tsRecent() == null ? 0 : peer.tsRecent();
  }

  /** The target's ISS, where its SYN is outstanding. */
  SeqNum iss() {
    return sndUna;
  }

  @Override
  public String toString() {
    return "RCV.NXT " + rcvNxt + ", SND.UNA " + sndUna + ", SND.NXT " + sndNxt + ", RCV.WND "
        + rcvWnd;
  }
}
