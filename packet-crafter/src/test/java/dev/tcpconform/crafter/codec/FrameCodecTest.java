package dev.tcpconform.crafter.codec;

import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.eol;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sack;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.unknown;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.MalformedOption;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.SackBlock;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.crafter.option.UnknownOption;
import java.util.List;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpPacket;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class FrameCodecTest {

  static Segment.Builder addressed(Segment.Builder b) {
    return b.srcMac(MacAddress.parse("02:74:63:00:00:01")).dstMac(MacAddress.parse("02:00:00:00:00:02"))
        .src("198.18.0.1").dst("198.18.0.2").srcPort(40000).dstPort(8080);
  }

  @DataProvider
  public Object[][] segments() {
    return new Object[][] {
      {"bare SYN", addressed(syn().seq(1000))},
      {"SYN with every option", addressed(syn().seq(4_000_000_000L).option(mss(1460))
          .option(sackPermitted()).option(timestamps(1, 0)).option(nop()).option(wscale(7)))},
      {"odd payload", addressed(data("hello").seq(1).ack(2).window(502))},
      {"SACK blocks", addressed(Segment.builder().flags(ACK).seq(5).ack(6)
          .option(nop()).option(nop()).option(sack(new SackBlock(SeqNum.of(10), SeqNum.of(20)),
              new SackBlock(SeqNum.of(30), SeqNum.of(40)))))},
      {"unknown option", addressed(syn().option(unknown(99, new byte[] {1, 2, 3, 4})))},
      {"all flags incl. AE and reserved", addressed(Segment.builder().flags(TcpFlag.values())
          .urgentPointer(7))},
      {"bad checksum", addressed(syn().badChecksum())},
      {"bad IP checksum", addressed(syn().badIpChecksum())},
      {"data offset 4", addressed(syn().dataOffset(4))},
      {"raw options", addressed(syn().rawOptions(new byte[] {2, 4, 5, (byte) 0xb4, 1, 1, 1, 0}))},
    };
  }

  @Test(dataProvider = "segments")
  public void should_decode_what_it_encodes_byte_for_byte(String name, Segment.Builder b) {
    // GIVEN
    byte[] wire = FrameEncoder.encode(b.build());
    // WHEN
    Frame f = FrameDecoder.decode(wire);
    // THEN
    then(f).isInstanceOf(Frame.Tcp.class);
    Segment s = ((Frame.Tcp) f).segment();
    then(FrameEncoder.encode(s.toBuilder().build())).isEqualTo(wire);
    Segment built = b.build();
    then(s.seq()).isEqualTo(built.seq());
    then(s.flags()).isEqualTo(built.flags());
    then(s.payload()).isEqualTo(built.payload());
    then(s.tcpChecksumOk()).isEqualTo(built.tcpChecksumOk());
    then(s.ipChecksumOk()).isEqualTo(built.ipChecksumOk());
  }

  @Test(dataProvider = "segments")
  public void should_agree_with_pcap4j_on_fields_and_checksums(String name, Segment.Builder b)
      throws Exception {
    // GIVEN
    Segment built = b.build();
    byte[] wire = FrameEncoder.encode(built);
    // WHEN pcap4j, an independent implementation, parses the same bytes
    EthernetPacket eth = EthernetPacket.newPacket(wire, 0, wire.length);
    IpV4Packet ip = eth.get(IpV4Packet.class);
    TcpPacket tcp = eth.get(TcpPacket.class);
    // THEN
    then(ip.getHeader().getSrcAddr().getHostAddress()).isEqualTo("198.18.0.1");
    then(ip.getHeader().hasValidChecksum(false)).isEqualTo(built.ipChecksumOk());
    if (built.dataOffset() >= 5) {
      then(tcp).isNotNull();
      then(Integer.toUnsignedLong(tcp.getHeader().getSequenceNumber()))
          .isEqualTo(built.seq().value());
      then(tcp.getHeader().getDstPort().valueAsInt()).isEqualTo(8080);
      then(tcp.getHeader().getSyn()).isEqualTo(built.has(SYN));
      then(tcp.getHeader().getPsh()).isEqualTo(built.has(PSH));
      then(tcp.hasValidChecksum(ip.getHeader().getSrcAddr(), ip.getHeader().getDstAddr(), false))
          .isEqualTo(built.tcpChecksumOk());
    }
  }

  @Test
  public void should_flip_only_the_lowest_bit_of_a_bad_checksum() {
    // GIVEN
    Segment good = addressed(syn()).build();
    Segment bad = addressed(syn()).badChecksum().build();
    // WHEN
    Segment decoded = ((Frame.Tcp) FrameDecoder.decode(FrameEncoder.encode(bad))).segment();
    // THEN
    then(decoded.tcpChecksumField()).isEqualTo(FrameEncoder.correctTcpChecksum(good) ^ 1);
    then(decoded.tcpChecksumOk()).isFalse();
  }

  @Test
  public void should_compute_the_internet_checksum_of_rfc_1071s_example() {
    // GIVEN the example words of RFC 1071 section 3: 0001 f203 f4f5 f6f7, sum ddf2
    byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
    // WHEN / THEN
    then(InternetChecksum.compute(b, 0, b.length)).isEqualTo(~0xddf2 & 0xFFFF);
  }

  @Test
  public void should_sum_as_rfc_1071s_16_bit_words_do_at_every_length_and_offset() {
    // GIVEN random bytes, many of them 0xff so that carries happen
    java.util.Random random = new java.util.Random(1071);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[random.nextInt(1600)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextInt(3) == 0 ? 0xFF : random.nextInt(256));
      }
      int off = b.length == 0 ? 0 : random.nextInt(b.length);
      int len = random.nextInt(b.length - off + 1);
      long partial = random.nextInt(1 << 20);
      // WHEN / THEN the same checksum as the plain loop over 16-bit words
      long words = partial;
      for (int i = off; i < off + len; i += 2) {
        words += ((b[i] & 0xFF) << 8) | (i + 1 < off + len ? b[i + 1] & 0xFF : 0);
      }
      then(InternetChecksum.finish(InternetChecksum.sum(partial, b, off, len)))
          .isEqualTo(InternetChecksum.finish(words));
    }
  }

  @Test
  public void should_carry_on_past_a_bad_option_when_its_length_is_usable() {
    // GIVEN an MSS with length 3, then a window scale
    byte[] options = {2, 3, 5, 3, 3, 7, 0, 0};
    // WHEN
    List<TcpOption> decoded = FrameDecoder.options(options);
    // THEN
    then(decoded.get(0)).isInstanceOf(MalformedOption.class);
    then(((MalformedOption) decoded.get(0)).reason()).contains("MSS option length 3");
    then(decoded.get(1).notation()).isEqualTo("wscale 7");
  }

  @Test
  public void should_keep_the_rest_as_one_malformed_option_when_a_length_is_unusable() {
    // WHEN
    List<TcpOption> decoded = FrameDecoder.options(new byte[] {1, 2, 0, 1, 1, 1});
    // THEN
    then(decoded).hasSize(2);
    MalformedOption m = (MalformedOption) decoded.get(1);
    then(m.offset()).isEqualTo(1);
    then(m.reason()).contains("length 0 (below 2)");
    then(m.bytes()).hasSize(5);
  }

  @Test
  public void should_report_an_option_running_past_the_header() {
    // WHEN
    List<TcpOption> decoded = FrameDecoder.options(new byte[] {8, 10, 0, 0});
    // THEN
    then(((MalformedOption) decoded.get(0)).reason()).contains("runs past the options area");
  }

  @Test
  public void should_decode_options_of_every_kind() {
    // GIVEN
    byte[] wire = FrameEncoder.encode(addressed(syn().option(mss(536)).option(timestamps(7, 9))
        .option(unknown(253, new byte[] {9})).option(eol())).build());
    // WHEN
    Segment s = ((Frame.Tcp) FrameDecoder.decode(wire)).segment();
    // THEN
    then(s.option(Mss.class)).contains(new Mss(536));
    then(s.option(Timestamps.class)).contains(new Timestamps(7, 9));
    then(s.option(UnknownOption.class).get().kind()).isEqualTo(253);
  }

  @Test
  public void should_decode_and_answer_arp() {
    // GIVEN
    MacAddress target = MacAddress.parse("02:00:00:00:00:02");
    ArpMessage who = ArpMessage.request(target, Ipv4Address.parse("198.18.0.2"),
        Ipv4Address.parse("198.18.0.1"));
    // WHEN
    Frame f = FrameDecoder.decode(who.encode(MacAddress.BROADCAST, target));
    // THEN
    then(f).isInstanceOf(Frame.Arp.class);
    ArpMessage decoded = ((Frame.Arp) f).arp();
    then(decoded).isEqualTo(who);
    then(decoded.toString()).isEqualTo("arp who-has 198.18.0.1 tell 198.18.0.2");
    ArpMessage reply = decoded.replyFrom(MacAddress.parse("02:74:63:00:00:01"));
    then(reply.toString()).isEqualTo("arp reply 198.18.0.1 is-at 02:74:63:00:00:01");
    then(reply.targetMac()).isEqualTo(target);
  }

  @Test
  public void should_report_a_truncated_ip_total_length_without_repairing_it() {
    // GIVEN
    byte[] wire = FrameEncoder.encode(addressed(data("0123456789")).ipTotalLength(200).build());
    // WHEN
    Segment s = ((Frame.Tcp) FrameDecoder.decode(wire)).segment();
    // THEN
    then(s.malformations()).extracting(Malformation::field).contains("total length");
    then(s.ipTotalLength()).isEqualTo(200);
  }
}
