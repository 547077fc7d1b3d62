package dev.tcpconform.suites.support;

import dev.tcpconform.core.bed.IpVersion;

/**
 * nftables matches on a segment's size, written in TCP octets (header, options and data) and put
 * into the run's IP version: {@code ip length} is IPv4's total length (20 octets of header
 * included), {@code ip6 length} IPv6's payload length (its 40 octets of header not included).
 * A bare ACK, 20 TCP octets, is {@code ip length 40} over IPv4 and {@code ip6 length 20} over
 * IPv6. A fault written with these matches the same segments over either version; one written
 * with {@code ip length} alone matches nothing over IPv6, and its demonstration would pass there.
 *
 * <p>Neither the harness nor a target in a lane sends IPv4 options or IPv6 extension headers, so
 * the IP header is always the fixed one. Quotas count whole packets ({@code skb->len}, the IP
 * header included), so {@link #quotaOver} and {@link #quotaUntil} count in segments.
 */
public final class NftLength {

  /** A TCP header without options: a bare ACK, or a segment's header before its data. */
  public static final int BARE_HEADER = 20;

  private NftLength() {}

  /** Matches segments of {@code tcpOctets} TCP octets. */
  public static String tcp(int tcpOctets) {
    return field() + " " + ipLength(tcpOctets);
  }

  /** Matches segments of {@code fromTcpOctets} to {@code toTcpOctets} TCP octets, both included. */
  public static String tcp(int fromTcpOctets, int toTcpOctets) {
    return field() + " " + ipLength(fromTcpOctets) + "-" + ipLength(toTcpOctets);
  }

  /** Matches a bare segment: a TCP header with no options and no data (a pure ACK). */
  public static String bare() {
    return tcp(BARE_HEADER);
  }

  /**
   * Matches a full-sized data segment on the lane's 1500-octet link, no options: 1460 octets of
   * data over IPv4 ({@code ip length 1500}), 1440 over IPv6 ({@code ip6 length 1460}); the
   * packet is 1500 octets either way.
   */
  public static String fullSized() {
    return tcp(fullSizedTcp());
  }

  /** The TCP octets of a full-sized data segment (see {@link #fullSized()}): 1480 or 1460. */
  public static int fullSizedTcp() {
    return BARE_HEADER + version().mssFor(1500);
  }

  /** Matches segments whose TCP length is odd (an odd number of data octets, no options). */
  public static String odd() {
    return field() + " & 1 == 1";
  }

  /** Passes once {@code segments} packets of {@code tcpOctets} TCP octets have gone by. */
  public static String quotaOver(int segments, int tcpOctets) {
    return "quota over " + segments * packet(tcpOctets) + " bytes";
  }

  /** Passes until {@code segments} packets of {@code tcpOctets} TCP octets have gone by. */
  public static String quotaUntil(int segments, int tcpOctets) {
    return "quota until " + segments * packet(tcpOctets) + " bytes";
  }

  /** The whole packet of a segment of {@code tcpOctets}: what a quota counts. */
  public static int packet(int tcpOctets) {
    return version().headerLength() + tcpOctets;
  }

  private static String field() {
    return version() == IpVersion.V4 ? "ip length" : "ip6 length";
  }

  /** The value of {@link #field()} for a segment of {@code tcpOctets}. */
  private static int ipLength(int tcpOctets) {
    return version() == IpVersion.V4 ? tcpOctets + 20 : tcpOctets;
  }

  private static IpVersion version() {
    return IpVersion.fromProperties();
  }
}
