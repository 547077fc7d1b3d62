package dev.tcpconform.core.peer;

import static dev.tcpconform.core.assertion.TcpAssertions.catchThrowable;
import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.link.MemoryLink;
import dev.tcpconform.core.link.Wire;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.codec.FrameDecoder;
import dev.tcpconform.crafter.codec.FrameEncoder;
import dev.tcpconform.crafter.Frame;
import java.time.Duration;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class TcpPeerTest {

  private static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:00:01");
  private static final MacAddress TARGET_MAC = MacAddress.parse("02:00:00:00:00:02");
  private static final Ipv4Address PEER = Ipv4Address.parse("198.18.0.1");
  private static final Ipv4Address TARGET = Ipv4Address.parse("198.18.0.2");

  private MemoryLink link;
  private Wire wire;
  private TcpPeer peer;

  @BeforeMethod
  public void setUp() {
    link = new MemoryLink();
    wire = new Wire(link).start();
    wire.beginTest("[9293/EP-LISTEN-3] rule under test", "TcpPeerTest.pcap");
    peer = new TcpPeer(wire, new Endpoint(PEER, 40000, PEER_MAC), new Endpoint(TARGET, 8080, TARGET_MAC));
  }

  private Segment lastSent() {
    return ((Frame.Tcp) FrameDecoder.decode(link.sent().get(link.sent().size() - 1))).segment();
  }

  private void target(Segment.Builder b) {
    link.deliver(FrameEncoder.encode(b.srcMac(TARGET_MAC).dstMac(PEER_MAC).src(TARGET).dst(PEER)
        .srcPort(8080).dstPort(40000).build()));
  }

  @Test
  public void should_fill_unset_fields_from_its_state_and_send_set_fields_as_is() {
    // WHEN
    Segment sent = peer.send(syn().window(1234));
    // THEN
    then(sent.seq()).isEqualTo(TcpPeer.DEFAULT_ISS);
    then(sent.window()).isEqualTo(1234);
    then(sent.src()).isEqualTo(PEER);
    then(sent.dstPort()).isEqualTo(8080);
    then(sent.tcpChecksumOk()).isTrue();
    then(peer.sndNxt()).isEqualTo(TcpPeer.DEFAULT_ISS.plus(1));
  }

  @Test
  public void should_track_the_handshake_so_data_carries_the_right_numbers() {
    // GIVEN
    peer.send(syn());
    target(Segment.builder().flags(SYN, ACK).seq(5000).ack(1001));
    // WHEN
    then(peer.nextSegment(within(Duration.ofMillis(100)))).matches(withFlags(SYN, ACK).ack(1001));
    peer.send(ack());
    Segment d = peer.send(data("hi"));
    // THEN
    then(d.seq()).isEqualTo(SeqNum.of(1001));
    then(d.ack()).isEqualTo(SeqNum.of(5001));
    then(peer.irs()).isEqualTo(SeqNum.of(5000));
    then(peer.sndNxt()).isEqualTo(SeqNum.of(1003));
  }

  @Test
  public void should_not_advance_snd_nxt_for_a_segment_with_a_broken_checksum() {
    // GIVEN
    peer.send(syn());
    // WHEN
    peer.send(data("x").badChecksum());
    // THEN
    then(lastSent().tcpChecksumOk()).isFalse();
    then(peer.sndNxt()).isEqualTo(SeqNum.of(1001));
  }

  @Test
  public void should_report_every_differing_field_with_rule_ladder_and_capture_name() {
    // GIVEN
    Segment syn = peer.send(syn());
    target(Segment.builder().flags(RST).seq(0));
    // WHEN
    Throwable thrown = catchThrowable(() -> then(peer.nextSegment(within(Duration.ofMillis(100))))
        .matches(withFlags(RST, ACK).seq(0).ack(syn.seq().plus(1))));
    // THEN
    then(thrown).isInstanceOf(AssertionError.class);
    then(thrown.getMessage())
        .startsWith("[9293/EP-LISTEN-3] rule under test")
        .contains("Expecting the next segment from 198.18.0.2:8080")
        .contains("flags")
        .contains("expected: R. (RST,ACK)")
        .contains("none (ACK flag clear)")
        .contains("< S 1000:1000(0)")
        .contains("<-- checked here")
        .contains("capture: TcpPeerTest.pcap");
  }

  @Test
  public void should_say_nothing_arrived_when_the_flow_stays_silent() {
    // GIVEN
    peer.send(syn());
    // WHEN
    Throwable thrown = catchThrowable(
        () -> peer.expect(withFlags(SYN, ACK), within(Duration.ofMillis(50))));
    // THEN
    then(thrown).isInstanceOf(AssertionError.class);
    then(thrown.getMessage()).contains("but nothing arrived for this flow");
  }

  @Test
  public void should_fail_expect_nothing_when_a_segment_arrives() {
    // GIVEN
    peer.send(syn());
    target(Segment.builder().flags(RST, ACK).seq(0).ack(1001));
    // WHEN
    Throwable thrown = catchThrowable(() -> peer.expectNothing(Duration.ofMillis(50)));
    // THEN
    then(thrown).isInstanceOf(AssertionError.class);
    then(thrown.getMessage()).contains("Expecting nothing on this flow").contains("R.");
  }

  @Test
  public void should_report_broken_not_failed_when_the_wire_cannot_vouch_for_a_silence() {
    // GIVEN a link whose capture failed
    MemoryLink failing = new MemoryLink().failWith("capture on tc0 failed: device went away");
    Wire w = new Wire(failing).start();
    TcpPeer p = new TcpPeer(w, new Endpoint(PEER, 40000, PEER_MAC),
        new Endpoint(TARGET, 8080, TARGET_MAC));
    p.send(syn());
    // WHEN nothing is seen
    Throwable thrown = catchThrowable(() -> p.nextSegment(within(Duration.ofMillis(20))));
    // THEN the harness says it could not check (broken), it does not claim the target was silent
    then(thrown).isInstanceOf(dev.tcpconform.core.HarnessException.class)
        .hasMessageContaining("device went away");
  }

  @Test
  public void should_route_segments_of_other_flows_away_from_this_peer() {
    // GIVEN
    peer.send(syn());
    link.deliver(FrameEncoder.encode(Segment.builder().srcMac(TARGET_MAC).dstMac(PEER_MAC)
        .src(TARGET).dst(PEER).srcPort(8080).dstPort(40001).flags(RST).build()));
    // WHEN / THEN
    then(peer.nextSegment(within(Duration.ofMillis(50)))).isAbsent();
  }
}
