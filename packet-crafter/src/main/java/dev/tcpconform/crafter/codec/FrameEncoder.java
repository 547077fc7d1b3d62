package dev.tcpconform.crafter.codec;

import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.TcpOption;

/**
 * Writes a {@link Segment} as an Ethernet II frame carrying IPv4 and TCP, field by field in wire
 * order. Fields the segment leaves to the encoder are computed here: IHL, total length, data
 * offset, padding, both checksums. Fields it set are written as they are, which is how faults are
 * made. Stateless; one array allocation per frame.
 */
public final class FrameEncoder {

  static final int ETH = 14;
  static final int IP = 20;

  private FrameEncoder() {}

  public static byte[] encode(Segment s) {
    byte[] f = new byte[ETH + IP + 20 + s.optionsLength() + s.payloadLength()];
    write(s, f);
    int tcpSum = correctTcpChecksumOf(s, f);
    int tcp;
    if (s.tcpChecksumField() != null) {
      tcp = s.tcpChecksumField();
    } else {
      tcp = s.badChecksumRequested() ? tcpSum ^ 0x0001 : tcpSum;
    }
    put16(f, ETH + IP + 16, tcp);
    int ipSum = InternetChecksum.compute(f, ETH, IP);
    int ip;
    if (s.ipChecksumField() != null) {
      ip = s.ipChecksumField();
    } else {
      ip = s.badIpChecksumRequested() ? ipSum ^ 0x0001 : ipSum;
    }
    put16(f, ETH + 10, ip);
    return f;
  }

  /** The TCP checksum that would be correct for {@code s}. */
  public static int correctTcpChecksum(Segment s) {
    byte[] f = new byte[ETH + IP + 20 + s.optionsLength() + s.payloadLength()];
    write(s, f);
    return correctTcpChecksumOf(s, f);
  }

  /** The IPv4 header checksum that would be correct for {@code s}. */
  public static int correctIpChecksum(Segment s) {
    byte[] f = new byte[ETH + IP + 20 + s.optionsLength() + s.payloadLength()];
    write(s, f);
    return InternetChecksum.compute(f, ETH, IP);
  }

  private static int correctTcpChecksumOf(Segment s, byte[] f) {
    int tcpLength = f.length - ETH - IP;
    long pseudo = InternetChecksum.pseudoHeader(s.src().bits(), s.dst().bits(), 6, tcpLength);
    return InternetChecksum.finish(InternetChecksum.sum(pseudo, f, ETH + IP, tcpLength));
  }

  /** Everything but the two checksums, which stay zero. */
  private static void write(Segment s, byte[] f) {
    // Ethernet II
    s.dstMac().writeTo(f, 0); // destination MAC
    s.srcMac().writeTo(f, 6); // source MAC
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
    put32(f, ip + 12, s.src().bits()); // source address
    put32(f, ip + 16, s.dst().bits()); // destination address
    // TCP (RFC 9293 section 3.1)
    int t = ETH + IP;
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
    byte[] raw = s.rawOptions();
    if (raw != null) {
      System.arraycopy(raw, 0, f, p, raw.length);
      p += raw.length;
    } else {
      int end = p + s.optionsLength();
      for (TcpOption o : s.options()) {
        p = o.writeTo(f, p);
      }
      p = end;
    }
    byte[] payload = s.payload();
    System.arraycopy(payload, 0, f, p, payload.length); // data
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
