package dev.tcpconform.core.link;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.NdOption;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.testng.annotations.Test;

public class NdResolverTest {

  private static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:ff:01");
  private static final MacAddress DEVICE_MAC = MacAddress.parse("02:00:00:00:07:02");
  private static final Ipv6Address PEER = Ipv6Address.parse("2001:2:0:7::1");
  private static final Ipv6Address DEVICE = Ipv6Address.parse("2001:2:0:7::2");

  /**
   * A device on a link: answers the n-th solicitation (0: none), after other Neighbor Discovery
   * that must not count: an advertisement of another address, one of its own address with a
   * broken checksum, one without a target link-layer address, and a solicitation of its own.
   */
  private static final class Device implements RawLink {
    private final int answers;
    private final List<byte[]> sent = new ArrayList<>();
    private Consumer<Captured> sink;

    Device(int answers) {
      this.answers = answers;
    }

    @Override
    public void start(Consumer<Captured> sink) {
      this.sink = sink;
    }

    @Override
    public long send(byte[] frame) {
      sent.add(frame.clone());
      Icmpv6Packet asked = ((Frame.Icmpv6) FrameDecoder.decode(frame)).packet();
      MacAddress other = MacAddress.parse("02:00:00:00:07:09");
      deliver(advertisement(Ipv6Address.parse("2001:2:0:7::9"), other, true));
      byte[] badSum = asked.advertisementFrom(other).encode();
      badSum[14 + 40 + 2] ^= 0x01; // the ICMPv6 checksum's high octet
      deliver(badSum);
      deliver(advertisement(DEVICE, other, false));
      deliver(Icmpv6Packet.neighborSolicitation(DEVICE_MAC, DEVICE,
          Ipv6Address.parse("2001:2:0:7::3")).encode());
      if (sent.size() == answers) {
        deliver(asked.advertisementFrom(DEVICE_MAC).encode());
      }
      return Captured.nowNanos();
    }

    /** An advertisement of {@code target} to the peer, from {@code mac}, with its TLLA or not. */
    private static byte[] advertisement(Ipv6Address target, MacAddress mac, boolean tlla) {
      return new Icmpv6Packet(mac, PEER_MAC, target, PEER, Icmpv6Packet.ND_HOP_LIMIT, List.of(),
          new Icmpv6Message.NeighborAdvertisement(false, true, true, target,
              tlla ? List.of(NdOption.targetLinkLayerAddress(mac)) : List.of())).encode();
    }

    private void deliver(byte[] frame) {
      sink.accept(new Captured(FrameDecoder.decode(frame), Captured.nowNanos(),
          Captured.Direction.FROM_TARGET));
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  public void should_take_the_target_link_layer_address_of_the_advertisement_for_the_address() {
    // GIVEN a device that answers the second solicitation
    Device device = new Device(2);
    // WHEN its MAC is asked for
    Optional<MacAddress> mac =
        NdResolver.resolve(device, PEER, PEER_MAC, DEVICE, 3, Duration.ofMillis(600));
    // THEN the advertisement's target link-layer address, after two solicitations
    then(mac).contains(DEVICE_MAC);
    then(device.sent).hasSize(2);
    // AND each was RFC 4861 7.2.2's: from the peer to the device's solicited-node group, at the
    // group's Ethernet address, hop limit 255, with the peer's source link-layer address
    Frame.Icmpv6 ns = (Frame.Icmpv6) FrameDecoder.decode(device.sent.get(0));
    then(ns.checksumOk()).isTrue();
    then(ns.malformations()).isEmpty();
    then(ns.packet().src()).isEqualTo(PEER);
    then(ns.packet().dst()).isEqualTo(Ipv6Address.parse("ff02::1:ff00:2"));
    then(ns.packet().dstMac()).isEqualTo(MacAddress.parse("33:33:ff:00:00:02"));
    then(ns.packet().srcMac()).isEqualTo(PEER_MAC);
    then(ns.packet().hopLimit()).isEqualTo(255);
    Icmpv6Message.NeighborSolicitation m =
        (Icmpv6Message.NeighborSolicitation) ns.packet().message();
    then(m.target()).isEqualTo(DEVICE);
    then(m.sourceLinkLayerAddress()).contains(PEER_MAC);
  }

  @Test
  public void should_be_empty_when_the_address_never_answers() {
    // GIVEN a link where only others speak, or the device without a well-formed answer
    Device silent = new Device(0);
    // WHEN
    long start = System.nanoTime();
    Optional<MacAddress> mac =
        NdResolver.resolve(silent, PEER, PEER_MAC, DEVICE, 3, Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // THEN a fact: nothing, after every solicitation was sent and the whole wait passed
    then(mac).isEmpty();
    then(silent.sent).hasSize(3);
    then(took).isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  public void should_refuse_to_solicit_outside_the_benchmarking_range() {
    // GIVEN
    Device device = new Device(1);
    // WHEN an address outside 2001:2::/48 is asked for, or asked from one
    Throwable target = catchThrowable(() -> NdResolver.resolve(device, PEER, PEER_MAC,
        Ipv6Address.parse("2001:db8::2"), 3, Duration.ofMillis(300)));
    Throwable sender = catchThrowable(() -> NdResolver.resolve(device,
        Ipv6Address.parse("fe80::1"), PEER_MAC, DEVICE, 3, Duration.ofMillis(300)));
    // THEN each is refused in one line and nothing was sent
    then(target).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("refusing to use 2001:db8::2 as a neighbor solicitation's target");
    then(sender).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("refusing to use fe80::1 as a source address");
    then(device.sent).isEmpty();
  }
}
