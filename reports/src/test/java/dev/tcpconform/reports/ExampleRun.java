package dev.tcpconform.reports;

/**
 * One run over two targets that differ, for the matrix's tests. Linux passes everything but
 * skips 9293/MAY-3 and has a test of an ID the catalogue lacks (9999/NEW-1); lwIP fails
 * EP-CLOSED-1 for SYN within its baseline, fails 9293/MUST-10 (MUST) and 9293/SHLD-5 (SHOULD)
 * outside it, and alone has a state-machine test (9293/EP-LISTEN-1) that ran in ListenTest.
 */
public final class ExampleRun {

  public static final String CLOSED = "dev.x.reset.ClosedPortTest.syn_draws_rst_ack";
  public static final String CROSSING = "dev.x.handshake.SimultaneousOpenTest.crossing_syns";
  public static final String MSS = "dev.x.options.MssTest.syn_carries_mss";
  public static final String EVERY_SYN = "dev.x.options.MssTest.mss_in_every_syn";
  public static final String NEW = "dev.x.extra.NewRuleTest.new_rule_holds";
  public static final String STATES = "dev.x.states.StateMachineTest.segment_in_a_state";

  private ExampleRun() {}

  public static FabricatedResults linux() {
    return FabricatedResults.of("linux-netns")
        .test(CLOSED, "passed", null, new String[] {"SYN", "S 0:0(0)"}, "9293/EP-CLOSED-1=MUST*")
        .test(CLOSED, "passed", null, new String[] {"FIN", "F 0:0(0)"}, "9293/EP-CLOSED-1=MUST*")
        .test(CROSSING, "passed", "9293/MUST-10=MUST")
        .test(MSS, "passed", "9293/SHLD-5=SHOULD")
        .test(EVERY_SYN, "skipped", "9293/MAY-3=MAY")
        .test(NEW, "passed", "9999/NEW-1=MUST");
  }

  public static FabricatedResults lwip() {
    return FabricatedResults.of("lwip-tap")
        .test(CLOSED, "failed", "[9293/EP-CLOSED-1] RST without ACK", new String[] {"SYN",
            "S 0:0(0)"}, "9293/EP-CLOSED-1=MUST*")
        .test(CLOSED, "passed", null, new String[] {"FIN", "F 0:0(0)"}, "9293/EP-CLOSED-1=MUST*")
        .test(CROSSING, "failed", "9293/MUST-10=MUST")
        .test(MSS, "failed", "9293/SHLD-5=SHOULD")
        .test(EVERY_SYN, "skipped", "9293/MAY-3=MAY")
        .ranIn("dev.x.states.ListenTest")
        .test(STATES, "passed", null, new String[] {"LISTEN RST"}, "9293/EP-LISTEN-1=MUST*")
        .baseline(CLOSED + "[SYN, S 0:0(0)]", "lwIP sets ACK on every RST <tcp_rst>");
  }
}
