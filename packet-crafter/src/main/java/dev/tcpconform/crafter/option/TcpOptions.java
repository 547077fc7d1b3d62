package dev.tcpconform.crafter.option;

import java.util.List;

/** Static factories for options: {@code mss(1460)}, {@code sackPermitted()}... */
public final class TcpOptions {

  private TcpOptions() {}

  public static Mss mss(int value) {
    return new Mss(value);
  }

  public static WindowScale wscale(int shift) {
    return new WindowScale(shift);
  }

  public static SackPermitted sackPermitted() {
    return new SackPermitted();
  }

  public static Sack sack(SackBlock... blocks) {
    return new Sack(List.of(blocks));
  }

  public static Timestamps timestamps(long value, long echoReply) {
    return new Timestamps(value, echoReply);
  }

  public static Nop nop() {
    return new Nop();
  }

  public static Eol eol() {
    return new Eol();
  }

  public static UnknownOption unknown(int kind, byte[] data) {
    return new UnknownOption(kind, data);
  }

  /** Bytes the options of {@code options} take on the wire, before padding. */
  public static int length(List<TcpOption> options) {
    int n = 0;
    for (int i = 0; i < options.size(); i++) {
      n += options.get(i).length();
    }
    return n;
  }
}
