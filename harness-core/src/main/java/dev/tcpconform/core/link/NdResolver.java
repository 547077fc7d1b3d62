package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Learns the MAC of one IPv6 address by Neighbor Discovery (RFC 4861 section 7.2), as {@link
 * ArpResolver} does by ARP: a Neighbor Solicitation from {@code sender} to the solicited-node
 * multicast group of the address, with the sender's link-layer address option, a few times, evenly
 * spread over a deadline; the target link-layer address of the first advertisement for that
 * address. A fact, not a verdict: an address that never answers is an empty result, for the
 * caller to turn into a message.
 *
 * <p>The solicitation is exactly what {@link SafeRange}'s Neighbor Discovery allowance admits
 * (source and target inside 2001:2::/48, sent to the target's own group), so an address outside
 * the range is refused before anything is sent. Only an advertisement the crafter decoded without
 * fault counts (checksum right, hop limit 255 and RFC 4861 section 7.1's other rules), and only
 * with a target link-layer address option: the answer to a multicast solicitation must carry one
 * (section 7.2.4), and a receiver without the neighbor's address discards one that does not
 * (section 7.2.5). Its Solicited flag is not asked for: an unsolicited advertisement of that
 * address names the same MAC.
 */
public final class NdResolver {

  /**
   * What a link that only resolves should capture: Neighbor Advertisements (ICMPv6 type 136 right
   * after the IPv6 header, where every advertisement the resolver counts is).
   */
  public static final String CAPTURE_FILTER = "icmp6 and ip6[40] == 136";

  private NdResolver() {}

  /**
   * Asks on {@code link} (started here: give it a link nobody else reads) for the MAC of {@code
   * address}, as {@code sender} at {@code senderMac}; {@code solicitations} solicitations, the
   * last one {@code within / solicitations} before the deadline.
   *
   * @return the MAC from the first advertisement, or empty if none came within {@code within}
   * @throws HarnessException when an address is outside 2001:2::/48 (nothing is sent then)
   */
  public static Optional<MacAddress> resolve(RawLink link, Ipv6Address sender,
      MacAddress senderMac, Ipv6Address address, int solicitations, Duration within) {
    if (solicitations < 1) {
      throw new IllegalArgumentException("solicitations: " + solicitations
          + " (expected: 1 or more)");
    }
    byte[] solicitation = Icmpv6Packet.neighborSolicitation(senderMac, sender, address).encode();
    return RepeatedQuestion.ask(link, solicitation, solicitations, within,
        frame -> advertised(frame, address), "soliciting " + address);
  }

  /** The MAC a well-formed advertisement for {@code address} names, if {@code frame} is one. */
  private static Optional<MacAddress> advertised(Frame frame, Ipv6Address address) {
    if (!(frame instanceof Frame.Icmpv6 i) || !i.checksumOk() || !i.malformations().isEmpty()
        || !(i.packet().message() instanceof Icmpv6Message.NeighborAdvertisement na)
        || !na.target().equals(address)) {
      return Optional.empty();
    }
    return na.targetLinkLayerAddress();
  }
}
