package dev.tcpconform.core.peer;

import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;

/** One end of a connection on the wire. */
public record Endpoint(Ipv4Address address, int port, MacAddress mac) {

  public Endpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
  }

  @Override
  public String toString() {
    return address + ":" + port;
  }
}
