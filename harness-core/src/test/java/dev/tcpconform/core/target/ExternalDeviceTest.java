package dev.tcpconform.core.target;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** What the user says about an external device: read, defaulted, and each bad value one line. */
public class ExternalDeviceTest {

  private static final List<String> KEYS =
      List.of("interface", "address", "mac", "peer", "closed-port", "ports", "agent", "address6",
          "peer6");

  private static void set(String key, String value) {
    System.setProperty("tcpconform.external." + key, value);
  }

  @AfterMethod(alwaysRun = true)
  public void forgetTheDevice() {
    KEYS.forEach(k -> System.clearProperty("tcpconform.external." + k));
  }

  @Test
  public void should_read_the_device_with_its_defaults_and_optional_parts() {
    // GIVEN only what is required ('lo' stands for an interface that exists)
    set("interface", "lo");
    set("address", "198.18.7.2");
    ExternalDevice plain = ExternalDevice.fromProperties(IpVersion.V4);
    // AND everything
    set("mac", "02:00:00:00:07:02");
    set("peer", "198.18.7.9");
    set("closed-port", "19");
    set("ports", " 22, 80 ,443");
    set("agent", "192.0.2.10:7000");
    ExternalDevice full = ExternalDevice.fromProperties(IpVersion.V4);
    // THEN
    then(plain.mac()).isEmpty();
    then(plain.peer()).isEqualTo(Ipv4Address.parse("198.18.7.1"));
    then(plain.closedPort()).isEqualTo(9);
    then(plain.servicePorts()).isEmpty();
    then(plain.agent()).isEmpty();
    then(plain.plan().peerAddress()).isEqualTo(plain.peer());
    then(full.mac()).contains(MacAddress.parse("02:00:00:00:07:02"));
    then(full.peer()).isEqualTo(Ipv4Address.parse("198.18.7.9"));
    then(full.closedPort()).isEqualTo(19);
    then(full.servicePorts()).containsExactly(22, 80, 443);
    then(full.agent()).contains(new ExternalDevice.AgentAddress("192.0.2.10", 7000));
  }

  @Test
  public void should_read_an_ipv6_device_for_a_run_over_ipv6_and_both_versions_for_either_run() {
    // GIVEN a device with an IPv6 address alone
    set("interface", "lo");
    set("address6", "2001:2:0:7::2");
    ExternalDevice only6 = ExternalDevice.fromProperties(IpVersion.V6);
    // AND one with both, its IPv6 peer named
    set("address", "198.18.7.2");
    set("peer6", "2001:2:0:7::9");
    ExternalDevice both4 = ExternalDevice.fromProperties(IpVersion.V4);
    ExternalDevice both6 = ExternalDevice.fromProperties(IpVersion.V6);
    // THEN over IPv6 the peer is interface ID 1 of the device's /64, and the lane is IPv6 alone
    then(only6.address()).isEqualTo(Ipv6Address.parse("2001:2:0:7::2"));
    then(only6.peer()).isEqualTo(Ipv6Address.parse("2001:2:0:7::1"));
    then(only6.ipv4()).isEmpty();
    LanePlan plan = only6.plan();
    then(plan.ipVersion()).isEqualTo(IpVersion.V6);
    then(plan.peerIp()).isEqualTo(only6.peer());
    then(plan.targetIp()).isEqualTo(only6.address());
    then(plan.peerAddress()).isNull();
    // AND a device with both is addressed by the run's version, the other kept in the plan
    then(both4.address()).isEqualTo(Ipv4Address.parse("198.18.7.2"));
    then(both4.plan().ipVersion()).isEqualTo(IpVersion.V4);
    then(both4.plan().targetAddress6()).isEqualTo(Ipv6Address.parse("2001:2:0:7::2"));
    then(both6.peer()).isEqualTo(Ipv6Address.parse("2001:2:0:7::9"));
    then(both6.plan().peerAddress()).isEqualTo(Ipv4Address.parse("198.18.7.1"));
    // AND a device at interface ID 1 has the peer at 2
    set("address6", "2001:2:0:7::1");
    System.clearProperty("tcpconform.external.peer6");
    then(ExternalDevice.fromProperties(IpVersion.V6).peer())
        .isEqualTo(Ipv6Address.parse("2001:2:0:7::2"));
  }

