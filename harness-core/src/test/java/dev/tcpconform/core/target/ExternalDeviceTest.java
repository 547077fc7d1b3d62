package dev.tcpconform.core.target;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** What the user says about an external device: read, defaulted, and each bad value one line. */
public class ExternalDeviceTest {

  private static final List<String> KEYS =
      List.of("interface", "address", "mac", "peer", "closed-port", "ports", "agent");

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
    ExternalDevice plain = ExternalDevice.fromProperties();
    // AND everything
    set("mac", "02:00:00:00:07:02");
    set("peer", "198.18.7.9");
    set("closed-port", "19");
    set("ports", " 22, 80 ,443");
    set("agent", "192.0.2.10:7000");
    ExternalDevice full = ExternalDevice.fromProperties();
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
    Throwable closed = catchThrowable(ExternalDevice::fromProperties);
    System.clearProperty("tcpconform.external.ports");
    set("agent", "198.18.7.1:7000");
    Throwable agentOnPeer = catchThrowable(ExternalDevice::fromProperties);
    set("agent", "198.19.0.2:7000");
    set("mac", "02:00:00:00:07");
    Throwable mac = catchThrowable(ExternalDevice::fromProperties);
    then(closed).hasMessage("-Dtcpconform.external.closed-port 9 is one of the device's service"
        + " ports (-Dtcpconform.external.ports): name a port where nothing listens");
    then(agentOnPeer).hasMessageStartingWith(
        "-Dtcpconform.external.agent 198.18.7.1:7000 is an address under test");
    then(mac).hasMessageStartingWith("bad -Dtcpconform.external.mac: ")
        .hasMessageEndingWith("; leave it out to learn the MAC by ARP");
  }
}
