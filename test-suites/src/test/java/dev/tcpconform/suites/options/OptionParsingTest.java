package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.unknown;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.SackPermitted;
import dev.tcpconform.crafter.option.UnknownOption;
import dev.tcpconform.crafter.option.WindowScale;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** RFC 9293 3.1 and 3.2: how the target reads the options it is sent. */
public class OptionParsingTest extends ConformanceTest {

  /** An unassigned kind with 4 octets of data (length 6), as the catalogue's sketch has it. */
  static final UnknownOption KIND_99 = unknown(99, new byte[] {1, 2, 3, 4});

  /** The experimental kind 253 (RFC 4727) with a 2-octet ExID (RFC 6994). */
  static final UnknownOption KIND_253 = unknown(253, new byte[] {(byte) 0xAB, (byte) 0xCD});

  @Requirement(id = "9293/MUST-6", section = "3.1", level = MUST)
  @Test(description = "Options of kinds the stack does not implement (99, length 6; 253,"
      + " length 4) are skipped: the SYN draws an ordinary SYN,ACK that does not echo them")
  public void unknown_options_on_a_syn_are_skipped() {
    // GIVEN a listening port
    agent().listen(8120);
    TcpPeer peer = lane.peerTo(8120);

    // WHEN the peer's SYN carries MSS and two options of unknown kinds
    Segment syn = peer.send(syn().option(mss(1460)).option(KIND_99).option(KIND_253));

    // THEN the SYN,ACK acknowledges it, carries an MSS and neither unknown option
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    then(synAck).matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload()
        .withOption(Mss.class).withoutOption(UnknownOption.class));
  }

  @Requirement(id = "9293/MUST-6", section = "3.1", level = MUST)
  @Requirement(id = "9293/MUST-5", section = "3.1", level = MUST)
  @Test(description = "Options may appear on any segment, and unknown ones are skipped: data"
      + " carrying <nop,nop,opt-99,opt-253> is acknowledged and delivered")
  public void unknown_options_on_data_are_skipped() {
    // GIVEN an established connection (no timestamps)
    Established c = Handshake.to(lane, agent(), 8121).complete();

    // WHEN the peer sends 10 octets carrying NOPs and two options of unknown kinds
    Segment sent = c.peer().send(data("0123456789")
        .option(nop()).option(nop()).option(KIND_99).option(KIND_253));

    // THEN the target acknowledges them (an ACK may be delayed, never beyond 500 ms)
    then(c.peer().nextSegment(within(Duration.ofMillis(600)))).acknowledges(sent);
    // AND the application reads them
    then(new String(c.appReads(10, Duration.ofSeconds(2)), StandardCharsets.US_ASCII))
        .isEqualTo("0123456789");
  }

  @Requirement(id = "9293/MUST-5", section = "3.1", level = MUST)
  @Test(description = "Options may appear on any segment: an ACK carrying <nop,nop,opt-99>"
      + " acknowledges the application's data, which is then not retransmitted")
  public void an_ack_carrying_options_is_processed() {
    // GIVEN an established connection on which the application sent 100 octets
    Established c = Handshake.to(lane, agent(), 8122).complete();
    c.appSends(new byte[100]);
    then(c.peer().nextSegment(within(PROMPTLY))).matches(withFlags(TcpFlag.PSH, ACK)
        .payloadLength(100));

    // WHEN the peer acknowledges them with an ACK carrying NOPs and an unknown option
    c.peer().send(ack().option(nop()).option(nop()).option(KIND_99));

    // THEN nothing is retransmitted after it (the target's RTO is well below 1 s); a
    // retransmission captured before the ACK left the peer says nothing about the ACK
    Arrival next = c.peer().nextSegment(within(SILENCE));
    while (next.isPresent() && next.sinceStimulus().isNegative()) {
      next = c.peer().nextSegment(within(SILENCE));
    }
    then(next).isAbsent();
  }

  /**
   * Four option octets with an illegal length, and the case's place among them (for its ports).
   *
   * @param name how the case reads in the report
   * @param index the case's place, 0-3
   * @param octets the option octets, sent as is
   */
  public record IllegalOptions(String name, int index, byte[] octets) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Option areas with an illegal length, each sent on a SYN (after MSS 1460) and on data. */
  @DataProvider
  public Object[][] illegalLengths() {
    return new Object[][] {
      {new IllegalOptions("length 0", 0, new byte[] {99, 0, 0, 0})},
      {new IllegalOptions("length 1", 1, new byte[] {99, 1, 0, 0})},
      {new IllegalOptions("MSS length 1", 2, new byte[] {2, 1, 5, (byte) 0xB4})},
      {new IllegalOptions("length past the header", 3, new byte[] {99, 16, 0, 0})},
    };
  }

  @Requirement(id = "9293/MUST-7", section = "3.1", level = MUST)
  @Test(dataProvider = "illegalLengths", description = "A SYN with an illegal option length is"
      + " handled safely: whatever the answer (SYN,ACK, RST or nothing), the listener then"
      + " completes an ordinary handshake")
  public void illegal_option_length_on_a_syn_leaves_the_listener_working(IllegalOptions options) {
    // GIVEN a listening port
    int port = 8123 + options.index();
    agent().listen(port);

    // WHEN a SYN arrives whose options (after MSS 1460) have an illegal length
    TcpPeer bad = lane.peerTo(port);
    byte[] raw = new byte[8];
    System.arraycopy(new byte[] {2, 4, 5, (byte) 0xB4}, 0, raw, 0, 4);
    System.arraycopy(options.octets(), 0, raw, 4, 4);
    bad.send(syn().rawOptions(raw));
    bad.nextSegment(within(PROMPTLY)); // any answer is allowed: a fact, not judged

    // THEN a new SYN from another port draws an ordinary SYN,ACK
    TcpPeer good = lane.peerTo(port);
    Segment syn = good.send(syn().option(mss(1460)));
    then(good.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload());
  }

  @Requirement(id = "9293/MUST-7", section = "3.1", level = MUST)
  @Test(dataProvider = "illegalLengths", description = "Data with an illegal option length in"
      + " ESTABLISHED is handled safely: dropped, taken or answered with a RST, after it the"
      + " connection either still acknowledges data or was reset, and the stack still opens"
      + " new connections")
  public void illegal_option_length_on_data_leaves_the_target_working(IllegalOptions options) {
    // GIVEN an established connection
    int port = 8127 + options.index();
    Established c = Handshake.to(lane, agent(), port).complete();
    TcpPeer peer = c.peer();

    // WHEN data arrives whose options have an illegal length
    Segment bad = peer.send(data("0123456789").rawOptions(options.octets()));
    Arrival answer = peer.nextSegment(within(Duration.ofMillis(600)));

    // THEN unless the target reset the connection, it acknowledges later data
    boolean reset = answer.isPresent() && answer.segment().has(TcpFlag.RST);
    if (!reset) {
      // the same 10 octets and 5 more: acknowledged in full whether or not the first were taken
      Segment good = peer.send(data("0123456789abcde").seq(bad.seq()));
      peer.sentUpTo(good.seq().plus(good.segLen()));
      then(peer.firstSegmentMatching(withFlags(ACK).flagOptional(TcpFlag.PSH)
          .ack(good.seq().plus(good.segLen())), within(Duration.ofMillis(600))))
          .as("an ACK of the peer's good data after the illegal options").isPresent();
    }
    // AND a new connection opens to the same stack
    agent().listen(port + 10);
    TcpPeer fresh = lane.peerTo(port + 10);
    Segment syn = fresh.send(syn().option(mss(1460)));
    then(fresh.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload());
  }

  @Requirement(id = "9293/MUST-64", section = "3.2", level = MUST)
  @Test(description = "Options not starting on a word boundary are parsed: a SYN with"
      + " <nop,mss 1000,nop,wscale 7,sackOK> draws the same window-scale and SACK-permitted"
      + " answer as the same options word-aligned, and no data segment carries more than 1000"
      + " octets")
  public void options_off_word_boundaries_are_understood() {
    // GIVEN the target's answer to the options word-aligned (what it supports of them)
    Established aligned = Handshake.to(lane, agent(), 8142)
        .offering(mss(1000), nop(), nop(), sackPermitted(), nop(), wscale(7)).complete();
    boolean scales = aligned.synAck().segment().option(WindowScale.class).isPresent();
    boolean sacks = aligned.synAck().segment().option(SackPermitted.class).isPresent();

    // WHEN a SYN has MSS at offset 1, window scale at 6, SACK-permitted at 9
    Established c = Handshake.to(lane, agent(), 8141)
        .offering(nop(), mss(1000), nop(), wscale(7), sackPermitted()).complete();

    // THEN the SYN,ACK answers window scaling and SACK-permitted as to the aligned options
    then(c.synAck().segment().option(WindowScale.class).isPresent())
        .as("window scale in the SYN,ACK %s (to the aligned options: %s)", c.synAck(),
            aligned.synAck()).isEqualTo(scales);
    then(c.synAck().segment().option(SackPermitted.class).isPresent())
        .as("SACK-permitted in the SYN,ACK %s (to the aligned options: %s)", c.synAck(),
            aligned.synAck()).isEqualTo(sacks);

    // AND when the application writes 10 KB, no data segment carries more than 1000 octets
    c.appSends(new byte[MssTest.BYTES]);
    Flight f = Flight.receive(c.peer(), MssTest.BYTES, Duration.ofSeconds(5));
    then(f.largestPayloadWithOptions())
        .as("payload + option bytes of the largest data segment %s (send MSS 1000)", f.largest())
        .isLessThanOrEqualTo(1000);
  }
}
