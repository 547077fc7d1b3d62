package dev.tcpconform.core.peer;

import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.MacAddress;

/** One end of a connection on the wire, over IPv4 or IPv6 (the address says which). */
public record Endpoint(IpAddress address, int port, MacAddress mac) {

  public Endpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
  }

  /** {@code 198.18.0.2:8080}, {@code [2001:2:0:1::2]:8080} (RFC 3986's brackets for IPv6). */
  @Override
  public String toString() {
    return (address.version() == 6 ? "[" + address + "]" : address.toString()) + ":" + port;
  }
}
