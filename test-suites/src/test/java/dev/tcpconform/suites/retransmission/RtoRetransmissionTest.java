package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Backoff;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * RFC 6298 5 and RFC 9293 3.10.7.4: data the peer does not acknowledge is retransmitted when the
 * retransmission timer expires, from SND.UNA, the timer backing off, never sooner than one RTO.
 */
public class RtoRetransmissionTest extends ConformanceTest {

  /** The longest first RTO waited for: RFC 6298 2.1's 3 s, with the timing model's tolerance. */
  static final Duration LONGEST_FIRST_RTO =
      Backoff.LARGEST_INITIAL_RTO.plus(TimingModel.tolerance(Backoff.LARGEST_INITIAL_RTO));

  @Requirement(id = "6298/retransmit-earliest", section = "5.4", level = MUST_STAR)
  @Requirement(id = "6298/backoff", section = "5.5", level = MUST)
  @Requirement(id = "9293/MUST-19", section = "3.8.2", level = MUST)
  @Test(
      description =
          "With every ACK withheld, the retransmission timer's expiry retransmits the earliest"
              + " unacknowledged segment (SEG.SEQ=SND.UNA), and each further expiry comes about"
              + " twice as long after the previous one (RTO <- RTO*2)")
  public void timer_expiry_retransmits_the_segment_at_snd_una_and_backs_off() {
    // GIVEN an established connection on which the application wrote 3 segments' worth, none
    // acknowledged
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8300), 3).atLeast(3);
    TcpPeer peer = flight.peer();
    Arrival sent = flight.original(0);
    SegmentPattern earliest = flight.segment(0);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer stays silent
      // THEN the first retransmission is segment 0, the one at SND.UNA = ISS+1
      Arrival r1 = peer.nextSegment(within(LONGEST_FIRST_RTO));
      then(r1).as("the first retransmission: the earliest unacknowledged segment")
          .matches(earliest);
      Duration rto1 = flight.sinceTimerStart(r1);
      intervals.note("RTO 1 (original to 1st retransmission of SND.UNA)", rto1);

      // AND the second comes about 2 x RTO 1 later, the third about 2 x RTO 2 after that,
      // each again segment 0: right segment first, then right time
      Arrival previous = r1;
      Duration rto = rto1;
      for (int n = 2; n <= 3; n++) {
        Duration doubled = rto.multipliedBy(2);
        Arrival r = peer.nextSegment(within(doubled.plus(TimingModel.tolerance(doubled))));
        then(r).as("retransmission %d: again the segment at SND.UNA", n).matches(earliest);
        intervals.about("RTO " + n + " (retransmission " + (n - 1) + " to " + n + ")",
            r.since(previous), doubled);
        then(r).arrivesAfter(previous, doubled,
            "retransmission " + n + " of SND.UNA (2 x RTO " + (n - 1) + ")");
        rto = r.since(previous);
        previous = r;
      }
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "9293/EP-ACK-3", section = "3.10.7.4", level = MUST_STAR)
  @Test(
      description =
          "Acknowledged data leaves the retransmission queue: after an ACK of the first two of"
              + " three segments, the timer's retransmission starts at the new SND.UNA, the third"
              + " segment, and nothing acknowledged is sent again")
  public void only_data_between_snd_una_and_snd_nxt_is_retransmitted() {
    // GIVEN an established connection on which the application wrote 3 segments' worth
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8301), 3).atLeast(3);
    TcpPeer peer = flight.peer();

    // WHEN the peer acknowledges the first two segments, then stays silent
    SeqNum newUna = flight.seqOf(2);
    peer.send(ack().ack(newUna));

    // THEN the next segment is the timer's retransmission of the third segment, at SND.UNA
    then(peer.nextSegment(within(LONGEST_FIRST_RTO)))
        .as("the first retransmission after SND.UNA advanced to ISS+1+2*SMSS")
        .matches(flight.segment(2));
  }

  @DataProvider
  public Object[][] options() {
    return new Object[][] {
      {"without SACK", 8302, false},
      {"with SACK permitted", 8303, true},
    };
  }

  @Requirement(id = "6298/not-early", section = "5", level = MUST)
  @Test(
      dataProvider = "options",
      description =
          "No segment is retransmitted sooner than one RTO after its previous transmission: with"
              + " ACKs withheld, every repeat of any segment comes at least the target's own RTO"
              + " (its timer retransmission of SND.UNA) after the segment was last sent")
  public void no_segment_is_retransmitted_sooner_than_one_rto_after_its_last_transmission(
      String name, int port, boolean sack) {
    // GIVEN an established connection (SACK permitted or not) on which the application wrote 3
    // segments' worth, none acknowledged
    Handshake handshake = Handshake.to(lane, agent(), port);
    if (sack) {
      handshake.offering(mss(1460), sackPermitted());
    }
    Flight flight = Flight.of(handshake, 3).atLeast(3);
    TcpPeer peer = flight.peer();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer stays silent until the timer's retransmission of SND.UNA, and the one
      // after it
      List<Arrival> all = new ArrayList<>(flight.segments());
      long deadline = System.nanoTime() + LONGEST_FIRST_RTO.toNanos();
      Arrival r1;
      do {
        r1 = peer.nextSegment(within(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        if (r1.isPresent() && r1.segment().payloadLength() > 0) {
          all.add(r1);
        }
      } while (r1.isPresent() && !flight.segment(0).matches(r1.segment()));
      then(r1).as("the timer's retransmission of SND.UNA").matches(flight.segment(0));
      Duration rto = flight.sinceTimerStart(r1);
      intervals.note("the target's RTO (timer start to its timer retransmission of SND.UNA)",
          rto);

      // THEN no repeat of any segment came sooner than that RTO after its previous transmission
      for (Flight.Repeat repeat : Flight.repeats(all)) {
        intervals.atLeast("repeat of " + repeat.arrival(), repeat.gap(), rto);
      }
      for (Flight.Repeat repeat : Flight.repeats(all)) {
        then(repeat.arrival()).arrivesNoEarlierThan(repeat.previous(), rto,
            "a retransmission (one RTO after the segment's previous transmission at the"
                + " earliest)");
      }
    } finally {
      intervals.attach();
    }
  }
}
