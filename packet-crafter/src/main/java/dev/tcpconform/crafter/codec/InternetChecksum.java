package dev.tcpconform.crafter.codec;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
public final class InternetChecksum {

  private InternetChecksum() {}

  /** Adds {@code len} bytes at {@code off} to a running 32-bit partial sum (not yet folded). */
  public static long sum(long partial, byte[] b, int off, int len) {
    long s = partial;
    int i = off;
    int end = off + len - 1;
    for (; i < end; i += 2) {
      s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (i == end) {
      s += (b[i] & 0xFF) << 8;
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

  /** The IPv4 pseudo-header sum (RFC 9293 section 3.1) for a TCP segment of {@code tcpLength}. */
  public static long pseudoHeader(int srcIp, int dstIp, int protocol, int tcpLength) {
    return ((srcIp >>> 16) & 0xFFFF) + (srcIp & 0xFFFF) + ((dstIp >>> 16) & 0xFFFF)
        + (dstIp & 0xFFFF) + protocol + tcpLength;
  }
}
