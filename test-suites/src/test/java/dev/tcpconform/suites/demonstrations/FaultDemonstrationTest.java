package dev.tcpconform.suites.demonstrations;

import static dev.tcpconform.crafter.Segments.syn;
import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.LateHarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.core.target.Fault;
import dev.tcpconform.suites.checksum.BadChecksumTest;
import dev.tcpconform.suites.handshake.ActiveOpenTest;
import dev.tcpconform.suites.handshake.PassiveOpenTest;
import dev.tcpconform.suites.reset.ClosedPortTest;
import dev.tcpconform.suites.reset.ListenerTest;
import dev.tcpconform.suites.retransmission.SynAckRetransmissionTest;
import dev.tcpconform.suites.states.Answer;
import dev.tcpconform.suites.states.Oracle;
import dev.tcpconform.suites.states.Scenario;
import dev.tcpconform.suites.states.SegmentClass;
import dev.tcpconform.suites.states.StateCase;
import dev.tcpconform.suites.states.StateMachineTest;
import dev.tcpconform.suites.states.TcpState;
import dev.tcpconform.suites.states.Variant;
import dev.tcpconform.suites.support.NftLength;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.NftRules;
import dev.tcpconform.suites.support.SharedTestbed;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;

/**
 * Every conformance test can fail: each row runs one conformance test against a Linux target made
 * to break the test's rule (an nftables rule or a sysctl in the target namespace) and
 * expects the verdict <em>failed</em> (an AssertionError: the target broke the rule), not
 * <em>broken</em> and not passed. A row that passes here proves the test can catch the violation.
 */
@Listeners(SharedTestbed.class)
public class FaultDemonstrationTest {

  /** Drops every segment the target sends whose flags match {@code flagTest} (nft syntax). */
  static Fault dropOutgoing(String what, String flagTest) {
    return NftRules.dropOutgoing(what, flagTest);
  }

  /** Drops every segment the target receives whose flags match {@code flagTest}. */
  static Fault dropIncoming(String what, String flagTest) {
    return NftRules.dropIncoming(what, flagTest);
  }

  /** Rewrites segments as they reach (input) or leave (output) the target's TCP. */
  static Fault rewrite(String what, String hook, String rule) {
    return NftRules.rewrite(what, hook, rule);
  }

  /**
   * Flips the lowest checksum bit of every arriving SYN: the harness's deliberately bad SYN
   * (correct sum ^ 0x0001) reaches TCP with a correct sum, as if the stack did not verify checksums.
   */
  static final Fault SYN_CHECKSUM_FLIPPED = rewrite("bad SYN checksums repaired", "input",
      "tcp flags & (syn|ack) == syn tcp checksum set tcp checksum ^ 0x0001");

  /** Turns every arriving RST into a bare ACK: the stack answers a RST as if it were an ACK. */
  static final Fault RST_BECOMES_ACK = rewrite("RST becomes ACK", "input",
      "tcp flags & rst == rst tcp flags set ack");

  /** Adds FIN to every SYN (without ACK) the target sends: a malformed active open. */
  static final Fault SYN_GETS_FIN = rewrite("SYN gets FIN", "output",
      "tcp flags & (syn|ack) == syn tcp flags set syn|fin");

  /**
   * Linux 6.5+ retransmits the first SYNs at linear intervals by default (a baselined deviation);
   * with this the kernel backs off as RFC 6298 5.5 asks.
   */
  static final Fault LINEAR_SYN_TIMEOUTS_OFF =
      Fault.sysctl("net.ipv4.tcp_syn_linear_timeouts", "0");

  record Demonstration(
      Class<? extends ConformanceTest> test, String method, Object[] args, List<Fault> faults) {

    @Override
    public String toString() {
      return test.getSimpleName() + "." + method
          + (args.length > 0 ? "(" + args[0] + ")" : "") + " vs " + faults;
    }

    /**
     * The conformance test this row shows able to fail, as its result is named: the class it runs
     * in, its method and, for a data-provider case, the case's first parameter (its name, as the
     * test's captures are named): {@code dev.tcpconform.suites.reset.ClosedPortTest.
     * segment_without_ack_to_closed_port_draws_rst_ack_with_seq_zero[SYN]}. The result of the
     * row carries it as label {@code demonstrates}; the mutation matrix reads it there.
     */
    String demonstrates() {
      return test.getName() + "." + method + (args.length > 0 ? "[" + args[0] + "]" : "");
    }

    /** {@code <class>.<method>[-<case>]}, for the row's capture file. */
    String evidenceName() {
      return test.getSimpleName() + "." + method + (args.length > 0
          ? "-" + String.valueOf(args[0]).replaceAll("[^A-Za-z0-9_.-]+", "_") : "");
    }
  }

