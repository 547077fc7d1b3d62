package dev.tcpconform.core.bed;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.core.target.TargetUnavailableException;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Mss;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The user-space stacks on a TAP device over IPv6 for real, as {@link Ipv6LaneTest} is for the
 * Linux target: the agent is given the lane's 2001:2:0:&lt;lane&gt;::2/64 and uses it at once,
 * finds the peer's MAC by a Neighbor Solicitation from that address (the harness answers), sends
 * no router solicitation and no duplicate address detection probe, and a passive and an active
 * open each carry data both ways; closing the lane leaves neither the TAP device nor the agent.
 * Skipped, with the install command, where the target's agent is not built.
 */
@Test(groups = "bed")
public class TapIpv6LaneTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(1);
  /** The ICMPv6 type of a Router Solicitation (RFC 4861 section 4.1). */
  private static final int ROUTER_SOLICITATION = 133;

  @DataProvider
  public Object[][] tapTargets() {
    return new Object[][] {
        {"lwip-tap", "ready lwip 2.1.3 agent 1"}, {"gvisor-tap", "ready gvisor"}};
  }

  @Test(dataProvider = "tapTargets")
  public void should_come_up_over_ipv6_carry_data_both_ways_and_leave_nothing_behind(
      String target, String banner) throws Exception {
    String tap;
    long pid;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(20), available(target),
        IpVersion.V6);
        Lane lane = bed.openLane()) {
      LanePlan plan = lane.plan();
      tap = lane.target().wireInterface();
      Agent agent = lane.target().agent().orElseThrow();
      pid = agent.pid();
      then(agent.banner()).startsWith(banner);
      // THEN the lane's addresses are its /64's ::1 (peer) and ::2 (target)
      then(lane.target().address())
          .isEqualTo(Ipv6Address.parse("2001:2:0:" + Integer.toHexString(plan.index()) + "::2"));
      then(lane.peerAddress()).isEqualTo(plan.peerAddress6());
      // AND the wire is a TAP device the harness made, with no address and IPv6 off
      then(Sh.run("ip", "-o", "addr", "show", "dev", tap)).isBlank();
      then(Sh.run("sysctl", "-n", "net.ipv6.conf." + tap + ".disable_ipv6").trim())
          .isEqualTo("1");

      // WHEN the peer connects and sends 5 octets (a passive open by the target)
      String listener = agent.listen(7100);
      TcpPeer peer = lane.peerTo(7100);
      Arrival synAck = peer.connect(within(PROMPTLY));
      then(synAck.isPresent()).as("the SYN,ACK to a SYN over IPv6").isTrue();
      then(synAck.segment().version()).isEqualTo(6);
      // THEN the SYN,ACK's MSS is at most the link's MTU less 60 (RFC 6691)
      then(synAck.segment().option(Mss.class).map(Mss::value)).hasValueSatisfying(
          m -> then(m).isLessThanOrEqualTo(1440));
      String conn = agent.accept(listener, Duration.ofSeconds(2));
      peer.send(data("hello"));
      then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
          .isEqualTo("hello");
      agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
      then(peer.firstSegmentMatching(SegmentPattern.anySegment().payloadLength(5),
          within(PROMPTLY)).isPresent()).as("the 5 octets written, over IPv6").isTrue();

      // WHEN the target's application connects to the peer (an active open) and writes
      PeerListener passive = lane.listenOnFreshPort();
      String active = agent.tryConnect(lane.peerAddress().toString(), passive.local().port())
          .field(0);
      Arrival syn = passive.nextSegment(within(PROMPTLY));
      then(syn.isPresent()).as("the target's SYN over IPv6").isTrue();
      then(syn.segment().has(TcpFlag.SYN)).isTrue();
      TcpPeer opened = passive.peerFor(syn);
      opened.send(synAck().option(mss(opened.defaultMss())));
      then(opened.nextSegment(within(PROMPTLY)).segment().has(TcpFlag.ACK)).isTrue();
      then(agent.awaitConnect(active, Duration.ofSeconds(2)).isOk()).isTrue();
      agent.send(active, "again".getBytes(StandardCharsets.US_ASCII));
      then(opened.firstSegmentMatching(SegmentPattern.anySegment().payloadLength(5),
          within(PROMPTLY)).isPresent()).as("the 5 octets written on the active open").isTrue();
      opened.send(data("back"));
      then(new String(agent.recv(active, 100, Duration.ofSeconds(2)),
          StandardCharsets.US_ASCII)).isEqualTo("back");

      // AND the target asked for the peer's MAC from its own address, and the harness answered;
      // it sent no router solicitation and no solicitation from :: (duplicate address detection)
      then(lane.wire().ndAnswered()).isPositive();
      then(lane.wire().frames()).filteredOn(c -> c.direction() == Captured.Direction.FROM_TARGET)
          .noneMatch(TapIpv6LaneTest::isRouterSolicitation)
          .noneMatch(TapIpv6LaneTest::isDadProbe);
      lane.endTest();
    }
    then(Sh.tryRun("ip", "link", "show", tap).ok()).as("TAP %s after the lane closed", tap)
        .isFalse();
    then(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("agent %d after the lane closed", pid).isFalse();
  }

  private static boolean isRouterSolicitation(Captured c) {
    return c.frame() instanceof Frame.Icmpv6 i
        && i.packet().message() instanceof Icmpv6Message.Other o
        && o.type() == ROUTER_SOLICITATION;
  }

  private static boolean isDadProbe(Captured c) {
    return c.frame() instanceof Frame.Icmpv6 i
        && i.packet().message() instanceof Icmpv6Message.NeighborSolicitation
        && i.packet().src().equals(Ipv6Address.UNSPECIFIED);
  }

  private static TargetProfile available(String target) {
    TargetProfile profile = TargetProfile.load(target);
    try {
      profile.checkAvailable();
    } catch (TargetUnavailableException e) {
      throw new SkipException(e.getMessage());
    }
    return profile;
  }
}
