package dev.tcpconform.crafter;

/**
 * Templates: each sets only the flags (and the payload); everything else is left unset, to be
 * filled in by whoever sends it (the emulated peer) or computed at encode time.
 */
public final class Segments {

  private Segments() {}

  public static Segment.Builder syn() {
    return Segment.builder().flags(TcpFlag.SYN);
  }

  public static Segment.Builder synAck() {
    return Segment.builder().flags(TcpFlag.SYN, TcpFlag.ACK);
  }

  public static Segment.Builder ack() {
    return Segment.builder().flags(TcpFlag.ACK);
  }

  public static Segment.Builder rst() {
    return Segment.builder().flags(TcpFlag.RST);
  }

  public static Segment.Builder rstAck() {
    return Segment.builder().flags(TcpFlag.RST, TcpFlag.ACK);
  }

  /** FIN with ACK, as every FIN after the handshake carries. */
  public static Segment.Builder fin() {
    return Segment.builder().flags(TcpFlag.FIN, TcpFlag.ACK);
  }

  /** PSH,ACK carrying {@code payload}. */
  public static Segment.Builder data(byte[] payload) {
    return Segment.builder().flags(TcpFlag.PSH, TcpFlag.ACK).payload(payload);
  }

  /** PSH,ACK carrying ASCII {@code text}. */
  public static Segment.Builder data(String text) {
    return Segment.builder().flags(TcpFlag.PSH, TcpFlag.ACK).payload(text);
  }
}
