package dev.tcpconform.reports.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a {@link ComplianceMatrix} as {@code compliance.json} (schema tcpconform-compliance/1). */
public final class ComplianceJson {

  public static final String SCHEMA = "tcpconform-compliance/1";
  private static final List<String> STATUSES =
      List.of("passed", "failed", "broken", "skipped", "baseline-deviation");

  private ComplianceJson() {}

  public static ObjectNode toJson(ComplianceMatrix m, Instant generatedAt) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", generatedAt.toString());
    root.put("target", m.target());
    ObjectNode summary = root.putObject("summary");
    ObjectNode tests = summary.putObject("tests");
    tests.put("total", m.tests().size());
    for (String s : STATUSES) {
      tests.put(camel(s), m.tests().stream().filter(t -> t.status().equals(s)).count());
    }
    ObjectNode reqs = summary.putObject("requirements");
    reqs.put("total", m.requirements().size());
    Map<String, ObjectNode> byLevel = new TreeMap<>();
    for (ComplianceMatrix.RequirementRow r : m.requirements()) {
      ObjectNode l = byLevel.computeIfAbsent(r.level(), k -> {
        ObjectNode n = json.createObjectNode();
        STATUSES.forEach(s -> n.put(camel(s), 0));
        return n;
      });
      l.put(camel(r.verdict()), l.get(camel(r.verdict())).asInt() + 1);
    }
    ObjectNode levels = reqs.putObject("byLevel");
    byLevel.forEach(levels::set);
    summary.put("otherTests", m.otherTests().size());
    ArrayNode testArray = root.putArray("tests");
    for (ComplianceMatrix.TestRow t : m.tests()) {
      ObjectNode n = testArray.addObject();
      n.put("name", t.outcome().name());
      n.put("fullName", t.outcome().fullName());
      ArrayNode params = n.putArray("parameters");
      t.outcome().parameters().forEach(params::add);
      ArrayNode ids = n.putArray("requirements");
      t.outcome().requirements().forEach(ids::add);
      n.put("status", t.status());
      n.put("durationMs", t.outcome().durationMs());
      n.put("message", t.outcome().message());
      n.put("baselineReason", t.baselineReason());
    }
    ArrayNode reqArray = root.putArray("requirements");
    for (ComplianceMatrix.RequirementRow r : m.requirements()) {
      ObjectNode n = reqArray.addObject();
      n.put("id", r.id());
      n.put("level", r.level());
      n.put("verdict", r.verdict());
      ArrayNode t = n.putArray("tests");
      r.tests().forEach(t::add);
    }
    ArrayNode stale = root.putArray("staleBaselineEntries");
    m.staleBaseline().forEach(stale::add);
    return root;
  }

  public static void write(ComplianceMatrix m, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson(m, Instant.now()));
  }

  private static String camel(String status) {
    return status.equals("baseline-deviation") ? "baselineDeviation" : status;
  }
}
