package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_EMPTY_ACKS;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_RST_ARRIVES;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropIncoming;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropOutgoing;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.rewrite;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.row;

import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.support.NftLength;
import dev.tcpconform.suites.window.LargeWindowTest;
import dev.tcpconform.suites.window.ReceiveWindowTest;
import dev.tcpconform.suites.window.SenderSwsTest;
import dev.tcpconform.suites.window.ShrinkingWindowTest;
import dev.tcpconform.suites.window.WindowUpdateTest;
import dev.tcpconform.suites.window.ZeroReceiveWindowTest;
import dev.tcpconform.suites.window.ZeroWindowProbeTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fault demonstrations for the zero-window, persist and window-management tests: each row breaks
 * the rule of one test method, and the test must end failed.
 *
 * <p>Some rules live inside the kernel where no netfilter rule reaches (the SND.WL1/SND.WL2
 * check, the choice of a segment size, the receiver's window arithmetic); their rows change what
 * the target sees or says so that, from the wire, it acts as a stack breaking the rule would:
 * the reordered newer segment of EP-ACK-4 is lost (the old one's window is then used); a SYN's
 * MSS option is rewritten to 100 (the target then sends 100-octet segments into 100-octet
 * openings, which the test, knowing only the MSS of 1460 it offered, sees as silly windows); the
 * target's own window field is rewritten (a right edge moving left, a reopening by 10 octets).
 * Several rules on matching a target's particular segment rely on this kernel's sizes (the fill
 * of a 4096-octet buffer acknowledged with windows 2920, 1460, 0; a first flight of 14600
 * octets, or of 8760 to 10000 into a window of 10000). Drops of the target's data count octets
 * with a quota, not segments by their length: the output hook sees the stack's segments before
 * GSO splits them. Left out: the case the Linux baseline lists
 * ({@code ack_on_data_refused_by_a_zero_window_still_acknowledges_the_targets_data}, which
 * fails on Linux already), and {@code ZeroWindowPersistenceTest} (MUST-37, group {@code long}):
 * a run of it takes ten minutes, too long for the default list. It was seen failing, as it
 * should, against {@code sysctl net.ipv4.tcp_retries2=3} with the peer's answers to probes
 * dropped on the way in ({@code ip length 40 tcp window 0 quota over 40 bytes drop}): Linux
 * gave up after 3 unanswered probes and the application's send failed "timed out".
 */
final class WindowFaultRows {

  /** An empty ACK from the target: a bare TCP header. */
  private static final String EMPTY_ACK = NftLength.bare() + " tcp flags == ack";

  private WindowFaultRows() {}

  static List<Object[]> rows() {
    Object[] none = new Object[0];
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(ZeroWindowProbeTest.class,
        "zero_window_is_probed_and_data_resumes_when_it_opens", none, NO_EMPTY_ACKS));
    rows.add(row(ZeroWindowProbeTest.class,
        "probes_start_one_rto_after_the_window_closes_and_back_off_exponentially", none,
        // the probe timer stops backing off after one doubling (icsk_backoff < tcp_retries2)
        Fault.sysctl("net.ipv4.tcp_retries2", "1")));
    rows.add(row(ZeroWindowProbeTest.class,
        "window_shrunk_to_zero_with_data_in_flight_is_probed", none,
        dropOutgoing("nothing leaves after the first flight of 10 segments",
            "meta l4proto tcp quota over 15100 bytes")));
    rows.add(row(ShrinkingWindowTest.class,
        "shrunk_window_gets_no_new_data_past_its_edge_and_data_resumes_when_it_reopens", none,
        rewrite("the shrinking ACK arrives with window 65535", "input",
            "tcp window 2000 tcp window set 65535")));
    rows.add(row(ShrinkingWindowTest.class, "data_inside_a_shrunk_window_is_still_retransmitted",
        none, dropOutgoing("nothing leaves after the first 6 segments",
            "meta l4proto tcp quota over 9500 bytes")));
    rows.add(row(WindowUpdateTest.class, "older_segment_does_not_update_the_send_window", none,
        dropIncoming("the newer segment with window 0 is lost", NftLength.tcp(30) + " tcp window 0")));
    rows.add(row(LargeWindowTest.class, "window_field_0xffff_is_read_as_65535_not_as_negative",
        none, rewrite("windows arrive as 32767", "input", "tcp window set 32767")));
    rows.add(row(LargeWindowTest.class,
        "scaled_window_lets_more_than_65535_octets_into_flight", none,
        rewrite("windows after the SYN arrive as 3 (3 << 14 = 49152)", "input",
            "tcp flags & syn == 0x0 tcp window set 3")));
    rows.add(row(ZeroReceiveWindowTest.class,
        "data_into_a_zero_window_draws_an_ack_of_rcv_nxt_with_window_zero", none,
        rewrite("zero windows after the first leave as 1000", "output",
            EMPTY_ACK + " tcp window 0 " + NftLength.quotaOver(1, NftLength.BARE_HEADER)
                + " tcp window set 1000")));
    rows.add(row(ZeroReceiveWindowTest.class,
        "rst_at_rcv_nxt_resets_a_connection_whose_receive_window_is_zero", none,
        NO_RST_ARRIVES));
    rows.add(row(ReceiveWindowTest.class, "right_window_edge_never_moves_left", none,
        rewrite("ACKs leave with window 100", "output", EMPTY_ACK + " tcp window set 100")));
    rows.add(row(ReceiveWindowTest.class,
        "zero_window_probes_are_answered_while_the_application_reads_nothing", none,
        dropIncoming("one-octet segments never arrive", NftLength.tcp(21))));
    rows.add(row(ReceiveWindowTest.class,
        "window_reopens_only_in_steps_of_at_least_min_mss_and_half_the_buffer", none,
        rewrite("the first window update leaves as a 10-octet opening", "output",
            EMPTY_ACK + " tcp window " + IpVersion.fromProperties().mssFor(1500) + " "
                + NftLength.quotaOver(1, NftLength.BARE_HEADER) + " tcp window set 10")));
    rows.add(row(SenderSwsTest.class, "no_tiny_segments_into_tiny_window_openings", none,
        rewrite("the SYN's MSS arrives as 100", "input",
            "tcp flags & (syn|ack) == syn tcp option maxseg size set 100")));
    return rows;
  }
}
