package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.Sh;
import dev.tcpconform.core.link.SafeRange;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * What the user says about an external device, checked once when the test bed starts: each
 * wrong value is one line naming its system property and what is expected. Nothing is sent or
 * connected here; {@link ExternalTarget#open} does that for each lane.
 *
 * <p>A device may have an IPv4 address ({@code .address}), an IPv6 one ({@code .address6}), or
 * both; a run uses those of its IP version ({@code -Dtcpconform.ip}, {@link IpVersion}), which
 * must be given; the others, when given, are checked all the same, so that one set of properties
 * serves a run over each version ({@code ./tcpconform run --ip 4,6}).
 *
 * @param wire the interface the device is on ({@code tcpconform.external.interface})
 * @param ipVersion the version the run's lane carries its tests over
 * @param ipv4 the device's IPv4 address, in 198.18.0.0/15 ({@code .address}), and the one the
 *     harness plays on its link ({@code .peer}; default: the device's /24 with host part 1, or 2
 *     if that is the device); empty when not given
 * @param ipv6 the device's IPv6 address, in 2001:2::/48 ({@code .address6}), and the harness's
 *     ({@code .peer6}; default: the device's /64 with interface ID 1, or 2 if that is the
 *     device); empty when not given
 * @param mac its MAC, or empty to learn it by ARP or, over IPv6, by a Neighbor Solicitation
 *     ({@code .mac})
 * @param closedPort a port of the device where nothing listens ({@code .closed-port}; default 9)
 * @param servicePorts the ports where the device has listening services, as the user names them
 *     ({@code .ports}, a comma list; default none)
 * @param agent where the device's agent serves, or empty when it has none ({@code .agent})
 */
public record ExternalDevice(
    String wire,
    IpVersion ipVersion,
    Optional<Addresses<Ipv4Address>> ipv4,
    Optional<Addresses<Ipv6Address>> ipv6,
    Optional<MacAddress> mac,
    int closedPort,
    List<Integer> servicePorts,
    Optional<AgentAddress> agent) {

  /** The MAC the harness plays at {@link #peer()}: locally administered, not the interface's. */
  static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:ff:01");

  public ExternalDevice {
    servicePorts = List.copyOf(servicePorts);
    if ((ipVersion == IpVersion.V4 ? ipv4 : ipv6).isEmpty()) {
      throw new IllegalArgumentException("a device without " + ipVersion + " addresses for a"
          + " run over " + ipVersion);
    }
  }

  /**
   * The device's address on one IP version and the address the harness plays next to it, on the
   * same link.
   */
  public record Addresses<A extends IpAddress>(A device, A peer) {}

  /** The device's address on the run's IP version. */
  public IpAddress address() {
    return ipVersion == IpVersion.V4 ? ipv4.orElseThrow().device() : ipv6.orElseThrow().device();
  }

  /** The address the harness plays on the run's IP version. */
  public IpAddress peer() {
    return ipVersion == IpVersion.V4 ? ipv4.orElseThrow().peer() : ipv6.orElseThrow().peer();
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

  /**
   * The device the {@code tcpconform.external.*} system properties describe, for a run over
   * {@code ipVersion}.
   */
  public static ExternalDevice fromProperties(IpVersion ipVersion) {
    String wire = required("interface", "the interface the device is on, e.g. enp3s0");
    if (!wire.matches("[A-Za-z0-9_.:@-]{1,15}") || !Sh.tryRun("ip", "link", "show", wire).ok()) {
      throw new HarnessException("no interface '" + wire + "' on this machine: name one that"
          + " exists with -Dtcpconform.external.interface (see 'ip link')");
    }
    Optional<Addresses<Ipv4Address>> ipv4 = ipv4Addresses();
    Optional<Addresses<Ipv6Address>> ipv6 = ipv6Addresses();
    if (ipVersion == IpVersion.V4 && ipv4.isEmpty()) {
      throw new HarnessException("the external target needs -Dtcpconform.external.address (the"
          + " device's IPv4 address, in 198.18.0.0/15) for a run over IPv4"
          + (ipv6.isPresent() ? "; for one over its IPv6 address, -Dtcpconform.ip=6" : ""));
    }
    if (ipVersion == IpVersion.V6 && ipv6.isEmpty()) {
      throw new HarnessException("the external target needs -Dtcpconform.external.address6 (the"
          + " device's IPv6 address, in 2001:2::/48) for a run over IPv6");
    }
    Optional<MacAddress> mac = optional("mac").map(m -> {
      try {
        return MacAddress.parse(m);
      } catch (IllegalArgumentException e) {
        throw new HarnessException("bad -Dtcpconform.external.mac: " + e.getMessage()
            + "; leave it out to learn the MAC by ARP (over IPv6, by a Neighbor Solicitation)");
      }
    });
    int closedPort = portOf(optional("closed-port").orElse("9"),
        "-Dtcpconform.external.closed-port", null, "a port 1-65535 where nothing listens");
    List<Integer> servicePorts = ports(optional("ports").orElse(""));
    if (servicePorts.contains(closedPort)) {
      throw new HarnessException("-Dtcpconform.external.closed-port " + closedPort + " is one of"
          + " the device's service ports (-Dtcpconform.external.ports): name a port where nothing"
          + " listens");
    }
    Optional<AgentAddress> agent = optional("agent").map(AgentAddress::parse);
    List<IpAddress> underTest = new ArrayList<>();
    ipv4.ifPresent(a -> underTest.addAll(List.of(a.device(), a.peer())));
    ipv6.ifPresent(a -> underTest.addAll(List.of(a.device(), a.peer())));
    agent.ifPresent(a -> notUnderTest(a, underTest));
    return new ExternalDevice(wire, ipVersion, ipv4, ipv6, mac, closedPort, servicePorts, agent);
  }

  /** {@code .address} and {@code .peer}, when the device has an IPv4 address. */
  private static Optional<Addresses<Ipv4Address>> ipv4Addresses() {
    return addresses("address", "peer", ExternalDevice::ipv4, ExternalDevice::defaultPeer);
  }

  /** {@code .address6} and {@code .peer6}, when the device has an IPv6 address. */
  private static Optional<Addresses<Ipv6Address>> ipv6Addresses() {
    return addresses("address6", "peer6", ExternalDevice::ipv6, ExternalDevice::defaultPeer);
  }

  /**
   * The device's address under {@code addressKey} and the peer's under {@code peerKey} (else
   * {@code defaultPeer} of the device's), both in the safe range and not the same; empty when
   * the device has no address of that version.
   */
  private static <A extends IpAddress> Optional<Addresses<A>> addresses(String addressKey,
      String peerKey, BiFunction<String, String, A> parse, UnaryOperator<A> defaultPeer) {
    Optional<String> address = optional(addressKey);
    if (address.isEmpty()) {
      notWithout(peerKey, addressKey);
      return Optional.empty();
    }
    A device = parse.apply(addressKey, address.get());
    SafeRange.require(device, "the external device's address (-Dtcpconform.external."
        + addressKey + ")");
    A peer = parse.apply(peerKey,
        optional(peerKey).orElse(defaultPeer.apply(device).toString()));
    SafeRange.require(peer, "the address the harness plays next to the external device"
        + " (-Dtcpconform.external." + peerKey + ")");
    if (peer.equals(device)) {
      throw new HarnessException("-Dtcpconform.external." + peerKey + " is the device's own"
          + " address " + device + ": the harness needs another one on the same link");
    }
    return Optional.of(new Addresses<>(device, peer));
  }

  /** A peer without the device's address it stands next to is a mistake, not a default. */
  private static void notWithout(String peerKey, String addressKey) {
    if (optional(peerKey).isPresent()) {
      throw new HarnessException("-Dtcpconform.external." + peerKey + " is given without"
          + " -Dtcpconform.external." + addressKey + ": name the device's address the harness"
          + " plays the peer of, or leave the peer out");
    }
  }

  /**
   * The one lane on the device's link: the harness plays {@link #peer()} with a MAC of its own, on
   * the device's /24 or /64; the lane plans the addresses of each version the device has.
   */
  public LanePlan plan() {
    return new LanePlan(0, "external", wire, wire,
        ipv4.map(Addresses::peer).orElse(null), ipv4.map(Addresses::device).orElse(null), 24,
        PEER_MAC, ipVersion,
        ipv6.map(Addresses::peer).orElse(null), ipv6.map(Addresses::device).orElse(null));
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
   * with the tests'): an agent written as the device's address or the peer's, of either version,
   * is refused.
   */
  private static void notUnderTest(AgentAddress agent, List<IpAddress> underTest) {
    IpAddress a;
    try {
      a = IpAddress.parse(agent.host());
    } catch (IllegalArgumentException e) {
      return; // a host name
    }
    if (underTest.contains(a)) {
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

  /** The device's /64 with interface ID 1, or 2 if that is the device. */
  static Ipv6Address defaultPeer(Ipv6Address device) {
    return new Ipv6Address(device.high(), device.low() == 1 ? 2 : 1);
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
    if (v.contains(":")) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": '" + v + "' is an IPv6"
          + " address: give it as -Dtcpconform.external." + key + "6 (." + key + " is IPv4)");
    }
    try {
      return Ipv4Address.parse(v);
    } catch (IllegalArgumentException e) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": " + e.getMessage());
    }
  }

  private static Ipv6Address ipv6(String key, String v) {
    String ipv4Key = key.substring(0, key.length() - 1);
    if (!v.contains(":")) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": '" + v + "' is not an"
          + " IPv6 address: an IPv4 one is -Dtcpconform.external." + ipv4Key + " (expected: e.g."
          + " 2001:2:0:7::2, in 2001:2::/48)");
    }
    try {
      return Ipv6Address.parse(v);
    } catch (IllegalArgumentException e) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": " + e.getMessage());
    }
  }
}
