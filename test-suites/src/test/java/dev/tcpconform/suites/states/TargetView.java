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

  static TargetView of(TcpPeer peer) {
    return new TargetView(peer.sndNxt(), peer.rcvNxt(), peer.rcvNxt(),
        peer.lastReceived().window());
  }

  @Override
  public String toString() {
    return "RCV.NXT " + rcvNxt + ", SND.NXT " + sndNxt + ", RCV.WND " + rcvWnd;
  }
}
