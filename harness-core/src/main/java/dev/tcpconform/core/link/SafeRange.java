package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Ipv4Address;

/**
 * The only addresses tcpconform sends from or to: 198.18.0.0/15, the benchmarking range (RFC
 * 2544), never routed on the Internet. A frame for any other address is refused before it reaches
 * the interface, whatever built it (a test, a fault, a raw frame).
 */
public final class SafeRange {

  private static final int NETWORK = Ipv4Address.parse("198.18.0.0").bits();
  private static final int MASK = 0xFFFE0000; // /15

  private SafeRange() {}

  public static boolean contains(Ipv4Address a) {
    return (a.bits() & MASK) == NETWORK;
  }

  /** Throws unless {@code a} is inside the range; {@code role} says what the address is for. */
  public static void require(Ipv4Address a, String role) {
    if (!contains(a)) {
      throw new HarnessException("refusing to use " + a + " as " + role + ": tcpconform only"
          + " sends from and to 198.18.0.0/15 (the benchmarking range)");
    }
  }

  /**
   * Throws unless every IPv4 address {@code frame} carries is inside the range: read from the bytes
   * about to be sent, whatever built them, so that nothing decoded stands between the check and
   * the wire. IPv4 (any IPv4 header of at least 20 bytes, malformed or not: the source and
   * destination fields) and ARP for IPv4 over Ethernet (sender and target protocol addresses).
   */
  static void require(byte[] frame) {
    if (frame.length < 14) {
      return;
    }
    int etherType = u16(frame, 12);
    if (etherType == 0x0800 && frame.length >= 34) {
      require(Ipv4Address.of(frame, 26), "a source address");
      require(Ipv4Address.of(frame, 30), "a destination address");
    } else if (etherType == 0x0806 && frame.length >= 42 && u16(frame, 14) == 1
        && u16(frame, 16) == 0x0800 && frame[18] == 6 && frame[19] == 4) {
      require(Ipv4Address.of(frame, 28), "an ARP sender address");
      require(Ipv4Address.of(frame, 38), "an ARP target address");
    }
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }
}
