package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.Sh;
import dev.tcpconform.core.link.SafeRange;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the user says about an external device, checked once when the test bed starts: each
 * wrong value is one line naming its system property and what is expected. Nothing is sent or
 * connected here; {@link ExternalTarget#open} does that for each lane.
 *
 * @param wire the interface the device is on ({@code tcpconform.external.interface})
 * @param address the device's address, in 198.18.0.0/15 ({@code .address})
 * @param mac its MAC, or empty to learn it by ARP ({@code .mac})
 * @param peer the address the harness plays on the device's link ({@code .peer}; default: the
 *     device's /24 with host part 1, or 2 if that is the device)
 * @param closedPort a port of the device where nothing listens ({@code .closed-port}; default 9)
 * @param servicePorts the ports where the device has listening services, as the user names them
 *     ({@code .ports}, a comma list; default none)
 * @param agent where the device's agent serves, or empty when it has none ({@code .agent})
 */
public record ExternalDevice(
    String wire,
    Ipv4Address address,
    Optional<MacAddress> mac,
    Ipv4Address peer,
    int closedPort,
    List<Integer> servicePorts,
    Optional<AgentAddress> agent) {

  /** The MAC the harness plays at {@link #peer()}: locally administered, not the interface's. */
  static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:ff:01");

  public ExternalDevice {
    servicePorts = List.copyOf(servicePorts);
  }

  /**
   * A management address where an agent serves: {@code HOST:PORT}, HOST a name, an IPv4 address
   * or an IPv6 address in brackets. Reached by a plain TCP connection from the harness's own
   * namespace, so it may be outside 198.18.0.0/15; nothing is injected there.
   */
  public record AgentAddress(String host, int port) {

    /** {@code 192.0.2.10:7000}, {@code mgmt.lab:7000}, {@code [2001:db8::10]:7000}. */
    public static AgentAddress parse(String text) {
      String t = text.strip();
      int colon = t.lastIndexOf(':');
      if (colon < 0 || t.endsWith("]")) {
        throw bad(t, "no port");
      }
      String host = t.substring(0, colon);
      String port = t.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
        if (!host.matches("[0-9A-Fa-f:.]+") || !host.contains(":")) {
          throw bad(t, "'" + host + "' in brackets is not an IPv6 address");
        }
      } else if (host.contains(":")) {
        throw bad(t, "an IPv6 address goes in brackets, e.g. [2001:db8::10]:7000");
      } else if (host.isEmpty()) {
        throw bad(t, "no host");
      } else if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
        throw bad(t, "'" + host + "' is not a host name or address");
      }
      return new AgentAddress(host, portOf(port, "-Dtcpconform.external.agent", t,
          "HOST:PORT with a port 1-65535, e.g. 192.0.2.10:7000"));
    }

    private static HarnessException bad(String text, String why) {
      return new HarnessException("bad -Dtcpconform.external.agent: '" + text + "': " + why
          + " (expected: HOST:PORT, the management address where the device's agent serves,"
          + " e.g. 192.0.2.10:7000)");
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The device the {@code tcpconform.external.*} system properties describe. */
  public static ExternalDevice fromProperties() {
    String wire = required("interface", "the interface the device is on, e.g. enp3s0");
    if (!wire.matches("[A-Za-z0-9_.:@-]{1,15}") || !Sh.tryRun("ip", "link", "show", wire).ok()) {
      throw new HarnessException("no interface '" + wire + "' on this machine: name one that"
          + " exists with -Dtcpconform.external.interface (see 'ip link')");
    }
    Ipv4Address address = ipv4("address", required("address", "the device's IPv4 address"));
    SafeRange.require(address, "the external device's address");
    Optional<MacAddress> mac = optional("mac").map(m -> {
      try {
        return MacAddress.parse(m);
      } catch (IllegalArgumentException e) {
        throw new HarnessException("bad -Dtcpconform.external.mac: " + e.getMessage()
            + "; leave it out to learn the MAC by ARP");
      }
    });
    Ipv4Address peer = ipv4("peer", optional("peer").orElse(defaultPeer(address).toString()));
    SafeRange.require(peer, "the address the harness plays next to the external device");
    if (peer.equals(address)) {
      throw new HarnessException("-Dtcpconform.external.peer is the device's own address "
          + address + ": the harness needs another one on the same link");
    }
    int closedPort = portOf(optional("closed-port").orElse("9"),
        "-Dtcpconform.external.closed-port", null, "a port 1-65535 where nothing listens");
    List<Integer> servicePorts = ports(optional("ports").orElse(""));
    if (servicePorts.contains(closedPort)) {
      throw new HarnessException("-Dtcpconform.external.closed-port " + closedPort + " is one of"
          + " the device's service ports (-Dtcpconform.external.ports): name a port where nothing"
          + " listens");
    }
    Optional<AgentAddress> agent = optional("agent").map(AgentAddress::parse);
    agent.ifPresent(a -> notUnderTest(a, address, peer));
    return new ExternalDevice(wire, address, mac, peer, closedPort, servicePorts, agent);
  }

  /**
   * The one lane on the device's link: the harness plays {@link #peer()} with a MAC of its own, on
   * the device's /24.
   */
  public LanePlan plan() {
    return new LanePlan(0, "external", wire, wire, peer, address, 24, PEER_MAC);
  }

  /**
   * The service ports of a comma list ({@code 22,80,443}), in the order given; the empty list for
   * a blank one.
   */
  static List<Integer> ports(String list) {
    List<Integer> out = new ArrayList<>();
    if (list.isBlank()) {
      return out;
    }
    for (String p : list.split(",", -1)) {
      int port = portOf(p, "-Dtcpconform.external.ports", list,
          "a comma list of ports 1-65535, e.g. 22,80,443");
      if (out.contains(port)) {
        throw new HarnessException("bad -Dtcpconform.external.ports: '" + list.strip() + "' names "
            + port + " twice (expected: a comma list of distinct ports 1-65535, e.g. 22,80,443)");
      }
      out.add(port);
    }
    return out;
  }

  /** A port 1-65535; {@code in}, when given, is the whole value the port was taken from. */
  private static int portOf(String text, String property, String in, String expected) {
    String p = text.strip();
    int port = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
    if (port < 1 || port > 65535) {
      throw new HarnessException("bad " + property + ": "
          + (in == null ? "'" + p + "'" : "'" + p + "' in '" + in.strip() + "'")
          + (p.isEmpty() ? " is empty" : " is not a port") + " (expected: " + expected + ")");
    }
    return port;
  }

  /**
   * The harness's own kernel must not talk TCP to the addresses under test (its segments would mix
   * with the tests'): an agent written as the device's address or the peer's is refused.
   */
  private static void notUnderTest(AgentAddress agent, Ipv4Address device, Ipv4Address peer) {
    Ipv4Address a;
    try {
      a = Ipv4Address.parse(agent.host());
    } catch (IllegalArgumentException e) {
      return; // a host name or an IPv6 address
    }
    if (a.equals(device) || a.equals(peer)) {
      throw new HarnessException("-Dtcpconform.external.agent " + agent + " is an address under"
          + " test: reach the agent on a management address of the device, so that the"
          + " harness's own TCP stays off the addresses the tests use");
    }
  }

  static Ipv4Address defaultPeer(Ipv4Address device) {
    int net = device.bits() & 0xFFFFFF00;
    int host = (device.bits() & 0xFF) == 1 ? 2 : 1;
    return new Ipv4Address(net | host);
  }

  private static String required(String key, String what) {
    return optional(key).orElseThrow(() -> new HarnessException("the external target needs"
        + " -Dtcpconform.external." + key + " (" + what + ")"));
  }

  private static Optional<String> optional(String key) {
    String v = System.getProperty("tcpconform.external." + key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static Ipv4Address ipv4(String key, String v) {
    try {
      return Ipv4Address.parse(v);
    } catch (IllegalArgumentException e) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": " + e.getMessage());
    }
  }
}
