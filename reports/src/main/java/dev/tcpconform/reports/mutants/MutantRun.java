package dev.tcpconform.reports.mutants;

import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One run of the conformance suite in a mutation matrix: against the unmutated Linux target (the
 * reference) or against one mutant, as its Allure results directory holds it. What the mutant
 * breaks is read from the directory's {@code environment.properties}, where the suite writes it
 * ({@code tcpconform.mutant.what}, {@code tcpconform.mutant.faults}).
 *
 * @param name the directory's name: {@code reference}, or the mutant's
 * @param what what the mutant breaks, or null when the results do not say
 * @param faults how (netfilter rules, sysctls...), or null when the results do not say
 * @param tests the conformance tests' outcomes by {@link TestOutcome#key()} (a retried test's
 *     last attempt)
 * @param others the other results of the run (the fault demonstrations of the reference)
 */
public record MutantRun(String name, String what, String faults, Map<String, TestOutcome> tests,
    List<TestOutcome> others) {

  public static final String REFERENCE = "reference";

  public MutantRun {
    tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    others = List.copyOf(others);
  }

  /** A mutant named {@code conforming-*} only turns optional features off: nothing may fail. */
  public boolean isConformingVariant() {
    return name.startsWith("conforming-");
  }

  /** The run in {@code dir}; an IOException saying so when there is none. */
  public static MutantRun read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no results in " + dir + " (run ./tcpconform mutants)");
    }
    Map<String, TestOutcome> tests = new LinkedHashMap<>();
    List<TestOutcome> others = new ArrayList<>();
    for (TestOutcome o : AllureResults.read(dir).outcomes()) {
      if (o.isConformanceTest()) {
        tests.put(o.key(), o);
      } else {
        others.add(o);
      }
    }
    Properties env = new Properties();
    Path file = dir.resolve("environment.properties");
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        env.load(r);
      }
    }
    return new MutantRun(dir.getFileName().toString(), env.getProperty("tcpconform.mutant.what"),
        env.getProperty("tcpconform.mutant.faults"), tests, others);
  }

  /** The conformance test's status in this run, or null when it did not run. */
  public String status(String key) {
    TestOutcome o = tests.get(key);
    return o == null ? null : o.status();
  }
}
