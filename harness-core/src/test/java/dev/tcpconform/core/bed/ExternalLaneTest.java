package dev.tcpconform.core.bed;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.synAck;
import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.ExternalTarget;
import dev.tcpconform.core.target.TargetLaunchException;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.TcpOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/**
 * The external target for real, against a {@link CabledDevice}: a Linux namespace standing for a
 * device on a cable, with its agent serving on a management network. Given no MAC and the agent's
 * address, a lane comes up over IPv4 (the MAC learned by ARP) and over IPv6 (the MAC learned by a
 * Neighbor Solicitation), the agent reached over TCP and driving the device's sockets, and after
 * it closes the harness has left nothing. A device that does not answer ARP or Neighbor
 * Discovery, an agent that refuses the connection, and bad values (an IPv6 address outside
 * 2001:2::/48 among them) are each one line, and leave nothing either.
 */
@Test(groups = "bed")
public class ExternalLaneTest {

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

  private static Testbed bed() {
    return Testbed.start(1, Duration.ofSeconds(10), TargetProfile.load("external"));
  }

  /** A bed whose lane carries its tests over IPv6 ({@code -Dtcpconform.ip=6}). */
  private static Testbed bed6() {
    return Testbed.start(1, Duration.ofSeconds(10), TargetProfile.load("external"),
        IpVersion.V6);
  }

  /** Frames the device's end of the cable has received so far. */
  private static long received(CabledDevice device) {
    return Long.parseLong(device.namespace().exec("cat", "/sys/class/net/"
        + device.cable().targetEnd() + "/statistics/rx_packets").trim());
  }

