package dev.tcpconform.core.bed;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Mss;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * A Linux lane over IPv6 for real: the target's veth end alone has IPv6, with its 2001:2::/48
 * address and no link-local address; the harness answers the target's Neighbor Solicitations;
 * a passive and an active open each carry data both ways; closing the lane leaves nothing.
 */
@Test(groups = "bed")
public class Ipv6LaneTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(1);

  public void should_come_up_over_ipv6_carry_data_both_ways_and_leave_nothing_behind()
      throws Exception {
    String ns;
    String host;
    long pid;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(20),
        TargetProfile.load("linux-netns"), IpVersion.V6);
        Lane lane = bed.openLane()) {
      LanePlan plan = lane.plan();
      ns = plan.namespace();
      host = plan.hostInterface();
      Agent agent = lane.target().agent().orElseThrow();
      pid = agent.pid();
      // THEN the lane's addresses are its /64's ::1 (peer) and ::2 (target)
      then(lane.target().address())
          .isEqualTo(Ipv6Address.parse("2001:2:0:" + Integer.toHexString(plan.index()) + "::2"));
      then(lane.peerAddress()).isEqualTo(plan.peerAddress6());
      // AND the harness's end has no address and IPv6 off; the target's end one global address
      then(Sh.run("ip", "-o", "addr", "show", "dev", host)).isBlank();
      then(Sh.run("sysctl", "-n", "net.ipv6.conf." + host + ".disable_ipv6").trim())
          .isEqualTo("1");
      String addresses = Sh.run("ip", "netns", "exec", ns, "ip", "-6", "-o", "addr", "show",
          "dev", plan.targetInterface());
      then(addresses).contains(plan.targetAddress6() + "/64").doesNotContain("fe80:");
      then(Sh.run("ip", "netns", "exec", ns, "ip", "-6", "-o", "route", "show", "dev",
          plan.targetInterface())).contains("congctl cubic");

      // WHEN the peer connects and sends 5 octets (a passive open by the target)
      String listener = agent.listen(7100);
      TcpPeer peer = lane.peerTo(7100);
      Arrival synAck = peer.connect(within(PROMPTLY));
      then(synAck.isPresent()).isTrue();
      // THEN the SYN,ACK's MSS is the link's MTU less 60 (RFC 6691)
      then(synAck.segment().option(Mss.class).map(Mss::value)).hasValue(1440);
      then(synAck.segment().version()).isEqualTo(6);
      String conn = agent.accept(listener, Duration.ofSeconds(2));
      peer.send(data("hello"));
      then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
          .isEqualTo("hello");
      agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
      then(peer.firstSegmentMatching(SegmentPattern.anySegment().payloadLength(5),
          within(PROMPTLY)).isPresent()).as("the 5 octets written, over IPv6").isTrue();
      // AND the target had to ask for the peer's MAC, and the harness answered
      then(lane.wire().ndAnswered()).isPositive();
      then(lane.wire().fromTarget()).allMatch(c -> c.frame() instanceof Frame.Tcp);

      // WHEN the target's application connects to the peer (an active open)
      PeerListener passive = lane.listenOnFreshPort();
      agent.tryConnect(lane.peerAddress().toString(), passive.local().port());
      Arrival syn = passive.nextSegment(within(PROMPTLY));
      then(syn.isPresent()).isTrue();
      then(syn.segment().has(TcpFlag.SYN)).isTrue();
      TcpPeer active = passive.peerFor(syn);
      active.send(dev.tcpconform.crafter.Segments.synAck()
          .option(dev.tcpconform.crafter.option.TcpOptions.mss(active.defaultMss())));
      then(active.nextSegment(within(PROMPTLY)).segment().has(TcpFlag.ACK)).isTrue();
      lane.endTest();
    }
    // THEN after close: namespace, link and agent gone
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline
        && (Sh.tryRun("ip", "link", "show", host).ok()
            || Sh.tryRun("ip", "netns", "list").stdout().contains(ns)
            || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
      Thread.sleep(100);
    }
    then(Sh.tryRun("ip", "link", "show", host).ok()).as("%s after close", host).isFalse();
    then(Sh.tryRun("ip", "netns", "list").stdout()).doesNotContain(ns);
    then(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
