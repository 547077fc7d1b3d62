package dev.tcpconform.reports.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import dev.tcpconform.reports.matrix.LevelGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link TargetMatrix} as the run's combined {@code compliance.json} (schema
 * tcpconform-matrix/1, described in the module's README-schema.md): the targets with their
 * availability and counts, then every requirement with each target's verdict and tests.
 */
public final class MatrixJson {

  public static final String SCHEMA = "tcpconform-matrix/1";

  private MatrixJson() {}

  public static ObjectNode toJson(TargetMatrix m, EvidenceLinks links, Instant generatedAt) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", generatedAt.toString());
    ArrayNode targets = root.putArray("targets");
    for (TargetRun t : m.targets()) {
      ObjectNode n = targets.addObject();
      n.put("name", t.name());
      n.put("available", t.isAvailable());
      n.put("reason", t.unavailableReason());
      n.put("report", t.isAvailable() ? links.report(t.name()) : null);
      n.put("compliance", t.isAvailable() ? links.compliance(t.name()) : null);
      ObjectNode summary = n.putObject("summary");
      ObjectNode tests = summary.putObject("tests");
      if (t.isAvailable()) {
        tests.put("total", t.matrix().tests().size());
        t.testCounts().forEach((s, c) -> tests.put(camel(s), c));
      }
      ObjectNode reqs = summary.putObject("requirements");
      reqs.put("total", m.rows().size());
      ObjectNode groups = reqs.putObject("byLevelGroup");
      for (Map.Entry<LevelGroup, Map<String, Integer>> g : m.totals(t.name()).entrySet()) {
        ObjectNode counts = groups.putObject(g.getKey().name());
        g.getValue().forEach((v, c) -> counts.put(camel(v), c));
      }
    }
    ArrayNode rows = root.putArray("requirements");
    for (MatrixRow r : m.rows()) {
      ObjectNode n = rows.addObject();
      n.put("id", r.id());
      n.put("level", r.level());
      n.put("levelGroup", r.group().name());
      n.put("text", r.text());
      n.put("inCatalogue", r.inCatalogue());
      n.put("differs", r.differs());
      ObjectNode verdicts = n.putObject("verdicts");
      ObjectNode tests = n.putObject("tests");
      for (Map.Entry<String, Cell> c : r.cells().entrySet()) {
        verdicts.put(c.getKey(), c.getValue().verdict());
        ArrayNode list = tests.putArray(c.getKey());
        for (TestRow t : c.getValue().tests()) {
          ObjectNode tn = list.addObject();
          tn.put("key", t.outcome().key());
          tn.put("status", t.status());
          tn.put("evidence", links.of(c.getKey(), t.outcome()));
          tn.put("message", t.outcome().message());
          tn.put("baselineReason", t.baselineReason());
        }
      }
    }
    return root;
  }

  public static void write(TargetMatrix m, EvidenceLinks links, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson(m, links, Instant.now()));
  }

  /** {@code baseline-deviation} as {@code baselineDeviation}, as compliance.json counts it. */
  static String camel(String verdict) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : verdict.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
