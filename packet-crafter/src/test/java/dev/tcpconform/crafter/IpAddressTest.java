package dev.tcpconform.crafter;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class IpAddressTest {

  @DataProvider
  public Object[][] canonicalForms() {
    // text in, RFC 5952 text out; the cases of its sections 4.1 to 4.3 and 5
    return new Object[][] {
      {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
      {"2001:DB8::1", "2001:db8::1"},
      {"2001:2:0:0:0:0:0:1", "2001:2::1"},
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}, // one zero group is not shortened
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"}, // the longest run
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, // the first of equal runs
      {"0:0:0:0:0:0:0:0", "::"},
      {"::1", "::1"},
      {"fe80::", "fe80::"},
      {"1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7"}, // '::' may stand for one group on input
      {"ff02::1:ff00:1", "ff02::1:ff00:1"},
      {"::ffff:198.18.0.1", "::ffff:198.18.0.1"}, // IPv4-mapped: mixed notation
      {"::ffff:c612:1", "::ffff:198.18.0.1"},
      {"64:ff9b::198.18.0.1", "64:ff9b::c612:1"},
    };
  }

  @Test(dataProvider = "canonicalForms")
  public void should_write_the_rfc_5952_canonical_form(String text, String canonical) {
    // WHEN
    Ipv6Address a = Ipv6Address.parse(text);
    // THEN
    then(a.toString()).isEqualTo(canonical);
    then(Ipv6Address.parse(canonical)).isEqualTo(a);
    then(IpAddress.parse(text)).isEqualTo(a);
  }

  @Test
  public void should_agree_with_the_jdk_on_random_addresses() throws Exception {
    // GIVEN addresses with many zero groups, so that every position of '::' occurs
    Random random = new Random(5952);
    for (int i = 0; i < 10_000; i++) {
      byte[] b = new byte[16];
      for (int g = 0; g < 8; g++) {
        if (random.nextInt(3) != 0) {
          b[2 * g] = (byte) random.nextInt(3);
          b[2 * g + 1] = (byte) random.nextInt(256);
        }
      }
      // WHEN
      Ipv6Address a = Ipv6Address.of(b);
      Inet6Address jdk = (Inet6Address) InetAddress.getByAddress(b);
      // THEN the bytes survive text and back, and the JDK reads our text as the same address
      then(Ipv6Address.parse(a.toString())).isEqualTo(a);
      then(a.bytes()).isEqualTo(b);
      then(InetAddress.getByName(a.toString())).isEqualTo(jdk);
      then(a.toString()).doesNotContain(":::").doesNotContainPattern("(^|:)0[0-9a-f]");
    }
  }

  @Test
  public void should_reject_malformed_text_with_the_reason() {
    then(catchThrowable(() -> Ipv6Address.parse("2001:2::1::2")))
        .hasMessage("IPv6 address: 2001:2::1::2 (expected: one '::' at most)");
    then(catchThrowable(() -> Ipv6Address.parse("2001:2:0:0:0:0:1")))
        .hasMessage("IPv6 address: 2001:2:0:0:0:0:1 (expected: 8 groups)");
    then(catchThrowable(() -> Ipv6Address.parse("1:2:3:4::5:6:7:8")))
        .hasMessageContaining("at most 7 groups");
    then(catchThrowable(() -> Ipv6Address.parse("2001:2::12345")))
        .hasMessage("IPv6 address: 2001:2::12345 (expected: RFC 4291 text, e.g. 2001:2::1)");
    then(catchThrowable(() -> Ipv6Address.parse("2001:2::g"))).isInstanceOf(
        IllegalArgumentException.class);
    then(catchThrowable(() -> Ipv6Address.parse(":1::2"))).isInstanceOf(
        IllegalArgumentException.class);
    then(catchThrowable(() -> Ipv6Address.parse("fe80::1%eth0"))).isInstanceOf(
        IllegalArgumentException.class);
    then(catchThrowable(() -> Ipv6Address.of(new byte[4])))
        .hasMessage("IPv6 address length: 4 (expected: 16)");
  }

  @Test
  public void should_tell_the_versions_apart_by_the_colon() {
    then(IpAddress.parse("198.18.0.1")).isEqualTo(Ipv4Address.parse("198.18.0.1"));
    then(IpAddress.parse("198.18.0.1").version()).isEqualTo(4);
    then(IpAddress.parse("2001:2::1").version()).isEqualTo(6);
    then(IpAddress.parse("2001:2::1").bytes()).hasSize(16);
  }

  @Test
  public void should_compare_by_value() {
    then(Ipv6Address.parse("2001:2::1")).isEqualTo(Ipv6Address.parse("2001:0002:0::0001"))
        .hasSameHashCodeAs(Ipv6Address.parse("2001:2:0:0:0:0:0:1"))
        .isNotEqualTo(Ipv6Address.parse("2001:2::2"));
  }

  @Test
  public void should_map_an_address_to_its_solicited_node_group_and_ethernet_address() {
    // GIVEN (RFC 4291 section 2.7.1: ff02::1:ff00:0/104 and the low 24 bits)
    Ipv6Address a = Ipv6Address.parse("2001:2::12:3456");
    // WHEN
    Ipv6Address group = a.solicitedNodeMulticast();
    // THEN (RFC 2464 section 7: 33:33 and the low 32 bits)
    then(group.toString()).isEqualTo("ff02::1:ff12:3456");
    then(group.isMulticast()).isTrue();
    then(group.multicastMac()).isEqualTo(MacAddress.parse("33:33:ff:12:34:56"));
    then(Ipv6Address.ALL_NODES.multicastMac()).isEqualTo(MacAddress.parse("33:33:00:00:00:01"));
    then(catchThrowable(a::multicastMac)).hasMessageContaining("expected: a multicast address");
  }

  @Test
  public void should_read_and_write_network_byte_order() {
    byte[] b = HexFormat.of().parseHex("20010002000000000000000000000001");
    then(Ipv6Address.of(b).toString()).isEqualTo("2001:2::1");
    then(Ipv6Address.of(b).group(0)).isEqualTo(0x2001);
    then(Ipv6Address.of(b).group(7)).isEqualTo(1);
    byte[] out = new byte[20];
    Ipv6Address.of(b).writeTo(out, 2);
    then(HexFormat.of().formatHex(out)).isEqualTo("0000" + "20010002000000000000000000000001"
        + "0000");
    then(Ipv4Address.parse("198.18.0.1").bytes()).containsExactly(198, 18, 0, 1);
  }
}
