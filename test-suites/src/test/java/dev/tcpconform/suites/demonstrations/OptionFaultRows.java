package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_RST_ARRIVES;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropIncoming;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.rewrite;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.row;

import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.options.AdvertisedMssTest;
import dev.tcpconform.suites.options.Ipv6MssTest;
import dev.tcpconform.suites.options.MssTest;
import dev.tcpconform.suites.options.OptionParsingTest;
import dev.tcpconform.suites.options.PawsTest;
import dev.tcpconform.suites.options.SackPermittedTest;
import dev.tcpconform.suites.options.TargetOptionsTest;
import dev.tcpconform.suites.options.TimestampClockTest;
import dev.tcpconform.suites.options.TimestampEchoTest;
import dev.tcpconform.suites.options.TimestampNegotiationTest;
import dev.tcpconform.suites.options.WindowScaleTest;
import dev.tcpconform.suites.support.NftLength;
import java.util.ArrayList;
import java.util.List;

/**
 * Fault demonstrations for the option tests (dev.tcpconform.suites.options): each row breaks the
 * rule of one test method or data-provider case, and the test must end failed.
 *
 * <p>Timestamp fields are rewritten with nftables' {@code tcp option timestamp tsval|tsecr set},
 * which keeps the checksum right. Raw rewrites ({@code @th,bit,length}) of the target's own
 * segments replace the 12 option octets of its pure ACKs and FINs ({@code <nop,nop,TS>}, octets
 * 20-31 of the TCP header); nftables leaves their checksum wrong, which the tests under
 * demonstration do not look at. Raw rewrites of the peer's SYNs keep the checksum right through
 * the urgent pointer ({@link #synOctetsSet}).
 *
 * <p>Left out: {@code PawsTest.data_without_timestamps_is_dropped} (Linux fails it already, a
 * baseline entry).
 */
final class OptionFaultRows {

  /** The peer's MSS 600 (TCP octets 22-23) is read as 1460. */
  private static final Fault MSS_600_RAISED = synOctetsSet("peer's MSS 600 read as 1460", 22,
      new int[] {0x02, 0x58}, new int[] {0x05, 0xB4});

  /** The peer's MSS 300 (TCP octets 22-23) is read as 1460. */
  private static final Fault MSS_300_RAISED = synOctetsSet("peer's MSS 300 read as 1460", 22,
      new int[] {0x01, 0x2C}, new int[] {0x05, 0xB4});

  /** After {@code <nop,nop,mss 1000>} the MSS (TCP octets 24-25) is read as 1460. */
  private static final Fault MSS_1000_RAISED = synOctetsSet("peer's MSS 1000 read as 1460", 24,
      new int[] {0x03, 0xE8}, new int[] {0x05, 0xB4});

  /** After {@code <nop,mss 1000>} the MSS (TCP octets 23-24, off word boundaries) reads 1460. */
  private static final Fault UNALIGNED_MSS_1000_RAISED = synOctetsSet(
      "peer's unaligned MSS 1000 read as 1460", 23, new int[] {0x03, 0xE8},
      new int[] {0x05, 0xB4});

  /** Four NOPs of an arriving SYN (TCP octets 20-23) become {@code <mss 1460>}. */
  private static final Fault NOPS_BECOME_MSS = synOctetsSet("NOPs of the SYN become MSS 1460", 20,
      new int[] {1, 1, 1, 1}, new int[] {0x02, 0x04, 0x05, 0xB4});

  /** After {@code <mss 1460>} the SYN's two NOPs (TCP octets 24-25) become SACK-permitted. */
  private static final Fault NOPS_BECOME_SACK_PERMITTED = synOctetsSet(
      "NOPs of the SYN become SACK-permitted", 24, new int[] {1, 1}, new int[] {4, 2});

  /**
   * Rewrites octets of every arriving SYN the test sent with known values, keeping its TCP
   * checksum right: nftables does not recompute the checksum after a raw ({@code @th}) write
   * (the stack would drop the SYN), so the urgent pointer (ignored without URG, 0 in the peer's
   * SYNs) takes the value that leaves the ones' complement sum unchanged.
   */
  static Fault synOctetsSet(String what, int tcpOffset, int[] before, int[] after) {
    long delta = onesSum(tcpOffset, before) - onesSum(tcpOffset, after);
    int urgent = (int) (((delta % 0xFFFF) + 0xFFFF) % 0xFFFF);
    String field = "@th," + 8 * tcpOffset + "," + 8 * after.length;
    // only SYNs that carry the octets expected there: the checksum repair holds for them alone
    return rewrite(what, "input", "tcp flags & (syn|ack) == syn " + field + " 0x" + hex(before)
        + " " + field + " set 0x" + hex(after) + " @th,144,16 set " + urgent);
  }

