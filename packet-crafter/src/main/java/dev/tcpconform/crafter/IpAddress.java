package dev.tcpconform.crafter;

/** An IP address: {@link Ipv4Address} (32 bits) or {@link Ipv6Address} (128 bits). */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

  /** 4 or 6. */
  int version();

  /** The address in network byte order: 4 or 16 bytes. */
  byte[] bytes();

  /** Writes {@link #bytes()} at {@code off}. */
  void writeTo(byte[] out, int off);

  /** {@code 198.18.0.1} or {@code 2001:2::1}: text with a colon is IPv6, any other IPv4. */
  static IpAddress parse(String text) {
    return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
  }
}
