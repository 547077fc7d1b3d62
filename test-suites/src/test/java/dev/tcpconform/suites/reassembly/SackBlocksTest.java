package dev.tcpconform.suites.reassembly;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.option.Sack;
import dev.tcpconform.crafter.option.SackBlock;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 2018 3 and 4: with SACK agreed, each ACK sent while data beyond a hole is held reports the
 * received runs exactly (right edges exclusive, none at or below the ACK), the run holding the
 * segment that triggered the ACK first, then as many earlier runs as fit, most recent first. A
 * target that does not agree to SACK (it is optional) makes these tests not applicable.
 */
public class SackBlocksTest extends ConformanceTest {

  private static final int SIZE = 100;

  /** A connection with SACK agreed; skipped if the target does not offer SACK-permitted back. */
  private Established sackConnection(int port) {
    return Handshake.to(lane, agent(), port).offering(mss(1460), sackPermitted()).complete()
        .requireSack("the SACK block rules apply once SACK was agreed");
  }

  @Requirement(id = "2018/first-block", section = "4", level = MUST)
  @Requirement(id = "2018/block-semantics", section = "3", level = MUST_STAR)
  @Requirement(id = "2018/all-dupacks", section = "4", level = SHOULD)
  @Test(description = "With holes before segments 3 and 5, each duplicate ACK carries SACK; the"
      + " one after segment 5 reports exactly [5] first, then [3]")
  public void first_sack_block_reports_the_segment_that_triggered_the_ack() {
    // GIVEN a connection with SACK agreed
    Established c = sackConnection(8720);
    TcpPeer peer = c.peer();
    SeqNum s = peer.sndNxt();
    SackBlock three = new SackBlock(s.plus(2 * SIZE), s.plus(3 * SIZE));
    SackBlock five = new SackBlock(s.plus(4 * SIZE), s.plus(5 * SIZE));

    // WHEN segment 3 arrives (segments 1 and 2 missing)
    peer.send(data(Octets.of(2 * SIZE, SIZE)).seq(three.left()));
    // THEN the duplicate ACK reports it
    Arrival first = peer.nextSegment(within(PROMPTLY));
    then(first).matches(withFlags(ACK).ack(s).noPayload()).hasOption(Sack.class);
    then(blocks(first)).as("SACK blocks after segment 3").containsExactly(three);

    // WHEN segment 5 arrives (segment 4 missing too)
    peer.send(data(Octets.of(4 * SIZE, SIZE)).seq(five.left()));
    // THEN the duplicate ACK reports segment 5 first, then segment 3
    Arrival second = peer.nextSegment(within(PROMPTLY));
    then(second).matches(withFlags(ACK).ack(s).noPayload()).hasOption(Sack.class);
    then(blocks(second)).as("SACK blocks after segment 5").containsExactly(five, three);
  }

  @Requirement(id = "2018/max-blocks", section = "4", level = SHOULD)
  @Requirement(id = "2018/block-semantics", section = "3", level = MUST_STAR)
  @Test(description = "With five runs held beyond holes, the duplicate ACK reports as many as fit"
      + " (four without timestamps), the most recent first, each run exactly")
  public void with_five_runs_held_four_blocks_are_reported_most_recent_first() {
    // GIVEN a connection with SACK agreed (no timestamps: room for four blocks)
    Established c = sackConnection(8721);
    TcpPeer peer = c.peer();
    SeqNum s = peer.sndNxt();

    // WHEN segments 2, 4, 6, 8 and 10 arrive, each beyond a hole
    List<SackBlock> runs = new ArrayList<>();
    Arrival last = null;
    for (int k = 1; k <= 9; k += 2) {
      SackBlock run = new SackBlock(s.plus(k * SIZE), s.plus((k + 1) * SIZE));
      runs.add(0, run);
      peer.send(data(Octets.of(k * SIZE, SIZE)).seq(run.left()));
      last = peer.nextSegment(within(PROMPTLY));
      then(last).matches(withFlags(ACK).ack(s).noPayload()).hasOption(Sack.class);
    }

    // THEN the last duplicate ACK reports segments 10, 8, 6 and 4, in that order
    then(blocks(last)).as("SACK blocks after the fifth run").containsExactlyElementsOf(
        runs.subList(0, 4));
  }

  private static List<SackBlock> blocks(Arrival a) {
    return a.segment().option(Sack.class).map(Sack::blocks).orElse(List.of());
  }
}
