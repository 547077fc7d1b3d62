package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.codec.FrameDecoder;

/**
 * The only addresses tcpconform sends from or to: 198.18.0.0/15, the benchmarking range (RFC
 * 2544), never routed on the Internet, and for IPv6 2001:2::/48 (RFC 5180). A frame for any other
 * address is refused before it reaches the interface, whatever built it (a test, a fault, a raw
 * frame).
 *
 * <p>One narrow allowance, for IPv6 Neighbor Discovery, which cannot work inside the range
 * alone: an answer may have to go to a neighbor's link-local address, and a solicitation goes to
 * a multicast group. A Neighbor Solicitation or Advertisement whose source and target address are
 * both inside 2001:2::/48 may go to
 * <ul>
 *   <li>an address inside the range, as any frame;
 *   <li>for a solicitation, the solicited-node multicast group of its target address
 *       ({@code ff02::1:ffxx:xxxx}), at that group's Ethernet address ({@code 33:33:ff:xx:xx:xx});
 *   <li>for an advertisement, a link-local unicast address ({@code fe80::/10}): the answer to a
 *       neighbor that asked from its link-local address, which never leaves the link.
 * </ul>
 * Nothing else is allowed: no other ICMPv6 message, no link-local or unspecified source (the
 * harness speaks only as its emulated addresses), no all-nodes answer, no other group.
 */
public final class SafeRange {

  private static final int NETWORK = Ipv4Address.parse("198.18.0.0").bits();
  private static final int MASK = 0xFFFE0000; // /15
  private static final long NETWORK6 = 0x2001_0002_0000_0000L; // 2001:2::/48, the high 64 bits
  private static final long MASK6 = 0xFFFF_FFFF_FFFF_0000L;

  private SafeRange() {}

  public static boolean contains(IpAddress a) {
    if (a instanceof Ipv6Address v6) {
      return (v6.high() & MASK6) == NETWORK6;
    }
    return (((Ipv4Address) a).bits() & MASK) == NETWORK;
  }

  /** Throws unless {@code a} is inside the range; {@code role} says what the address is for. */
  public static void require(IpAddress a, String role) {
    if (!contains(a)) {
      String range = a.version() == 6 ? "2001:2::/48 (the IPv6" : "198.18.0.0/15 (the";
      throw new HarnessException("refusing to use " + a + " as " + role + ": tcpconform only"
          + " sends from and to " + range + " benchmarking range)");
    }
  }

  /** An ICMPv6 packet: inside the range, or Neighbor Discovery as the class comment allows. */
  private static void require(Icmpv6Packet p) {
    require(p.src(), "a source address");
    Ipv6Address dst = p.dst();
    if (p.message() instanceof Icmpv6Message.NeighborSolicitation ns) {
      require(ns.target(), "a neighbor solicitation's target");
      if (dst.equals(ns.target().solicitedNodeMulticast())
          && p.dstMac().equals(dst.multicastMac())) {
        return;
      }
    } else if (p.message() instanceof Icmpv6Message.NeighborAdvertisement na) {
      require(na.target(), "a neighbor advertisement's target");
      if ((dst.high() >>> 54) == (0xfe80L >>> 6)) { // fe80::/10
        return;
      }
    }
    require(dst, "a destination address");
  }

  /** Throws unless every IP address the frame carries is inside the range. */
  static void require(Frame frame) {
    if (frame instanceof Frame.Tcp t) {
      require(t.segment().src(), "a source address");
      require(t.segment().dst(), "a destination address");
    } else if (frame instanceof Frame.Icmpv6 i) {
      require(i.packet());
    } else if (frame instanceof Frame.Arp a) {
      require(a.arp().senderIp(), "an ARP sender address");
      require(a.arp().targetIp(), "an ARP target address");
    } else if (frame instanceof Frame.Other o && o.etherType() == 0x0800
        && o.raw().length >= 34) {
      // IPv4 the decoder would not take (deliberately malformed): its addresses still count
      require(Ipv4Address.of(o.raw(), 26), "a source address");
      require(Ipv4Address.of(o.raw(), 30), "a destination address");
    } else if (frame instanceof Frame.Other o && o.etherType() == 0x86DD
        && o.raw().length >= 54) {
      // IPv6 the decoder would not take
      require(Ipv6Address.of(o.raw(), 22), "a source address");
      require(Ipv6Address.of(o.raw(), 38), "a destination address");
    }
  }

  /**
   * Throws unless every IP address {@code frame} carries is inside the range: read from the bytes
   * about to be sent, whatever built them, so that nothing decoded stands between the check and
   * the wire. IPv4 (any IPv4 header of at least 20 bytes, malformed or not: the source and
   * destination fields), ARP for IPv4 over Ethernet (sender and target protocol addresses), and
   * IPv6: TCP straight after the IPv6 header by its source and destination fields, anything else
   * (ICMPv6, extension headers) as decoded, {@link #require(Frame)}.
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
    } else if (etherType == 0x86DD && frame.length >= 54) {
      if ((frame[20] & 0xFF) == 6) {
        require(Ipv6Address.of(frame, 22), "a source address");
        require(Ipv6Address.of(frame, 38), "a destination address");
      } else {
        require(FrameDecoder.decode(frame));
      }
    }
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }
}
