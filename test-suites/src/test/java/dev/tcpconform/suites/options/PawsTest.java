package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.rst;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 7323 3.2, 5.2 and 5.3: on a connection with timestamps agreed, segments whose TSval is
 * older than TS.Recent (PAWS) and segments without timestamps.
 */
public class PawsTest extends ConformanceTest {

  /** How far behind the peer's clock an old TSval is: far, yet less than 2^31 (not "newer"). */
  static final long AGE = 100_000;


  @Requirement(id = "7323/paws", section = "5.3", level = MUST_STAR)
  @Test(description = "In-window data whose TSval is older than TS.Recent is not acceptable:"
      + " it draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is not delivered")
  public void data_with_an_old_tsval_draws_an_ack_and_is_not_delivered() {
    // GIVEN a connection with timestamps agreed, TS.Recent set by the peer's 5 octets
    Established c = agreed(8180);
    TcpPeer peer = c.peer();
    Segment fresh = peer.send(data("fresh"));
    then(peer.nextSegment(within(ACK_DELAY))).acknowledges(fresh);
    then(new String(c.appReads(5, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
        .isEqualTo("fresh");

    // WHEN 10 in-window octets at RCV.NXT arrive with a TSval older than TS.Recent
    long old = (peer.lastTsVal() - AGE) & 0xFFFF_FFFFL;
    Segment stale = peer.send(data("0123456789")
        .options(List.of(timestamps(old, peer.tsRecent()))));

    // THEN the target answers with an ACK that does not take them (ACK = RCV.NXT, unchanged)
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(ACK).ack(stale.seq()));
    // AND the application reads nothing
    then(c.appReads(10, Duration.ofMillis(500))).as("what the application read").isEmpty();
  }

  @Requirement(id = "7323/paws-rst-exempt", section = "5.2", level = MUST)
  @Test(description = "RSTs are exempt from PAWS: a RST at RCV.NXT with a TSval older than"
      + " TS.Recent resets the connection (an ACK afterwards draws a RST)")
  public void rst_with_an_old_tsval_still_resets() {
    // GIVEN a connection with timestamps agreed
    Established c = agreed(8181);
    TcpPeer peer = c.peer();

    // WHEN a RST at SND.NXT (the target's RCV.NXT) arrives with a TSval older than TS.Recent
    long old = (peer.lastTsVal() - AGE) & 0xFFFF_FFFFL;
    peer.send(rst().options(List.of(timestamps(old, 0))));

    // THEN the connection is gone: an ACK draws <SEQ=SEG.ACK><CTL=RST>
    Segment probe = peer.send(ack());
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(RST).seq(probe.ack()));
  }

  @Requirement(id = "7323/ts-missing-drop", section = "3.2", level = SHOULD)
  @Test(description = "After timestamps were agreed, a segment without them (not a RST) is"
      + " dropped: 10 octets of data without TS are neither acknowledged nor delivered")
  public void data_without_timestamps_is_dropped() {
    // GIVEN a connection with timestamps agreed
    Established c = agreed(8182);
    TcpPeer peer = c.peer();

    // WHEN the peer sends 10 octets without a TS option
    Segment bare = peer.send(data("0123456789").options(List.of()));

    // THEN nothing acknowledges them
    Arrival answer = peer.nextSegment(within(ACK_DELAY));
    if (answer.isPresent()) {
      then(answer).as("an answer to data without timestamps")
          .matches(withFlags(ACK).flagOptional(TcpFlag.PSH).ack(bare.seq()));
    }
    // AND the application reads nothing
    then(c.appReads(10, Duration.ofMillis(300))).as("what the application read").isEmpty();
  }

  @Requirement(id = "7323/ts-missing-no-abort", section = "3.2", level = MUST)
  @Test(description = "A missing TS option is never a reason to abort: after data without"
      + " timestamps the connection acknowledges data with them, and the application reads it"
      + " with no error")
  public void data_without_timestamps_does_not_abort_the_connection() {
    // GIVEN a connection with timestamps agreed
    Established c = agreed(8183);
    TcpPeer peer = c.peer();

    // WHEN the peer sends 3 octets without a TS option, then the same and 5 more with one
    Segment bare = peer.send(data("abc").options(List.of()));
    peer.nextSegment(within(Duration.ofMillis(300))); // an ACK of them or not: the SHOULD above
    Segment good = peer.send(data("abcdefgh").seq(bare.seq()));
    peer.sentUpTo(good.seq().plus(good.segLen()));

    // THEN the target acknowledges all 8 octets
    then(peer.firstSegmentMatching(withFlags(ACK).flagOptional(TcpFlag.PSH)
        .ack(good.seq().plus(good.segLen())), within(ACK_DELAY)))
        .as("an ACK of the data sent with timestamps").isPresent();
    // AND the application reads them without an error
    AgentReply read = c.agent().tryRecv(c.connection(), 8, Duration.ofSeconds(2));
    then(read.isOk()).as("the application's read after data without timestamps: %s", read)
        .isTrue();
  }

  private Established agreed(int port) {
    return Handshake.to(lane, agent(), port).timestamps().complete()
        .requireTimestamps("the rule applies once both SYNs carried them");
  }
}
