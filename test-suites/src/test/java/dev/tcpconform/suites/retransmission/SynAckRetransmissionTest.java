package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import org.testng.annotations.Test;

/** RFC 6298 2.1 and 5.5: a SYN-ACK whose ACK never comes is retransmitted, backing off. */
public class SynAckRetransmissionTest extends ConformanceTest {

  /** RFC 6298 2.1: the initial RTO is 1 s; RFC 6298 allows a stack to keep the older 3 s. */
  static final Duration INITIAL_RTO = Duration.ofSeconds(1);

  static final Duration LARGEST_INITIAL_RTO = Duration.ofSeconds(3);

  @Requirement(id = "6298/initial-rto", section = "2.1", level = SHOULD)
  @Requirement(id = "6298/backoff", section = "5.5", level = MUST)
  @Test(
      description =
          "With the final ACK withheld, the SYN-ACK is retransmitted at least twice, the first"
              + " no earlier than the 1 s initial RTO and each interval about double the last")
  public void unacknowledged_syn_ack_is_retransmitted_with_exponential_backoff() {
    // GIVEN a listening port
    agent().listen(8093);
    TcpPeer peer = lane.peerTo(8093);

    // WHEN the peer sends a SYN and then withholds the final ACK
    Segment syn = peer.send(syn().option(mss(1460)));
    SegmentPattern synAck = withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload();
    Arrival first = peer.nextSegment(within(PROMPTLY));
    then(first).matches(synAck);
    synAck.seq(first.segment().seq());

    // THEN the same SYN-ACK comes again, one RTO later (1 s; no more than 3 s is allowed)
    Duration firstWait = LARGEST_INITIAL_RTO.plus(TimingModel.tolerance(LARGEST_INITIAL_RTO));
    Arrival second = peer.nextSegment(within(firstWait));
    then(second).matches(synAck)
        .arrivesNoEarlierThan(first, INITIAL_RTO, "the first SYN-ACK retransmission");
    Duration rto1 = second.since(first);

    // AND once more after about twice that interval (exponential backoff)
    Duration doubled = rto1.multipliedBy(2);
    Arrival third = peer.nextSegment(within(doubled.plus(TimingModel.tolerance(doubled))));
    then(third).matches(synAck);
    Duration rto2 = third.since(second);
    Allure.parameter("RTO 1 (measured)", Durations.seconds(rto1));
    Allure.parameter("RTO 2 (measured)", Durations.seconds(rto2));
    Allure.parameter("RTO 2 expected", Durations.seconds(doubled) + ", "
        + TimingModel.explain(doubled));
    then(third).arrivesAfter(second, doubled, "the second SYN-ACK retransmission (2 x RTO 1)");
  }
}
