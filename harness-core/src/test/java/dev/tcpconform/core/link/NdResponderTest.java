package dev.tcpconform.core.link;

import static dev.tcpconform.crafter.Segments.synAck;
import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.NdOption;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The harness's Neighbor Discovery: Neighbor Solicitations for an emulated IPv6 address answered
 * as ARP is, nothing else answered, the narrow allowance of {@link SafeRange} for ND, and the
 * kernel's ICMPv6 chatter kept out of every flow.
 */
public class NdResponderTest {

  private static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:00:01");
  private static final MacAddress TARGET_MAC = MacAddress.parse("02:00:00:00:00:02");
  private static final Ipv6Address PEER = Ipv6Address.parse("2001:2:0:1::1");
  private static final Ipv6Address TARGET = Ipv6Address.parse("2001:2:0:1::2");
  private static final Ipv6Address TARGET_LINK_LOCAL = Ipv6Address.parse("fe80::2");

  private static Frame.Icmpv6 sentAt(MemoryLink link, int i) {
    return (Frame.Icmpv6) FrameDecoder.decode(link.sent().get(i));
  }

  @Test
  public void should_answer_a_solicitation_for_the_emulated_address_with_a_solicited_override_advertisement() {
    // GIVEN
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    wire.emulate(PEER, PEER_MAC);
    // WHEN the target asks for the peer from its global address, then from its link-local one
    link.deliver(Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET, PEER).encode());
    link.deliver(Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET_LINK_LOCAL, PEER).encode());
    // THEN each is answered: from the peer to the asker, at its MAC, S and O set, the peer's MAC
    then(link.sent()).hasSize(2);
    Frame.Icmpv6 na = sentAt(link, 0);
    then(na.checksumOk()).isTrue();
    then(na.malformations()).isEmpty();
    then(na.packet().src()).isEqualTo(PEER);
    then(na.packet().dst()).isEqualTo(TARGET);
    then(na.packet().dstMac()).isEqualTo(TARGET_MAC);
    Icmpv6Message.NeighborAdvertisement m = (Icmpv6Message.NeighborAdvertisement) na.packet()
        .message();
    then(m.solicited()).isTrue();
    then(m.override()).isTrue();
    then(m.router()).isFalse();
    then(m.targetLinkLayerAddress()).hasValue(PEER_MAC);
    then(sentAt(link, 1).packet().dst()).isEqualTo(TARGET_LINK_LOCAL);
    then(wire.ndAnswered()).isEqualTo(2);
    // AND both answers are in the test's evidence
    then(wire.frames()).filteredOn(c -> c.direction() == Captured.Direction.TO_TARGET)
        .hasSize(2);
  }

  @Test
  public void should_answer_neither_another_address_nor_duplicate_address_detection_nor_a_bad_checksum() {
    // GIVEN
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    wire.emulate(PEER, PEER_MAC);
    // WHEN the target asks for another address, probes the peer's address (DAD, from ::), and
    // sends a solicitation with a broken checksum
    link.deliver(Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET,
        Ipv6Address.parse("2001:2:0:1::9")).encode());
    link.deliver(new Icmpv6Packet(TARGET_MAC, PEER.solicitedNodeMulticast().multicastMac(),
        Ipv6Address.UNSPECIFIED, PEER.solicitedNodeMulticast(), 255, List.of(),
        new Icmpv6Message.NeighborSolicitation(PEER, List.of())).encode());
    byte[] bad = Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET, PEER).encode();
    bad[14 + 40 + 2] ^= 0x01; // the ICMPv6 checksum's high octet
    link.deliver(bad);
    // THEN nothing is answered
    then(link.sent()).isEmpty();
    then(wire.ndAnswered()).isZero();
  }

  @Test
  public void should_keep_icmpv6_chatter_out_of_every_flow() {
    // GIVEN a flow of the peer's, on an IPv6 lane
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    wire.emulate(PEER, PEER_MAC);
    FlowKey key = new FlowKey(PEER, 40000, TARGET, 8080);
    Flow flow = wire.openFlow(key);
    Flow listener = wire.openListener(PEER, 40001);
    // WHEN the target sends an MLD report, a router solicitation, a solicitation, then a segment
    Ipv6Address mldRouters = Ipv6Address.parse("ff02::16");
    link.deliver(new Icmpv6Packet(TARGET_MAC, mldRouters.multicastMac(), Ipv6Address.UNSPECIFIED,
        mldRouters, 1, List.of(), new Icmpv6Message.Other(143, 0, new byte[24])).encode());
    Ipv6Address routers = Ipv6Address.parse("ff02::2");
    link.deliver(new Icmpv6Packet(TARGET_MAC, routers.multicastMac(), TARGET, routers, 255,
        List.of(), new Icmpv6Message.Other(133, 0, new byte[4])).encode());
    link.deliver(Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET, PEER).encode());
    link.deliver(dev.tcpconform.crafter.codec.FrameEncoder.encode(synAck().srcMac(TARGET_MAC).dstMac(PEER_MAC).src(TARGET).dst(PEER)
        .srcPort(8080).dstPort(40000).seq(1).ack(1001).window(65535).build()));
    // THEN the flow holds the segment and nothing else; the listener nothing
    Captured first = flow.poll(System.nanoTime());
    then(first.frame()).isInstanceOf(Frame.Tcp.class);
    then(flow.poll(System.nanoTime())).isNull();
    then(listener.poll(System.nanoTime())).isNull();
    // AND the ICMPv6 frames are strays, listed as what was ignored
    then(wire.ignoredSince(0)).hasSize(3).allMatch(c -> c.frame() instanceof Frame.Icmpv6);
    then(wire.fromTarget()).hasSize(1);
  }

  @Test
  public void should_allow_neighbor_discovery_to_link_local_and_solicited_node_groups_only() {
    // GIVEN a link, and the harness's own solicitation for the target
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    Icmpv6Packet ns = Icmpv6Packet.neighborSolicitation(PEER_MAC, PEER, TARGET);
    // WHEN it goes out, and so does an advertisement to a link-local asker
    wire.injectRaw(ns.encode());
    wire.injectRaw(new Icmpv6Packet(PEER_MAC, TARGET_MAC, PEER, TARGET_LINK_LOCAL, 255, List.of(),
        new Icmpv6Message.NeighborAdvertisement(false, true, true, PEER,
            List.of(NdOption.targetLinkLayerAddress(PEER_MAC)))).encode());
    // THEN both were sent
    then(link.sent()).hasSize(2);
    // AND everything else outside the range is refused: an answer to all nodes, a solicitation
    // to another group or for an address outside, a link-local source, another ICMPv6 message
    Icmpv6Message.NeighborAdvertisement na = new Icmpv6Message.NeighborAdvertisement(false, false,
        true, PEER, List.of(NdOption.targetLinkLayerAddress(PEER_MAC)));
    then(catchThrowable(() -> wire.injectRaw(new Icmpv6Packet(PEER_MAC,
        Ipv6Address.ALL_NODES.multicastMac(), PEER, Ipv6Address.ALL_NODES, 255, List.of(), na)
        .encode()))).hasMessage("refusing to use ff02::1 as a destination address: tcpconform"
            + " only sends from and to 2001:2::/48 (the IPv6 benchmarking range)");
    Ipv6Address otherGroup = Ipv6Address.parse("2001:2:0:1::9").solicitedNodeMulticast();
    then(catchThrowable(() -> wire.injectRaw(new Icmpv6Packet(PEER_MAC,
        otherGroup.multicastMac(), PEER, otherGroup, 255, List.of(),
        new Icmpv6Message.NeighborSolicitation(TARGET, List.of())).encode())))
        .hasMessageStartingWith("refusing to use ff02::1:ff00:9 as a destination address");
    then(catchThrowable(() -> wire.injectRaw(Icmpv6Packet.neighborSolicitation(PEER_MAC, PEER,
        Ipv6Address.parse("2001:db8::2")).encode())))
        .hasMessageStartingWith("refusing to use 2001:db8::2 as a neighbor solicitation's target");
    then(catchThrowable(() -> wire.injectRaw(Icmpv6Packet.neighborSolicitation(PEER_MAC,
        Ipv6Address.parse("fe80::1"), TARGET).encode())))
        .hasMessageStartingWith("refusing to use fe80::1 as a source address");
    then(catchThrowable(() -> wire.injectRaw(new Icmpv6Packet(PEER_MAC, TARGET_MAC, PEER,
        TARGET_LINK_LOCAL, 64, List.of(), new Icmpv6Message.Other(128, 0, new byte[4]))
        .encode()))).hasMessageStartingWith("refusing to use fe80::2 as a destination address");
    then(link.sent()).hasSize(2);
  }
}
