package dev.tcpconform.reports;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * The mutation matrix from fabricated runs: which tests caught each mutant, which mutant none
 * did, and why each test no mutant catches can fail (its fault demonstration) or that it has no
 * stated reason.
 */
public class MutantsCommandTest {

  private static final String STATES =
      "dev.tcpconform.suites.states.StateMachineTest.segment_in_a_state_draws_the_answer";

  @Test
  public void should_say_which_tests_caught_each_mutant_and_which_mutant_none_caught()
      throws IOException {
    // GIVEN a reference run (x and y pass, z fails: a baselined deviation) and two mutants: m1
    // makes x fail, m2 only breaks y (the harness could not check) and fails z as before
    Path runs = Files.createTempDirectory("runs");
    copy(FabricatedResults.of("reference").test("a.T.x", "passed", "9293/MUST-1=MUST")
        .test("a.T.y", "passed", "9293/MUST-2=MUST").test("a.T.z", "failed", "9293/MUST-3=MUST")
        .dir(), runs.resolve("reference"));
    copy(FabricatedResults.of("m1").test("a.T.x", "failed", "9293/MUST-1=MUST")
        .test("a.T.y", "passed", "9293/MUST-2=MUST").test("a.T.z", "failed", "9293/MUST-3=MUST")
        .dir(), runs.resolve("m1"));
    copy(FabricatedResults.of("m2").test("a.T.x", "passed", "9293/MUST-1=MUST")
        .test("a.T.y", "broken", "9293/MUST-2=MUST").test("a.T.z", "failed", "9293/MUST-3=MUST")
        .dir(), runs.resolve("m2"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path md = runs.resolve("out").resolve("mutants.md");

    // WHEN
    int exit = MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out", md.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // THEN m1 is caught by x alone, m2 by nothing (broken and the reference's own failure do
    // not count), y is the one passing test no mutant caught, and the exit says so
    then(exit).isEqualTo(1);
    String text = Files.readString(md);
    then(text).contains("| m1 | mutant | (not recorded in its results) | caught | 1: `a.T.x` |")
        .contains("| m2 | mutant | (not recorded in its results) | **not caught** | 0 |")
        .contains("| `a.T.y` | **no stated reason**: caught by no mutant, and no fault"
            + " demonstration shows it failing |")
        .doesNotContain("`a.T.z` |");
    then(out.toString(StandardCharsets.UTF_8))
        .contains("2 mutants, 1 caught (kill rate 50 %)").contains("MUTANTS NO TEST CAUGHT: m2");
  }

  @Test
  public void should_count_a_failure_against_a_conforming_variant_as_a_false_alarm()
      throws IOException {
    // GIVEN a conforming variant (an optional feature off) against which a passing test fails
    Path runs = Files.createTempDirectory("runs");
    copy(FabricatedResults.of("reference").test("a.T.x", "passed", "9293/MUST-1=MUST").dir(),
        runs.resolve("reference"));
    copy(FabricatedResults.of("m1").test("a.T.x", "failed", "9293/MUST-1=MUST").dir(),
        runs.resolve("m1"));
    copy(FabricatedResults.of("conforming-no-sack").test("a.T.x", "failed", "9293/MUST-1=MUST")
        .dir(), runs.resolve("conforming-no-sack"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    int exit = MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out",
        runs.resolve("m.md").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    // THEN the real mutant is caught, the variant's failure is a false alarm, and the run fails
    then(exit).isEqualTo(1);
    then(out.toString(StandardCharsets.UTF_8)).contains("1 mutants, 1 caught (kill rate 100 %)")
        .contains("FALSE ALARMS (tests failing against a conforming variant): conforming-no-sack");
  }

  @Test
  public void should_state_the_demonstration_of_a_test_no_mutant_catches_and_fail_on_one_without()
      throws IOException {
    // GIVEN a reference whose passing tests are: x (caught by m1), a state-machine case run in a
    // subclass and shown failing by its demonstration, its +TS case (no demonstration of its
    // own), z whose demonstration did not pass, and w that no demonstration names; v fails on
    // the reference itself
    Path runs = Files.createTempDirectory("runs");
    copy(FabricatedResults.of("reference")
        .test("a.T.x", "passed", "9293/MUST-1=MUST")
        .ranIn("dev.tcpconform.suites.states.ListenTest")
        .test(STATES, "passed", null, new String[] {"LISTEN RST", "extra"}, "9293/MUST-2=MUST")
        .ranIn("dev.tcpconform.suites.states.ListenTest")
        .test(STATES, "passed", null, new String[] {"LISTEN RST +TS", "extra"},
            "9293/MUST-2=MUST")
        .test("a.T.z", "passed", "9293/MUST-3=MUST")
        .test("a.T.w", "passed", "9293/MUST-4=MUST")
        .test("a.T.v", "failed", "9293/MUST-5=MUST")
        .demonstration("ListenTest.segment_in_a_state_draws_the_answer(LISTEN RST) vs [RST lost]",
            "dev.tcpconform.suites.states.ListenTest.segment_in_a_state_draws_the_answer"
                + "[LISTEN RST]", "passed")
        .demonstration("T.z vs [no ACK leaves]", "a.T.z", "failed")
        .demonstration("T.q vs [no FIN leaves]", "a.T.q", "passed")
        .dir(), runs.resolve("reference"));
    copy(FabricatedResults.of("m1").mutant("the target's RSTs never leave it",
            "nft: tcp flags & rst == rst drop")
        .test("a.T.x", "failed", "9293/MUST-1=MUST").dir(), runs.resolve("m1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path md = runs.resolve("out").resolve("mutants.md");

    // WHEN
    int exit = MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out", md.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // THEN the state-machine case has its reason; z and w have none, are listed by name, and
    // fail the command; v needs none
    then(exit).isEqualTo(1);
    String printed = out.toString(StandardCharsets.UTF_8);
    then(printed).contains("1 of 5 conformance tests that pass on the reference caught at least"
            + " one mutant, 1 more are shown failing by their fault demonstration, 1 through another"
            + " case of their test, 2 have no stated reason")
        .contains("CONFORMANCE TESTS NO MUTANT CATCHES AND NO FAULT DEMONSTRATION SHOWS FAILING"
            + " (2):\n  a.T.w: caught by no mutant, and no fault demonstration shows it failing\n"
            + "  a.T.z: caught by no mutant, and its fault demonstration T.z vs [no ACK leaves]"
            + " ended failed")
        .doesNotContain("  a.T.v").doesNotContain("  " + STATES);
    then(Files.readString(md))
        .contains("| m1 | mutant | the target's RSTs never leave it (`nft: tcp flags & rst =="
            + " rst drop`) | caught | 1: `a.T.x` |")
        .contains("| `states.StateMachineTest.segment_in_a_state_draws_the_answer[LISTEN RST,"
            + " extra]` | shown failing by fault demonstration `ListenTest.segment_in_a_state_"
            + "draws_the_answer(LISTEN RST) vs [RST lost]` |")
        .contains("| `a.T.z` | **no stated reason**: caught by no mutant, and its fault"
            + " demonstration T.z vs \\[no ACK leaves\\] ended failed");
    JsonNode json = new ObjectMapper().readTree(runs.resolve("out").resolve("mutants.json")
        .toFile());
    then(json.path("schema").asText()).isEqualTo("tcpconform-mutants/1");
    then(json.path("totals").path("shownFailingByAFaultDemonstration").asInt()).isEqualTo(1);
    then(json.path("totals").path("shownFailingThroughAnotherCase").asInt())
        .isEqualTo(1);
    then(json.path("totals").path("noStatedReason").asInt()).isEqualTo(2);
    then(json.path("totals").path("faultDemonstrations").asInt()).isEqualTo(3);
    List<String> proofs = new ArrayList<>();
    json.path("tests").forEach(t -> proofs.add(t.path("key").asText() + " "
        + t.path("proof").asText()));
    then(proofs).containsExactly("a.T.v not-passing-on-reference", "a.T.w none", "a.T.x mutant",
        "a.T.z none", STATES + "[LISTEN RST +TS, extra] case-demonstration",
        STATES + "[LISTEN RST, extra] fault-demonstration");
    then(json.path("noStatedReason")).extracting(JsonNode::asText)
        .containsExactly("a.T.w", "a.T.z");
  }

  @Test
  public void should_state_a_case_through_another_case_that_fails_against_the_reference()
      throws IOException {
    // GIVEN a test with two cases: "1 lost" fails against the unmutated target (baselined) and
    // has no demonstration; "2 lost" passes there, and neither a mutant nor a demonstration of
    // its own shows it failing
    Path runs = Files.createTempDirectory("runs");
    copy(FabricatedResults.of("reference")
        .test("a.T.lost", "failed", null, new String[] {"1 lost", "1"}, "5681/iw=MUST")
        .test("a.T.lost", "passed", null, new String[] {"2 lost", "2"}, "5681/iw=MUST")
        .demonstration("T.q vs [no FIN leaves]", "a.T.q", "passed").dir(),
        runs.resolve("reference"));
    copy(FabricatedResults.of("m1").test("a.T.other", "failed", "9293/MUST-1=MUST").dir(),
        runs.resolve("m1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path md = runs.resolve("out").resolve("mutants.md");

    // WHEN
    MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out", md.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // THEN "2 lost" has its reason: the same method is seen failing in its other case
    then(out.toString(StandardCharsets.UTF_8))
        .contains("1 through another case of their test")
        .doesNotContain("a.T.lost[2 lost, 2]: caught by no mutant");
    then(Files.readString(md)).contains("another case of the same test, \\[1 lost\\], fails"
        + " against the unmutated target itself (a deviation its baseline lists): the same method"
        + " and checks seen failing");
  }

  @Test
  public void should_pass_when_every_mutant_is_caught_and_every_other_test_is_demonstrated()
      throws IOException {
    // GIVEN x caught by m1, y by no mutant but by its demonstration, and a variant nothing fails
    Path runs = Files.createTempDirectory("runs");
    copy(FabricatedResults.of("reference").test("a.T.x", "passed", "9293/MUST-1=MUST")
        .test("a.T.y", "passed", "9293/MUST-2=MUST")
        .demonstration("T.y vs [no RST leaves]", "a.T.y", "passed").dir(),
        runs.resolve("reference"));
    copy(FabricatedResults.of("m1").test("a.T.x", "failed", "9293/MUST-1=MUST")
        .test("a.T.y", "passed", "9293/MUST-2=MUST").dir(), runs.resolve("m1"));
    copy(FabricatedResults.of("conforming-no-sack").test("a.T.x", "passed", "9293/MUST-1=MUST")
        .test("a.T.y", "skipped", "9293/MUST-2=MUST").dir(), runs.resolve("conforming-no-sack"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // WHEN
    int exit = MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out",
        runs.resolve("out").resolve("mutants.md").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // THEN
    then(exit).isEqualTo(0);
    then(out.toString(StandardCharsets.UTF_8)).contains("1 mutants, 1 caught (kill rate 100 %);"
        + " 1 conforming variants, 0 false alarms; 1 of 2 conformance tests that pass on the"
        + " reference caught at least one mutant, 1 more are shown failing by their fault"
        + " demonstration, 0 through another case of their test, 0 have no stated reason")
        .doesNotContain("NO ");
  }

  @Test
  public void should_write_a_self_contained_page_linking_ladders_and_the_compliance_matrix()
      throws IOException {
    // GIVEN a mutant caught by x, whose ladder against it is kept as ./tcpconform mutants keeps
    // it, and a compliance matrix already in the report directory
    Path root = Files.createTempDirectory("mutants");
    Path runs = root.resolve("runs");
    copy(FabricatedResults.of("reference").test("dev.x.T.x", "passed", "9293/MUST-1=MUST")
        .test("dev.x.T.y", "passed", null, new String[] {"<SYN>"}, "9293/MUST-2=MUST")
        .demonstration("T.y(<SYN>) vs [RSTs & ACKs]", "dev.x.T.y[<SYN>]", "passed").dir(),
        runs.resolve("reference"));
    copy(FabricatedResults.of("rst-not-sent").mutant("RSTs <never> leave", "nft: rst drop")
        .test("dev.x.T.x", "failed", "9293/MUST-1=MUST").dir(), runs.resolve("rst-not-sent"));
    Path ladder = root.resolve("runs.evidence/rst-not-sent/captures/T/x.ladder.txt");
    Files.createDirectories(ladder.getParent());
    Files.writeString(ladder, "+0.000000 < S 1000:1000(0)\n");
    Path report = Files.createDirectories(root.resolve("report"));
    Files.writeString(report.resolve("matrix.html"), "<!DOCTYPE html>");

    // WHEN
    int exit = MutantsCommand.run(new String[] {"--runs", runs.toString(), "--out",
        report.resolve("mutants.md").toString()}, new PrintStream(new ByteArrayOutputStream(),
        true, StandardCharsets.UTF_8), System.err);

    // THEN one page, nothing fetched, in the matrix's look, every part there
    then(exit).isEqualTo(0);
    String html = Files.readString(report.resolve("mutants.html"));
    then(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
        .contains(".passed{background:#dcf5dc}")
        .contains("<a href=\"matrix.html\">compliance matrix</a>")
        .contains("<td class=\"id\">rst-not-sent</td><td>mutant</td><td class=\"what\">RSTs"
            + " &lt;never&gt; leave<br><code>nft: rst drop</code></td><td class=\"passed\">"
            + "caught</td>")
        .contains("href=\"../runs.evidence/rst-not-sent/captures/T/x.ladder.txt\"")
        .contains("<td class=\"why demonstrated\">shown failing by fault demonstration"
            + " T.y(&lt;SYN&gt;) vs [RSTs &amp; ACKs]</td>")
        .doesNotContain("<SYN>");
    then(html.substring(html.indexOf("<table class=\"tests\">")).split("<tr class=\"uncaught\">",
        -1)).hasSize(2);
    then(report.resolve("mutants.json")).isRegularFile();
  }

  @Test
  public void should_refuse_a_missing_reference_in_one_line() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = MutantsCommand.run(new String[] {"--runs",
        Files.createTempDirectory("empty").toString(), "--out", "/tmp/x.md"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    then(exit).isEqualTo(2);
    then(err.toString(StandardCharsets.UTF_8)).startsWith("tcpconform mutants: no results in")
        .doesNotContain("Exception");
  }

  @Test
  public void should_refuse_an_unknown_option_with_the_usage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = MutantsCommand.run(new String[] {"--runs", "/tmp", "--out", "/tmp/x.md",
        "--colour", "red"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    then(exit).isEqualTo(2);
    then(err.toString(StandardCharsets.UTF_8)).isEqualTo("tcpconform mutants: usage:"
        + " MutantsCommand --runs DIR --out FILE [--evidence DIR]\n");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
