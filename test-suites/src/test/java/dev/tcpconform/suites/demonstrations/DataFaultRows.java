package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_EMPTY_ACKS;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropIncoming;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropOutgoing;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.rewrite;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.row;

import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.checksum.EmittedChecksumTest;
import dev.tcpconform.suites.data.AckFieldTest;
import dev.tcpconform.suites.data.AckFrequencyTest;
import dev.tcpconform.suites.data.DelayedAckTest;
import dev.tcpconform.suites.data.EcnTest;
import dev.tcpconform.suites.data.InOrderDeliveryTest;
import dev.tcpconform.suites.data.SenderSegmentsTest;
import dev.tcpconform.suites.reassembly.OutOfOrderTest;
import dev.tcpconform.suites.reassembly.OverlapTest;
import dev.tcpconform.suites.reassembly.SackBlocksTest;
import dev.tcpconform.suites.reassembly.TimestampRecentTest;
import dev.tcpconform.suites.support.NftLength;
import java.util.List;

/**
 * Fault demonstrations for the data-transfer and reassembly tests. Where the rule is about the
 * bytes the application reads, the fault loses chosen segments on arrival (by IP length), so the
 * stream has a hole no retransmission fills: the peer never retransmits. (Rewriting a payload
 * octet instead does not emulate corruption: netfilter leaves the TCP checksum of a raw rewrite
 * alone, so the stack drops the segment just the same.)
 */
final class DataFaultRows {

  private DataFaultRows() {}

  /**
   * The target's interface sends at 800 bit/s (100 octets a second) from a bucket of 60 octets
   * over IPv4, 120 over IPv6, so that its neighbor resolution (an ARP request of 42 octets, a
   * Neighbor Solicitation of 86; a frame larger than the bucket never leaves) and its SYN,ACK
   * with an MSS option (58, 78) are out within half a second; after that, every empty ACK (54 or
   * 74 octets on the wire) leaves 0.54 or 0.74 s after the one before it. (This kernel has no
   * netem; a token bucket makes the delay.)
   */
  static final Fault SLOW_LINK_FROM_TARGET =
      Fault.tc("qdisc", "add", "dev", "{dev}", "root", "tbf", "rate", "800bit", "burst",
          IpVersion.fromProperties() == IpVersion.V4 ? "60" : "120", "limit", "3000");

  /** Arriving segments of {@code from} to {@code to} TCP octets, header included, are lost. */
  static Fault lostOnArrival(int from, int to) {
    return dropIncoming("segments of " + from + (to > from ? "-" + to : "")
        + " TCP octets lost on arrival", from == to ? NftLength.tcp(from) : NftLength.tcp(from, to));
  }

  /** Arriving segments carrying {@code octets} of data (a bare header) are lost. */
  static Fault lostOnArrival(int octets) {
    return lostOnArrival(NftLength.BARE_HEADER + octets, NftLength.BARE_HEADER + octets);
  }