  /** Namespaces, links and registry files of a run still there. */
  private static List<String> leftovers(RunId run) throws IOException {
    List<String> left = new ArrayList<>();
    Sh.tryRun("ip", "netns", "list").stdout().lines().map(l -> l.split("\\s+")[0])
        .filter(n -> n.startsWith(run.prefix())).forEach(left::add);
    Sh.tryRun("ip", "-o", "link", "show").stdout().lines()
        .map(l -> l.split(":\\s+", 3)).filter(p -> p.length > 1)
        .map(p -> p[1].split("@")[0].trim())
        .filter(n -> n.startsWith(run.prefix())).forEach(left::add);
    try (Stream<Path> files = Files.list(Reaper.REGISTRY)) {
      files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith(run.hex()) || f.startsWith(run.prefix()))
          .forEach(left::add);
    }
    return left;
  }

  /**
   * The device's interface as the user gave it: there, up, and still without an address of either
   * version (its IPv6 off, as the stand-in's cable has it).
   */
  private static void thenUntouched(String wire) {
    then(Sh.tryRun("ip", "link", "show", wire).stdout()).as("%s after the run", wire)
        .contains("UP");
    then(Sh.run("ip", "-o", "addr", "show", "dev", wire)).as("addresses of %s", wire)
        .isBlank();
    then(Sh.run("sysctl", "-n", "net.ipv6.conf." + wire + ".disable_ipv6").trim())
        .as("disable_ipv6 of %s", wire).isEqualTo("1");
  }

  public void should_learn_the_mac_by_arp_drive_the_agent_over_tcp_and_leave_nothing_behind()
      throws Exception {
    RunId deviceRun;
    long agentPid;
    try (CabledDevice device = CabledDevice.create(true, true, true)) {
      deviceRun = device.run();
      agentPid = device.agentPid();
      // GIVEN the device named without its MAC, with its services and its agent's address
      set("interface", device.wire());
      set("address", CabledDevice.ADDRESS.toString());
      set("ports", "7100,7101");
      set("agent", device.agentAddress());
      RunId bedRun;
      Agent agent;
      try (Testbed bed = bed(); Lane lane = bed.openLane()) {
        bedRun = bed.run();
        ExternalTarget target = (ExternalTarget) lane.target();
        // THEN the MAC is the device's, learned by ARP; the services are recorded
        then(target.macLearned()).isTrue();
        then(target.mac()).isEqualTo(device.cable().targetMac());
        then(target.servicePorts()).containsExactly(7100, 7101);
        agent = target.agent().orElseThrow();
        then(agent.banner()).startsWith("ready linux ");
        then(agent.toString()).isEqualTo("agent external at " + device.agentAddress());
        // WHEN the device's application listens, and the peer connects and sends 5 octets
        String listener = agent.listen(7100);
        TcpPeer peer = lane.peerTo(7100);
        then(peer.connect(within(Duration.ofSeconds(1))).isPresent()).isTrue();
        String conn = agent.accept(listener, Duration.ofSeconds(2));
        peer.send(data("hello"));
        // THEN the application reads them, and what it writes arrives at the peer
        then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
            .isEqualTo("hello");
        agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
        // (the kernel may first acknowledge "hello" on its own)
        then(peer.firstSegmentMatching(SegmentPattern.anySegment().payloadLength(5),
            within(Duration.ofSeconds(1))).segment().payload())
            .isEqualTo("world".getBytes(StandardCharsets.US_ASCII));
        lane.endTest();
      }
      // THEN closing the lane closed the agent's connection: this one takes no more requests,
      // and the agent (one harness at a time) serves the next one at once
      then(catchThrowable(() -> agent.listen(7101))).hasMessageContaining("is closed");
      try (Agent next = Agent.connect("next", device.managementAddress(),
          CabledDevice.AGENT_PORT, Duration.ofSeconds(2))) {
        then(next.listen(7100)).as("the port of the closed session's listener").isEqualTo("l1");
      }
      // AND the run left nothing, and did nothing to the device's interface
      then(leftovers(bedRun)).isEmpty();
      thenUntouched(device.wire());
    }
    then(leftovers(deviceRun)).as("the stand-in device after it was removed").isEmpty();
    then(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false))
        .as("the device's agent %d", agentPid).isFalse();
  }

  public void should_learn_the_mac_by_neighbor_solicitation_carry_data_both_ways_over_ipv6_and_leave_nothing_behind()
      throws Exception {
    RunId deviceRun;
    long agentPid;
    try (CabledDevice device = CabledDevice.create(true, true, true, true)) {
      deviceRun = device.run();
      agentPid = device.agentPid();
      // GIVEN the device named by its IPv6 address alone, without its MAC, with its agent
      set("interface", device.wire());
      set("address6", CabledDevice.ADDRESS6.toString());
      set("agent", device.agentAddress());
      RunId bedRun;
      try (Testbed bed = bed6(); Lane lane = bed.openLane()) {
        bedRun = bed.run();
        ExternalTarget target = (ExternalTarget) lane.target();
        // THEN the lane is IPv6: the device at its address, the peer at ::1 of its /64
        then(lane.ipVersion()).isEqualTo(IpVersion.V6);
        then(target.address()).isEqualTo(CabledDevice.ADDRESS6);
        then(lane.peerAddress()).isEqualTo(Ipv6Address.parse("2001:2::1"));
        // AND the MAC is the device's, learned by a Neighbor Solicitation
        then(target.macLearned()).isTrue();
        then(target.mac()).isEqualTo(device.cable().targetMac());
        then(target.toString()).contains(", by ND)");
        Agent agent = target.agent().orElseThrow();
        // WHEN the device's application listens, and the peer connects and sends 5 octets
        String listener = agent.listen(7100);
        TcpPeer peer = lane.peerTo(7100);
        Arrival synAck = peer.connect(within(Duration.ofSeconds(1)));
        then(synAck.isPresent()).isTrue();
        // THEN the SYN,ACK is IPv6, its MSS the link's MTU less 60 (RFC 6691)
        then(synAck.segment().version()).isEqualTo(6);
        then(synAck.segment().option(Mss.class).map(Mss::value)).hasValue(1440);
        String conn = agent.accept(listener, Duration.ofSeconds(2));
        peer.send(data("hello"));
        // AND the application reads them, and what it writes arrives at the peer
        then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
            .isEqualTo("hello");
        agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
        then(peer.firstSegmentMatching(SegmentPattern.anySegment().payloadLength(5),
            within(Duration.ofSeconds(1))).segment().payload())
            .isEqualTo("world".getBytes(StandardCharsets.US_ASCII));
        // WHEN the device's application connects to the peer (an active open)
        PeerListener passive = lane.listenOnFreshPort();
        agent.tryConnect(lane.peerAddress().toString(), passive.local().port());
        Arrival syn = passive.nextSegment(within(Duration.ofSeconds(1)));
        // THEN its SYN comes over IPv6 from the device's address, and the handshake completes
        then(syn.isPresent()).isTrue();
        then(syn.segment().has(TcpFlag.SYN)).isTrue();
        then(syn.segment().src()).isEqualTo(CabledDevice.ADDRESS6);
        TcpPeer active = passive.peerFor(syn);
        active.send(synAck().option(TcpOptions.mss(active.defaultMss())));
        then(active.nextSegment(within(Duration.ofSeconds(1))).segment().has(TcpFlag.ACK))
            .isTrue();
        lane.endTest();
      }
      // THEN the run left nothing, and did nothing to the device's interface
      then(leftovers(bedRun)).isEmpty();
      thenUntouched(device.wire());
    }
    then(leftovers(deviceRun)).as("the stand-in device after it was removed").isEmpty();
    then(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false))
        .as("the device's agent %d", agentPid).isFalse();
  }

  public void should_say_in_one_line_when_the_device_does_not_answer_neighbor_solicitations()
      throws Exception {
    RunId deviceRun;
    try (CabledDevice device = CabledDevice.create(true, false, false, false)) {
      deviceRun = device.run();
      // GIVEN a device without IPv6, named by an IPv6 address and without its MAC
      set("interface", device.wire());
      set("address6", CabledDevice.ADDRESS6.toString());
      long before = received(device);
      RunId bedRun;
      try (Testbed bed = bed6()) {
        bedRun = bed.run();
        // WHEN a lane is opened
        long start = System.nanoTime();
        Throwable t = catchThrowable(bed::openLane);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // THEN one line: what was asked on which interface, and what to do
        then(t).isInstanceOf(TargetLaunchException.class).hasMessage("the external device did"
            + " not answer Neighbor Discovery: no advertisement on " + device.wire() + " to 'ns"
            + " who-has 2001:2::2 tell 2001:2::1' (3 solicitations to ff02::1:ff00:2 in 2 s);"
            + " give its MAC with -Dtcpconform.external.mac, or check that it is up on that link"
            + " with that address");
        then(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
        // AND those three solicitations are all that reached the device
        then(received(device) - before).as("frames the device received").isEqualTo(3);
      }
      then(leftovers(bedRun)).isEmpty();
      thenUntouched(device.wire());
    }
    then(leftovers(deviceRun)).isEmpty();
  }

  public void should_say_in_one_line_that_an_ipv6_address_outside_the_range_is_refused()
      throws Exception {
    try (CabledDevice device = CabledDevice.create(true, true, false, false)) {
      // GIVEN the device named by an IPv6 address outside 2001:2::/48
      set("interface", device.wire());
      set("address6", "2001:db8::2");
      long before = received(device);
      // WHEN the test bed starts
      Throwable t = catchThrowable(ExternalLaneTest::bed6);
      // THEN one line saying what is allowed, before anything is made or sent
      then(t).isInstanceOf(HarnessException.class).hasMessage("refusing to use 2001:db8::2 as the"
          + " external device's address (-Dtcpconform.external.address6): tcpconform only sends"
          + " from and to 2001:2::/48 (the IPv6 benchmarking range)");
      then(received(device) - before).as("frames the device received").isZero();
      thenUntouched(device.wire());
    }
  }

  public void should_say_in_one_line_when_the_device_does_not_answer_arp() throws Exception {
    RunId deviceRun;
    try (CabledDevice device = CabledDevice.create(false, false, false)) {
      deviceRun = device.run();
      // GIVEN a device that drops ARP ('arp off'), named without its MAC
      set("interface", device.wire());
      set("address", CabledDevice.ADDRESS.toString());
      String received = "/sys/class/net/" + device.cable().targetEnd() + "/statistics/rx_packets";
      long before = Long.parseLong(device.namespace().exec("cat", received).trim());
      RunId bedRun;
      try (Testbed bed = bed()) {
        bedRun = bed.run();
        // WHEN a lane is opened
        long start = System.nanoTime();
        Throwable t = catchThrowable(bed::openLane);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // THEN one line: what was asked on which interface, and what to do
        then(t).isInstanceOf(TargetLaunchException.class).hasMessage("the external device did"
            + " not answer ARP: no reply on " + device.wire() + " to 'who-has 198.18.0.2 tell"
            + " 198.18.0.1' (3 requests in 2 s); give its MAC with -Dtcpconform.external.mac, or"
            + " check that it is up on that link with that address");
        then(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
        // AND those three requests are all that reached the device
        then(Long.parseLong(device.namespace().exec("cat", received).trim()) - before)
            .as("frames the device received").isEqualTo(3);
      }
      then(leftovers(bedRun)).isEmpty();
      thenUntouched(device.wire());
    }
    then(leftovers(deviceRun)).isEmpty();
  }

  public void should_say_in_one_line_when_the_agent_refuses_the_connection() throws Exception {
    RunId deviceRun;
    try (CabledDevice device = CabledDevice.create(true, true, false)) {
      deviceRun = device.run();
      // GIVEN a device with a management address where no agent serves
      set("interface", device.wire());
      set("address", CabledDevice.ADDRESS.toString());
      set("agent", device.agentAddress());
      RunId bedRun;
      try (Testbed bed = bed()) {
        bedRun = bed.run();
        // WHEN a lane is opened
        Throwable t = catchThrowable(bed::openLane);
        // THEN one line with the address and what to do
        then(t).isInstanceOf(TargetLaunchException.class).hasMessage("cannot reach agent"
            + " external at " + device.agentAddress() + ": connection refused (nothing listens"
            + " there: start the agent on the device, e.g. LinuxAgentMain --serve "
            + device.managementAddress() + " " + CabledDevice.AGENT_PORT + ", or name the"
            + " address it serves on); the address is -Dtcpconform.external.agent");
        // AND the bed's one lane slot was given back: a second try fails the same way at once
        then(catchThrowable(bed::openLane)).isInstanceOf(TargetLaunchException.class)
            .hasMessageContaining("connection refused");
      }
      then(leftovers(bedRun)).isEmpty();
      thenUntouched(device.wire());
    }
    then(leftovers(deviceRun)).isEmpty();
  }

  public void should_say_in_one_line_what_is_wrong_with_an_agent_address() throws Exception {
    try (CabledDevice device = CabledDevice.create(true, false, false)) {
      set("interface", device.wire());
      set("address", CabledDevice.ADDRESS.toString());
      // GIVEN an agent address without a port, then one that is the device's own address
      set("agent", "198.19.0.2");
      Throwable noPort = catchThrowable(ExternalLaneTest::bed);
      set("agent", CabledDevice.ADDRESS + ":7000");
      Throwable underTest = catchThrowable(ExternalLaneTest::bed);
      // THEN each is one line, before anything is made
      then(noPort).isInstanceOf(HarnessException.class).hasMessage("bad"
          + " -Dtcpconform.external.agent: '198.19.0.2': no port (expected: HOST:PORT, the"
          + " management address where the device's agent serves, e.g. 192.0.2.10:7000)");
      then(underTest).isInstanceOf(HarnessException.class).hasMessage(
          "-Dtcpconform.external.agent 198.18.0.2:7000 is an address under test: reach the agent"
              + " on a management address of the device, so that the harness's own TCP stays off"
              + " the addresses the tests use");
      thenUntouched(device.wire());
    }
  }

  public void should_say_in_one_line_what_is_wrong_with_a_ports_list() throws Exception {
    try (CabledDevice device = CabledDevice.create(true, false, false)) {
      set("interface", device.wire());
      set("address", CabledDevice.ADDRESS.toString());
      // GIVEN a ports list with a name in it
      set("ports", "22,http,443");
      // WHEN the test bed starts
      Throwable t = catchThrowable(ExternalLaneTest::bed);
      // THEN one line, before anything is made
      then(t).isInstanceOf(HarnessException.class).hasMessage("bad -Dtcpconform.external.ports:"
          + " 'http' in '22,http,443' is not a port (expected: a comma list of ports 1-65535,"
          + " e.g. 22,80,443)");
      thenUntouched(device.wire());
    }
  }
}
