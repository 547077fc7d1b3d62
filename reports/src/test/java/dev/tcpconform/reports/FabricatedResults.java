package dev.tcpconform.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpconform.reports.gate.Baseline;
import dev.tcpconform.reports.matrix.ComplianceMatrix;
import dev.tcpconform.reports.results.AllureResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of Allure result files written by a test, one {@code <n>-result.json} per
 * {@link #test} call, the way the suite's Allure listener writes them (labels requirement,
 * requirementLevel, target and testClass, and demonstrates for a fault demonstration; parameters
 * arg0, arg1...).
 */
public final class FabricatedResults {

  private final Path dir;
  private final String target;
  private final StringBuilder baseline = new StringBuilder();
  private int n;
  private String nextTestClass;
  private String nextDemonstrates;

  private FabricatedResults(Path dir, String target) {
    this.dir = dir;
    this.target = target;
  }

  /** An empty results directory of {@code target}, under a fresh temporary directory. */
  public static FabricatedResults of(String target) {
    try {
      return new FabricatedResults(
          Files.createDirectories(Files.createTempDirectory("results").resolve(target)), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a result.
   *
   * @param fullName class and method
   * @param status passed, failed, broken or skipped
   * @param message the status message, or null
   * @param parameters the data provider's values ({@code null} for none)
   * @param requirements {@code id=LEVEL} each
   */
  public FabricatedResults test(String fullName, String status, String message,
      String[] parameters, String... requirements) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode r = json.createObjectNode();
    r.put("uuid", "u" + n);
    r.put("historyId", "h" + n);
    r.put("fullName", fullName);
    r.put("name", fullName.substring(fullName.lastIndexOf('.') + 1).replace('_', ' '));
    r.put("status", status);
    r.put("start", 1000);
    r.put("stop", 1250);
    if (message != null) {
      r.putObject("statusDetails").put("message", message + "\nmore lines");
    }
    ArrayNode labels = r.putArray("labels");
    labels.addObject().put("name", "target").put("value", target);
    labels.addObject().put("name", "testClass").put("value", nextTestClass != null
        ? nextTestClass : fullName.substring(0, fullName.lastIndexOf('.')));
    nextTestClass = null;
    if (nextDemonstrates != null) {
      labels.addObject().put("name", "demonstrates").put("value", nextDemonstrates);
      nextDemonstrates = null;
    }
    for (String req : requirements) {
      String id = req.substring(0, req.lastIndexOf('='));
      labels.addObject().put("name", "requirement").put("value", id);
      labels.addObject().put("name", "requirementLevel").put("value", req);
    }
    ArrayNode params = r.putArray("parameters");
    if (parameters != null) {
      for (int i = parameters.length - 1; i >= 0; i--) { // Allure keeps no order
        params.addObject().put("name", "arg" + i).put("value", parameters[i]);
      }
    }
    try {
      json.writeValue(dir.resolve(n++ + "-result.json").toFile(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds a result without parameters. */
  public FabricatedResults test(String fullName, String status, String... requirements) {
    return test(fullName, status, status.equals("passed") ? null : status + " because",
        null, requirements);
  }

  /**
   * Adds the result of a fault demonstration (FaultDemonstrationTest's row {@code row}) that shows
   * the conformance test {@code demonstrates} failing, as its label names it.
   *
   * @param status passed (the conformance test failed against the fault), failed or broken
   */
  public FabricatedResults demonstration(String row, String demonstrates, String status) {
    nextDemonstrates = demonstrates;
    return test("dev.tcpconform.suites.demonstrations.FaultDemonstrationTest"
        + ".conformance_test_fails_against_a_fault_injected_target", status,
        status.equals("passed") ? null : "Expecting actual throwable to be an instance of"
            + " AssertionError", new String[] {row, row});
  }

  /** Writes the run's environment.properties, as the suite does for a run against a mutant. */
  public FabricatedResults mutant(String what, String faults) {
    try {
      Files.writeString(dir.resolve("environment.properties"), "#the mutant\n"
          + "tcpconform.mutant=" + target + "\ntcpconform.mutant.what=" + what
          + "\ntcpconform.mutant.faults=" + faults + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The next result's test ran in {@code testClass}, a subclass of its method's class. */
  public FabricatedResults ranIn(String testClass) {
    nextTestClass = testClass;
    return this;
  }

  /** Lists {@code key} in the target's baseline. */
  public FabricatedResults baseline(String key, String reason) {
    baseline.append(key).append(" = ").append(reason).append('\n');
    return this;
  }

  public Path dir() {
    return dir;
  }

  public String target() {
    return target;
  }

  /** The baseline file, written now. */
  public Path baselineFile() {
    try {
      return Files.writeString(dir.resolveSibling(target + ".baseline"), baseline);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code NAME=RESULTS_DIR,BASELINE_FILE}, as MatrixCommand's --target takes it. */
  public String targetArgument() {
    return target + "=" + dir + "," + baselineFile();
  }

  /** The target's verdicts, as the reports module reads them. */
  public ComplianceMatrix matrix() {
    try {
      return ComplianceMatrix.of(target, AllureResults.read(dir).outcomes(),
          Baseline.load(baselineFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
