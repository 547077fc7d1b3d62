package dev.tcpconform.core.bed;

import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;

/**
 * Names and addresses of one lane, derived from the run's ID and the lane's index, so that every
 * host resource carries the run ID (for the reaper) and every lane has its own /24 inside
 * 198.18.0.0/15 and its own /64 inside 2001:2::/48. Both are planned; the lane's {@code
 * ipVersion} says which one its target is given and its tests run over ({@link #peerIp()},
 * {@link #targetIp()}).
 *
 * @param index lane number, 0-255
 * @param namespace the target's network namespace, e.g. {@code tc3f9a1c-07-ns}
 * @param hostInterface the veth end in the harness's namespace (no address, IPv6 off), e.g.
 *     {@code tc3f9a1c-07-h}
 * @param targetInterface the veth end inside the target namespace, e.g. {@code tc3f9a1c-07-t}
 * @param peerAddress the IPv4 address the harness emulates, 198.18.&lt;index&gt;.1 (null only on
 *     the IPv6 lane of an external device the user gave no IPv4 address)
 * @param targetAddress the target's IPv4 address, 198.18.&lt;index&gt;.2 (null likewise)
 * @param prefixLength 24
 * @param peerMac the MAC the harness emulates (locally administered, not the veth's own)
 * @param ipVersion the version the lane's tests run over
 * @param peerAddress6 the IPv6 address the harness emulates, 2001:2:0:&lt;index hex&gt;::1
 * @param targetAddress6 the target's IPv6 address, 2001:2:0:&lt;index hex&gt;::2, on a /64
 *     (null likewise, on the IPv4 lane of an external device without an IPv6 address)
 */
public record LanePlan(
    int index,
    String namespace,
    String hostInterface,
    String targetInterface,
    Ipv4Address peerAddress,
    Ipv4Address targetAddress,
    int prefixLength,
    MacAddress peerMac,
    IpVersion ipVersion,
    Ipv6Address peerAddress6,
    Ipv6Address targetAddress6) {

  /** The prefix of a lane's IPv6 network. */
  public static final int PREFIX_LENGTH_6 = 64;

  public LanePlan {
    if (index < 0 || index > 255) {
      throw new IllegalArgumentException("index: " + index + " (expected: 0-255)");
    }
    if (ipVersion == IpVersion.V4 && (peerAddress == null || targetAddress == null)) {
      throw new IllegalArgumentException("an IPv4 lane without IPv4 addresses (peer "
          + peerAddress + ", target " + targetAddress + ")");
    }
    if (ipVersion == IpVersion.V6 && (peerAddress6 == null || targetAddress6 == null)) {
      throw new IllegalArgumentException("an IPv6 lane without IPv6 addresses (peer "
          + peerAddress6 + ", target " + targetAddress6 + ")");
    }
  }

  /** An IPv4 lane. */
  public static LanePlan of(RunId run, int index) {
    return of(run, index, IpVersion.V4);
  }

  public static LanePlan of(RunId run, int index, IpVersion ipVersion) {
    String base = run.prefix() + "-" + String.format("%02x", index) + "-";
    String net6 = "2001:2:0:" + Integer.toHexString(index) + "::";
    return new LanePlan(
        index,
        base + "ns",
        base + "h",
        base + "t",
        Ipv4Address.parse("198.18." + index + ".1"),
        Ipv4Address.parse("198.18." + index + ".2"),
        24,
        MacAddress.parse(String.format("02:74:63:00:%02x:01", index)),
        ipVersion,
        Ipv6Address.parse(net6 + "1"),
        Ipv6Address.parse(net6 + "2"));
  }

  /** The address the harness emulates on the lane's IP version. */
  public IpAddress peerIp() {
    return ipVersion == IpVersion.V6 ? peerAddress6 : peerAddress;
  }

  /** The target's address on the lane's IP version. */
  public IpAddress targetIp() {
    return ipVersion == IpVersion.V6 ? targetAddress6 : targetAddress;
  }
}
