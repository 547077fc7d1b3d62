package dev.tcpconform.crafter.text;

import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.rstAck;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import org.testng.annotations.Test;

/** Golden strings of the one notation (like packetdrill's packet_to_string tests). */
public class SegmentFormatTest {

  @Test
  public void should_write_a_syn_with_options_in_packetdrill_notation() {
    Segment s = syn().seq(1000).option(mss(1460)).option(sackPermitted())
        .option(timestamps(1, 0)).option(nop()).option(wscale(7)).build();
    then(s.toString())
        .isEqualTo("S 1000:1000(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>");
  }

  @Test
  public void should_write_numbers_relative_to_the_given_origins() {
    Segment s = synAck().seq(5000).ack(1001).window(64240).option(mss(1460)).build();
    then(s.describe(SegmentFormat.SHORT, SeqNum.of(5000), null))
        .isEqualTo("S. 0:0(0) ack 1001 win 64240 <mss 1460>");
    then(data("hello").seq(5001).ack(1001).window(502).build()
            .describe(SegmentFormat.SHORT, SeqNum.of(5000), SeqNum.of(1000)))
        .isEqualTo("P. 1:6(5) ack 1 win 502");
  }

  @Test
  public void should_write_the_ecn_field_of_the_ip_header_before_the_flags() {
    then(data("hello").seq(1).ack(1).tos(0x03).build().toString())
        .isEqualTo("[ce] P. 1:6(5) ack 1 win 65535");
    then(data("hello").seq(1).ack(1).tos(0x02).build().toString())
        .isEqualTo("[ect0] P. 1:6(5) ack 1 win 65535");
    then(data("hello").seq(1).ack(1).tos(0xb8).build().toString())
        .as("DSCP alone is not shown").isEqualTo("P. 1:6(5) ack 1 win 65535");
  }

  @Test
  public void should_write_rst_ack_and_endpoints_in_full() {
    Segment s = rstAck().src("198.18.0.2").dst("198.18.0.1").srcPort(9).dstPort(40000)
        .seq(0).ack(1001).window(0).build();
    then(s.toString()).isEqualTo("R. 0:0(0) ack 1001 win 0");
    then(s.describe(SegmentFormat.FULL))
        .isEqualTo("198.18.0.2:9 > 198.18.0.1:40000 R. 0:0(0) ack 1001 win 0 (ttl 64, id 0, len 40)");
  }

  @Test
  public void should_show_faults_in_brackets() {
    Segment s = syn().seq(1).badChecksum().dataOffset(4).build();
    then(s.toString()).startsWith("S 1:1(0) win 65535 [bad tcp cksum 0x").contains("doff 4]");
  }

  @Test
  public void should_print_java_that_rebuilds_the_segment() {
    Segment s = syn().seq(7).option(mss(536)).build();
    then(s.toBuilderExpression()).contains(".seq(7L)").contains("TcpOptions.mss(536)")
        .contains("TcpFlag.SYN").endsWith(".build()");
  }

  @Test
  public void should_write_no_flags_as_a_dash() {
    then(Segment.builder().seq(3).build().toString()).isEqualTo("- 3:3(0) win 65535");
  }

  @Test
  public void should_write_ipv6_endpoints_in_brackets_and_ipv6_fields_in_full() {
    Segment s = data("hello").src("2001:2::1").dst("2001:2::2").srcPort(40000).dstPort(8080)
        .seq(1).ack(1).window(502).flowLabel(0x12345)
        .extensionHeader(ExtensionHeader.hopByHop())
        .extensionHeader(ExtensionHeader.fragment(0, false, 1)).build();
    then(s.toString()).isEqualTo("P. 1:6(5) ack 1 win 502");
    then(s.describe(SegmentFormat.FULL)).isEqualTo("[2001:2::1]:40000 > [2001:2::2]:8080"
        + " P. 1:6(5) ack 1 win 502 (hlim 64, flow 0x12345, plen 41, ext hop-by-hop,fragment)");
    then(rstAck().src("2001:2::2").dst("2001:2::1").srcPort(9).dstPort(40000).ack(1001)
            .window(0).build().describe(SegmentFormat.FULL))
        .isEqualTo("[2001:2::2]:9 > [2001:2::1]:40000 R. 0:0(0) ack 1001 win 0 (hlim 64, plen 20)");
  }

  @Test
  public void should_write_the_ecn_field_of_the_traffic_class_and_ipv6_faults() {
    then(data("hello").src("2001:2::1").seq(1).ack(1).trafficClass(0x03).build().toString())
        .isEqualTo("[ce] P. 1:6(5) ack 1 win 65535");
    then(syn().src("2001:2::1").seq(1).nextHeader(17).build().toString())
        .isEqualTo("S 1:1(0) win 65535 [nxt 17]");
    then(syn().src("2001:2::1").seq(1).badChecksum().build().toString())
        .startsWith("S 1:1(0) win 65535 [bad tcp cksum 0x").doesNotContain("bad ip cksum");
  }

  @Test
  public void should_print_java_that_rebuilds_an_ipv6_segment() {
    // GIVEN
    Segment s = syn().src("2001:2::1").dst("2001:2::2").seq(7).flowLabel(0xabc).trafficClass(2)
        .extensionHeader(ExtensionHeader.hopByHop()).nextHeader(60).build();
    // WHEN
    String java = s.toBuilderExpression();
    // THEN
    then(java).contains(".src(\"2001:2::1\").dst(\"2001:2::2\").hopLimit(64).trafficClass(2)"
            + ".flowLabel(0xabc)")
        .contains(".extensionHeader(new ExtensionHeader(0, HexFormat.of().parseHex("
            + "\"00010400000000\")))")
        .contains(".nextHeader(60)").doesNotContain("ipId").endsWith(".build()");
  }
}
