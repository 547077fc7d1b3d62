package dev.tcpconform.crafter;

import dev.tcpconform.crafter.codec.FrameEncoder;
import java.util.List;

/**
 * An ICMPv6 message in its IPv6 packet and Ethernet frame, as the harness sends and receives
 * Neighbor Discovery (RFC 4861) for its emulated addresses, the way {@link ArpMessage} serves
 * IPv4. Traffic class and flow label are written zero; the checksum is computed over the IPv6
 * pseudo-header when encoded ({@link #encode()}) and checked when decoded ({@link
 * Frame.Icmpv6#checksumOk()}).
 */
public record Icmpv6Packet(
    MacAddress srcMac,
    MacAddress dstMac,
    Ipv6Address src,
    Ipv6Address dst,
    int hopLimit,
    List<ExtensionHeader> extensionHeaders,
    Icmpv6Message message) {

  /** The hop limit of every Neighbor Discovery message, so a receiver knows it was not routed. */
  public static final int ND_HOP_LIMIT = 255;

  public Icmpv6Packet {
    if (hopLimit < 0 || hopLimit > 255) {
      throw new IllegalArgumentException("hopLimit: " + hopLimit + " (expected: 0-255)");
    }
    extensionHeaders = List.copyOf(extensionHeaders);
  }

  /**
   * A Neighbor Solicitation from {@code src} at {@code srcMac} asking for {@code target}'s
   * link-layer address (RFC 4861 section 7.2.2): to the target's solicited-node multicast group
   * ({@code ff02::1:ffxx:xxxx}, Ethernet {@code 33:33:ff:xx:xx:xx}), hop limit 255, with the
   * source link-layer address option.
   */
  public static Icmpv6Packet neighborSolicitation(
      MacAddress srcMac, Ipv6Address src, Ipv6Address target) {
    Ipv6Address group = target.solicitedNodeMulticast();
    return new Icmpv6Packet(srcMac, group.multicastMac(), src, group, ND_HOP_LIMIT, List.of(),
        new Icmpv6Message.NeighborSolicitation(target,
            List.of(NdOption.sourceLinkLayerAddress(srcMac))));
  }

  /**
   * The Neighbor Advertisement that answers this solicitation, from the owner of its target
   * address at {@code myMac} (RFC 4861 section 7.2.4): from the target address to the
   * solicitation's source, at the MAC its source link-layer address option names (else the
   * frame's source MAC), Solicited and Override set, with the target link-layer address option.
   * To a solicitation from the unspecified address (duplicate address detection) the answer goes
   * to all nodes, {@code ff02::1}, with Solicited clear.
   */
  public Icmpv6Packet advertisementFrom(MacAddress myMac) {
    if (!(message instanceof Icmpv6Message.NeighborSolicitation ns)) {
      throw new IllegalArgumentException("advertisementFrom on " + this
          + " (expected: a neighbor solicitation)");
    }
    boolean dad = src.equals(Ipv6Address.UNSPECIFIED);
    Ipv6Address to = dad ? Ipv6Address.ALL_NODES : src;
    MacAddress toMac = dad ? Ipv6Address.ALL_NODES.multicastMac()
        : ns.sourceLinkLayerAddress().orElse(srcMac);
    return new Icmpv6Packet(myMac, toMac, ns.target(), to, ND_HOP_LIMIT, List.of(),
        new Icmpv6Message.NeighborAdvertisement(false, !dad, true, ns.target(),
            List.of(NdOption.targetLinkLayerAddress(myMac))));
  }

  /** The Ethernet frame, checksum computed. */
  public byte[] encode() {
    return FrameEncoder.encode(this);
  }

  /**
   * {@code ns who-has 2001:2::1 tell 2001:2::2}, {@code na 2001:2::1 is-at 02:74:63:00:00:01
   * (solicited,override)}, or {@code icmp6 type 133 code 0 (8 bytes) fe80::1 > ff02::2}.
   */
  @Override
  public String toString() {
    if (message instanceof Icmpv6Message.NeighborSolicitation ns) {
      return "ns " + ns.notation() + " tell " + src;
    }
    if (message instanceof Icmpv6Message.NeighborAdvertisement na) {
      return "na " + na.notation();
    }
    return "icmp6 " + message.notation() + " " + src + " > " + dst;
  }
}
