package dev.tcpconform.reports;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** The mutation matrix from fabricated runs: which tests caught each mutant, which none did. */
public class MutantsCommandTest {

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
    then(text).contains("| m1 | 1: a.T.x |").contains("| m2 | 0 (**not caught**) |")
        .contains("- `a.T.y`").doesNotContain("- `a.T.z`");
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
  public void should_refuse_a_missing_reference_in_one_line() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = MutantsCommand.run(new String[] {"--runs",
        Files.createTempDirectory("empty").toString(), "--out", "/tmp/x.md"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    then(exit).isEqualTo(2);
    then(err.toString(StandardCharsets.UTF_8)).startsWith("tcpconform mutants: no results in")
        .doesNotContain("Exception");
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
