package dev.tcpconform.crafter.codec;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.TcpOption;
import java.util.List;

/**
 * Writes a {@link Segment} as an Ethernet II frame carrying IPv4 or IPv6 and TCP, field by field
 * in wire order, and an {@link Icmpv6Packet} likewise. Fields the segment leaves to the encoder are computed here: IHL, total length,
 * IPv6 payload length and Next Header, the extension headers' chain, data offset, padding, the
 * checksums. Fields it set are written as they are, which is how faults are made. Stateless; one
 * array allocation per frame.
 */
public final class FrameEncoder {

  static final int ETH = 14;
  static final int TCP = 6;
  static final int ICMPV6 = 58;

  private FrameEncoder() {}

  public static byte[] encode(Segment s) {
    byte[] f = new byte[ETH + s.ipHeaderLength() + s.tcpLength()];
    int t = write(s, f);
    int tcpSum = correctTcpChecksumOf(s, f, t);
    int tcp;
    if (s.tcpChecksumField() != null) {
      tcp = s.tcpChecksumField();
    } else {
      tcp = s.badChecksumRequested() ? tcpSum ^ 0x0001 : tcpSum;
    }
    put16(f, t + 16, tcp);
    if (s.version() == 4) {
      int ipSum = InternetChecksum.compute(f, ETH, 20);
      int ip;
      if (s.ipChecksumField() != null) {
        ip = s.ipChecksumField();
      } else {
        ip = s.badIpChecksumRequested() ? ipSum ^ 0x0001 : ipSum;
      }
      put16(f, ETH + 10, ip);
    } // IPv6 has no header checksum
    return f;
  }

  /** An ICMPv6 message in its IPv6 packet and frame, the checksum over the pseudo-header. */
  public static byte[] encode(Icmpv6Packet p) {
    int ext = 0;
    for (ExtensionHeader h : p.extensionHeaders()) {
      ext += h.length();
    }
    int icmpLength = p.message().length();
    byte[] f = new byte[ETH + 40 + ext + icmpLength];
    p.dstMac().writeTo(f, 0); // destination MAC
    p.srcMac().writeTo(f, 6); // source MAC
    int nextHeader = p.extensionHeaders().isEmpty() ? ICMPV6 : p.extensionHeaders().get(0).type();
    int m = writeIpv6(f, 0, 0, ext + icmpLength, nextHeader, p.hopLimit(), p.src(), p.dst(),
        p.extensionHeaders(), ICMPV6);
    p.message().writeTo(f, m); // ICMPv6 (RFC 4443 section 2.1), checksum zero
    long pseudo = InternetChecksum.pseudoHeader(p.src(), p.dst(), ICMPV6, icmpLength);
    put16(f, m + 2, InternetChecksum.finish(InternetChecksum.sum(pseudo, f, m, icmpLength)));
    return f;
  }

  /** The TCP checksum that would be correct for {@code s}. */
  public static int correctTcpChecksum(Segment s) {
    byte[] f = new byte[ETH + s.ipHeaderLength() + s.tcpLength()];
    int t = write(s, f);
    return correctTcpChecksumOf(s, f, t);
  }

  /** The IPv4 header checksum that would be correct for {@code s} (IPv4 only: IPv6 has none). */
  public static int correctIpChecksum(Segment s) {
    if (s.version() != 4) {
      throw new IllegalArgumentException("correctIpChecksum of an IPv" + s.version()
          + " segment (expected: IPv4; IPv6 has no header checksum)");
    }
    byte[] f = new byte[ETH + s.ipHeaderLength() + s.tcpLength()];
    write(s, f);
    return InternetChecksum.compute(f, ETH, 20);
  }

  /**
   * Over the pseudo-header of either version (RFC 9293 section 3.1, RFC 8200 section 8.1) and the
   * TCP bytes as written, whatever length fields say. With a routing header the destination is
   * the IPv6 header's, as the final recipient sees it.
   */
  private static int correctTcpChecksumOf(Segment s, byte[] f, int t) {
    int tcpLength = f.length - t;
    long pseudo = InternetChecksum.pseudoHeader(s.src(), s.dst(), TCP, tcpLength);
    return InternetChecksum.finish(InternetChecksum.sum(pseudo, f, t, tcpLength));
  }

  /** Everything but the checksums, which stay zero; returns the TCP header's offset. */
  private static int write(Segment s, byte[] f) {
    // Ethernet II
    s.dstMac().writeTo(f, 0); // destination MAC
    s.srcMac().writeTo(f, 6); // source MAC
    int t = s.version() == 6
        ? writeIpv6(f, s.trafficClass(), s.flowLabel(), s.ipPayloadLength(), s.nextHeader(),
            s.hopLimit(), s.src(), s.dst(), s.extensionHeaders(), TCP)
        : writeIpv4(s, f);
    writeTcp(s, f, t);
    return t;
  }

