package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_EMPTY_ACKS;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.NO_RST_ARRIVES;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropIncoming;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.dropOutgoing;
import static dev.tcpconform.suites.demonstrations.FaultDemonstrationTest.row;

import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.close.AbortTest;
import dev.tcpconform.suites.close.EarlyCloseTest;
import dev.tcpconform.suites.close.SimultaneousCloseTest;
import dev.tcpconform.suites.handshake.SimultaneousOpenTest;
import dev.tcpconform.suites.support.NftLength;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fault demonstrations for the simultaneous open and close, ABORT and early CLOSE tests: each row
 * breaks the rule of one test method or data-provider case, and the test must end failed.
 *
 * <p>Left out: the cases the Linux baseline lists (they fail on Linux already:
 * {@code rst_in_active_syn_received_signals_connection_refused} and the TIME-WAIT case of
 * {@code abort_after_both_fins_sends_nothing_and_deletes_the_connection}). For the silence right
 * after an ABORT in SYN-SENT, CLOSING, LAST-ACK or a CLOSE in SYN-SENT no netfilter rule or sysctl
 * makes Linux send a segment, so those rows break the second half of the rule instead: the TCB
 * is gone, so a late segment draws a RST, and with outgoing RSTs dropped none comes.
 */
final class CloseFaultRows {

  /** The target's RSTs never leave it. */
  private static final Fault NO_RST_LEAVES =
      dropOutgoing("no RST leaves", "tcp flags & rst == rst");

  /** The target's SYN,ACKs never leave it. */
  private static final Fault NO_SYN_ACK_LEAVES =
      dropOutgoing("no SYN-ACK leaves", "tcp flags & (syn|ack) == syn|ack");

  /**
   * The peer's empty ACKs reach the target only once: the final ACK of a handshake passes, later
   * ones (the ACK of the target's SYN or FIN) are dropped.
   */
  private static final Fault ONLY_THE_FIRST_EMPTY_ACK_ARRIVES =
      dropIncoming("only the first empty ACK arrives",
          NftLength.bare() + " tcp flags == ack " + NftLength.quotaOver(1, NftLength.BARE_HEADER));

  /** The peer's empty ACKs never reach the target. */
  private static final Fault NO_EMPTY_ACK_ARRIVES =
      dropIncoming("no empty ACK arrives", NftLength.bare() + " tcp flags == ack");

  private CloseFaultRows() {}

  static List<Object[]> rows() {
    Object[] none = new Object[0];
    SimultaneousOpenTest open = new SimultaneousOpenTest();
    AbortTest abort = new AbortTest();
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(SimultaneousOpenTest.class, "crossing_syns_lead_to_an_established_connection",
        caseNamed(open.completions(), "SYN,ACK"), NO_SYN_ACK_LEAVES));
    rows.add(row(SimultaneousOpenTest.class, "crossing_syns_lead_to_an_established_connection",
        caseNamed(open.completions(), "ACK"), NO_EMPTY_ACK_ARRIVES));
    rows.add(row(SimultaneousOpenTest.class, "rst_in_passive_syn_received_returns_to_listen", none,
        NO_RST_ARRIVES));
    rows.add(row(SimultaneousOpenTest.class, "rst_in_active_syn_received_fails_the_connect", none,
        NO_RST_ARRIVES));
    rows.add(row(SimultaneousCloseTest.class, "crossing_fin_leads_through_closing_to_time_wait",
        none, ONLY_THE_FIRST_EMPTY_ACK_ARRIVES));
    rows.add(row(SimultaneousCloseTest.class,
        "fin_acknowledging_the_targets_fin_leads_straight_to_time_wait", none, NO_EMPTY_ACKS));
    for (Object[] c : abort.statesTheResetIsSentIn()) {
      rows.add(row(AbortTest.class, "abort_sends_one_rst_at_snd_nxt_and_nothing_after", c,
          NO_RST_LEAVES));
    }
    for (String state : List.of("CLOSING", "LAST-ACK")) {
      rows.add(row(AbortTest.class,
          "abort_after_both_fins_sends_nothing_and_deletes_the_connection",
          caseNamed(abort.statesTheTcbIsDeletedSilentlyIn(), state), NO_RST_LEAVES));
    }
    rows.add(row(AbortTest.class, "abort_in_syn_sent_sends_nothing_and_a_late_syn_ack_draws_rst",
        none, NO_RST_LEAVES));
    rows.add(row(EarlyCloseTest.class,
        "close_in_syn_sent_sends_nothing_and_a_late_syn_ack_draws_rst", none, NO_RST_LEAVES));
    rows.add(row(EarlyCloseTest.class, "closed_listener_answers_a_syn_with_rst_ack", none,
        NO_RST_LEAVES));
    return rows;
  }

  /** The data-provider case whose first parameter prints as {@code name}. */
  private static Object[] caseNamed(Object[][] cases, String name) {
    return Arrays.stream(cases).filter(c -> String.valueOf(c[0]).equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no case named " + name));
  }
}
