package dev.tcpconform.suites.states;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;

/**
 * The target's connection variables as the peer infers them from the exchange (RFC 9293 names,
 * the target's point of view).
 *
 * @param rcvNxt the next sequence number the target expects (the peer's SND.NXT)
 * @param sndNxt the next sequence number the target will send (the peer's RCV.NXT)
 * @param sndUna the oldest unacknowledged number of the target (all acknowledged: = SND.NXT)
 * @param rcvWnd the window the target last advertised (no window scaling is negotiated)
 */
public record TargetView(SeqNum rcvNxt, SeqNum sndNxt, SeqNum sndUna, int rcvWnd) {

  /** An ACK number the target never sent, for segments to a port without a connection. */
  static final SeqNum UNRELATED_ACK = SeqNum.of(777_000);

  /**
   * With no connection, the "target's numbers" are the peer's: the next segment goes at the
   * peer's SND.NXT and acknowledges a number the target never sent.
   */
  static TargetView unsynchronized(TcpPeer peer) {
    return new TargetView(peer.sndNxt(), UNRELATED_ACK, UNRELATED_ACK, 0);
  }

  static TargetView of(TcpPeer peer) {
    return new TargetView(peer.sndNxt(), peer.rcvNxt(), peer.rcvNxt(),
        peer.lastReceived().window());
  }

  @Override
  public String toString() {
    return "RCV.NXT " + rcvNxt + ", SND.NXT " + sndNxt + ", RCV.WND " + rcvWnd;
  }
}