  private static int writeIpv4(Segment s, byte[] f) {
    f[12] = 0x08; // EtherType: IPv4
    f[13] = 0x00;
    // IPv4 (RFC 791), no options
    int ip = ETH;
    f[ip] = 0x45; // version 4, IHL 5
    f[ip + 1] = (byte) s.tos(); // type of service
    put16(f, ip + 2, s.ipTotalLength()); // total length
    put16(f, ip + 4, s.ipId()); // identification
    put16(f, ip + 6, s.dontFragment() ? 0x4000 : 0); // flags (DF), fragment offset 0
    f[ip + 8] = (byte) s.ttl(); // time to live
    f[ip + 9] = 6; // protocol: TCP
    // ip + 10: header checksum, filled in last
    s.src().writeTo(f, ip + 12); // source address
    s.dst().writeTo(f, ip + 16); // destination address
    return ip + 20;
  }

  /**
   * IPv6 (RFC 8200 section 3), then the extension headers, each one's Next Header octet naming
   * the header after it and the last one's {@code upperLayer}; returns the offset after them.
   *
   * <pre>
   * +-------+---------------+---------------------------------------+
   * |Version| Traffic Class |              Flow Label               |
   * +-------+---------------+-------+---------------+---------------+
   * |        Payload Length         |  Next Header  |   Hop Limit   |
   * +-------------------------------+---------------+---------------+
   * |                   Source Address (128 bits)                   |
   * +---------------------------------------------------------------+
   * |                Destination Address (128 bits)                 |
   * +---------------------------------------------------------------+
   * </pre>
   */
  private static int writeIpv6(byte[] f, int trafficClass, int flowLabel, int payloadLength,
      int nextHeader, int hopLimit, IpAddress src, IpAddress dst, List<ExtensionHeader> ext,
      int upperLayer) {
    f[12] = (byte) 0x86; // EtherType: IPv6
    f[13] = (byte) 0xDD;
    int ip = ETH;
    f[ip] = (byte) (0x60 | (trafficClass >>> 4)); // version 6, traffic class (high 4 bits)
    f[ip + 1] = (byte) ((trafficClass << 4) | (flowLabel >>> 16)); // traffic class, flow label
    put16(f, ip + 2, flowLabel); // flow label (low 16 bits)
    put16(f, ip + 4, payloadLength); // payload length
    f[ip + 6] = (byte) nextHeader; // next header
    f[ip + 7] = (byte) hopLimit; // hop limit
    src.writeTo(f, ip + 8); // source address
    dst.writeTo(f, ip + 24); // destination address
    int p = ip + 40;
    for (int i = 0; i < ext.size(); i++) {
      int next = i + 1 < ext.size() ? ext.get(i + 1).type() : upperLayer;
      p = ext.get(i).writeTo(f, p, next); // extension header, its next header chained
    }
    return p;
  }

  /** TCP (RFC 9293 section 3.1) at {@code t}. */
  private static void writeTcp(Segment s, byte[] f, int t) {
    put16(f, t, s.srcPort()); // source port
    put16(f, t + 2, s.dstPort()); // destination port
    put32(f, t + 4, (int) s.seq().value()); // sequence number
    put32(f, t + 8, (int) s.ack().value()); // acknowledgment number
    int flags = s.flags().bits();
    f[t + 12] = (byte) ((s.dataOffset() << 4) | ((flags >>> 8) & 0x0F)); // data offset, reserved, AE
    f[t + 13] = (byte) flags; // CWR ECE URG ACK PSH RST SYN FIN
    put16(f, t + 14, s.window()); // window
    // t + 16: checksum, filled in last
    put16(f, t + 18, s.urgentPointer()); // urgent pointer
    int p = t + 20; // options, then zero padding to a 32-bit boundary
    int end = p + s.optionsLength();
    byte[] raw = s.rawOptions();
    if (raw != null) {
      System.arraycopy(raw, 0, f, p, raw.length);
    } else {
      List<TcpOption> options = s.options();
      for (int i = 0; i < options.size(); i++) {
        p = options.get(i).writeTo(f, p);
      }
    }
    p = end;
    s.writePayloadTo(f, p); // data
  }

  static void put16(byte[] f, int off, int v) {
    f[off] = (byte) (v >>> 8);
    f[off + 1] = (byte) v;
  }

  static void put32(byte[] f, int off, int v) {
    f[off] = (byte) (v >>> 24);
    f[off + 1] = (byte) (v >>> 16);
    f[off + 2] = (byte) (v >>> 8);
    f[off + 3] = (byte) v;
  }
}
