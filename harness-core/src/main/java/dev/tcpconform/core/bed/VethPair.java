package dev.tcpconform.core.bed;

import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;

/**
 * A veth pair from the harness's namespace into a target namespace. The harness end has no
 * address and IPv6 off, so the host stays silent; it is promiscuous, for capture, with segment
 * offloads off so that libpcap's ring holds many small frames. The target end
 * has the target's address, and its offloads are off so the wire carries real segments with real
 * checksums (no TSO super-frames, no unfinished checksums).
 */
public final class VethPair implements AutoCloseable {

  private final Reaper reaper;
  private final String hostEnd;
  private final String targetEnd;
  private final MacAddress targetMac;
  private boolean closed;

  private VethPair(Reaper reaper, String hostEnd, String targetEnd, MacAddress targetMac) {
    this.reaper = reaper;
    this.hostEnd = hostEnd;
    this.targetEnd = targetEnd;
    this.targetMac = targetMac;
  }

  public static VethPair create(Reaper reaper, String hostEnd, String targetEnd,
      NetNamespace targetNs, Ipv4Address targetAddress, int prefixLength) {
    reaper.registerLink(hostEnd);
    Sh.run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", targetEnd,
        "netns", targetNs.name());
    VethPair pair = null;
    try {
      Sh.run("sysctl", "-q", "-w", "net.ipv6.conf." + hostEnd + ".disable_ipv6=1");
      Sh.run("ip", "link", "set", hostEnd, "up", "promisc", "on");
      // libpcap sizes every ring slot of its capture buffer for the largest frame the interface
      // can deliver when the capture opens: with segment offloads on, a 64 KB super-frame (the
      // buffer then holds about 120 frames); off, the MTU. The harness's end takes frames up to
      // 9000 octets, so a fault that raises the link's MTU later is still captured whole.
      Sh.run("ethtool", "-K", hostEnd, "tso", "off", "gso", "off", "gro", "off");
      Sh.run("ip", "link", "set", hostEnd, "mtu", "9000");
      targetNs.exec("ip", "addr", "add", targetAddress + "/" + prefixLength, "dev", targetEnd);
      targetNs.exec("ip", "link", "set", targetEnd, "up");
      targetNs.exec("ethtool", "-K", targetEnd, "tx", "off", "tso", "off", "gso", "off",
          "gro", "off");
      MacAddress mac = MacAddress.parse(
          targetNs.exec("cat", "/sys/class/net/" + targetEnd + "/address").trim());
      pair = new VethPair(reaper, hostEnd, targetEnd, mac);
      return pair;
    } finally {
      if (pair == null) {
        Sh.tryRun("ip", "link", "del", hostEnd);
        reaper.forgetLink(hostEnd);
      }
    }
  }

  public String hostEnd() {
    return hostEnd;
  }

  public String targetEnd() {
    return targetEnd;
  }

  public MacAddress targetMac() {
    return targetMac;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Sh.tryRun("ip", "link", "del", hostEnd);
    reaper.forgetLink(hostEnd);
  }
}
