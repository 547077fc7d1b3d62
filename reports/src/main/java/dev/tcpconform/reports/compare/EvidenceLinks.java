package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.results.TestOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a test's evidence lies in the output directory of a run over several targets, as a path
 * relative to that directory. Each target has its own directory there:
 * {@code <target>/allure/index.html} (the target's Allure report) and
 * {@code <target>/captures/<class>/<method>[-<first parameter>].ladder.txt} (and {@code .pcap}),
 * where the class is the simple name of the class the test ran in (Allure's {@code testClass}
 * label, else the class of its full name) and the first parameter is written with every run of
 * characters outside {@code [A-Za-z0-9_.-]} replaced by {@code _}, as the suite names captures.
 *
 * <p>When the target's {@code captures} directory is already there, a ladder is linked only if
 * it exists, and the Allure report otherwise; when it is not (captures are copied in later), the
 * derived path is linked as is.
 */
public final class EvidenceLinks {

  private final Path outDir;
  private final Map<String, AllureEntries> entries = new HashMap<>();

  private EvidenceLinks(Path outDir) {
    this.outDir = outDir;
  }

  /** Links checked against the files under {@code outDir} where its captures are present. */
  public static EvidenceLinks in(Path outDir) {
    return new EvidenceLinks(outDir);
  }

  /** Links derived from the names alone, never checked. */
  public static EvidenceLinks derived() {
    return new EvidenceLinks(null);
  }

  /** The target's Allure report. */
  public String report(String target) {
    return target + "/allure/index.html";
  }

  /**
   * The test's own entry in the target's Allure report ({@code index.html#testresult/<uid>}),
   * as an href; the report's front page when the report is not there yet or does not have the
   * test (links derived from names alone have no entries).
   */
  public String allureEntry(String target, TestOutcome test) {
    String report = href(report(target));
    if (outDir == null) {
      return report;
    }
    AllureEntries e = entries.computeIfAbsent(target,
        t -> AllureEntries.of(outDir.resolve(report(t))));
    return e.uid(test.key()).map(uid -> report + "#testresult/" + href(uid)).orElse(report);
  }

  /** The target's compliance.json. */
  public String compliance(String target) {
    return target + "/compliance.json";
  }

  /** The test's ladder, or the target's Allure report when there is no ladder to link. */
  public String of(String target, TestOutcome test) {
    String ladder = target + "/captures/" + captureName(test) + ".ladder.txt";
    if (outDir != null) {
      Path captures = outDir.resolve(target).resolve("captures");
      if (Files.isDirectory(captures) && !Files.isRegularFile(outDir.resolve(ladder))) {
        return report(target);
      }
    }
    return ladder;
  }

  /** {@code <class>/<method>[-<first parameter>]}, as the suite names a test's evidence. */
  public static String captureName(TestOutcome test) {
    String full = test.fullName();
    int dot = full.lastIndexOf('.');
    String method = full.substring(dot + 1);
    String className = test.testClass() != null ? test.testClass()
        : dot < 0 ? "" : full.substring(0, dot);
    String simple = className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    String name = simple + "/" + method;
    if (!test.parameters().isEmpty()) {
      name += "-" + test.parameters().get(0).replaceAll("[^A-Za-z0-9_.-]+", "_");
    }
    return name;
  }

  /**
   * A relative path as a URI reference: every byte outside {@code [A-Za-z0-9_.~/-]} of its UTF-8
   * form percent-encoded.
   */
  public static String href(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "_.~/-".indexOf(c) >= 0)) {
        b.append(c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
