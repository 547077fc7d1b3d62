package dev.tcpconform.crafter;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** A set of TCP flags as the 12 low bits of the flags field (reserved bits included). */
public record TcpFlags(int bits) {

  private static final List<TcpFlag> NOTATION_ORDER =
      List.of(TcpFlag.SYN, TcpFlag.FIN, TcpFlag.RST, TcpFlag.PSH, TcpFlag.URG, TcpFlag.ECE,
          TcpFlag.CWR, TcpFlag.AE, TcpFlag.RSV1, TcpFlag.RSV2, TcpFlag.RSV3);

  public TcpFlags {
    if (bits < 0 || bits > 0xFFF) {
      throw new IllegalArgumentException("bits: " + bits + " (expected: 0-4095)");
    }
  }

  public static TcpFlags of(TcpFlag... flags) {
    int b = 0;
    for (TcpFlag f : flags) {
      b |= f.bit();
    }
    return new TcpFlags(b);
  }

  public static TcpFlags none() {
    return new TcpFlags(0);
  }

  public boolean has(TcpFlag f) {
    return (bits & f.bit()) != 0;
  }

  public boolean hasExactly(TcpFlag... flags) {
    return of(flags).bits == bits;
  }

  public TcpFlags with(TcpFlag f) {
    return new TcpFlags(bits | f.bit());
  }

  public TcpFlags without(TcpFlag f) {
    return new TcpFlags(bits & ~f.bit());
  }

  public Set<TcpFlag> asSet() {
    EnumSet<TcpFlag> s = EnumSet.noneOf(TcpFlag.class);
    for (TcpFlag f : TcpFlag.values()) {
      if (has(f)) {
        s.add(f);
      }
    }
    return s;
  }

  /** {@code S.} for SYN+ACK, {@code R} for RST, {@code .} for ACK alone, {@code -} for none. */
  public String notation() {
    if (bits == 0) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (TcpFlag f : NOTATION_ORDER) {
      if (has(f)) {
        b.append(f.letter());
      }
    }
    if (has(TcpFlag.ACK)) {
      b.append('.');
    }
    return b.toString();
  }

  /** {@code RST,ACK} */
  public String names() {
    if (bits == 0) {
      return "none";
    }
    StringJoiner j = new StringJoiner(",");
    for (TcpFlag f : NOTATION_ORDER) {
      if (has(f)) {
        j.add(f.name());
      }
    }
    if (has(TcpFlag.ACK)) {
      j.add("ACK");
    }
    return j.toString();
  }

  @Override
  public String toString() {
    return notation();
  }
}