  @DataProvider
  public Object[][] badAddresses() {
    return new Object[][] {
        {IpVersion.V6, "address6", "2001:db8::2", "refusing to use 2001:db8::2 as the external"
            + " device's address (-Dtcpconform.external.address6): tcpconform only sends from and"
            + " to 2001:2::/48 (the IPv6 benchmarking range)"},
        {IpVersion.V6, "peer6", "2001:3::1", "refusing to use 2001:3::1 as the address the"
            + " harness plays next to the external device (-Dtcpconform.external.peer6):"
            + " tcpconform only sends from and to 2001:2::/48 (the IPv6 benchmarking range)"},
        {IpVersion.V6, "peer6", "2001:2:0:7::2", "-Dtcpconform.external.peer6 is the device's own"
            + " address 2001:2:0:7::2: the harness needs another one on the same link"},
        {IpVersion.V6, "address6", "198.18.7.2", "bad -Dtcpconform.external.address6:"
            + " '198.18.7.2' is not an IPv6 address: an IPv4 one is -Dtcpconform.external.address"
            + " (expected: e.g. 2001:2:0:7::2, in 2001:2::/48)"},
        {IpVersion.V6, "address6", "2001:2::7::2", "bad -Dtcpconform.external.address6: IPv6"
            + " address: 2001:2::7::2 (expected: one '::' at most)"},
        {IpVersion.V4, "address", "2001:2:0:7::2", "bad -Dtcpconform.external.address:"
            + " '2001:2:0:7::2' is an IPv6 address: give it as -Dtcpconform.external.address6"
            + " (.address is IPv4)"},
        {IpVersion.V4, "address", "10.0.0.2", "refusing to use 10.0.0.2 as the external device's"
            + " address (-Dtcpconform.external.address): tcpconform only sends from and to"
            + " 198.18.0.0/15 (the benchmarking range)"},
    };
  }

  /** Each wrong address is one line, over the other addresses of a device that has both. */
  @Test(dataProvider = "badAddresses")
  public void should_say_in_one_line_what_is_wrong_with_an_address(IpVersion run, String key,
      String value, String message) {
    set("interface", "lo");
    set("address", "198.18.7.2");
    set("address6", "2001:2:0:7::2");
    set(key, value);
    Throwable t = catchThrowable(() -> ExternalDevice.fromProperties(run));
    then(t).isInstanceOf(HarnessException.class).hasMessage(message);
  }