  private static String hex(int[] octets) {
    StringBuilder hex = new StringBuilder();
    for (int b : octets) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /** The octets' share of the TCP checksum: 16-bit words from the header's start. */
  private static long onesSum(int tcpOffset, int[] octets) {
    long sum = 0;
    for (int i = 0; i < octets.length; i++) {
      sum += (tcpOffset + i) % 2 == 0 ? (long) octets[i] << 8 : octets[i];
    }
    return sum;
  }

  /** Every arriving segment without SYN advertises 65535: the peer's small window is ignored. */
  private static final Fault WINDOW_IGNORED = rewrite("peer's window read as 65535", "input",
      "tcp flags & syn == 0x0 tcp window set 65535");

  /** The target's pure ACKs with timestamps (52 octets) get these 12 option octets. */
  private static Fault ackOptions(String what, String hex) {
    return rewrite(what, "output", NftLength.tcp(32) + " tcp flags == ack @th,160,96 set 0x" + hex);
  }

  private OptionFaultRows() {}

  static List<Object[]> rows() {
    Object[] none = new Object[0];
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(MssTest.class, "nop_mss_and_eol_are_understood_and_the_mss_honoured", none,
        MSS_1000_RAISED));
    rows.add(row(MssTest.class, "peer_mss_bounds_every_data_segment", none, MSS_600_RAISED));
    rows.add(row(MssTest.class, "without_an_mss_option_the_send_mss_is_536", none,
        NOPS_BECOME_MSS));
    rows.add(row(MssTest.class, "small_peer_mss_bounds_every_data_segment", none, MSS_300_RAISED));
    // a target whose link carries 3000 octets sends what a stack ignoring its 1500-octet link
    // would: segments larger than the link's MSS (the peer offers 9000)
    rows.add(row(MssTest.class, "mss_above_the_link_is_cut_to_what_the_link_carries", none,
        Fault.linkMtu(3000)));
    // reading the peer's MSS 1460 as 1472 (over IPv6 1440 as 1452) on a link that carries it, the
    // target sends a full MSS of data and 12 octets of timestamps: what a stack that does not
    // trim would send
    int mss = IpVersion.fromProperties().mssFor(1500);
    rows.add(row(MssTest.class, "data_shrinks_to_make_room_for_timestamps", none,
        Fault.linkMtu(1600), synOctetsSet("peer's MSS " + mss + " read as " + (mss + 12), 22,
            new int[] {mss >> 8, mss & 0xFF}, new int[] {(mss + 12) >> 8, (mss + 12) & 0xFF})));

    rows.add(row(AdvertisedMssTest.class,
        "syn_ack_advertises_the_mtu_less_the_fixed_headers_whatever_the_options", none,
        rewrite("SYN,ACK advertises MSS 1400", "output",
            "tcp flags & (syn|ack) == syn|ack tcp option maxseg size set 1400")));
    rows.add(row(AdvertisedMssTest.class,
        "active_open_syn_advertises_the_mtu_less_the_fixed_headers", none,
        rewrite("SYN advertises MSS 1400", "output",
            "tcp flags & (syn|ack) == syn tcp option maxseg size set 1400")));

    // the IPv6 MSS rules, shown over IPv6 (skipped over IPv4, as the tests are): a route that
    // advertises IPv4's 1460 on the IPv6 link, and a SYN whose four NOPs the target reads as an
    // MSS of 1440, more than the 1220 it must assume without one
    rows.add(row(Ipv6MssTest.class, "syn_ack_over_ipv6_advertises_at_most_the_mtu_less_60", none,
        Fault.route("advmss", "1460")));
    rows.add(row(Ipv6MssTest.class, "without_an_mss_option_the_send_mss_over_ipv6_is_1220", none,
        synOctetsSet("NOPs of the SYN become MSS 1440", 20, new int[] {1, 1, 1, 1},
            new int[] {0x02, 0x04, 0x05, 0xA0})));

    rows.add(row(TargetOptionsTest.class, "mss_option_appears_only_on_syn_segments", none,
        ackOptions("ACKs carry MSS", "020405b40101010101010101")));
    rows.add(row(TargetOptionsTest.class, "sack_permitted_appears_only_on_syn_segments", none,
        ackOptions("ACKs carry SACK-permitted", "040201010101010101010101")));
    rows.add(row(TargetOptionsTest.class, "every_option_but_eol_and_nop_has_a_consistent_length",
        none, ackOptions("ACKs carry an option of length 1", "010113010000000000000000")));
    rows.add(row(TargetOptionsTest.class, "header_octets_after_eol_are_zero", none,
        ackOptions("ACKs carry NOPs after EOL", "000101010101010101010101")));

    OptionParsingTest parsing = new OptionParsingTest();
    rows.add(row(OptionParsingTest.class, "unknown_options_on_a_syn_are_skipped", none,
        dropIncoming("SYNs with unknown options dropped", NftLength.tcp(36) + " tcp flags == syn")));
    rows.add(row(OptionParsingTest.class, "unknown_options_on_data_are_skipped", none,
        dropIncoming("data with unknown options dropped", NftLength.tcp(42) + " tcp flags & psh == psh")));
    rows.add(row(OptionParsingTest.class, "an_ack_carrying_options_is_processed", none,
        dropIncoming("ACKs with options dropped", NftLength.tcp(28) + " tcp flags == ack")));
    for (Object[] c : parsing.illegalLengths()) {
      rows.add(row(OptionParsingTest.class,
          "illegal_option_length_on_a_syn_leaves_the_listener_working", c,
          dropIncoming("no SYN after the first", "tcp flags & (syn|ack) == syn " + NftLength.quotaOver(1, 28))));
      rows.add(row(OptionParsingTest.class,
          "illegal_option_length_on_data_leaves_the_target_working", c,
          dropIncoming("no data after the first", "tcp flags & psh == psh " + NftLength.quotaOver(1, 34))));
    }
    rows.add(row(OptionParsingTest.class, "options_off_word_boundaries_are_understood", none,
        UNALIGNED_MSS_1000_RAISED));

    WindowScaleTest ws = new WindowScaleTest();
    rows.add(row(WindowScaleTest.class, "without_window_scale_in_the_syn_neither_side_scales",
        none, WINDOW_IGNORED));
    rows.add(row(WindowScaleTest.class,
        "without_window_scale_in_the_syn_ack_neither_side_scales", none, WINDOW_IGNORED));
    rows.add(row(WindowScaleTest.class, "window_scale_on_a_non_syn_segment_is_ignored", none,
        WINDOW_IGNORED));
    for (Object[] c : ws.shiftsAbove14()) {
      rows.add(row(WindowScaleTest.class, "window_shift_above_14_is_taken_as_14", c,
          rewrite("peer's window field 2", "input", "tcp flags & syn == 0x0 tcp window set 2")));
    }
    rows.add(row(WindowScaleTest.class, "syn_ack_window_is_not_scaled", none,
        rewrite("SYN,ACK window read as 65535", "input",
            "tcp flags & (syn|ack) == syn|ack tcp window set 65535")));

    Fault synAckTsecr = rewrite("SYN,ACK's TSecr set to 1", "output",
        "tcp flags & (syn|ack) == syn|ack tcp option timestamp tsecr set 1");
    rows.add(row(TimestampNegotiationTest.class,
        "syn_with_timestamps_draws_syn_ack_echoing_its_tsval", none, synAckTsecr));
    rows.add(row(TimestampNegotiationTest.class, "tsecr_of_a_syn_without_ack_is_ignored", none,
        synAckTsecr));
    rows.add(row(TimestampNegotiationTest.class, "tsecr_of_the_active_open_syn_is_zero", none,
        rewrite("SYN's TSecr set to 1", "output", "tcp flags & (syn|ack) == syn tcp option timestamp tsecr set 1")));
    rows.add(row(TimestampNegotiationTest.class,
        "timestamps_on_a_connection_without_them_are_ignored", none,
        dropIncoming("data with timestamps dropped",
            "tcp flags & psh == psh tcp option timestamp exists")));

    rows.add(row(TimestampEchoTest.class, "every_segment_carries_timestamps_once_agreed", none,
        rewrite("FIN's options become NOPs", "output",
            "tcp flags & fin == fin @th,160,96 set 0x010101010101010101010101")));
    rows.add(row(TimestampEchoTest.class, "tsecr_echoes_a_tsval_the_peer_sent", none,
        rewrite("ACKs echo 12345", "output", NftLength.tcp(32)
            + " tcp flags == ack tcp option timestamp tsecr set 12345")));

    rows.add(row(PawsTest.class, "data_with_an_old_tsval_draws_an_ack_and_is_not_delivered", none,
        rewrite("peer's data TSval made newest", "input",
            "tcp flags & psh == psh tcp option timestamp tsval set 0x7fff0000")));
    rows.add(row(PawsTest.class, "rst_with_an_old_tsval_still_resets", none, NO_RST_ARRIVES));
    rows.add(row(PawsTest.class, "data_without_timestamps_does_not_abort_the_connection", none,
        rewrite("data without timestamps becomes RST,ACK", "input",
            "tcp flags & psh == psh tcp option timestamp missing tcp flags set rst|ack")));

    rows.add(row(TimestampClockTest.class,
        "tsval_clock_is_monotonic_and_ticks_between_1_and_1000_per_second", none,
        rewrite("ACKs' TSval stopped", "output", NftLength.tcp(32)
            + " tcp flags == ack tcp option timestamp tsval set 100000")));

    rows.add(row(SackPermittedTest.class,
        "without_sack_permitted_duplicate_acks_carry_no_sack_blocks", none,
        NOPS_BECOME_SACK_PERMITTED));
    return rows;
  }
}