  static Object[] row(Class<? extends ConformanceTest> test, String method, Object[] args,
      Fault... faults) {
    Demonstration d = new Demonstration(test, method, args, List.of(faults));
    return new Object[] {d.toString(), d};
  }

  /** The target's empty ACKs (challenge ACKs, ACKs of data and FIN) never leave it. */
  static final Fault NO_EMPTY_ACKS =
      dropOutgoing("no empty ACK leaves", NftLength.bare() + " tcp flags == ack");

  /**
   * Like {@link #NO_EMPTY_ACKS}, but the first empty ACK (40 bytes) still leaves: the one that
   * acknowledges the peer's FIN on the way into CLOSE-WAIT or TIME-WAIT.
   */
  static final Fault NO_EMPTY_ACKS_AFTER_THE_FIRST =
      dropOutgoing("no empty ACK leaves after the first",
          NftLength.bare() + " tcp flags == ack " + NftLength.quotaOver(1, NftLength.BARE_HEADER));

  /** RSTs never reach the stack. */
  static final Fault NO_RST_ARRIVES = dropIncoming("RSTs never arrive", "tcp flags & rst == rst");

  /** Data without ACK is given an ACK flag on the way in: the stack processes it. */
  static final Fault DATA_GETS_ACK = rewrite("ACK added to data without ACK", "input",
      "tcp flags & (psh|ack) == psh tcp flags set psh|ack");

  /** Checksums of arriving data flipped back: the stack takes data with a wrong checksum. */
  static final Fault DATA_CHECKSUM_FLIPPED = rewrite("data checksums flipped", "input",
      "tcp flags & psh == psh tcp checksum set tcp checksum ^ 0x0001");

  /**
   * For each cell of the state oracle, a fault that breaks what the cell demands. Left out: cells
   * listed in the Linux baseline (they already fail on Linux, which shows they can); the cells
   * with RFC 7323 timestamps agreed whose class exists without them too (the same cell, shown
   * once).
   */
  static List<Object[]> stateMachineRows() {
    List<Object[]> rows = new java.util.ArrayList<>();
    for (StateCase c : Oracle.cases()) {
      if (c.variant() != Variant.PLAIN && !c.segment().needsTimestamps()) {
        continue; // a cell is shown able to fail once, without options
      }
      Fault fault = faultBreaking(c);
      if (fault != null) {
        rows.add(row(StateMachineTest.classFor(c.state()),
            "segment_in_a_state_draws_the_answer_the_oracle_gives", new Object[] {c}, fault));
      }
    }
    return rows;
  }

  /** Keys of the tests the Linux baseline lists (they fail on Linux already). */
  static final java.util.Set<String> BASELINED = baselined();

