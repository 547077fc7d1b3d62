package dev.tcpconform.crafter.codec;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Message.NeighborAdvertisement;
import dev.tcpconform.crafter.Icmpv6Message.NeighborSolicitation;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.NdOption;
import java.net.Inet6Address;
import java.util.HexFormat;
import java.util.List;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IpV6Packet;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** ICMPv6 Neighbor Discovery: the NS the harness sends, the NA it answers with, the rest kept. */
public class Icmpv6CodecTest {

  static final MacAddress TARGET_MAC = MacAddress.parse("02:00:00:00:00:02");
  static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:00:01");
  static final Ipv6Address TARGET = Ipv6Address.parse("2001:2::2");
  static final Ipv6Address PEER = Ipv6Address.parse("2001:2::1");

  /**
   * Built by Debian's Scapy 2.5.0: {@code Ether(src="02:00:00:00:00:02",dst="33:33:ff:00:00:01")
   * /IPv6(src="2001:2::2",dst="ff02::1:ff00:1",hlim=255)/ICMPv6ND_NS(tgt="2001:2::1")
   * /ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:02")}; its checksum 0x3793.
   */
  static final String SCAPY_NS = "3333ff000001020000000002" + "86dd"
      + "6000000000203aff20010002000000000000000000000002ff0200000000000000000001ff000001"
      + "8700379300000000" + "20010002000000000000000000000001" + "0101020000000002";

  /**
   * {@code Ether(src="02:74:63:00:00:01",dst="02:00:00:00:00:02")/IPv6(src="2001:2::1",
   * dst="2001:2::2",hlim=255)/ICMPv6ND_NA(tgt="2001:2::1",R=0,S=1,O=1)
   * /ICMPv6NDOptDstLLAddr(lladdr="02:74:63:00:00:01")}; its checksum 0x5021.
   */
  static final String SCAPY_NA = "020000000002027463000001" + "86dd"
      + "6000000000203aff2001000200000000000000000000000120010002000000000000000000000002"
      + "8800502160000000" + "20010002000000000000000000000001" + "0201027463000001";

  /**
   * An MLDv2 report as a Linux host sends one when IPv6 comes up: {@code Ether(src=
   * "02:00:00:00:00:02",dst="33:33:00:00:00:16")/IPv6(src="fe80::2",dst="ff02::16",hlim=1)
   * /IPv6ExtHdrHopByHop(options=[RouterAlert()])/ICMPv6MLReport2(records=[ICMPv6MLDMultAddrRec(
   * dst="ff02::1:ff00:2")])}.
   */
  static final String SCAPY_MLD = "333300000016020000000002" + "86dd"
      + "6000000000240001fe800000000000000000000000000002ff020000000000000000000000000016"
      + "3a00050200000100" + "8f00710500000001" + "04000000ff0200000000000000000001ff000002";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static Frame.Icmpv6 decode(byte[] wire) {
    Frame f = FrameDecoder.decode(wire);
    then(f).as("%s", f).isInstanceOf(Frame.Icmpv6.class);
    return (Frame.Icmpv6) f;
  }

  @Test
  public void should_send_the_solicitation_scapy_builds() {
    // WHEN the harness asks for the target's MAC
    Icmpv6Packet ns = Icmpv6Packet.neighborSolicitation(TARGET_MAC, TARGET, PEER);
    // THEN (this one from the target's side, to compare with Scapy's)
    then(HexFormat.of().formatHex(ns.encode())).isEqualTo(SCAPY_NS);
    then(ns.dst().toString()).isEqualTo("ff02::1:ff00:1");
    then(ns.dstMac()).isEqualTo(MacAddress.parse("33:33:ff:00:00:01"));
    then(ns.toString()).isEqualTo("ns who-has 2001:2::1 tell 2001:2::2");
  }

  @Test
  public void should_answer_a_solicitation_with_the_advertisement_scapy_builds() {
    // GIVEN the target asks who has the peer's address
    Frame.Icmpv6 f = decode(hex(SCAPY_NS));
    then(f.checksumOk()).isTrue();
    then(f.malformations()).isEmpty();
    NeighborSolicitation ns = (NeighborSolicitation) f.packet().message();
    then(ns.target()).isEqualTo(PEER);
    then(ns.sourceLinkLayerAddress()).contains(TARGET_MAC);
    then(f.packet().hopLimit()).isEqualTo(255);
    // WHEN the owner of 2001:2::1 answers
    Icmpv6Packet na = f.packet().advertisementFrom(PEER_MAC);
    // THEN solicited and override, to the asker, with the target link-layer address option
    then(HexFormat.of().formatHex(na.encode())).isEqualTo(SCAPY_NA);
    then(na.toString()).isEqualTo("na 2001:2::1 is-at 02:74:63:00:00:01 (solicited,override)");
  }