  @Test
  public void should_say_which_address_a_run_over_each_version_needs() {
    // GIVEN a device with an IPv4 address alone, then with an IPv6 address alone
    set("interface", "lo");
    set("address", "198.18.7.2");
    Throwable over6 = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V6));
    System.clearProperty("tcpconform.external.address");
    set("address6", "2001:2:0:7::2");
    Throwable over4 = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V4));
    // AND an IPv6 peer named without the device's IPv6 address
    System.clearProperty("tcpconform.external.address6");
    set("address", "198.18.7.2");
    set("peer6", "2001:2:0:7::1");
    Throwable peerAlone = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V4));
    // THEN each is one line naming the property to give
    then(over6).isInstanceOf(HarnessException.class).hasMessage("the external target needs"
        + " -Dtcpconform.external.address6 (the device's IPv6 address, in 2001:2::/48) for a run"
        + " over IPv6");
    then(over4).isInstanceOf(HarnessException.class).hasMessage("the external target needs"
        + " -Dtcpconform.external.address (the device's IPv4 address, in 198.18.0.0/15) for a run"
        + " over IPv4; for one over its IPv6 address, -Dtcpconform.ip=6");
    then(peerAlone).isInstanceOf(HarnessException.class).hasMessage("-Dtcpconform.external.peer6"
        + " is given without -Dtcpconform.external.address6: name the device's address the"
        + " harness plays the peer of, or leave the peer out");
  }

  @Test
  public void should_read_agent_addresses_by_name_ipv4_and_bracketed_ipv6() {
    then(ExternalDevice.AgentAddress.parse("mgmt.lab:7000"))
        .isEqualTo(new ExternalDevice.AgentAddress("mgmt.lab", 7000));
    then(ExternalDevice.AgentAddress.parse(" 192.0.2.10:65535 "))
        .isEqualTo(new ExternalDevice.AgentAddress("192.0.2.10", 65535));
    ExternalDevice.AgentAddress v6 = ExternalDevice.AgentAddress.parse("[2001:db8::10]:7000");
    then(v6).isEqualTo(new ExternalDevice.AgentAddress("2001:db8::10", 7000));
    then(v6.toString()).isEqualTo("[2001:db8::10]:7000");
  }

  @DataProvider
  public Object[][] badAgentAddresses() {
    return new Object[][] {
        {"192.0.2.10", "no port"},
        {":7000", "no host"},
        {"192.0.2.10:", "'' in '192.0.2.10:' is empty"},
        {"192.0.2.10:0", "'0' in '192.0.2.10:0' is not a port"},
        {"192.0.2.10:70000", "'70000' in '192.0.2.10:70000' is not a port"},
        {"mgmt:ssh", "'ssh' in 'mgmt:ssh' is not a port"},
        {"2001:db8::10:7000", "an IPv6 address goes in brackets, e.g. [2001:db8::10]:7000"},
        {"[mgmt]:7000", "'mgmt' in brackets is not an IPv6 address"},
        {"[2001:db8::10]", "no port"},
        {"mg mt:7000", "'mg mt' is not a host name or address"},
    };
  }

  @Test(dataProvider = "badAgentAddresses")
  public void should_say_in_one_line_what_is_wrong_with_an_agent_address(String text,
      String why) {
    Throwable t = catchThrowable(() -> ExternalDevice.AgentAddress.parse(text));
    then(t).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("bad -Dtcpconform.external.agent: ")
        .hasMessageContaining(why);
    then(t.getMessage()).doesNotContain("\n");
  }

  @DataProvider
  public Object[][] badPortLists() {
    return new Object[][] {
        {"22,,80", "'' in '22,,80' is empty"},
        {"22,http", "'http' in '22,http' is not a port"},
        {"0", "'0' in '0' is not a port"},
        {"22,65536", "'65536' in '22,65536' is not a port"},
        {"-1", "'-1' in '-1' is not a port"},
        {"22,80,22", "'22,80,22' names 22 twice"},
        {"22,", "'' in '22,' is empty"},
    };
  }

  @Test(dataProvider = "badPortLists")
  public void should_say_in_one_line_what_is_wrong_with_a_ports_list(String list, String why) {
    Throwable t = catchThrowable(() -> ExternalDevice.ports(list));
    then(t).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("bad -Dtcpconform.external.ports: ")
        .hasMessageContaining(why)
        .hasMessageContaining("(expected: a comma list of ");
    then(t.getMessage()).doesNotContain("\n");
  }

  @Test
  public void should_refuse_a_closed_port_that_is_a_service_port_and_an_agent_under_test() {
    set("interface", "lo");
    set("address", "198.18.7.2");
    set("ports", "9,80");
    Throwable closed = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V4));
    System.clearProperty("tcpconform.external.ports");
    set("agent", "198.18.7.1:7000");
    Throwable agentOnPeer = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V4));
    set("agent", "198.19.0.2:7000");
    set("mac", "02:00:00:00:07");
    Throwable mac = catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V4));
    then(closed).hasMessage("-Dtcpconform.external.closed-port 9 is one of the device's service"
        + " ports (-Dtcpconform.external.ports): name a port where nothing listens");
    then(agentOnPeer).hasMessageStartingWith(
        "-Dtcpconform.external.agent 198.18.7.1:7000 is an address under test");
    // AND an agent on the device's IPv6 address, written in another form, is one too
    System.clearProperty("tcpconform.external.mac");
    set("address6", "2001:2:0:7::2");
    set("agent", "[2001:2:0:7:0:0:0:2]:7000");
    then(catchThrowable(() -> ExternalDevice.fromProperties(IpVersion.V6))).hasMessageStartingWith(
        "-Dtcpconform.external.agent [2001:2:0:7:0:0:0:2]:7000 is an address under test");
    then(mac).hasMessageStartingWith("bad -Dtcpconform.external.mac: ")
        .hasMessageEndingWith("; leave it out to learn the MAC by ARP (over IPv6, by a Neighbor"
            + " Solicitation)");
  }
}
