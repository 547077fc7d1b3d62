package dev.tcpconform.reports;

import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The mutation matrix: {@code MutantsCommand --runs DIR --out FILE}. {@code DIR/reference} holds
 * the Allure results of the suite against the unmutated Linux target, {@code DIR/<mutant>} those
 * against each mutant (see the test-suites' {@code Mutants}). A mutant is caught by the tests
 * that failed against it but passed against the reference; a failure the reference shares (a
 * baselined deviation) catches nothing, nor does a broken test (the harness could not check).
 * A mutant named {@code conforming-*} only turns optional features off: a test failing against it
 * is a false alarm. Writes a Markdown table of the mutants, the tests that caught each and the
 * conformance tests no mutant caught; exit 1 when a mutant was caught by no test or a conforming
 * variant drew a failure, 2 on bad input.
 */
public final class MutantsCommand {

  private MutantsCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 4 || !args[0].equals("--runs") || !args[2].equals("--out")) {
      err.println("tcpconform mutants: usage: MutantsCommand --runs DIR --out FILE");
      return 2;
    }
    Path runs = Path.of(args[1]);
    Path file = Path.of(args[3]);
    try {
      Map<String, String> reference = statuses(runs.resolve("reference"));
      List<String> mutants = new ArrayList<>();
      try (Stream<Path> dirs = Files.list(runs)) {
        dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
            .filter(n -> !n.equals("reference")).sorted().forEach(mutants::add);
      }
      Map<String, List<String>> caught = new LinkedHashMap<>();
      TreeSet<String> everCaught = new TreeSet<>();
      for (String m : mutants) {
        List<String> tests = new ArrayList<>();
        statuses(runs.resolve(m)).forEach((key, status) -> {
          if (status.equals("failed") && "passed".equals(reference.get(key))) {
            tests.add(key);
          }
        });
        caught.put(m, tests);
        if (!conforming(m)) {
          everCaught.addAll(tests);
        }
      }
      List<String> neverCaught = reference.entrySet().stream()
          .filter(e -> e.getValue().equals("passed") && !everCaught.contains(e.getKey()))
          .map(Map.Entry::getKey).sorted().toList();
      List<String> uncaught = caught.entrySet().stream()
          .filter(e -> !conforming(e.getKey()) && e.getValue().isEmpty())
          .map(Map.Entry::getKey).toList();
      List<String> falseAlarms = caught.entrySet().stream()
          .filter(e -> conforming(e.getKey()) && !e.getValue().isEmpty())
          .map(Map.Entry::getKey).toList();
      long real = caught.keySet().stream().filter(m -> !conforming(m)).count();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, markdown(caught, neverCaught, reference.size()));
      caught.forEach((m, t) -> out.printf("  %-34s caught by %d test(s)%n", m, t.size()));
      out.printf("%d mutants, %d caught (kill rate %d %%); %d conforming variants, %d false"
          + " alarms; %d of %d conformance tests that pass on the reference caught at least one"
          + " mutant; written to %s%n", real, real - uncaught.size(),
          real == 0 ? 0 : 100 * (real - uncaught.size()) / real, caught.size() - real,
          falseAlarms.size(), everCaught.size(), everCaught.size() + neverCaught.size(), file);
      if (!uncaught.isEmpty()) {
        out.println("MUTANTS NO TEST CAUGHT: " + String.join(", ", uncaught));
      }
      if (!falseAlarms.isEmpty()) {
        out.println("FALSE ALARMS (tests failing against a conforming variant): "
            + String.join(", ", falseAlarms));
      }
      return uncaught.isEmpty() && falseAlarms.isEmpty() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("tcpconform mutants: " + e.getMessage());
      return 2;
    }
  }

  /** A conforming variant: optional features off, nothing may fail. */
  private static boolean conforming(String mutant) {
    return mutant.startsWith("conforming-");
  }

  /** Status by test key of one run's conformance tests. */
  private static Map<String, String> statuses(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no results in " + dir + " (run ./tcpconform mutants)");
    }
    Map<String, String> s = new LinkedHashMap<>();
    for (TestOutcome o : AllureResults.read(dir).outcomes()) {
      if (o.isConformanceTest()) {
        // a retried test has one result per attempt: the last one stands
        s.put(o.key(), o.status());
      }
    }
    return s;
  }

  private static String markdown(Map<String, List<String>> caught, List<String> neverCaught,
      int tests) {
    StringBuilder b = new StringBuilder("# Mutation matrix\n\n");
    b.append("Each mutant is the Linux target broken one way; a test catches it when it fails")
        .append(" against the mutant and passes against the unmutated target (").append(tests)
        .append(" conformance tests).\n\n| mutant | tests that caught it |\n|---|---|\n");
    caught.forEach((m, t) -> b.append("| ").append(m).append(" | ").append(t.size())
        .append(t.isEmpty() ? (conforming(m) ? " (conforming: none may fail)" : " (**not caught**)")
            : (conforming(m) ? " **false alarms**: " : ": ") + String.join("<br>", shortNames(t)))
        .append(" |\n"));
    b.append("\n## Conformance tests no mutant caught (").append(neverCaught.size())
        .append(")\n\nEach is shown failing against a fault of its own by the fault")
        .append(" demonstrations (`FaultDemonstrationTest`), or its reason is listed there.\n\n");
    neverCaught.forEach(t -> b.append("- `").append(t).append("`\n"));
    return b.toString();
  }

  private static List<String> shortNames(List<String> keys) {
    return keys.stream().map(k -> k.replace("dev.tcpconform.suites.", "")).toList();
  }
}
