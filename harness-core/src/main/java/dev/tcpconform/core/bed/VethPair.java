package dev.tcpconform.core.bed;

import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;

/**
 * A veth pair from the harness's namespace into a target namespace. The harness end has no
 * address and IPv6 off, so the host stays silent; it is promiscuous, for capture, with segment
 * offloads off so that libpcap's ring holds many small frames. The target end
 * has the target's address, and its offloads are off so the wire carries real segments with real
 * checksums (no TSO super-frames, no unfinished checksums).
 *
 * <p>On an IPv6 lane the target end, and only it, has IPv6 on, with its address and nothing the
 * kernel would add or send by itself where it can be stopped: no link-local address ({@code
 * addr_gen_mode} 1), no duplicate address detection ({@code accept_dad} 0, {@code dad_transmits}
 * 0, the address {@code nodad}), no router solicitations and no router advertisements taken
 * ({@code router_solicitations} 0, {@code accept_ra} 0), the address kept if the link goes down
 * ({@code keep_addr_on_down}). What is left of the kernel's chatter, MLD reports (from {@code ::},
 * to {@code ff02::16}; Linux has no switch for them), never reaches a test: see {@link
 * dev.tcpconform.core.link.FlowDemux}.
 */
public final class VethPair implements AutoCloseable {

  /**
   * The MTU of the harness's end, above the lanes' 1500 so that a fault raising the target's
   * link MTU (up to this) is still captured whole. libpcap sizes each slot of its capture ring for
   * the largest frame the interface delivers, so the MTU sets how many frames the 16 MB ring
   * holds: with the capture stopped while 12,000 frames arrived (tcpdump -B 16384
   * --immediate-mode, as PcapLink opens it), 1,847 at MTU 9000 (9 ms at 200,000 frames/s, which
   * a young collection's pause could fill), 5,434 at 3000 (27 ms). The capture benchmark,
   * alternating, load 1.6-2.1: at 9000 395,340, 400,000 and 391,613 of 400,000 frames received
   * at 200,000 frames/s; at 3000 all of them, three times.
   */
  public static final int HARNESS_END_MTU = 3000;

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
    return create(reaper, hostEnd, targetEnd, targetNs, targetAddress, prefixLength, null, 0);
  }

  /**
   * As above; with {@code targetAddress6} not null the target end also has IPv6, with that
   * address on a {@code prefixLength6} network.
   */
  public static VethPair create(Reaper reaper, String hostEnd, String targetEnd,
      NetNamespace targetNs, Ipv4Address targetAddress, int prefixLength,
      Ipv6Address targetAddress6, int prefixLength6) {
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
      // HARNESS_END_MTU octets, so a fault that raises the link's MTU later is still captured
      // whole.
      Sh.run("ethtool", "-K", hostEnd, "tso", "off", "gso", "off", "gro", "off");
      Sh.run("ip", "link", "set", hostEnd, "mtu", String.valueOf(HARNESS_END_MTU));
      targetNs.exec("ip", "addr", "add", targetAddress + "/" + prefixLength, "dev", targetEnd);
      if (targetAddress6 != null) {
        enableIpv6(targetNs, targetEnd, targetAddress6, prefixLength6);
      }
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

  /** IPv6 on {@code dev} with {@code address} and no DAD, RS, RA or link-local address. */
  private static void enableIpv6(NetNamespace ns, String dev, Ipv6Address address, int prefix) {
    String conf = "net.ipv6.conf." + dev + ".";
    // set while IPv6 is still off on the device, so none of it happens even once
    ns.sysctl(conf + "addr_gen_mode", "1");
    ns.sysctl(conf + "accept_dad", "0");
    ns.sysctl(conf + "dad_transmits", "0");
    ns.sysctl(conf + "accept_ra", "0");
    ns.sysctl(conf + "router_solicitations", "0");
    ns.sysctl(conf + "keep_addr_on_down", "1");
    ns.sysctl(conf + "disable_ipv6", "0");
    ns.exec("ip", "-6", "addr", "add", address + "/" + prefix, "dev", dev, "nodad");
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
