package dev.tcpconform.crafter.codec;

import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
public final class InternetChecksum {

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private InternetChecksum() {}

  /**
   * Adds {@code len} bytes at {@code off} to a running partial sum (not yet folded). Eight bytes
   * at a time, as two 32-bit big-endian words: 2^16 is 1 modulo 0xFFFF, so the sum of wider
   * words folds to the sum of the 16-bit words (RFC 1071 section 2, "byte order independence"
   * and "parallel summation"). The sum fits in 64 bits for any frame.
   */
  public static long sum(long partial, byte[] b, int off, int len) {
    long s = partial;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      long w = (long) LONG.get(b, i);
      s += (w >>> 32) + (w & 0xFFFF_FFFFL);
    }
    if (i + 4 <= end) {
      s += (int) INT.get(b, i) & 0xFFFF_FFFFL;
      i += 4;
    }
    if (i + 2 <= end) {
      s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
      i += 2;
    }
    if (i < end) {
      s += (b[i] & 0xFF) << 8; // an odd last byte, padded with zero
    }
    return s;
  }

  /** Folds a partial sum and complements it: the value to put in a checksum field. */
  public static int finish(long partial) {
    long s = partial;
    while ((s >>> 16) != 0) {
      s = (s & 0xFFFF) + (s >>> 16);
    }
    return (int) (~s & 0xFFFF);
  }

  public static int compute(byte[] b, int off, int len) {
    return finish(sum(0, b, off, len));
  }

  /**
   * The pseudo-header sum for an upper-layer packet of {@code length} octets: IPv4's (RFC 9293
   * section 3.1) or IPv6's (RFC 8200 section 8.1: both addresses, the 32-bit upper-layer length,
   * three zero octets and the next header), as the addresses are.
   */
  public static long pseudoHeader(IpAddress src, IpAddress dst, int protocol, int length) {
    if (src instanceof Ipv4Address s && dst instanceof Ipv4Address d) {
      return pseudoHeader(s.bits(), d.bits(), protocol, length);
    }
    if (src instanceof Ipv6Address s && dst instanceof Ipv6Address d) {
      return words(s.high()) + words(s.low()) + words(d.high()) + words(d.low())
          + (length >>> 16) + (length & 0xFFFF) + protocol;
    }
    throw new IllegalArgumentException("pseudo-header of " + src + " and " + dst
        + " (expected: two addresses of one IP version)");
  }

  /** The sum of the four 16-bit words of {@code v}. */
  private static long words(long v) {
    return (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
  }

  /** The IPv4 pseudo-header sum (RFC 9293 section 3.1) for a TCP segment of {@code tcpLength}. */
  public static long pseudoHeader(int srcIp, int dstIp, int protocol, int tcpLength) {
    return ((srcIp >>> 16) & 0xFFFF) + (srcIp & 0xFFFF) + ((dstIp >>> 16) & 0xFFFF)
        + (dstIp & 0xFFFF) + protocol + tcpLength;
  }
}
