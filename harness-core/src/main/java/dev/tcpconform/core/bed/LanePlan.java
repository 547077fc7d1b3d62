package dev.tcpconform.core.bed;

import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;

/**
 * Names and addresses of one lane, derived from the run's ID and the lane's index, so that every
 * host resource carries the run ID (for the reaper) and every lane has its own /24 inside
 * 198.18.0.0/15.
 *
 * @param index lane number, 0-255
 * @param namespace the target's network namespace, e.g. {@code tc3f9a1c-07-ns}
 * @param hostInterface the veth end in the harness's namespace (no address, IPv6 off), e.g.
 *     {@code tc3f9a1c-07-h}
 * @param targetInterface the veth end inside the target namespace, e.g. {@code tc3f9a1c-07-t}
 * @param peerAddress the address the harness emulates, 198.18.&lt;index&gt;.1
 * @param targetAddress the target's address, 198.18.&lt;index&gt;.2
 * @param prefixLength 24
 * @param peerMac the MAC the harness emulates (locally administered, not the veth's own)
 */
public record LanePlan(
    int index,
    String namespace,
    String hostInterface,
    String targetInterface,
    Ipv4Address peerAddress,
    Ipv4Address targetAddress,
    int prefixLength,
    MacAddress peerMac) {

  public LanePlan {
    if (index < 0 || index > 255) {
      throw new IllegalArgumentException("index: " + index + " (expected: 0-255)");
    }
  }

  public static LanePlan of(RunId run, int index) {
    String base = run.prefix() + "-" + String.format("%02x", index) + "-";
    return new LanePlan(
        index,
        base + "ns",
        base + "h",
        base + "t",
        Ipv4Address.parse("198.18." + index + ".1"),
        Ipv4Address.parse("198.18." + index + ".2"),
        24,
        MacAddress.parse(String.format("02:74:63:00:%02x:01", index)));
  }
}
