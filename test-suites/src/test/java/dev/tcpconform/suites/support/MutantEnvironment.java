package dev.tcpconform.suites.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * Says in the run's Allure results which mutant the run was against ({@link Mutants}): when
 * system property {@code tcpconform.mutant} names one, {@code environment.properties} in the
 * results directory (Allure's environment, shown in its report) holds
 * {@code tcpconform.mutant} (the name), {@code tcpconform.mutant.what} (what it breaks) and
 * {@code tcpconform.mutant.faults} (how). The mutation matrix reads them from there: reports read
 * results, never test code.
 */
public final class MutantEnvironment implements ISuiteListener {

  @Override
  public void onStart(ISuite suite) {
    Mutants.current().ifPresent(m -> {
      Properties p = new Properties();
      p.setProperty("tcpconform.mutant", m.name());
      p.setProperty("tcpconform.mutant.what", m.what());
      p.setProperty("tcpconform.mutant.faults",
          m.faults().stream().map(String::valueOf).collect(Collectors.joining("; ")));
      Path dir = Path.of(System.getProperty("allure.results.directory", "allure-results"));
      try {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("environment.properties"),
            StandardCharsets.UTF_8)) {
          p.store(w, "the mutant this run was against");
        }
      } catch (IOException e) {
        System.out.println("tcpconform: could not write " + dir.resolve("environment.properties")
            + ": " + e.getMessage());
      }
    });
  }
}
