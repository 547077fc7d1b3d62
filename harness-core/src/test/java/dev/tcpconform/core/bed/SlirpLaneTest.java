package dev.tcpconform.core.bed;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.synAck;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The slirp target for real: slirp4netns in an outer namespace, attached to a TAP device the
 * harness made, its application the Linux agent beside it. A lane comes up (a passive open
 * reaches the application's listener through slirp; an active open goes through a host forward),
 * and closing it leaves no namespace, TAP device or process. Needs slirp4netns ({@code apt-get
 * install -y slirp4netns}).
 */
@Test(groups = "bed")
public class SlirpLaneTest {

  public void should_come_up_carry_data_both_ways_and_leave_nothing_behind() throws Exception {
    if (!Files.exists(Path.of("/usr/bin/slirp4netns"))) {
      throw new SkipException("slirp4netns is not installed: apt-get install -y slirp4netns");
    }
    String tap;
    String ns;
    long pid;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(10),
        TargetProfile.load("slirp-proxy"));
        Lane lane = bed.openLane()) {
      tap = lane.target().wireInterface();
      ns = lane.plan().namespace();
      Agent agent = lane.target().agent().orElseThrow();
      pid = agent.pid();
      then(agent.banner()).startsWith("ready slirp proxy");
      // WHEN the peer connects to a port the application listens on, and sends 5 octets
      String listener = agent.listen(7100);
      TcpPeer peer = lane.peerTo(7100);
      then(peer.connect(within(Duration.ofSeconds(2))).isPresent()).isTrue();
      String conn = agent.accept(listener, Duration.ofSeconds(2));
      peer.send(data("hello"));
      // THEN the application reads them, and what it writes arrives
      then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
          .isEqualTo("hello");
      agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
      // (slirp acknowledges "hello" on its own first: the ACK is slirp's, not the application's)
      then(peer.firstSegmentMatching(SegmentPattern.withFlags(TcpFlag.PSH, TcpFlag.ACK),
          within(Duration.ofSeconds(1))).segment().payloadLength()).isEqualTo(5);

      // WHEN the application connects to the emulated peer
      PeerListener harness = lane.listenOnFreshPort();
      AgentReply started = agent.tryConnect(lane.plan().peerAddress().toString(),
          harness.local().port());
      then(started.isOk()).as("connect: %s", started).isTrue();
      // THEN slirp's SYN comes from the target's address to the peer's port
      Arrival syn = harness.nextSegment(within(Duration.ofSeconds(2)));
      Segment s = syn.segment();
      then(s.has(TcpFlag.SYN)).as("flags of %s", s).isTrue();
      then(s.src()).isEqualTo(lane.plan().targetAddress());
      TcpPeer back = harness.peerFor(syn);
      back.send(synAck());
      then(back.nextSegment(within(Duration.ofSeconds(1))).segment().has(TcpFlag.ACK)).isTrue();
      // AND the wire is a TAP device with no address in the harness's namespace
      then(Sh.run("ip", "-4", "-o", "addr", "show", "dev", tap)).isBlank();
    }
    then(Sh.tryRun("ip", "link", "show", tap).ok()).as("TAP %s after the lane closed", tap)
        .isFalse();
    then(Sh.run("ip", "netns", "list")).as("namespaces after the lane closed")
        .doesNotContain(ns);
    then(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("agent %d after the lane closed", pid).isFalse();
    then(Sh.tryRun("pgrep", "-f", "slirp4netns.*" + tap).ok()).as("slirp4netns on %s", tap)
        .isFalse();
  }
}
