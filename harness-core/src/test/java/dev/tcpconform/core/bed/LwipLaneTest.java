package dev.tcpconform.core.bed;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.TargetProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * The lwIP target for real: Debian's liblwip behind our C agent on a TAP device the harness made.
 * A lane comes up (the stack answers ARP and a handshake, its application reads and writes), and
 * closing it leaves neither the TAP device nor the agent process. Needs liblwip-dev when the
 * project is built ({@code ./tcpconform test} installs it).
 */
@Test(groups = "bed")
public class LwipLaneTest {

  public void should_come_up_carry_data_and_leave_nothing_behind() throws Exception {
    String tap;
    long pid;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(10),
        TargetProfile.load("lwip-tap"));
        Lane lane = bed.openLane()) {
      tap = lane.target().wireInterface();
      Agent agent = lane.target().agent().orElseThrow();
      pid = agent.pid();
      then(agent.banner()).startsWith("ready lwip 2.1.3 agent 1");
      // WHEN the peer connects and sends 5 octets
      String listener = agent.listen(7100);
      TcpPeer peer = lane.peerTo(7100);
      then(peer.connect(within(Duration.ofSeconds(1))).isPresent()).isTrue();
      String conn = agent.accept(listener, Duration.ofSeconds(2));
      peer.send(data("hello"));
      // THEN the application reads them, and what it writes arrives
      then(new String(agent.recv(conn, 100, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
          .isEqualTo("hello");
      agent.send(conn, "world".getBytes(StandardCharsets.US_ASCII));
      then(peer.nextSegment(within(Duration.ofSeconds(1))).segment().payloadLength())
          .isEqualTo(5);
      // AND the wire is a TAP device the harness made, with no address
      then(Sh.run("ip", "-4", "-o", "addr", "show", "dev", tap)).isBlank();
      then(Sh.run("cat", "/sys/class/net/" + tap + "/tun_flags").trim()).isNotEmpty();
    }
    then(Sh.tryRun("ip", "link", "show", tap).ok()).as("TAP %s after the lane closed", tap)
        .isFalse();
    then(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("agent %d after the lane closed", pid).isFalse();
  }
}
