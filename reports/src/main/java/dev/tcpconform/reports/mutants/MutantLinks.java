package dev.tcpconform.reports.mutants;

import dev.tcpconform.reports.compare.EvidenceLinks;
import dev.tcpconform.reports.results.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the evidence of a test's run against a mutant lies, as a link relative to the report's
 * directory: {@code ./tcpconform mutants} keeps each run's captures in
 * {@code <evidence>/<mutant>/captures/<class>/<method>[-<first parameter>].ladder.txt} (and
 * {@code .pcap}), named as the suite names them ({@link EvidenceLinks#captureName}). A ladder
 * that is not there is not linked.
 */
public final class MutantLinks {

  private final Path reportDir;
  private final Path evidence;

  private MutantLinks(Path reportDir, Path evidence) {
    this.reportDir = reportDir;
    this.evidence = evidence;
  }

  /** Links from {@code reportDir} into {@code evidence} (one directory per mutant). */
  public static MutantLinks of(Path reportDir, Path evidence) {
    return new MutantLinks(reportDir.toAbsolutePath().normalize(),
        evidence.toAbsolutePath().normalize());
  }

  /** No evidence to link. */
  public static MutantLinks none() {
    return new MutantLinks(null, null);
  }

  /** The ladder of {@code test}'s run against {@code mutant}, if it is there. */
  public Optional<String> ladder(String mutant, TestOutcome test) {
    if (evidence == null) {
      return Optional.empty();
    }
    Path ladder = evidence.resolve(mutant).resolve("captures")
        .resolve(EvidenceLinks.captureName(test) + ".ladder.txt");
    if (!Files.isRegularFile(ladder)) {
      return Optional.empty();
    }
    return Optional.of(reportDir.relativize(ladder).toString().replace('\\', '/'));
  }
}
