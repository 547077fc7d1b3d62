package dev.tcpconform.reports;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpconform.reports.gate.Baseline;
import dev.tcpconform.reports.matrix.ComplianceMatrix;
import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class ComplianceCommandTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ComplianceCommandTest.class.getResource("/" + name).toURI());
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ComplianceCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  public void should_read_results_keep_the_latest_retry_and_report_garbage() throws Exception {
    // WHEN
    AllureResults r = AllureResults.read(resource("results"));
    // THEN
    then(r.outcomes()).extracting(TestOutcome::key).containsExactly(
        "dev.x.ActiveOpenTest.backoff", "dev.x.ClosedPortTest.syn[SYN]",
        "dev.x.FaultDemonstrationTest.fails", "dev.x.PassiveOpenTest.handshake");
    then(r.outcomes().get(1).status()).isEqualTo("passed");
    then(r.outcomes().get(0).message()).isEqualTo("[6298/backoff] SYN backs off");
    then(r.outcomes().get(0).levels()).containsEntry("6298/initial-rto", "SHOULD");
    then(r.problems()).singleElement().asString().startsWith("garbage-result.json: not JSON");
  }

  @Test
  public void should_key_a_result_by_its_parameters_in_declaration_order() throws Exception {
    // GIVEN a result whose parameters Allure wrote last first (it keeps no order)
    JsonNode n = new ObjectMapper().readTree("{\"fullName\":\"dev.x.T.m\",\"status\":\"failed\","
        + "\"parameters\":[{\"name\":\"arg2\",\"value\":\"true\"},{\"name\":\"arg10\","
        + "\"value\":\"ten\"},{\"name\":\"arg0\",\"value\":\"with SACK\"}]}");
    // WHEN / THEN the key lists them as the method declares them
    then(AllureResults.outcome(n).key()).isEqualTo("dev.x.T.m[with SACK, true, ten]");
  }

  @Test
  public void should_read_the_class_a_test_ran_in_when_allure_names_it() throws Exception {
    // GIVEN a result of a method inherited from a base class, and one without the label
    ObjectMapper json = new ObjectMapper();
    JsonNode inherited = json.readTree("{\"fullName\":\"dev.x.StateMachineTest.m\","
        + "\"status\":\"passed\",\"labels\":[{\"name\":\"testClass\","
        + "\"value\":\"dev.x.ListenTest\"}]}");
    JsonNode plain = json.readTree("{\"fullName\":\"dev.x.T.m\",\"status\":\"passed\"}");
    // WHEN / THEN
    then(AllureResults.outcome(inherited).testClass()).isEqualTo("dev.x.ListenTest");
    then(AllureResults.outcome(plain).testClass()).isNull();
  }

  @Test
  public void should_give_each_requirement_the_worst_verdict_and_honour_the_baseline()
      throws Exception {
    // WHEN
    ComplianceMatrix m = ComplianceMatrix.of("linux-netns",
        AllureResults.read(resource("results")).outcomes(), Baseline.load(resource("linux.baseline")));
    // THEN
    then(m.requirements()).extracting(ComplianceMatrix.RequirementRow::id,
            ComplianceMatrix.RequirementRow::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("6298/backoff", "baseline-deviation"),
            org.assertj.core.groups.Tuple.tuple("6298/initial-rto", "baseline-deviation"),
            org.assertj.core.groups.Tuple.tuple("9293/EP-CLOSED-1", "passed"),
            org.assertj.core.groups.Tuple.tuple("9293/EP-SYNRCVD-1", "broken"));
    then(m.otherTests()).hasSize(1);
    then(m.gateViolations()).singleElement().asString()
        .startsWith("broken: dev.x.PassiveOpenTest.handshake");
  }

  @Test
  public void should_write_compliance_json_and_fail_the_gate_on_a_broken_test() throws Exception {
    // GIVEN
    Path outDir = Files.createTempDirectory("compliance");
    // WHEN
    int code = run("--results", resource("results").toString(), "--out", outDir.toString(),
        "--baseline", resource("linux.baseline").toString(), "--gate");
    // THEN
    then(code).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(outDir.resolve("compliance.json").toFile());
    then(json.path("schema").asText()).isEqualTo("tcpconform-compliance/1");
    then(json.path("summary").path("tests").path("total").asInt()).isEqualTo(3);
    then(json.path("summary").path("tests").path("baselineDeviation").asInt()).isEqualTo(1);
    then(json.path("tests").get(0).path("baselineReason").asText())
        .isEqualTo("linear SYN timeouts");
    then(json.path("requirements").size()).isEqualTo(4);
    then(out.toString(StandardCharsets.UTF_8)).contains("GATE FAILED: 1 test(s)");
  }

  @Test
  public void should_say_in_one_line_what_is_wrong_with_the_arguments() {
    then(run("--results")).isEqualTo(2);
    then(run("--results", "/nonexistent", "--out", "/tmp/x")).isEqualTo(2);
    then(run("--bogus", "1")).isEqualTo(2);
    then(err.toString(StandardCharsets.UTF_8).lines()).hasSize(3)
        .allMatch(l -> l.startsWith("tcpconform report: "));
    then(err.toString(StandardCharsets.UTF_8)).contains("run the suite first");
  }

  @Test
  public void should_mark_baselined_results_for_the_html_report_and_leave_the_rest() throws Exception {
    // GIVEN a copy of a run's results, one of them a failure the baseline accepts
    Path dir = Files.createTempDirectory("marks");
    try (var files = Files.list(resource("results"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    // WHEN they are marked against the baseline
    int code = run("--results", dir.toString(), "--out", dir.toString(), "--baseline",
        resource("linux.baseline").toString(), "--mark-baseline");
    // THEN the baselined failure says so first and carries the tag; categories sort it apart
    then(code).isEqualTo(0);
    AllureResults r = AllureResults.read(dir);
    then(r.outcomes()).filteredOn(o -> o.key().equals("dev.x.ActiveOpenTest.backoff"))
        .singleElement().extracting(TestOutcome::message).asString()
        .startsWith("[baseline deviation] linear SYN timeouts");
    then(r.outcomes()).filteredOn(o -> !o.key().equals("dev.x.ActiveOpenTest.backoff"))
        .allSatisfy(o -> then(String.valueOf(o.message())).doesNotContain("baseline deviation"));
    then(Files.readString(dir.resolve("categories.json"))).contains("Baseline deviations");
    // AND marking twice changes nothing more
    run("--results", dir.toString(), "--out", dir.toString(), "--baseline",
        resource("linux.baseline").toString(), "--mark-baseline");
    then(AllureResults.read(dir).outcomes()).filteredOn(o -> o.key().equals("dev.x.ActiveOpenTest.backoff"))
        .singleElement().extracting(TestOutcome::message).asString()
        .doesNotContain("] [baseline deviation]");
  }
}
