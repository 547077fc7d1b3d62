package dev.tcpconform.reports;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class MatrixCommandTest {

  private static final String GVISOR =
      "gvisor-tap=golang-gvisor-gvisor-dev missing: run apt-get install -y golang-go";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeMethod(alwaysRun = true)
  public void forgetTheLastRunsOutput() {
    out.reset(); // TestNG runs every method on the same instance
    err.reset();
  }

  private int run(String... args) {
    return MatrixCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void should_link_the_mutation_matrix_from_the_page_when_it_is_beside_it()
      throws Exception {
    // GIVEN a report directory without a mutation matrix, and one with it
    Path without = Files.createTempDirectory("matrix");
    Path with = Files.createTempDirectory("matrix");
    Files.writeString(with.resolve("mutants.html"), "<!DOCTYPE html>");
    // WHEN the matrix is written in each
    run("--out", without.toString(), "--target", ExampleRun.linux().targetArgument());
    run("--out", with.toString(), "--target", ExampleRun.linux().targetArgument());
    // THEN only the second links it, relatively
    then(Files.readString(without.resolve("matrix.html"))).doesNotContain("mutants.html");
    then(Files.readString(with.resolve("matrix.html")))
        .contains("<a href=\"mutants.html\">mutation matrix</a>");
  }

  @Test
  public void should_write_every_file_and_fail_the_must_gate_on_the_new_must_failure()
      throws Exception {
    // GIVEN
    Path dir = Files.createTempDirectory("matrix");
    // WHEN
    int code = run("--out", dir.toString(), "--target", ExampleRun.linux().targetArgument(),
        "--target", ExampleRun.lwip().targetArgument(), "--unavailable", GVISOR);
    // THEN
    then(code).isEqualTo(1);
    then(dir.resolve("matrix.html")).isRegularFile();
    then(dir.resolve("matrix.md")).isRegularFile();
    then(dir.resolve("junit.xml")).isRegularFile();
    then(new ObjectMapper().readTree(dir.resolve("compliance.json").toFile())
        .path("schema").asText()).isEqualTo("tcpconform-matrix/1");
    then(new ObjectMapper().readTree(dir.resolve("lwip-tap/compliance.json").toFile())
        .path("schema").asText()).isEqualTo("tcpconform-compliance/1");
    then(dir.resolve("linux-netns/compliance.json")).isRegularFile();
    then(dir.resolve("gvisor-tap")).doesNotExist();
    then(out()).contains(
            "linux-netns: 6 tests: 5 passed, 1 skipped; requirements MUST 3 passed,"
                + " 1 not-available; SHOULD 1 passed; MAY 1 skipped",
            "gvisor-tap: not available: golang-gvisor-gvisor-dev missing: run apt-get install",
            "6 requirements, 3 where one target passed and another failed",
            "wrote " + dir.resolve("matrix.html"),
            "1 failure(s) outside the baseline below the MUST gate (in junit.xml):\n"
                + "  lwip-tap failed " + ExampleRun.MSS + " [9293/SHLD-5]: failed because",
            "GATE FAILED at MUST: 1 test(s) failed outside their target's baseline or broke"
                + " (not checked, not available: gvisor-tap):\n"
                + "  lwip-tap failed " + ExampleRun.CROSSING + " [9293/MUST-10]: failed because")
        .doesNotContain("gate passed");
    then(err()).isEmpty();
  }

  @Test
  public void should_pass_the_gate_when_every_failure_is_in_the_baseline() throws Exception {
    // GIVEN lwIP's MUST and SHOULD failures baselined
    FabricatedResults lwip = ExampleRun.lwip()
        .baseline(ExampleRun.CROSSING, "no simultaneous open")
        .baseline(ExampleRun.MSS, "MSS only when asked");
    // WHEN
    int code = run("--out", Files.createTempDirectory("matrix").toString(),
        "--gate-level", "should", "--target", lwip.targetArgument(), "--unavailable", GVISOR);
    // THEN
    then(code).isEqualTo(0);
    then(out()).contains("gate passed at SHOULD: no test failed outside its target's baseline"
        + " or broke on lwip-tap (not checked, not available: gvisor-tap)");
  }

  @Test
  public void should_fail_the_gate_when_no_target_was_available() throws Exception {
    // WHEN
    int code = run("--out", Files.createTempDirectory("matrix").toString(),
        "--unavailable", GVISOR);
    // THEN written, but never passed
    then(code).isEqualTo(1);
    then(out()).contains("GATE FAILED: no target was available, nothing was checked");
  }

  @Test
  public void should_say_in_one_line_what_is_wrong_with_the_arguments() throws Exception {
    // GIVEN
    Path dir = Files.createTempDirectory("matrix");
    String results = ExampleRun.lwip().dir().toString();
    String[][] bad = {
        {},
        {"--out"},
        {"--out", dir.toString()},
        {"--bogus", "1"},
        {"--out", dir.toString(), "--target", "lwip-tap"},
        {"--out", dir.toString(), "--target", "../up=" + results},
        {"--out", dir.toString(), "--target", "lwip-tap=/nonexistent"},
        {"--out", dir.toString(), "--target", "lwip-tap=" + results + ",/nonexistent"},
        {"--out", dir.toString(), "--target", "a=" + results, "--target", "a=" + results},
        {"--out", dir.toString(), "--gate-level", "MUSTNT", "--target", "a=" + results},
        {"--out", dir.toString(), "--unavailable", "gvisor-tap="},
        {"--out", dir.toString(), "--target",
            "empty=" + Files.createTempDirectory("empty")},
    };
    // WHEN / THEN each is exit 2 with one line, and nothing is written
    for (String[] args : bad) {
      then(run(args)).as(String.join(" ", args)).isEqualTo(2);
    }
    then(err().lines()).hasSize(bad.length).allMatch(l -> l.startsWith("tcpconform matrix: "));
    then(err()).contains("--out is required", "unknown option --bogus",
        "no results directory /nonexistent for target lwip-tap (run the suite against it"
            + " first, or name it with --unavailable)",
        "no baseline file /nonexistent", "target a is named twice",
        "gate level MUSTNT (expected: MUST, SHOULD or MAY)", "no Allure results in");
    try (var files = Files.list(dir)) {
      then(files).isEmpty();
    }
    then(out()).isEmpty();
  }
}
