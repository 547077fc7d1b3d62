package dev.tcpconform.core.link;

import static dev.tcpconform.crafter.Segments.syn;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.codec.FrameDecoder;
import dev.tcpconform.crafter.codec.FrameEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.testng.annotations.Test;

public class WireTest {

  private static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:00:01");
  private static final MacAddress TARGET_MAC = MacAddress.parse("02:00:00:00:00:02");
  private static final Ipv4Address PEER = Ipv4Address.parse("198.18.0.1");
  private static final Ipv4Address TARGET = Ipv4Address.parse("198.18.0.2");

  @Test
  public void should_answer_arp_for_the_emulated_address_only() {
    // GIVEN
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    wire.emulate(PEER, PEER_MAC);
    // WHEN the target asks for the peer, then for someone else
    link.deliver(ArpMessage.request(TARGET_MAC, TARGET, PEER).encode(MacAddress.BROADCAST, TARGET_MAC));
    link.deliver(ArpMessage.request(TARGET_MAC, TARGET, Ipv4Address.parse("198.18.0.9"))
        .encode(MacAddress.BROADCAST, TARGET_MAC));
    // THEN exactly one reply went out, to the asker, with the emulated MAC
    then(link.sent()).hasSize(1);
    ArpMessage reply = ((Frame.Arp) FrameDecoder.decode(link.sent().get(0))).arp();
    then(reply.operation()).isEqualTo(ArpMessage.REPLY);
    then(reply.senderMac()).isEqualTo(PEER_MAC);
    then(reply.targetMac()).isEqualTo(TARGET_MAC);
    then(wire.arpAnswered()).isEqualTo(1);
  }

  @Test
  public void should_refuse_to_send_outside_the_benchmarking_range() {
    // GIVEN
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    // WHEN a segment is addressed to 10.0.0.2, and an address outside is to be emulated
    Throwable segment = org.assertj.core.api.BDDAssertions.catchThrowable(() -> wire.inject(
        syn().srcMac(PEER_MAC).dstMac(TARGET_MAC).src(PEER).dst(Ipv4Address.parse("10.0.0.2"))
            .srcPort(1).dstPort(2).build()));
    Throwable emulated = org.assertj.core.api.BDDAssertions.catchThrowable(
        () -> wire.emulate(Ipv4Address.parse("192.168.1.1"), PEER_MAC));
    // THEN both are refused in one line, and nothing reached the link
    then(segment).hasMessage("refusing to use 10.0.0.2 as a destination address: tcpconform"
        + " only sends from and to 198.18.0.0/15 (the benchmarking range)");
    then(emulated).hasMessageStartingWith("refusing to use 192.168.1.1 as an emulated peer");
    then(link.sent()).isEmpty();
    then(SafeRange.contains(Ipv4Address.parse("198.19.255.255"))).isTrue();
    then(SafeRange.contains(Ipv4Address.parse("198.20.0.0"))).isFalse();
  }

  @Test
  public void should_refuse_ipv6_outside_2001_2_48() {
    // GIVEN
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    // WHEN an IPv6 segment is addressed to the documentation prefix
    Throwable segment = org.assertj.core.api.BDDAssertions.catchThrowable(() -> wire.inject(
        syn().srcMac(PEER_MAC).dstMac(TARGET_MAC).src("2001:2::1").dst("2001:db8::2")
            .srcPort(1).dstPort(2).build()));
    // THEN
    then(segment).hasMessage("refusing to use 2001:db8::2 as a destination address: tcpconform"
        + " only sends from and to 2001:2::/48 (the IPv6 benchmarking range)");
    then(link.sent()).isEmpty();
    then(SafeRange.contains(Ipv6Address.parse("2001:2:0:ffff::1"))).isTrue();
    then(SafeRange.contains(Ipv6Address.parse("2001:2:1::1"))).isFalse();
  }

  @Test
  public void should_refuse_raw_frames_whose_ipv4_or_arp_addresses_are_outside_the_range() {
    // GIVEN an IPv4 header too malformed to decode as TCP (IHL 3), from 10.0.0.1, and an ARP
    // request for 192.168.1.1
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    byte[] ipv4 = FrameEncoder.encode(syn().srcMac(PEER_MAC).dstMac(TARGET_MAC)
        .src(Ipv4Address.parse("10.0.0.1")).dst(TARGET).srcPort(1).dstPort(2).build());
    ipv4[14] = 0x43; // version 4, IHL 3: the decoder keeps it as an undecoded IPv4 frame
    byte[] arp = ArpMessage.request(TARGET_MAC, TARGET, Ipv4Address.parse("192.168.1.1"))
        .encode(MacAddress.BROADCAST, TARGET_MAC);
    // WHEN both are injected raw
    Throwable badIpv4 =
        org.assertj.core.api.BDDAssertions.catchThrowable(() -> wire.injectRaw(ipv4));
    Throwable badArp =
        org.assertj.core.api.BDDAssertions.catchThrowable(() -> wire.injectRaw(arp));
    // THEN both are refused before they reach the link, and nothing is recorded
    then(badIpv4).hasMessageStartingWith("refusing to use 10.0.0.1 as a source address");
    then(badArp).hasMessageStartingWith("refusing to use 192.168.1.1 as an ARP target address");
    then(link.sent()).isEmpty();
    then(wire.frames()).isEmpty();
  }

  @Test
  public void should_write_a_pcap_that_libpcap_reads_back_with_nanosecond_times() throws Exception {
    // GIVEN a test's exchange: one segment out, one ARP request in
    MemoryLink link = new MemoryLink();
    Wire wire = new Wire(link).start();
    wire.beginTest("[rule]", "x.pcap");
    wire.inject(syn().srcMac(PEER_MAC).dstMac(TARGET_MAC).src(PEER).dst(TARGET).srcPort(1)
        .dstPort(2).build());
    link.deliver(ArpMessage.request(TARGET_MAC, TARGET, PEER).encode(MacAddress.BROADCAST, TARGET_MAC));
    Path file = Files.createTempDirectory("pcap").resolve("x.pcap");
    // WHEN
    wire.writeCapture(file);
    // THEN libpcap reads both frames, in time order, with their bytes
    PcapHandle h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
    try {
      byte[] first = h.getNextRawPacketEx();
      long firstNanos = h.getTimestamp().getNanos();
      byte[] second = h.getNextRawPacketEx();
      then(FrameDecoder.decode(first)).isInstanceOf(Frame.Tcp.class);
      then(FrameDecoder.decode(second)).isInstanceOf(Frame.Arp.class);
      then(firstNanos).as("nanoseconds of the first frame's time").isEqualTo(100_000);
    } finally {
      h.close();
    }
    then(wire.ladder(null)).contains("+0.000000 < S 0:0(0)")
        .contains("> arp who-has 198.18.0.1 tell 198.18.0.2");
  }
}