  static List<Object[]> rows() {
    Object[] none = new Object[0];
    return List.of(
        row(OutOfOrderTest.class, "each_segment_ahead_of_a_gap_draws_an_immediate_duplicate_ack",
            none, NO_EMPTY_ACKS),
        row(OutOfOrderTest.class,
            "segment_filling_the_gap_is_acknowledged_at_once_with_the_data_kept_beyond_it", none,
            // the 101-octet segment beyond the gap is thrown away on arrival
            dropIncoming("data beyond the gap thrown away", NftLength.tcp(121))),
        row(OutOfOrderTest.class, "segment_filling_part_of_a_gap_is_acknowledged_at_once", none,
            // the duplicate ACK leaves, the ACK of the partial fill is lost
            dropOutgoing("ACKs lost after the first", NftLength.bare() + " tcp flags == ack "
                + NftLength.quotaOver(1, NftLength.BARE_HEADER))),
        row(OverlapTest.class, "segment_overlapping_data_received_delivers_only_its_new_part",
            none, lostOnArrival(100)),
        row(OverlapTest.class, "overlapping_out_of_order_segments_deliver_each_octet_exactly_once",
            none, lostOnArrival(100)),
        row(SackBlocksTest.class, "first_sack_block_reports_the_segment_that_triggered_the_ack",
            none, rewrite("SACK blocks removed", "output",
                "tcp option sack exists reset tcp option sack")),
        row(SackBlocksTest.class, "with_five_runs_held_four_blocks_are_reported_most_recent_first",
            none, rewrite("SACK blocks removed", "output",
                "tcp option sack exists reset tcp option sack")),
        row(TimestampRecentTest.class,
            "out_of_order_segment_does_not_update_the_echoed_timestamp_but_the_gap_fill_does",
            none, rewrite("TSecr replaced", "output",
                "tcp option timestamp exists tcp option timestamp tsecr set 7")),
        row(InOrderDeliveryTest.class,
            "megabyte_in_random_segment_sizes_is_delivered_exactly_once_and_in_order", none,
            lostOnArrival(980, 1080)),
        row(DelayedAckTest.class, "acks_of_single_segments_are_delayed_but_never_by_half_a_second",
            none, SLOW_LINK_FROM_TARGET),
        row(DelayedAckTest.class, "acks_of_single_segments_are_delayed_but_never_by_half_a_second",
            none, Fault.route("quickack", "1")),
        row(AckFrequencyTest.class, "second_full_sized_segment_is_acknowledged_at_once", none,
            // the 16 ACKs of the warm-up leave; later immediate ACKs are lost
            dropOutgoing("immediate ACKs lost after the warm-up",
                NftLength.bare() + " tcp flags == ack " + NftLength.quotaOver(16, NftLength.BARE_HEADER))),
        row(AckFrequencyTest.class, "twenty_full_sized_segments_draw_between_ten_and_twenty_acks",
            none, dropOutgoing("two ACKs in three lost after the warm-up",
                NftLength.bare() + " tcp flags == ack " + NftLength.quotaOver(16, NftLength.BARE_HEADER)
                    + " numgen inc mod 3 != 0")),
        row(AckFrequencyTest.class, "acks_of_a_burst_of_small_segments_are_combined", none,
            Fault.route("quickack", "1")),
        row(SenderSegmentsTest.class,
            "answer_written_after_reading_carries_the_current_acknowledgment", none,
            rewrite("data acknowledges only the SYN", "output",
                "tcp flags & psh == psh tcp ackseq set 1001")),
        row(SenderSegmentsTest.class, "small_writes_made_while_data_is_unacknowledged_are_combined",
            none, Fault.agent("setopt * nodelay 1")),
        row(AckFieldTest.class,
            "data_acknowledging_what_was_never_sent_draws_an_ack_and_is_dropped", none,
            NO_EMPTY_ACKS),
        row(AckFieldTest.class, "data_with_an_old_ack_is_still_delivered", none,
            lostOnArrival(77)),
        row(EcnTest.class, "ecn_is_agreed_and_congestion_experienced_is_echoed_until_cwr", none,
            Fault.sysctl("net.ipv4.tcp_ecn", "0")),
        row(EcnTest.class, "ecn_is_agreed_and_congestion_experienced_is_echoed_until_cwr", none,
            rewrite("ECE cleared after the handshake", "output",
                "tcp flags & (syn|ecn) == ecn tcp flags set ack")),
        row(EmittedChecksumTest.class, "every_segment_the_target_sends_has_a_correct_checksum",
            none, rewrite("checksums of odd-length data spoilt", "postrouting",
                "tcp flags & psh == psh " + NftLength.odd() + " tcp checksum set tcp checksum ^ 0x0001")),
        row(AckFrequencyTest.class, "acks_of_a_burst_never_go_back", none,
            // the burst is octets 1001-1100 (the peer's ISS is 1000): ACKs from the third on
            // are rewritten to acknowledge only the first segment
            rewrite("later ACKs of the burst go back", "output",
                NftLength.bare() + " tcp flags == ack tcp ackseq 1031-1101 tcp ackseq set 1011")),
        row(SenderSegmentsTest.class, "bulk_write_goes_out_in_full_sized_segments", none,
            rewrite("the SYN's MSS made 1000", "input",
                "tcp flags & (syn|ack) == syn tcp option maxseg size set 1000")),
        row(SenderSegmentsTest.class, "segment_that_empties_the_send_queue_carries_psh", none,
            rewrite("PSH cleared", "output", "tcp flags & psh == psh tcp flags set ack")),
        row(SenderSegmentsTest.class, "one_octet_written_on_an_idle_connection_leaves_at_once",
            none, dropOutgoing("the first three transmissions of one octet lost",
                NftLength.tcp(21) + " tcp flags & psh == psh " + NftLength.quotaUntil(3, 21))));
  }
}
