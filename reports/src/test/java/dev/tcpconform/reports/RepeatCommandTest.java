package dev.tcpconform.reports;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class RepeatCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return RepeatCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static void result(Path runs, String run, String test, String status)
      throws Exception {
    Path dir = Files.createDirectories(runs.resolve(run));
    Files.writeString(dir.resolve(test + "-result.json"), "{\"fullName\":\"dev.x." + test
        + "\",\"historyId\":\"" + test + "\",\"status\":\"" + status + "\",\"stop\":1}");
  }

  @Test
  public void should_list_each_test_whose_verdict_differs_between_runs() throws Exception {
    // GIVEN three runs: a steady pass, a steady failure, a test that passed once and failed
    // twice, and one missing from the last run
    Path runs = Files.createTempDirectory("repeat");
    for (String r : new String[] {"run-1", "run-2", "run-10"}) {
      result(runs, r, "Steady", "passed");
      result(runs, r, "Baselined", "failed");
      result(runs, r, "Flaky", r.equals("run-2") ? "passed" : "failed");
      if (!r.equals("run-10")) {
        result(runs, r, "Vanished", "passed");
      }
    }

    // WHEN the runs are compared
    int exit = run(runs.toString());

    // THEN the two unsteady tests are named with their verdicts in run order, and the exit is 1
    then(exit).isEqualTo(1);
    then(out.toString(StandardCharsets.UTF_8))
        .contains("3 runs, 4 tests, 2 flaky")
        .contains("FLAKY dev.x.Flaky: failed passed failed")
        .contains("FLAKY dev.x.Vanished: passed passed missing")
        .doesNotContain("Steady").doesNotContain("Baselined");
  }

  @Test
  public void should_refuse_fewer_than_two_runs_with_one_line() throws Exception {
    // GIVEN one run
    Path runs = Files.createTempDirectory("repeat");
    result(runs, "run-1", "Steady", "passed");
    // WHEN / THEN
    then(run(runs.toString())).isEqualTo(2);
    then(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n")
        .contains("comparing needs at least 2");
  }
}
