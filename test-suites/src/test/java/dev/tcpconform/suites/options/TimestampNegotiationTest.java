package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * RFC 7323 3.2: agreeing on timestamps in the SYNs, the TSecr of segments without ACK, and
 * timestamps on a connection that did not agree to them. (A SYN without timestamps drawing a
 * SYN,ACK without them is {@code PassiveOpenTest.syn_without_options_draws_syn_ack_without_them}.)
 */
public class TimestampNegotiationTest extends ConformanceTest {

  @Requirement(id = "7323/ts-negotiate", section = "3.2", level = MAY)
  @Test(description = "A SYN offering <TS val 4242 ecr 0> draws a SYN,ACK with timestamps"
      + " (the target supports them) whose TSecr is the SYN's TSval 4242")
  public void syn_with_timestamps_draws_syn_ack_echoing_its_tsval() {
    thenSynAckEchoes(8160, 4242, 0);
  }

  @Requirement(id = "7323/ts-tsecr-ignore", section = "3.2", level = MUST)
  @Test(description = "The TSecr of a segment without ACK is ignored: a SYN with"
      + " <TS val 5000 ecr 3735928559> draws an ordinary SYN,ACK whose TSecr is 5000")
  public void tsecr_of_a_syn_without_ack_is_ignored() {
    thenSynAckEchoes(8161, 5000, 0xDEADBEEFL);
  }

  private void thenSynAckEchoes(int port, long tsVal, long tsEcr) {
    // GIVEN a listening port
    agent().listen(port);
    TcpPeer peer = lane.peerTo(port);

    // WHEN the peer's SYN offers timestamps
    Segment syn = peer.send(syn().option(mss(1460)).option(timestamps(tsVal, tsEcr)));

    // THEN the SYN,ACK carries timestamps (if the target implements them at all: RFC 7323 is
    // optional), its TSecr the SYN's TSval
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    then(synAck).matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload());
    if (synAck.segment().option(Timestamps.class).isEmpty()
        && (tsEcr == 0 || !answersTimestamps(CONTROL_PORT))) {
      throw new SkipException("the target does not implement RFC 7323 timestamps (optional):"
          + " its SYN,ACK " + synAck.segment() + " to a SYN offering them carries none");
    }
    then(synAck).matches(withFlags(SYN, ACK).withOption(Timestamps.class));
    then(synAck.segment().option(Timestamps.class).get().echoReply())
        .as("TSecr of %s (the SYN's TSval)", synAck.segment()).isEqualTo(tsVal);
  }

  private static final int CONTROL_PORT = 8163;

  /** Whether an ordinary SYN offering timestamps draws a SYN,ACK with them. A fact. */
  private boolean answersTimestamps(int port) {
    agent().listen(port);
    TcpPeer peer = lane.peerTo(port);
    peer.send(syn().option(mss(1460)).option(timestamps(1, 0)));
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    return synAck.isPresent() && synAck.segment().option(Timestamps.class).isPresent();
  }

  @Requirement(id = "7323/ts-tsecr-zero", section = "3.2", level = SHOULD)
  @Test(description = "When ACK is clear, TSecr is 0: the SYN of the application's connect"
      + " carries <TS val x ecr 0>")
  public void tsecr_of_the_active_open_syn_is_zero() {
    // GIVEN the application connects to the peer
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent());

    // THEN its SYN, if it offers timestamps, has TSecr 0
    if (open.syn().option(Timestamps.class).isEmpty()) {
      throw new SkipException("the target's SYN " + open.syn() + " offers no timestamps");
    }
    then(open.syn().option(Timestamps.class).get().echoReply())
        .as("TSecr of the target's SYN %s", open.syn()).isZero();
  }

  @Requirement(id = "7323/ts-ignore-unnegotiated", section = "3.2", level = MUST)
  @Requirement(id = "9293/MUST-5", section = "3.1", level = MUST)
  @Test(description = "On a connection that did not agree to timestamps, a TS option is"
      + " ignored: data carrying <TS val 777 ecr 0> is acknowledged and delivered, and the"
      + " target's ACK carries no timestamps")
  public void timestamps_on_a_connection_without_them_are_ignored() {
    // GIVEN a connection whose SYN offered no timestamps
    Established c = Handshake.to(lane, agent(), 8162).complete();

    // WHEN the peer sends 10 octets carrying a TS option
    Segment sent = c.peer().send(data("0123456789").option(timestamps(777, 0)));

    // THEN the target acknowledges them without timestamps (an ACK may be delayed, never beyond
    // 500 ms)
    then(c.peer().nextSegment(within(Duration.ofMillis(600))))
        .matches(withFlags(ACK).ack(sent.seq().plus(sent.segLen()))
            .withoutOption(Timestamps.class));
    // AND the application reads them
    then(new String(c.appReads(10, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
        .isEqualTo("0123456789");
  }
}