  @Test
  public void should_decode_an_advertisement() {
    // WHEN
    Frame.Icmpv6 f = decode(hex(SCAPY_NA));
    // THEN
    then(f.checksumOk()).isTrue();
    NeighborAdvertisement na = (NeighborAdvertisement) f.packet().message();
    then(na.router()).isFalse();
    then(na.solicited()).isTrue();
    then(na.override()).isTrue();
    then(na.target()).isEqualTo(PEER);
    then(na.targetLinkLayerAddress()).contains(PEER_MAC);
    then(f.packet().srcMac()).isEqualTo(PEER_MAC);
    then(f.packet().dst()).isEqualTo(TARGET);
  }

  @Test
  public void should_keep_an_mld_report_behind_its_hop_by_hop_header_as_bytes() {
    // WHEN
    Frame.Icmpv6 f = decode(hex(SCAPY_MLD));
    // THEN
    then(f.checksumOk()).isTrue();
    then(f.malformations()).isEmpty();
    then(f.packet().extensionHeaders()).extracting(ExtensionHeader::notation)
        .containsExactly("hop-by-hop");
    then(f.packet().message()).isInstanceOf(Icmpv6Message.Other.class);
    then(f.packet().message().type()).isEqualTo(143);
    then(f.packet().hopLimit()).isEqualTo(1);
    then(f.packet().toString()).isEqualTo("icmp6 type 143 code 0 (28 bytes) fe80::2 > ff02::16");
  }

  @DataProvider
  public Object[][] frames() {
    return new Object[][] {{"NS", SCAPY_NS}, {"NA", SCAPY_NA}, {"MLDv2 report", SCAPY_MLD}};
  }

  @Test(dataProvider = "frames")
  public void should_encode_what_it_decodes_byte_for_byte(String name, String frame) {
    // WHEN
    Icmpv6Packet p = decode(hex(frame)).packet();
    // THEN
    then(HexFormat.of().formatHex(p.encode())).isEqualTo(frame);
    then(decode(p.encode()).packet()).isEqualTo(p);
  }

  @Test(dataProvider = "frames")
  public void should_agree_with_pcap4j_on_the_checksum(String name, String frame)
      throws Exception {
    // GIVEN
    byte[] wire = hex(frame);
    // WHEN pcap4j checks the checksum over the pseudo-header
    EthernetPacket eth = EthernetPacket.newPacket(wire, 0, wire.length);
    IpV6Packet ip = eth.get(IpV6Packet.class);
    IcmpV6CommonPacket icmp = eth.get(IcmpV6CommonPacket.class);
    // THEN (pcap4j 1.8.2 puts the IPv6 payload length in the pseudo-header, extension headers
    // included, where RFC 8200 section 8.1 has the upper-layer length: its verdict holds only
    // without extension headers; Scapy computed 0x7105 for the MLD report, as we check it)
    if (ip.getHeader().getNextHeader().value() == 58) {
      then(icmp.hasValidChecksum((Inet6Address) ip.getHeader().getSrcAddr(),
          (Inet6Address) ip.getHeader().getDstAddr(), false)).isTrue();
    }
    then(decode(wire).checksumOk()).isTrue();
    wire[wire.length - 1] ^= 1;
    then(decode(wire).checksumOk()).as("one bit flipped").isFalse();
  }

  @Test
  public void should_answer_duplicate_address_detection_to_all_nodes_unsolicited() {
    // GIVEN a solicitation from the unspecified address (RFC 4862 section 5.4.2)
    Icmpv6Packet dad = new Icmpv6Packet(TARGET_MAC, PEER.solicitedNodeMulticast().multicastMac(),
        Ipv6Address.UNSPECIFIED, PEER.solicitedNodeMulticast(), 255, List.of(),
        new NeighborSolicitation(PEER, List.of()));
    // WHEN
    Icmpv6Packet na = decode(dad.encode()).packet().advertisementFrom(PEER_MAC);
    // THEN (RFC 4861 section 7.2.4)
    then(na.dst()).isEqualTo(Ipv6Address.ALL_NODES);
    then(na.dstMac()).isEqualTo(MacAddress.parse("33:33:00:00:00:01"));
    then(((NeighborAdvertisement) na.message()).solicited()).isFalse();
    then(decode(na.encode()).malformations()).isEmpty();
  }

