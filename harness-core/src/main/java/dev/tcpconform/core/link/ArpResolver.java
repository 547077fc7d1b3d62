package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Learns the MAC of one address by ARP (RFC 826): broadcasts {@code who-has <address> tell
 * <sender>} a few times, evenly spread over a deadline, and takes the sender MAC of the first
 * reply from that address. A fact, not a verdict: an address that never answers is an empty
 * result, for the caller to turn into a message. Both addresses must be in 198.18.0.0/15, like
 * everything the harness sends.
 */
public final class ArpResolver {

  private ArpResolver() {}

  /**
   * Asks on {@code link} (started here: give it a link nobody else reads) for the MAC of {@code
   * address}, as {@code sender} at {@code senderMac}; {@code requests} requests, the last one
   * {@code within / requests} before the deadline.
   *
   * @return the MAC from the first reply, or empty if none came within {@code within}
   * @throws HarnessException when an address is outside 198.18.0.0/15 (nothing is sent then)
   */
  public static Optional<MacAddress> resolve(RawLink link, Ipv4Address sender,
      MacAddress senderMac, Ipv4Address address, int requests, Duration within) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests: " + requests + " (expected: 1 or more)");
    }
    byte[] request = ArpMessage.request(senderMac, sender, address)
        .encode(MacAddress.BROADCAST, senderMac);
    return RepeatedQuestion.ask(link, request, requests, within,
        frame -> frame instanceof Frame.Arp arp && arp.arp().operation() == ArpMessage.REPLY
            && arp.arp().senderIp().equals(address)
            ? Optional.of(arp.arp().senderMac()) : Optional.empty(),
        "asking who has " + address);
  }
}