  private static java.util.Set<String> baselined() {
    try (InputStream in = FaultDemonstrationTest.class.getResourceAsStream(
        "/targets/linux-netns.baseline")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
          .map(l -> l.substring(0, l.indexOf('=')).strip())
          .collect(java.util.stream.Collectors.toSet());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * SYN,ACK made of every arriving segment with neither SYN nor RST (in SYN-SENT: the stack takes
   * an ACK, data or a FIN as if it were the SYN,ACK it waits for).
   */
  static final Fault SYN_ADDED = rewrite("SYN added", "input",
      "tcp flags & (syn|rst) == 0x0 tcp flags set syn|ack");

  private static Fault faultBreaking(StateCase c) {
    if (BASELINED.contains(StateMachineTest.class.getName()
        + ".segment_in_a_state_draws_the_answer_the_oracle_gives[" + c + "]")) {
      return null;
    }
    Answer a = c.cell().answers().get(0);
    TcpState state = c.state();
    if (c.segment() == SegmentClass.DATA_WITHOUT_ACK) {
      return DATA_GETS_ACK;
    }
    if (c.segment() == SegmentClass.DATA_WITH_BAD_CHECKSUM) {
      // where even good data is ignored in silence (after the peer's FIN, or in SYN-SENT
      // without a SYN), the repaired segment must also be one the stack acts on: a RST,ACK
      return NO_CHECKSUM_FAULT_SHOWS.contains(state)
          ? DATA_CHECKSUM_FLIPPED_INTO_RST : DATA_CHECKSUM_FLIPPED;
    }
    if (c.segment() == SegmentClass.SYN_LEFT_OF_WINDOW && state == TcpState.SYN_RECEIVED) {
      return SECOND_SYN_GETS_ACK;
    }
    switch (a.after()) {
      case RESET, REFUSED, BACK_TO_LISTEN -> {
        return NO_RST_ARRIVES;
      }
      default -> { }
    }
    if (state == TcpState.SYN_SENT && a.reply() == Answer.Reply.NOTHING
        && !c.segment().name().startsWith("RST_")) {
      return SYN_ADDED;
    }
    if (c.segment() == SegmentClass.ACK_ACCEPTABLE && state == TcpState.LAST_ACK) {
      // the ACK of the target's FIN is lost: the connection lives on in LAST-ACK
      return dropIncoming("the ACK of the FIN is lost", NftLength.bare() + " tcp flags == ack "
          + NftLength.quotaOver(Scenario.emptyAcksFromPeer(state), NftLength.BARE_HEADER));
    }
    if (c.segment() == SegmentClass.ACK_ACCEPTABLE
        || (c.segment() == SegmentClass.ACK_TOO_OLD && a.reply() != Answer.Reply.RST_AT_SEG_ACK)) {
      // once the scenario's own empty ACKs have passed, an acceptable ACK arrives as a RST,ACK
      int scenarioAcks = Scenario.emptyAcksFromPeer(state);
      return rewrite("empty ACK becomes RST,ACK", "input", NftLength.bare() + " tcp flags == ack"
          + (scenarioAcks > 0 ? " " + NftLength.quotaOver(scenarioAcks, NftLength.BARE_HEADER) : "")
          + " tcp flags set rst|ack");
    }
    if (c.segment() == SegmentClass.DATA_IN_WINDOW && c.cell().answers().size() > 1) {
      // text the target may ignore with or without an ACK: as a RST,ACK it ends the connection
      return rewrite("data becomes RST,ACK", "input", "tcp flags & psh == psh tcp flags set rst|ack");
    }
    if (c.segment().name().startsWith("RST_") && c.cell().answers().stream()
        .allMatch(x -> x.after() == Answer.After.ALIVE || x.after() == Answer.After.HALF_OPEN)) {
      // a RST to be ignored or challenged arrives as an ACK of nothing: it draws a reply of its own
      return a.reply() == Answer.Reply.NOTHING || c.cell().answers().size() > 1
          ? RST_BECOMES_ACK : noEmptyAcks(c);
    }
    if (c.cell().answers().size() > 1) {
      return null; // alternatives: only a reply outside all of them fails, no fault makes one
    }
    switch (a.reply()) {
      case ACK_CURRENT:
      case ACK_OF_SEGMENT:
        return noEmptyAcks(c);
      case SYN_ACK_OF_SYN:
      case SYN_ACK_AT_ISS:
        return dropOutgoing("no SYN-ACK leaves", "tcp flags & (syn|ack) == syn|ack");
      case RST_AT_SEG_ACK:
      case RST_ACK_ZERO:
        return dropOutgoing("no RST leaves", "tcp flags & rst == rst");
      case NOTHING:
        // a RST to be ignored arrives as a bare ACK: it draws a reply of its own
        return c.segment().name().startsWith("RST_") ? RST_BECOMES_ACK : null;
      default:
        return null;
    }
  }

  /** The target's empty ACKs are dropped, but those that reaching the state itself needs. */
  private static Fault noEmptyAcks(StateCase c) {
    if (c.variant() == Variant.TIMESTAMPS) {
      // with timestamps an empty ACK is 52 bytes: 20 IP, 20 TCP, 12 of NOP, NOP, TS
      return dropOutgoing("no empty ACK leaves after those of the scenario",
          NftLength.tcp(32) + " tcp flags == ack"
              + (Scenario.needsEmptyAckFromTarget(c.state()) ? " " + NftLength.quotaOver(1, 32) : ""));
    }
    return Scenario.needsEmptyAckFromTarget(c.state())
        ? NO_EMPTY_ACKS_AFTER_THE_FIRST : NO_EMPTY_ACKS;
  }

  /**
   * Checksums of arriving data flipped back, and the segment made a RST,ACK: the stack takes a
   * segment with a wrong checksum, and acts on it (the nft payload statements keep the sum
   * correct after the flags change).
   */
  static final Fault DATA_CHECKSUM_FLIPPED_INTO_RST = rewrite(
      "data checksums flipped, data made RST,ACK", "input",
      "tcp flags & psh == psh tcp checksum set tcp checksum ^ 0x0001 tcp flags set rst|ack");

  /**
   * Every SYN after the first (the scenario's, 24 TCP octets with its MSS option) arrives with an
   * ACK of nothing: in SYN-RECEIVED the stack has to refuse it.
   */
  static final Fault SECOND_SYN_GETS_ACK = rewrite("SYNs after the first get ACK", "input",
      "tcp flags & (syn|ack) == syn " + NftLength.quotaOver(1, 24) + " tcp flags set syn|ack");

  /** States where good data would be ignored in silence too: a bad checksum cannot show alone. */
  private static final java.util.Set<TcpState> NO_CHECKSUM_FAULT_SHOWS = java.util.EnumSet.of(
      TcpState.CLOSE_WAIT, TcpState.CLOSING, TcpState.LAST_ACK, TcpState.SYN_SENT);

  /** Rows run in parallel, each in a lane of its own (the lanes are the limit). */
  @DataProvider(parallel = true)
  public Object[][] demonstrations() {
    List<Object[]> rows = new java.util.ArrayList<>(List.of(handshakeRows()));
    rows.addAll(stateMachineRows());
    rows.addAll(CloseFaultRows.rows());
    rows.addAll(DataFaultRows.rows());
    rows.addAll(OptionFaultRows.rows());
    rows.addAll(RetransmissionFaultRows.rows());
    rows.addAll(WindowFaultRows.rows());
    // -Dtcpconform.demonstrations=OutOfOrderTest runs only the rows whose name contains it
    String only = System.getProperty("tcpconform.demonstrations", "");
    return rows.stream().filter(r -> ((String) r[0]).contains(only)).toArray(Object[][]::new);
  }

  private static Object[][] handshakeRows() {
    Object[] none = new Object[0];
    return new Object[][] {
      row(ClosedPortTest.class, "segment_without_ack_to_closed_port_draws_rst_ack_with_seq_zero",
          new Object[] {"SYN", syn()}, dropOutgoing("no RST leaves", "tcp flags & rst == rst")),
      row(ClosedPortTest.class, "segment_without_ack_to_closed_port_draws_rst_ack_with_seq_zero",
          new Object[] {"FIN", Segment.builder().flags(TcpFlag.FIN)},
          rewrite("RST loses its ACK", "output", "tcp flags & rst == rst tcp flags set rst")),
      row(ClosedPortTest.class, "segment_without_ack_to_closed_port_draws_rst_ack_with_seq_zero",
          new Object[] {"10 bytes", Segment.builder().flags(TcpFlag.PSH).payload("0123456789")},
          rewrite("RST loses its ACK", "output", "tcp flags & rst == rst tcp flags set rst")),
      row(ClosedPortTest.class, "ack_to_closed_port_draws_rst_with_seq_of_the_ack", none,
          dropOutgoing("no RST leaves", "tcp flags & rst == rst")),
      row(ListenerTest.class, "ack_to_listener_draws_rst_with_seq_of_the_ack", none,
          dropOutgoing("no RST leaves", "tcp flags & rst == rst")),
      row(ListenerTest.class, "rst_to_listener_draws_nothing_and_listener_survives", none,
          RST_BECOMES_ACK),
      row(BadChecksumTest.class, "syn_with_bad_checksum_draws_no_reply", none,
          SYN_CHECKSUM_FLIPPED),
      row(PassiveOpenTest.class, "syn_to_listener_draws_syn_ack_acking_isn_plus_one", none,
          dropOutgoing("no SYN-ACK leaves", "tcp flags & (syn|ack) == syn|ack")),
      row(PassiveOpenTest.class, "syn_without_options_draws_syn_ack_without_them", none,
          dropOutgoing("no SYN-ACK leaves", "tcp flags & (syn|ack) == syn|ack")),
      row(PassiveOpenTest.class, "final_ack_completes_handshake_and_data_flows_both_ways", none,
          dropOutgoing("no data leaves", "tcp flags & psh == psh")),
      row(SynAckRetransmissionTest.class,
          "unacknowledged_syn_ack_is_retransmitted_with_exponential_backoff", none,
          Fault.sysctl("net.ipv4.tcp_synack_retries", "1")),
      row(ActiveOpenTest.class, "connect_sends_a_well_formed_syn", none, SYN_GETS_FIN),
      row(ActiveOpenTest.class, "unanswered_syn_is_retransmitted_with_exponential_backoff", none,
          LINEAR_SYN_TIMEOUTS_OFF, Fault.sysctl("net.ipv4.tcp_syn_retries", "1")),
      row(ActiveOpenTest.class, "rst_ack_answer_makes_connect_fail_refused", none,
          dropIncoming("RSTs never reach the stack", "tcp flags & rst == rst")),
    };
  }

  @Test(
      dataProvider = "demonstrations",
      description =
          "Against a target that breaks the rule, the conformance test's verdict is failed")
  public void conformance_test_fails_against_a_fault_injected_target(
      String name, Demonstration d) throws Exception {
    // GIVEN a Linux target made to break the rule
    Allure.label("demonstrates", d.demonstrates());
    // WHEN the conformance test runs against it
    Throwable thrown = runAgainstConfiguredTarget(d, "fault");
    if (thrown instanceof LateHarnessException late) {
      throw late; // the harness could not check: broken, and run again (RetryWhenLate)
    }
    if (thrown instanceof SkipException notApplicable) {
      throw notApplicable; // a rule of the other IP version: nothing to show over this one
    }

    // THEN its verdict is failed: an AssertionError naming the broken rule
    then(thrown)
        .as("verdict of %s against a target with %s", d.method(), d.faults())
        .isInstanceOf(AssertionError.class);
  }

  @Test(description = "Every cell of the state oracle is shown able to fail: it has a fault"
      + " demonstration, or the Linux target already fails it (a baseline entry)")
  public void every_cell_of_the_oracle_has_a_demonstration_or_a_baseline_entry() {
    // GIVEN every cell of the oracle, without options, and those that need timestamps
    List<String> undemonstrated = Oracle.cases().stream()
        .filter(c -> c.variant() == Variant.PLAIN || c.segment().needsTimestamps())
        // WHEN no fault is chosen for it and Linux passes it
        .filter(c -> faultBreaking(c) == null && !BASELINED.contains(
            StateMachineTest.class.getName()
                + ".segment_in_a_state_draws_the_answer_the_oracle_gives[" + c + "]"))
        .map(StateCase::toString).toList();

    // THEN there is none
    then(undemonstrated).as("cells that no test run shows failing").isEmpty();
  }

  @DataProvider
  public Object[][] conformingConfigurations() {
    List<Object[]> rows = new java.util.ArrayList<>();
    rows.add(row(ActiveOpenTest.class, "unanswered_syn_is_retransmitted_with_exponential_backoff",
        new Object[0], LINEAR_SYN_TIMEOUTS_OFF));
    rows.addAll(RetransmissionFaultRows.conforming());
    return rows.toArray(Object[][]::new);
  }

  @Test(
      dataProvider = "conformingConfigurations",
      description =
          "A test listed in the Linux baseline passes once the kernel is configured to follow"
              + " the rule: the deviation is the target's, not the harness's")
  public void baselined_test_passes_against_a_target_configured_to_follow_the_rule(
      String name, Demonstration d) throws Exception {
    // GIVEN a Linux target configured to follow the rule
    // WHEN the conformance test runs against it
    Throwable thrown = runAgainstConfiguredTarget(d, "configured");
    if (thrown instanceof LateHarnessException late) {
      throw late;
    }

    // THEN it passes
    then(thrown).as("verdict of %s against a target with %s", d.method(), d.faults()).isNull();
  }

  /**
   * Runs one conformance test method in a fresh lane whose target has {@code d}'s faults (or
   * settings) applied, with its capture attached; returns what the test threw (null: it passed).
   */
  private static Throwable runAgainstConfiguredTarget(Demonstration d, String label)
      throws Exception {
    try (Lane lane = SharedTestbed.get().openLane()) {
      d.faults().forEach(lane.target()::apply);
      ConformanceTest test = d.test().getConstructor().newInstance();
      test.useLane(lane);
      Method method = Arrays.stream(d.test().getMethods())
          .filter(m -> m.getName().equals(d.method())).findFirst().orElseThrow();
      // one file per row: the rows of a data-provider test differ in their case alone
      String evidence = "demonstrations/" + d.evidenceName() + "-" + label;
      lane.wire().beginTest("[" + label + ": " + d.faults() + "] " + d.method(),
          evidence + ".pcap");
      Throwable thrown = catchThrowable(() -> invoke(method, test, d.args()));
      Path pcap = ConformanceTest.EVIDENCE_DIR.resolve("captures").resolve(evidence + ".pcap");
      lane.wire().writeCapture(pcap);
      attach(pcap, thrown);
      lane.endTest();
      return thrown;
    }
  }

  private static void invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void attach(Path pcap, Throwable thrown) throws IOException {
    try (InputStream in = Files.newInputStream(pcap)) {
      Allure.addAttachment(pcap.getFileName().toString(), "application/vnd.tcpdump.pcap", in,
          ".pcap");
    }
    Allure.addAttachment("verdict of the conformance test", "text/plain",
        thrown == null ? "passed (the fault was not caught)" : thrown.toString(), ".txt");
  }
}
