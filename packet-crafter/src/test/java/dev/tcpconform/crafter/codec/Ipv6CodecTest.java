package dev.tcpconform.crafter.codec;

import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.TcpPacket;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** TCP over IPv6: encode, decode, extension headers, the pseudo-header checksum, faults. */
public class Ipv6CodecTest {

  /**
   * Built by Debian's Scapy 2.5.0: {@code Ether(src="02:74:63:00:00:01",dst="02:00:00:00:00:02")
   * /IPv6(src="2001:2::1",dst="2001:2::2",hlim=64)/TCP(sport=40000,dport=8080,seq=1000,
   * flags="S",window=65535,options=[("MSS",1220),("SAckOK",b""),("Timestamp",(1,0)),("NOP",None),
   * ("WScale",7)])}; its TCP checksum 0x492e.
   */
  static final String SCAPY_SYN = "02000000000202746300000186dd"
      + "60000000002806402001000200000000000000000000000120010002000000000000000000000002"
      + "9c401f90000003e800000000a002ffff492e0000" + "020404c40402080a000000010000000001030307";

  /**
   * The same, with {@code IPv6(tc=0xb9,fl=0x12345,hlim=255)/IPv6ExtHdrHopByHop()
   * /IPv6ExtHdrDestOpt()/IPv6ExtHdrFragment(offset=0,m=0,id=0xdeadbeef)/TCP(sport=40000,
   * dport=8080,seq=4000000000,ack=7,flags="PA",window=502)/Raw(b"hello")}; its TCP checksum 0x57b3.
   */
  static final String SCAPY_DATA = "02000000000202746300000186dd"
      + "6b912345003100ff2001000200000000000000000000000120010002000000000000000000000002"
      + "3c00010400000000" + "2c00010400000000" + "06000000deadbeef"
      + "9c401f90ee6b280000000007501801f657b30000" + "68656c6c6f";

  static Segment.Builder addressed(Segment.Builder b) {
    return b.srcMac(MacAddress.parse("02:74:63:00:00:01"))
        .dstMac(MacAddress.parse("02:00:00:00:00:02"))
        .src("2001:2::1").dst("2001:2::2").srcPort(40000).dstPort(8080);
  }

  static Segment.Builder scapySyn() {
    return addressed(syn().seq(1000).option(mss(1220)).option(sackPermitted())
        .option(timestamps(1, 0)).option(nop()).option(wscale(7)));
  }

  static Segment.Builder scapyData() {
    return addressed(data("hello").seq(4_000_000_000L).ack(7).window(502))
        .trafficClass(0xb9).flowLabel(0x12345).hopLimit(255)
        .extensionHeader(ExtensionHeader.hopByHop())
        .extensionHeader(ExtensionHeader.destinationOptions())
        .extensionHeader(ExtensionHeader.fragment(0, false, 0xdeadbeefL));
  }

