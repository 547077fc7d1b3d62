package dev.tcpconform.reports.mutants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpconform.reports.mutants.MutationMatrix.MutantResult;
import dev.tcpconform.reports.mutants.MutationMatrix.TestRow;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a {@link MutationMatrix} as {@code mutants.json} (schema tcpconform-mutants/1,
 * described in the module's README-schema.md): the totals, every mutant with its verdict and the
 * tests that caught it, every conformance test with the mutants it catches and the reason it can
 * fail, and the tests with no stated reason.
 */
public final class MutantsJson {

  public static final String SCHEMA = "tcpconform-mutants/1";

  private MutantsJson() {}

  public static ObjectNode toJson(MutationMatrix m, MutantLinks links, Instant generatedAt) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", generatedAt.toString());
    ObjectNode totals = root.putObject("totals");
    totals.put("mutants", m.mutantCount());
    totals.put("caught", m.caughtCount());
    totals.put("killRatePercent", m.killRatePercent());
    totals.put("conformingVariants", m.conformingCount());
    totals.put("falseAlarms", m.falseAlarms().size());
    totals.put("tests", m.tests().size());
    totals.put("passingOnReference", m.passingOnReference());
    totals.put("caughtByAMutant", m.count(Reason.Kind.MUTANT));
    totals.put("shownFailingByAFaultDemonstration", m.count(Reason.Kind.FAULT_DEMONSTRATION));
    totals.put("shownFailingThroughAnotherCase",
        m.count(Reason.Kind.CASE_DEMONSTRATION));
    totals.put("noStatedReason", m.unexplained().size());
    totals.put("faultDemonstrations", m.demonstrationCount());
    ArrayNode mutants = root.putArray("mutants");
    for (MutantResult r : m.mutants()) {
      ObjectNode n = mutants.addObject();
      n.put("name", r.name());
      n.put("kind", r.isConformingVariant() ? "conforming-variant" : "mutant");
      n.put("what", r.run().what());
      n.put("faults", r.run().faults());
      n.put("verdict", r.verdict());
      ArrayNode failed = n.putArray("failed");
      for (TestOutcome o : r.failed()) {
        ObjectNode f = failed.addObject();
        f.put("key", o.key());
        f.put("message", o.message());
        f.put("evidence", links.ladder(r.name(), o).orElse(null));
      }
    }
    ArrayNode tests = root.putArray("tests");
    for (TestRow t : m.tests()) {
      ObjectNode n = tests.addObject();
      n.put("key", t.key());
      n.put("reference", t.reference().status());
      t.caughtBy().forEach(n.putArray("caughtBy")::add);
      t.falseAlarmOf().forEach(n.putArray("falseAlarmOf")::add);
      n.put("proof", t.reason().kind().label());
      n.put("reason", t.reason().text());
      n.put("demonstration", t.reason().demonstration());
    }
    ArrayNode unexplained = root.putArray("noStatedReason");
    m.unexplained().forEach(t -> unexplained.add(t.key()));
    return root;
  }

  public static void write(MutationMatrix m, MutantLinks links, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson(m, links, Instant.now()));
  }
}
