package dev.tcpconform.suites.window;

import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;

/**
 * What counts as a zero-window probe (RFC 9293 3.8.6.1): a segment that asks the receiver for its
 * window without sending new data into a window of zero, i.e. one octet of new data at SND.UNA,
 * or the keep-alive shape, an empty ACK at SND.UNA-1 (what Linux sends). SND.UNA is the target's,
 * as the peer acknowledged it.
 */
final class Probes {

  private Probes() {}

  static boolean isProbe(Segment s, SeqNum sndUna) {
    if (s.has(TcpFlag.SYN) || s.has(TcpFlag.FIN) || s.has(TcpFlag.RST) || !s.has(TcpFlag.ACK)) {
      return false;
    }
    return s.payloadLength() == 0 ? s.seq().equals(sndUna.minus(1))
        : s.payloadLength() == 1 && s.seq().equals(sndUna);
  }

  /**
   * A probe, or a retransmission that probes: data the target sent before (ending at or before
   * {@code sentUpTo}, its SND.NXT when the window closed) sent again from SND.UNA. RFC 9293
   * 3.8.6.1 lets a sender probe a zero window either way ("transmit at least one octet of new
   * data (if available), or retransmit").
   */
  static boolean isProbeOrRetransmission(Segment s, SeqNum sndUna, SeqNum sentUpTo) {
    return isProbe(s, sndUna)
        || (s.has(TcpFlag.ACK) && !s.has(TcpFlag.SYN) && !s.has(TcpFlag.RST)
            && s.payloadLength() > 0 && s.seq().equals(sndUna)
            && s.seq().plus(s.payloadLength()).isAtOrBefore(sentUpTo));
  }

  /** {@code an empty ACK at SND.UNA-1 or one octet at SND.UNA (SND.UNA = 1461)} */
  static String describe(SeqNum sndUna) {
    return "a zero-window probe: an empty ACK at SND.UNA-1 or one octet at SND.UNA (SND.UNA = "
        + sndUna + ")";
  }
}
