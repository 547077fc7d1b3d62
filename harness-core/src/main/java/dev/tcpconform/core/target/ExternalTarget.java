package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.Sh;
import dev.tcpconform.core.link.SafeRange;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.Optional;

/**
 * A device the harness did not make: a box on a cable, a VM, a board, reached on an interface the
 * user names. Only what the user states is used: the interface, the device's address (inside
 * 198.18.0.0/15, like every address tcpconform sends to) and MAC, the address the harness plays
 * on that link, and a port where nothing listens. It has no agent here, so the tests that drive
 * the application are skipped with that reason; the wire-only ones run. Faults are the Linux
 * target's; this target takes none. The harness creates and removes nothing on it.
 *
 * <p>System properties: {@code tcpconform.external.interface}, {@code .address}, {@code .mac},
 * and optionally {@code .peer} (default: the device's /24 with host part 1, or 2 if that is the
 * device) and {@code .closed-port} (default 9).
 */
public final class ExternalTarget implements Target {

  private final String wire;
  private final Ipv4Address address;
  private final MacAddress mac;
  private final int closedPort;

  private ExternalTarget(String wire, Ipv4Address address, MacAddress mac, int closedPort) {
    this.wire = wire;
    this.address = address;
    this.mac = mac;
    this.closedPort = closedPort;
  }

  /** The device the system properties describe; one line saying what is wrong if they do not. */
  public static ExternalTarget fromProperties() {
    String wire = required("interface", "the interface the device is on, e.g. enp3s0");
    if (!wire.matches("[A-Za-z0-9_.:@-]{1,15}") || !Sh.tryRun("ip", "link", "show", wire).ok()) {
      throw new HarnessException("no interface '" + wire + "' on this machine: name one that"
          + " exists with -Dtcpconform.external.interface (see 'ip link')");
    }
    Ipv4Address address = parse("address", required("address", "the device's IPv4 address"));
    SafeRange.require(address, "the external device's address");
    MacAddress mac;
    try {
      mac = MacAddress.parse(required("mac", "the device's MAC, e.g. 02:00:00:00:00:02"));
    } catch (IllegalArgumentException e) {
      throw new HarnessException("bad -Dtcpconform.external.mac: " + e.getMessage());
    }
    int closedPort;
    try {
      closedPort = Integer.parseInt(System.getProperty("tcpconform.external.closed-port", "9"));
    } catch (NumberFormatException e) {
      throw new HarnessException("bad -Dtcpconform.external.closed-port: not a number");
    }
    if (closedPort < 1 || closedPort > 65535) {
      throw new HarnessException("bad -Dtcpconform.external.closed-port: " + closedPort
          + " (expected 1-65535)");
    }
    return new ExternalTarget(wire, address, mac, closedPort);
  }

  /** The lane on the device's link: the harness plays {@code .peer} with a MAC of its own. */
  public LanePlan plan() {
    Ipv4Address peer = parse("peer", System.getProperty("tcpconform.external.peer",
        defaultPeer(address).toString()));
    SafeRange.require(peer, "the address the harness plays next to the external device");
    if (peer.equals(address)) {
      throw new HarnessException("-Dtcpconform.external.peer is the device's own address "
          + address + ": the harness needs another one on the same link");
    }
    return new LanePlan(0, "external", wire, wire, peer, address, 24,
        MacAddress.parse("02:74:63:00:ff:01"));
  }

  static Ipv4Address defaultPeer(Ipv4Address device) {
    int net = device.bits() & 0xFFFFFF00;
    int host = (device.bits() & 0xFF) == 1 ? 2 : 1;
    return new Ipv4Address(net | host);
  }

  private static String required(String key, String what) {
    String v = System.getProperty("tcpconform.external." + key);
    if (v == null || v.isBlank()) {
      throw new HarnessException("the external target needs -Dtcpconform.external." + key + " ("
          + what + ")");
    }
    return v.strip();
  }

  private static Ipv4Address parse(String key, String v) {
    try {
      return Ipv4Address.parse(v);
    } catch (IllegalArgumentException e) {
      throw new HarnessException("bad -Dtcpconform.external." + key + ": " + e.getMessage());
    }
  }

  @Override
  public String name() {
    return "external";
  }

  @Override
  public String wireInterface() {
    return wire;
  }

  @Override
  public Ipv4Address address() {
    return address;
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Optional<Agent> agent() {
    return Optional.empty();
  }

  @Override
  public int closedPort() {
    return closedPort;
  }

  @Override
  public void apply(Fault fault) {
    throw new HarnessException("the external device takes no faults (" + fault + "): fault"
        + " demonstrations run against " + TargetProfile.DEFAULT);
  }

  @Override
  public void close() {
    // nothing was created
  }

  @Override
  public String toString() {
    return "external device " + address + " on " + wire;
  }
}
