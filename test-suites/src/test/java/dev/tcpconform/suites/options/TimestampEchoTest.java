package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

/**
 * RFC 7323 3.2: once both SYNs carried timestamps, the target's segments carry them and echo
 * the peer's, over a whole connection ({@link Exchange}: data, a retransmission, a duplicate
 * ACK, ACKs of data and FIN, a FIN).
 */
public class TimestampEchoTest extends ConformanceTest {

  @Requirement(id = "7323/ts-every-segment", section = "3.2", level = MUST)
  @Test(description = "Once both SYNs carried timestamps every segment but a RST carries them:"
      + " data, pure ACKs, a duplicate ACK, a retransmission and a FIN (RSTs are recorded)")
  public void every_segment_carries_timestamps_once_agreed() {
    // GIVEN a whole connection with timestamps agreed
    Exchange e = agreedExchange(8170);

    // WHEN its segments after the SYN,ACK are read
    List<Segment> after = e.targetSegments().subList(1, e.targetSegments().size());
    List<String> without = after.stream()
        .filter(s -> !s.has(TcpFlag.RST) && s.option(Timestamps.class).isEmpty())
        .map(Segment::toString).toList();
    Allure.addAttachment("RSTs", "text/plain", "RSTs of the target (a RST SHOULD carry"
        + " timestamps): " + after.stream().filter(s -> s.has(TcpFlag.RST))
            .map(s -> s + (s.option(Timestamps.class).isPresent() ? " (with TS)" : " (no TS)"))
            .toList() + "\n", ".txt");

    // THEN every one of them but RSTs carries timestamps, the retransmission included
    then(e.retransmission().option(Timestamps.class))
        .as("timestamps on the retransmission %s", e.retransmission()).isPresent();
    then(without).as("segments without timestamps (of %d)", after.size()).isEmpty();
  }

  @Requirement(id = "7323/ts-tsecr-echo", section = "3.2", level = MUST)
  @Test(description = "When ACK is set, TSecr echoes a TSval the peer sent: every TSecr of the"
      + " target is one of the peer's TSvals")
  public void tsecr_echoes_a_tsval_the_peer_sent() {
    // GIVEN a whole connection with timestamps agreed, and every TSval the peer sent on it
    Exchange e = agreedExchange(8171);
    int peerPort = e.connection().peer().local().port();
    Set<Long> peerTsVals = lane.wire().frames().stream()
        .filter(c -> c.frame() instanceof Frame.Tcp)
        .map(c -> ((Frame.Tcp) c.frame()).segment())
        .filter(s -> s.srcPort() == peerPort)
        .flatMap(s -> s.option(Timestamps.class).stream())
        .map(Timestamps::value).collect(Collectors.toSet());

    // WHEN the TSecr of each of the target's segments with ACK is read
    List<String> strangers = e.targetSegments().stream()
        .filter(s -> s.has(TcpFlag.ACK) && s.option(Timestamps.class).isPresent())
        .filter(s -> !peerTsVals.contains(s.option(Timestamps.class).get().echoReply()))
        .map(Segment::toString).toList();
    Allure.addAttachment("TSvals of the peer", "text/plain",
        peerTsVals.stream().sorted().toList() + "\n\n" + e.ladder(), ".txt");

    // THEN each is a TSval the peer sent
    then(strangers).as("target segments whose TSecr the peer never sent as TSval").isEmpty();
  }

  private Exchange agreedExchange(int port) {
    Exchange e = Exchange.live(lane, agent(), port);
    e.connection().requireTimestamps("the rule applies once both SYNs carried them");
    return e;
  }
}
