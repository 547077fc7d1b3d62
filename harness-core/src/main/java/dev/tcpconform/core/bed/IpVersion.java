package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;

/**
 * The IP version a run's lanes carry their tests over: a run dimension (system property {@code
 * tcpconform.ip}, 4 or 6, default 4). Every lane plans addresses of both versions; only those of
 * the run's version are configured on the target and emulated by the harness.
 */
public enum IpVersion {
  V4(4, 20),
  V6(6, 40);

  /** The run property that chooses the version. */
  public static final String PROPERTY = "tcpconform.ip";

  private final int number;
  private final int headerLength;

  IpVersion(int number, int headerLength) {
    this.number = number;
    this.headerLength = headerLength;
  }

  /** 4 or 6. */
  public int number() {
    return number;
  }

  /** The fixed IP header: 20 octets for IPv4 without options, 40 for IPv6. */
  public int headerLength() {
    return headerLength;
  }

  /**
   * The largest MSS a segment may carry on a link of {@code mtu} octets: the MTU less the fixed
   * IP and TCP headers (RFC 9293 3.7.1, RFC 6691): 1460 over IPv4 on a 1500-octet link, 1440 over
   * IPv6.
   */
  public int mssFor(int mtu) {
    return mtu - headerLength - 20;
  }

  /**
   * The MSS a sender assumes when the SYN carries no MSS option (RFC 9293 3.7.1, MUST-15): 536
   * over IPv4, 1220 over IPv6 (the IPv6 minimum MTU, 1280, less 60).
   */
  public int defaultMss() {
    return this == V4 ? 536 : 1220;
  }

  /** {@code ipv4} or {@code ipv6}: how the version is named in labels and column names. */
  public String label() {
    return "ipv" + number;
  }

  /** {@code 4} or {@code 6}; anything else is one line saying what is expected. */
  public static IpVersion parse(String value) {
    String v = value == null ? "" : value.strip();
    if (v.equals("4")) {
      return V4;
    }
    if (v.equals("6")) {
      return V6;
    }
    throw new HarnessException("bad -D" + PROPERTY + "=" + value + ": the IP version is 4 or 6"
        + " (e.g. -D" + PROPERTY + "=6 runs every test over IPv6)");
  }

  /** The run's version: {@value #PROPERTY}, 4 when unset. */
  public static IpVersion fromProperties() {
    String v = System.getProperty(PROPERTY);
    return v == null || v.isBlank() ? V4 : parse(v);
  }

  @Override
  public String toString() {
    return "IPv" + number;
  }
}