  private static Segment decode(byte[] wire) {
    Frame f = FrameDecoder.decode(wire);
    then(f).as("%s", f).isInstanceOf(Frame.Tcp.class);
    return ((Frame.Tcp) f).segment();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  public void should_encode_byte_for_byte_what_scapy_builds() {
    then(HexFormat.of().formatHex(FrameEncoder.encode(scapySyn().build()))).isEqualTo(SCAPY_SYN);
    then(HexFormat.of().formatHex(FrameEncoder.encode(scapyData().build())))
        .isEqualTo(SCAPY_DATA);
  }

  @Test
  public void should_decode_scapys_frames_field_by_field() {
    // WHEN
    Segment s = decode(hex(SCAPY_DATA));
    // THEN
    then(s.version()).isEqualTo(6);
    then(s.src()).isEqualTo(Ipv6Address.parse("2001:2::1"));
    then(s.dst().toString()).isEqualTo("2001:2::2");
    then(s.trafficClass()).isEqualTo(0xb9);
    then(s.flowLabel()).isEqualTo(0x12345);
    then(s.hopLimit()).isEqualTo(255);
    then(s.ipPayloadLength()).isEqualTo(49);
    then(s.nextHeader()).isEqualTo(ExtensionHeader.HOP_BY_HOP);
    then(s.extensionHeaders()).extracting(ExtensionHeader::type).containsExactly(0, 60, 44);
    then(s.extensionHeaders()).isEqualTo(scapyData().build().extensionHeaders());
    then(s.seq()).isEqualTo(SeqNum.of(4_000_000_000L));
    then(s.payload()).asString().isEqualTo("hello");
    then(s.tcpChecksumField()).isEqualTo(0x57b3);
    then(s.tcpChecksumOk()).isTrue();
    then(s.ipChecksumOk()).as("IPv6 has no header checksum").isTrue();
    then(s.malformations()).isEmpty();
    then(decode(hex(SCAPY_SYN)).tcpChecksumField()).isEqualTo(0x492e);
  }

  @Test
  public void should_compute_the_ipv6_pseudo_header_sum_of_rfc_8200() {
    // GIVEN 2001:2::1 > 2001:2::2, 20 octets of TCP: the words of both addresses, the length, 6
    long byHand = (0x2001 + 0x0002 + 0x0001) + (0x2001 + 0x0002 + 0x0002) + 20 + 6;
    // WHEN / THEN
    then(InternetChecksum.pseudoHeader(Ipv6Address.parse("2001:2::1"),
        Ipv6Address.parse("2001:2::2"), 6, 20)).isEqualTo(byHand);
    // the upper-layer length is 32 bits: a 65,536-octet length adds its high word
    then(InternetChecksum.pseudoHeader(Ipv6Address.UNSPECIFIED, Ipv6Address.UNSPECIFIED, 6,
        0x1_0004)).isEqualTo(1 + 4 + 6);
  }

  @DataProvider
  public Object[][] segments() {
    return new Object[][] {
      {"SYN with options", scapySyn()},
      {"data after three extension headers", scapyData()},
      {"routing header, no segments left", addressed(syn().seq(3))
          .extensionHeader(ExtensionHeader.routing(4, 0, new byte[12]))},
      {"destination options with data", addressed(syn()).extensionHeader(ExtensionHeader
          .options(ExtensionHeader.DESTINATION_OPTIONS, new byte[] {0x1e, 3, 1, 2, 3}))},
      {"hop-by-hop of 16 octets", addressed(syn()).extensionHeader(
          ExtensionHeader.options(ExtensionHeader.HOP_BY_HOP, new byte[10]))},
      {"bad checksum", addressed(syn()).badChecksum()},
      {"checksum set", addressed(syn()).tcpChecksum(0xbeef)},
      {"data offset 4", addressed(syn()).dataOffset(4)},
      {"payload length past the frame", addressed(data("0123456789")).ipPayloadLength(200)},
      {"hop-by-hop not first", addressed(syn()).extensionHeader(ExtensionHeader.fragment(0,
          false, 1)).extensionHeader(ExtensionHeader.hopByHop())},
      {"ECN CE, flow label", addressed(data("x")).trafficClass(0x03).flowLabel(0xFFFFF)},
    };
  }

  @Test(dataProvider = "segments")
  public void should_decode_what_it_encodes_and_encode_it_again_byte_for_byte(String name,
      Segment.Builder b) {
    // GIVEN
    Segment built = b.build();
    byte[] wire = FrameEncoder.encode(built);
    // WHEN
    Segment s = decode(wire);
    // THEN
    then(FrameEncoder.encode(s.toBuilder().build())).isEqualTo(wire);
    then(s.version()).isEqualTo(6);
    then(s.src()).isEqualTo(built.src());
    then(s.extensionHeaders()).isEqualTo(built.extensionHeaders());
    then(s.trafficClass()).isEqualTo(built.trafficClass());
    then(s.flowLabel()).isEqualTo(built.flowLabel());
    then(s.ipPayloadLength()).isEqualTo(built.ipPayloadLength());
    then(s.flags()).isEqualTo(built.flags());
    then(s.payload()).isEqualTo(built.payload());
    then(s.tcpChecksumOk()).isEqualTo(built.tcpChecksumOk());
  }

  @Test(dataProvider = "segments")
  public void should_agree_with_pcap4j_on_fields_and_checksum(String name, Segment.Builder b)
      throws Exception {
    // GIVEN
    Segment built = b.build();
    byte[] wire = FrameEncoder.encode(built);
    // WHEN pcap4j, an independent implementation, parses the same bytes
    EthernetPacket eth = EthernetPacket.newPacket(wire, 0, wire.length);
    IpV6Packet ip = eth.get(IpV6Packet.class);
    TcpPacket tcp = eth.get(TcpPacket.class);
    // THEN
    then(ip.getHeader().getSrcAddr().getHostAddress()).isEqualTo("2001:2:0:0:0:0:0:1");
    then(ip.getHeader().getHopLimitAsInt()).isEqualTo(built.hopLimit());
    then(ip.getHeader().getFlowLabel().value()).isEqualTo(built.flowLabel());
    then(ip.getHeader().getTrafficClass().value() & 0xFF).isEqualTo(built.trafficClass());
    then(ip.getHeader().getPayloadLengthAsInt()).isEqualTo(built.ipPayloadLength());
    boolean fragment = built.extensionHeaders().stream()
        .anyMatch(h -> h.type() == ExtensionHeader.FRAGMENT); // pcap4j stops at one
    if (built.dataOffset() >= 5 && built.ipPayloadLength() <= wire.length - 54 && !fragment) {
      then(tcp).isNotNull();
      then(tcp.getHeader().getDstPort().valueAsInt()).isEqualTo(8080);
      then(tcp.getHeader().getSyn()).isEqualTo(built.has(SYN));
      then(tcp.hasValidChecksum((Inet6Address) ip.getHeader().getSrcAddr(),
          (Inet6Address) ip.getHeader().getDstAddr(), false)).isEqualTo(built.tcpChecksumOk());
    }
  }

  @Test
  public void should_send_a_set_next_header_payload_length_and_checksum_as_is() {
    // GIVEN
    Segment s = addressed(syn()).nextHeader(17).ipPayloadLength(7).tcpChecksum(0xbeef).build();
    // WHEN
    byte[] wire = FrameEncoder.encode(s);
    // THEN
    then(wire[20]).isEqualTo((byte) 17);
    then(((wire[18] & 0xFF) << 8) | (wire[19] & 0xFF)).isEqualTo(7);
    then(((wire[54 + 16] & 0xFF) << 8) | (wire[54 + 17] & 0xFF)).isEqualTo(0xbeef);
    then(s.nextHeaderOverridden()).isTrue();
    then(s.tcpChecksumOk()).isFalse();
  }

  @Test
  public void should_flip_only_the_lowest_bit_of_a_bad_checksum() {
    // GIVEN
    Segment good = scapyData().build();
    // WHEN
    Segment decoded = decode(FrameEncoder.encode(scapyData().badChecksum().build()));
    // THEN
    then(decoded.tcpChecksumField()).isEqualTo(0x57b3 ^ 1);
    then(FrameEncoder.correctTcpChecksum(good)).isEqualTo(0x57b3);
    then(decoded.tcpChecksumOk()).isFalse();
  }

  @Test
  public void should_report_a_payload_length_past_the_frame_without_repairing_it() {
    // WHEN
    Segment s = decode(FrameEncoder.encode(addressed(data("0123456789")).ipPayloadLength(200)
        .build()));
    // THEN
    then(s.malformations()).extracting(Malformation::field).containsExactly("payload length");
    then(s.malformations().get(0).offset()).isEqualTo(18);
    then(s.ipPayloadLength()).isEqualTo(200);
    then(s.payload()).asString().isEqualTo("0123456789");
  }

  @Test
  public void should_read_tcp_only_as_far_as_a_short_payload_length_says() {
    // GIVEN a payload length that leaves out the last 4 octets of data
    Segment s = decode(FrameEncoder.encode(addressed(data("0123456789")).ipPayloadLength(26)
        .build()));
    // THEN the rest is trailing bytes, like Ethernet padding, and the checksum no longer holds
    then(s.payload()).asString().isEqualTo("012345");
    then(s.tcpChecksumOk()).isFalse();
  }

  @Test
  public void should_keep_a_frame_with_an_unknown_next_header_as_bytes_with_the_reason() {
    // GIVEN
    byte[] wire = FrameEncoder.encode(addressed(syn()).nextHeader(17).build());
    // WHEN
    Frame f = FrameDecoder.decode(wire);
    // THEN
    then(f).isInstanceOf(Frame.Other.class);
    Frame.Other o = (Frame.Other) f;
    then(o.etherType()).isEqualTo(0x86DD);
    then(o.raw()).isEqualTo(wire);
    then(o.malformations()).singleElement().satisfies(m -> {
      then(m.offset()).isEqualTo(20);
      then(m.field()).isEqualTo("next header");
      then(m.reason()).startsWith("next header 17 is not TCP (6), ICMPv6 (58)");
    });
  }

  @Test
  public void should_name_the_octet_of_the_unknown_next_header_inside_the_chain() {
    // GIVEN a destination options header whose Next Header octet says 59 (no next header)
    byte[] wire = FrameEncoder.encode(addressed(syn())
        .extensionHeader(ExtensionHeader.destinationOptions()).build());
    wire[54] = 59;
    // WHEN
    Frame.Other o = (Frame.Other) FrameDecoder.decode(wire);
    // THEN
    then(o.malformations()).singleElement().satisfies(m -> {
      then(m.offset()).isEqualTo(54);
      then(m.reason()).startsWith("next header 59");
    });
  }

  @Test
  public void should_report_a_fragment_and_not_reassemble_it() {
    // WHEN
    Frame f = FrameDecoder.decode(FrameEncoder.encode(addressed(syn())
        .extensionHeader(ExtensionHeader.fragment(0, true, 9)).build()));
    Frame later = FrameDecoder.decode(FrameEncoder.encode(addressed(syn())
        .extensionHeader(ExtensionHeader.fragment(185, false, 9)).build()));
    // THEN
    then(((Frame.Other) f).malformations()).extracting(Malformation::reason)
        .containsExactly("IPv6 fragment (offset 0, more to come)");
    then(((Frame.Other) later).malformations()).extracting(Malformation::reason)
        .containsExactly("IPv6 fragment (offset 1480)");
  }

  @Test
  public void should_report_an_extension_header_running_past_the_packet() {
    // GIVEN a hop-by-hop header whose Hdr Ext Len says 8 * 9 octets
    byte[] wire = FrameEncoder.encode(addressed(syn())
        .extensionHeader(new ExtensionHeader(0, hex("08010400000000"))).build());
    // WHEN
    Frame.Other o = (Frame.Other) FrameDecoder.decode(wire);
    // THEN
    then(o.malformations()).singleElement().satisfies(m -> {
      then(m.field()).isEqualTo("extension header");
      then(m.offset()).isEqualTo(55);
      then(m.reason()).isEqualTo("extension header 0 of 72 bytes runs past the end of the packet"
          + " (28 bytes left)");
    });
  }

  @Test
  public void should_decode_a_hop_by_hop_header_out_of_place_and_say_so() {
    // WHEN
    Segment s = decode(FrameEncoder.encode(addressed(syn())
        .extensionHeader(ExtensionHeader.fragment(0, false, 1))
        .extensionHeader(ExtensionHeader.hopByHop()).build()));
    // THEN
    then(s.malformations()).extracting(Malformation::reason).containsExactly(
        "hop-by-hop options header after 1 other extension header(s) (RFC 8200 section 4.1:"
            + " only first)");
    then(s.extensionHeaders()).hasSize(2);
  }

  @Test
  public void should_report_a_truncated_ipv6_header() {
    byte[] wire = Arrays.copyOf(hex(SCAPY_SYN), 40);
    then(((Frame.Other) FrameDecoder.decode(wire)).malformations()).extracting(Malformation::reason)
        .containsExactly("IPv6 header truncated: 26 of 40 bytes");
    wire = hex(SCAPY_SYN);
    wire[14] = 0x40;
    then(((Frame.Other) FrameDecoder.decode(wire)).malformations()).extracting(Malformation::reason)
        .containsExactly("IP version 4 in an IPv6 frame");
  }

  @Test
  public void should_refuse_addresses_of_two_versions_and_fields_of_the_other_version() {
    then(catchThrowable(() -> syn().src("2001:2::1").dst("198.18.0.1").build()))
        .hasMessage("src and dst: 2001:2::1 and 198.18.0.1 (expected: both IPv4 or both IPv6)");
    then(catchThrowable(() -> syn().src("2001:2::1").ipId(5).build()))
        .hasMessage("ipId: 5 on an IPv6 segment (expected: unset, the field is IPv4's)");
    then(catchThrowable(() -> syn().src("2001:2::1").badIpChecksum().build()))
        .hasMessageStartingWith("badIpChecksum: true on an IPv6 segment");
    then(catchThrowable(() -> syn().src("198.18.0.1").flowLabel(1).build()))
        .hasMessage("flowLabel: 1 on an IPv4 segment (expected: unset, the field is IPv6's)");
    then(catchThrowable(() -> syn().extensionHeader(ExtensionHeader.hopByHop()).build()))
        .hasMessageStartingWith("extensionHeaders: [hop-by-hop[");
    then(catchThrowable(() -> syn().flowLabel(0x100000)))
        .hasMessage("flowLabel: 1048576 (expected: 0-1048575)");
    then(syn().src("2001:2::1").ipId(5).toString())
        .isEqualTo("(not buildable: ipId: 5 on an IPv6 segment (expected: unset, the field is"
            + " IPv4's))");
  }

  @Test
  public void should_fill_the_unset_address_with_the_unspecified_one_of_the_same_version() {
    Segment s = syn().dst("2001:2::2").build();
    then(s.src()).isEqualTo(Ipv6Address.UNSPECIFIED);
    then(s.version()).isEqualTo(6);
    then(s.dontFragment()).isFalse();
    then(s.ttl()).isEqualTo(s.hopLimit()).isEqualTo(64);
    then(syn().build().version()).isEqualTo(4);
    then(catchThrowable(() -> FrameEncoder.correctIpChecksum(s)))
        .hasMessageContaining("IPv6 has no header checksum");
  }

  @Test
  public void should_build_extension_headers_of_the_right_lengths() {
    then(ExtensionHeader.hopByHop().length()).isEqualTo(8);
    then(ExtensionHeader.hopByHop().data()).isEqualTo(hex("00010400000000"));
    then(ExtensionHeader.options(ExtensionHeader.HOP_BY_HOP, new byte[5]).data())
        .as("one octet of padding is Pad1").isEqualTo(hex("00000000000000"));
    then(ExtensionHeader.options(ExtensionHeader.HOP_BY_HOP, new byte[7]).data()[0])
        .as("Hdr Ext Len").isEqualTo((byte) 1);
    then(ExtensionHeader.fragment(185, true, 0x01020304L).data()).isEqualTo(hex("0005c901020304"));
    then(ExtensionHeader.routing(4, 1, new byte[4]).data()).isEqualTo(hex("00040100000000"));
    then(catchThrowable(() -> ExtensionHeader.routing(4, 1, new byte[5])))
        .hasMessageContaining("routing data length: 5 (expected: 4 + 8n");
    then(catchThrowable(() -> new ExtensionHeader(0, new byte[0])))
        .hasMessage("data length: 0 (expected: 1-2047)");
    then(List.of(ExtensionHeader.hopByHop(), ExtensionHeader.fragment(0, false, 0),
        new ExtensionHeader(51, new byte[15])))
        .extracting(ExtensionHeader::notation)
        .containsExactly("hop-by-hop", "fragment", "ext-51(16)");
  }

  @Test
  public void should_keep_the_fields_through_to_builder_and_fill_unset() {
    // GIVEN
    Segment s = scapyData().build();
    // WHEN
    Segment copy = s.toBuilder().build();
    Segment filled = data("x").fillUnset(scapyData()).build();
    // THEN
    then(FrameEncoder.encode(copy)).isEqualTo(FrameEncoder.encode(s));
    then(filled.flowLabel()).isEqualTo(0x12345);
    then(filled.extensionHeaders()).hasSize(3);
  }
}
