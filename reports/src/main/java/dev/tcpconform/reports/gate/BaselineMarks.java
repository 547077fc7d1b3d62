package dev.tcpconform.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Marks the results of a run that the target's baseline accepts, before the Allure report is
 * made of them: such a result keeps its status (the rule was broken), gains the tag
 * {@code baseline-deviation}, and its message starts with {@code [baseline deviation] <reason>};
 * a {@code categories.json} sorts them into "Baseline deviations (known, accepted)", apart from
 * "Rule violations" (failed) and "Harness problems" (broken).
 */
public final class BaselineMarks {

  static final String PREFIX = "[baseline deviation] ";

  private BaselineMarks() {}

  /** Marks the results in {@code dir}; returns how many were marked. */
  public static int mark(Path dir, Baseline baseline) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
    }
    int marked = 0;
    for (Path f : files) {
      JsonNode n;
      try {
        n = json.readTree(f.toFile());
      } catch (IOException e) {
        continue; // the compliance step reports unreadable results
      }
      if (!(n instanceof ObjectNode o) || !n.has("fullName")) {
        continue;
      }
      String status = n.path("status").asText();
      if (!status.equals("failed") && !status.equals("broken")) {
        continue;
      }
      TestOutcome outcome = AllureResults.outcome(n);
      Optional<String> reason = baseline.reasonFor(outcome);
      String message = n.path("statusDetails").path("message").asText("");
      if (reason.isEmpty() || message.startsWith(PREFIX)) {
        continue;
      }
      ObjectNode details = o.has("statusDetails") && o.get("statusDetails").isObject()
          ? (ObjectNode) o.get("statusDetails") : o.putObject("statusDetails");
      details.put("message", PREFIX + reason.get() + "\n\n" + message);
      details.put("known", true);
      ArrayNode labels = o.has("labels") && o.get("labels").isArray()
          ? (ArrayNode) o.get("labels") : o.putArray("labels");
      labels.addObject().put("name", "tag").put("value", "baseline-deviation");
      json.writeValue(f.toFile(), o);
      marked++;
    }
    Files.writeString(dir.resolve("categories.json"), """
        [
          {"name": "Baseline deviations (known, accepted)", "matchedStatuses": ["failed", "broken"],
           "messageRegex": "(?s)^\\\\[baseline deviation\\\\].*"},
          {"name": "Rule violations", "matchedStatuses": ["failed"]},
          {"name": "Harness problems (broken)", "matchedStatuses": ["broken"]}
        ]
        """);
    return marked;
  }
}
