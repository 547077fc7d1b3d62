package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropIncoming;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.rewrite;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.row;

import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.retransmission.CongestionAvoidanceTest;
import dev.tcpconform.suites.retransmission.CongestionWindowTest;
import dev.tcpconform.suites.retransmission.FastRecoveryTest;
import dev.tcpconform.suites.retransmission.FastRetransmitTest;
import dev.tcpconform.suites.retransmission.RetransmissionTimerTest;
import dev.tcpconform.suites.retransmission.IdleRestartTest;
import dev.tcpconform.suites.retransmission.RtoRetransmissionTest;
import dev.tcpconform.suites.retransmission.RttSampleTest;
import dev.tcpconform.suites.retransmission.SackRecoveryTest;
import dev.tcpconform.suites.retransmission.SlowStartTest;
import dev.tcpconform.suites.support.NftLength;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fault demonstrations for the retransmission, RTO and congestion-control tests (RFC 6298, RFC
 * 5681, the SACK sender of RFC 2018, RFC 9293 EP-ACK-3): each row breaks the rule of one test
 * method or data-provider case, and the test must end failed. Most segments of these tests are
 * full-sized data, 1500 octets of IP (1460 of payload), so with one segment per packet at the
 * output hook ({@link #ONE_SEGMENT_PER_PACKET}) a quota of {@code n * 1500} bytes lets the first
 * {@code n} data segments pass and catches the later ones, the retransmissions.
 *
 * <p>Left out: the cases the Linux baseline lists (they fail on Linux already; {@link
 * #conforming()} shows each passing once the kernel is configured to follow the rule), and the
 * "2 SYN,ACKs lost" case of {@code after_a_lost_syn_ack_the_initial_window_is_one_segment}: after
 * more than one SYN,ACK retransmission Linux sets cwnd to 1 whatever the route or sysctls say,
 * and no netfilter rule can make it believe fewer SYN,ACKs were lost while the peer still ignores
 * two. The same assertion fails on Linux in the "1 SYN,ACK lost" case (baselined), which shows
 * the method able to fail. Likewise the "without SACK" case of
 * {@code no_segment_is_retransmitted_sooner_than_one_rto_after_its_last_transmission}: without
 * SACK Linux has no tail loss probe, and this kernel has no netem to duplicate segments on the
 * way out; its "with SACK permitted" case fails on Linux (baselined: the tail loss probe).
 *
 * <p>{@code SynRetransmissionLimitTest} (group {@code long}, minutes) is baselined and has no
 * row: Linux gives up before the 3 minutes; with {@code tcp_syn_retries=7} it would retry for
 * about 4 minutes, too long for the default demonstrations.
 *
 * <p>{@code a_single_sack_does_not_start_recovery} is baselined without a conforming
 * configuration: Linux retransmitted segment 0 before its RTO after one SACK with RACK on (the
 * default), and also with {@code tcp_recovery=0}, {@code tcp_early_retrans=0} and reno.
 */
final class RetransmissionFaultRows {

  /**
   * Full-sized data segments leaving the target after the first {@code n} get SEG.SEQ with bit 16
   * flipped (nft keeps the checksum right): a retransmission that does not start where it should.
   */
  static Fault retransmissionsMisplacedAfter(int n) {
    return rewrite("SEG.SEQ of data after the first " + n + " segments moved by 65536", "output",
        NftLength.fullSized() + " " + NftLength.quotaOver(n, NftLength.fullSizedTcp())
            + " tcp sequence set tcp sequence"
            + " ^ 0x10000");
  }

  /**
   * Linux's TCP hands the output hook GSO packets of several segments, split only at the device;
   * with one segment per packet, the quotas above count segments.
   */
  static final Fault ONE_SEGMENT_PER_PACKET =
      Fault.ip("link", "set", "dev", "{dev}", "gso_max_segs", "1");

  /**
   * The second full-sized data segment leaving the target is lost (the first and the third on
   * pass): with one segment written, its first retransmission.
   */
  static final Fault SECOND_SEGMENT_LOST = Fault.nft("table inet tcpconform_fault {\n"
      + "  chain output {\n"
      + "    type filter hook output priority 0; policy accept;\n"
      + "    " + NftLength.fullSized() + " " + NftLength.quotaOver(2, NftLength.fullSizedTcp())
      + " accept\n"
      + "    " + NftLength.fullSized() + " " + NftLength.quotaOver(1, NftLength.fullSizedTcp())
      + " drop comment \"the 2nd data segment is lost\"\n"
      + "  }\n"
      + "}\n");

  /**
   * The target gives up after about 600 ms of retransmissions (Linux: 200 ms x (2^(1+1) - 1)):
   * the third retransmission never comes.
   */
  static final Fault GIVES_UP_EARLY = Fault.sysctl("net.ipv4.tcp_retries2", "1");

  /** The peer's empty ACKs after the first {@code n} never reach the target. */
  static Fault emptyAcksLostAfter(int n) {
    return dropIncoming("empty ACKs after the first " + n + " are lost",
        NftLength.bare() + " tcp flags == ack " + NftLength.quotaOver(n, NftLength.BARE_HEADER));
  }

  private RetransmissionFaultRows() {}

  static List<Object[]> rows() {
    Object[] none = new Object[0];
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(RtoRetransmissionTest.class,
        "timer_expiry_retransmits_the_segment_at_snd_una_and_backs_off", none,
        ONE_SEGMENT_PER_PACKET, retransmissionsMisplacedAfter(3)));
    rows.add(row(RtoRetransmissionTest.class,
        "timer_expiry_retransmits_the_segment_at_snd_una_and_backs_off", none, GIVES_UP_EARLY));
    rows.add(row(RtoRetransmissionTest.class,
        "only_data_between_snd_una_and_snd_nxt_is_retransmitted", none, emptyAcksLostAfter(1)));
    // the first retransmission is lost on the way: the test reads the second as the first, so
    // RTO 1 seems 3 x the real one, and the next segment's RTO (4 x the real) is short of 2 x that
    rows.add(row(RetransmissionTimerTest.class,
        "ack_of_a_retransmission_leaves_the_backed_off_rto_in_place", none,
        ONE_SEGMENT_PER_PACKET, SECOND_SEGMENT_LOST));
    // the probe connection's final ACK and the second connection's pass; the ACK of the first
    // segment is lost, so the old timer expires and retransmits segment 0
    rows.add(row(RetransmissionTimerTest.class,
        "ack_of_new_data_restarts_the_retransmission_timer", none, emptyAcksLostAfter(2)));
    // Linux caps every RTO at tcp_rto_max_ms, so the 3 s after a lost SYN,ACK becomes 1 s
    rows.add(row(RetransmissionTimerTest.class,
        "after_a_lost_syn_ack_the_data_rto_is_three_seconds", none,
        Fault.sysctl("net.ipv4.tcp_rto_max_ms", "1000")));
    // with a duplicate-ACK threshold of 10, three duplicate ACKs do not trigger fast retransmit
    rows.add(row(FastRetransmitTest.class,
        "third_duplicate_ack_retransmits_the_segment_at_snd_una_at_once", none,
        Fault.sysctl("net.ipv4.tcp_reordering", "10")));
    // with a duplicate-ACK threshold of 1, the first duplicate ACK triggers it
    rows.add(row(FastRetransmitTest.class, "one_or_two_duplicate_acks_do_not_retransmit", none,
        Fault.sysctl("net.ipv4.tcp_reordering", "1")));
    // the SACKs never arrive: the target cannot skip what it does not know was received
    rows.add(row(SackRecoveryTest.class, "sacked_segments_are_not_retransmitted", none,
        dropIncoming("SACK-bearing ACKs are lost", "tcp option sack exists")));
    rows.add(row(SackRecoveryTest.class,
        "timer_retransmission_starts_at_the_left_edge_despite_sacks", none,
        ONE_SEGMENT_PER_PACKET, retransmissionsMisplacedAfter(6)));
    // a 1.5 s floor under the RTO: 0.4 + max(0.8, 1.5) = 1.9 s instead of 3 x 0.4
    rows.add(row(RttSampleTest.class, "first_rtt_sample_makes_the_rto_three_times_the_rtt", none,
        Fault.sysctl("net.ipv4.tcp_rto_min_us", "1500000")));
    // no restart after idle: the grown window is used at once
    rows.add(row(IdleRestartTest.class,
        "after_an_idle_period_the_first_burst_is_at_most_the_initial_window", none,
        Fault.sysctl("net.ipv4.tcp_slow_start_after_idle", "0")));
    // BBR grows cwnd on duplicate ACKs and leaves a timeout with more than one segment's window
    Fault bbr = Fault.route("congctl", "bbr");
    rows.add(row(FastRetransmitTest.class,
        "each_of_the_first_two_duplicate_acks_releases_one_new_segment", none, bbr));
    rows.add(row(CongestionWindowTest.class, "after_a_timeout_one_segment_then_two", none, bbr));
    // BBR paces rather than halving: it sends through recovery and restores its window after it
    rows.add(row(FastRecoveryTest.class, "new_data_in_recovery_stays_within_the_inflated_window",
        none, bbr));
    rows.add(row(FastRecoveryTest.class, "the_recovery_ack_deflates_the_window_to_ssthresh", none,
        bbr));
    rows.add(row(CongestionAvoidanceTest.class,
        "after_recovery_the_window_grows_by_at_most_one_segment_per_round_trip", none, bbr));
    // every other pure ACK of the peer lost on the way in (the handshake's passes): the target
    // sees ACKs of two segments and answers each of the peer's ACKs of one with four
    Fault everyOtherAckLost = dropIncoming("every other pure ACK lost",
        NftLength.bare() + " tcp flags == ack numgen inc mod 2 == 1");
    rows.add(row(SlowStartTest.class, "each_ack_of_one_segment_releases_at_most_two_segments",
        none, everyOtherAckLost));
    rows.add(row(SlowStartTest.class, "five_acks_of_one_segment_release_no_more_than_one_ack_would",
        none, everyOtherAckLost));
    return rows;
  }

  /**
   * The baselined retransmission tests, each with a configuration under which Linux follows the
   * rule: the deviation is the kernel's default, not the harness's.
   */
  static List<Object[]> conforming() {
    Object[] none = new Object[0];
    RtoRetransmissionTest rto = new RtoRetransmissionTest();
    CongestionWindowTest cwnd = new CongestionWindowTest();
    List<Object[]> rows = new ArrayList<>();
    // no tail loss probe: the only early repeat of the test's flight goes
    rows.add(row(RtoRetransmissionTest.class,
        "no_segment_is_retransmitted_sooner_than_one_rto_after_its_last_transmission",
        caseNamed(rto.options(), "with SACK permitted"),
        Fault.sysctl("net.ipv4.tcp_early_retrans", "0")));
    rows.add(row(RetransmissionTimerTest.class, "rto_is_at_least_one_second_even_on_a_fast_path",
        none, Fault.sysctl("net.ipv4.tcp_rto_min_us", "1000000")));
    rows.add(row(CongestionWindowTest.class, "first_flight_is_at_most_the_initial_window", none,
        Fault.route("initcwnd", "3")));
    rows.add(row(CongestionWindowTest.class,
        "after_a_lost_syn_ack_the_initial_window_is_one_segment",
        caseNamed(cwnd.lostSynAcks(), "1 SYN,ACK lost"),
        Fault.route("initcwnd", "1")));
    return rows;
  }

  /** The data-provider case whose first parameter prints as {@code name}. */
  private static Object[] caseNamed(Object[][] cases, String name) {
    return Arrays.stream(cases).filter(c -> String.valueOf(c[0]).equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no case named " + name));
  }
}
