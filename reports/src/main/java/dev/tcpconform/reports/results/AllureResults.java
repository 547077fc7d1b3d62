package dev.tcpconform.reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a directory of Allure results ({@code *-result.json}) into {@link TestOutcome}s. Files
 * that are not readable results are listed in {@link #problems()}, not thrown. When a test has
 * several results (a retry), the one that ended last is kept.
 */
public final class AllureResults {

  private final List<TestOutcome> outcomes;
  private final List<String> problems;

  private AllureResults(List<TestOutcome> outcomes, List<String> problems) {
    this.outcomes = outcomes;
    this.problems = problems;
  }

  public static AllureResults read(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode n;
      try {
        n = json.readTree(f.toFile());
      } catch (IOException e) {
        problems.add(f.getFileName() + ": not JSON (" + e.getMessage().lines().findFirst()
            .orElse("") + ")");
        continue;
      }
      if (n == null || !n.has("fullName") || !n.has("status")) {
        problems.add(f.getFileName() + ": not an Allure test result (no fullName or status)");
        continue;
      }
      String id = n.path("historyId").asText(n.path("fullName").asText() + n.path("parameters"));
      JsonNode previous = latest.get(id);
      if (previous == null || n.path("stop").asLong() >= previous.path("stop").asLong()) {
        latest.put(id, n);
      }
    }
    List<TestOutcome> out = new ArrayList<>();
    for (JsonNode n : latest.values()) {
      out.add(outcome(n));
    }
    out.sort(Comparator.comparing(TestOutcome::fullName).thenComparing(o -> o.parameters().toString()));
    return new AllureResults(out, problems);
  }

  /** One result file's content, as an outcome. */
  public static TestOutcome outcome(JsonNode n) {
    List<String> requirements = new ArrayList<>();
    Map<String, String> levels = new LinkedHashMap<>();
    String target = null;
    String testClass = null;
    String demonstrates = null;
    for (JsonNode l : n.path("labels")) {
      String name = l.path("name").asText();
      String value = l.path("value").asText();
      if (name.equals("requirement") && !requirements.contains(value)) {
        requirements.add(value);
      } else if (name.equals("requirementLevel") && value.contains("=")) {
        levels.put(value.substring(0, value.lastIndexOf('=')),
            value.substring(value.lastIndexOf('=') + 1));
      } else if (name.equals("target")) {
        target = value;
      } else if (name.equals("testClass")) {
        testClass = value;
      } else if (name.equals("demonstrates")) {
        demonstrates = value;
      }
    }
    // in declaration order: Allure writes a data provider's arg0, arg1, ... in no fixed order
    List<JsonNode> params = new ArrayList<>();
    n.path("parameters").forEach(params::add);
    params.sort(Comparator.comparingLong(p -> position(p.path("name").asText())));
    List<String> parameters = new ArrayList<>();
    for (JsonNode p : params) {
      parameters.add(p.path("value").asText());
    }
    String message = n.path("statusDetails").path("message").asText(null);
    if (message != null) {
      message = message.strip().lines().findFirst().orElse(null);
    }
    long start = n.path("start").asLong();
    long stop = n.path("stop").asLong();
    return new TestOutcome(n.path("name").asText(n.path("fullName").asText()),
        n.path("fullName").asText(), List.copyOf(parameters), n.path("status").asText("unknown"),
        Math.max(0, stop - start), List.copyOf(requirements), Map.copyOf(levels), target, message,
        testClass, demonstrates);
  }

  /** {@code arg7} is 7; a name of another form keeps its place after the numbered ones. */
  private static long position(String name) {
    return name.matches("arg\\d{1,9}") ? Long.parseLong(name.substring(3)) : Long.MAX_VALUE;
  }

  public List<TestOutcome> outcomes() {
    return outcomes;
  }

  public List<String> problems() {
    return problems;
  }
}