  @Test
  public void should_show_a_bad_checksum_in_brackets() {
    // GIVEN
    byte[] wire = hex(SCAPY_NS);
    wire[57] ^= 1; // the checksum's low octet
    // WHEN
    Frame.Icmpv6 f = decode(wire);
    // THEN
    then(f.checksumOk()).isFalse();
    then(f.notation()).isEqualTo("ns who-has 2001:2::1 tell 2001:2::2 [bad icmp6 cksum]");
  }

  @Test
  public void should_report_the_rules_of_rfc_4861_on_a_decoded_solicitation() {
    // GIVEN a solicitation that was routed (hop limit 64), for a multicast address
    Icmpv6Packet ns = new Icmpv6Packet(TARGET_MAC, MacAddress.parse("33:33:00:00:00:01"), TARGET,
        Ipv6Address.ALL_NODES, 64, List.of(),
        new NeighborSolicitation(Ipv6Address.ALL_NODES, List.of()));
    // WHEN
    Frame.Icmpv6 f = decode(ns.encode());
    // THEN still a solicitation, with both faults
    then(f.packet().message()).isInstanceOf(NeighborSolicitation.class);
    then(f.malformations()).extracting(Malformation::field).containsExactly("hop limit", "target");
    then(f.notation()).contains("[malformed: neighbor solicitation with hop limit 64 (RFC 4861");
  }

  @Test
  public void should_keep_a_solicitation_a_receiver_discards_as_bytes_with_the_reason() {
    // GIVEN an option of length 0, a message of 20 octets, a code of 1
    byte[] zeroLength = hex(SCAPY_NS);
    zeroLength[79] = 0;
    byte[] shortOne = new Icmpv6Packet(TARGET_MAC, PEER_MAC, TARGET, PEER, 255, List.of(),
        new Icmpv6Message.Other(135, 0, new byte[16])).encode();
    byte[] code = hex(SCAPY_NS);
    code[55] = 1;
    // WHEN / THEN
    then(decode(zeroLength).malformations()).extracting(Malformation::reason).containsExactly(
        "option 1 has length 0 (RFC 4861 section 7.1: the message is discarded)");
    then(decode(zeroLength).packet().message()).isInstanceOf(Icmpv6Message.Other.class);
    then(decode(shortOne).malformations()).extracting(Malformation::reason)
        .containsExactly("neighbor solicitation of 20 bytes (RFC 4861 section 7.1: 24 or more)");
    then(decode(code).malformations()).extracting(Malformation::reason)
        .containsExactly("neighbor solicitation with code 1 (RFC 4861 section 7.1: 0)");
  }

  @Test
  public void should_report_an_option_running_past_the_message() {
    byte[] wire = hex(SCAPY_NA);
    wire[79] = 2; // 16 octets, where 8 are left
    then(decode(wire).malformations()).extracting(Malformation::reason).containsExactly(
        "option 2 of 16 bytes runs past the message (8 bytes left)");
  }

  @Test
  public void should_report_solicited_to_a_multicast_address() {
    Icmpv6Packet na = new Icmpv6Packet(PEER_MAC, MacAddress.parse("33:33:00:00:00:01"), PEER,
        Ipv6Address.ALL_NODES, 255, List.of(),
        new NeighborAdvertisement(false, true, true, PEER, List.of()));
    then(decode(na.encode()).malformations()).extracting(Malformation::field)
        .containsExactly("flags");
  }

  @Test
  public void should_keep_a_truncated_icmpv6_header_as_an_other_frame() {
    byte[] wire = hex(SCAPY_NA);
    wire[18] = 0;
    wire[19] = 3; // payload length 3
    Frame f = FrameDecoder.decode(wire);
    then(((Frame.Other) f).malformations()).extracting(Malformation::reason)
        .containsExactly("ICMPv6 header truncated: 3 of 4 bytes");
  }

  @Test
  public void should_check_its_values() {
    then(catchThrowable(() -> new NdOption(1, new byte[5])))
        .hasMessage("data length: 5 (expected: 6 + 8n, up to 2038)");
    then(new NdOption(5, new byte[6]).toString()).isEqualTo("opt-5[000000000000]");
    then(NdOption.sourceLinkLayerAddress(PEER_MAC).toString()).isEqualTo(
        "sll 02:74:63:00:00:01");
    then(catchThrowable(() -> Icmpv6Packet.neighborSolicitation(PEER_MAC, PEER, TARGET)
        .advertisementFrom(PEER_MAC).advertisementFrom(PEER_MAC)))
        .hasMessageEndingWith("(expected: a neighbor solicitation)");
    then(catchThrowable(() -> new Icmpv6Packet(PEER_MAC, PEER_MAC, PEER, TARGET, 256, List.of(),
        new Icmpv6Message.Other(1, 0, new byte[0])))).hasMessage(
        "hopLimit: 256 (expected: 0-255)");
  }
}
