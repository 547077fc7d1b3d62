package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.target.TargetProfile;
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
 * Says in the run's Allure results what the run was against: {@code environment.properties} in
 * the results directory (Allure's environment, shown in its report) holds the target's profile
 * ({@code target}, {@code target.description}, {@code target.lacks}, {@code target.notes}: what
 * the compliance matrix says about each column), the IP version the run's tests went over
 * ({@code ip.version}, 4 or 6; {@code target} is then {@code <profile>.ipv6}) and, when system property
 * {@code tcpconform.mutant} names one ({@link Mutants}), the mutant: {@code tcpconform.mutant}
 * (the name), {@code tcpconform.mutant.what} (what it breaks) and {@code tcpconform.mutant.faults}
 * (how), which the mutation matrix reads. Reports read results, never test code.
 */
public final class RunEnvironment implements ISuiteListener {

  @Override
  public void onStart(ISuite suite) {
    Properties p = new Properties();
    try {
      TargetProfile profile =
          TargetProfile.load(System.getProperty("tcpconform.target", TargetProfile.DEFAULT));
      p.setProperty("target", SharedTestbed.runName(profile.name()));
      p.setProperty("target.description", profile.description());
      if (!profile.lacks().isEmpty()) {
        p.setProperty("target.lacks", String.join(", ", profile.lacks()));
      }
      if (!profile.notes().isEmpty()) {
        p.setProperty("target.notes", profile.notes());
      }
    } catch (HarnessException e) {
      // a bad target name: the first test says so
    }
    p.setProperty("ip.version", String.valueOf(SharedTestbed.ipVersion().number()));
    p.setProperty("harness.kernel", System.getProperty("os.version"));
    p.setProperty("harness.lanes", String.valueOf(Integer.getInteger("tcpconform.lanes", 2)));
    Mutants.current().ifPresent(m -> {
      p.setProperty("tcpconform.mutant", m.name());
      p.setProperty("tcpconform.mutant.what", m.what());
      p.setProperty("tcpconform.mutant.faults",
          m.faults().stream().map(String::valueOf).collect(Collectors.joining("; ")));
    });
    Path dir = Path.of(System.getProperty("allure.results.directory", "allure-results"));
    try {
      Files.createDirectories(dir);
      try (Writer w = Files.newBufferedWriter(dir.resolve("environment.properties"),
          StandardCharsets.UTF_8)) {
        p.store(w, "what this run was against");
      }
    } catch (IOException e) {
      System.out.println("tcpconform: could not write " + dir.resolve("environment.properties")
          + ": " + e.getMessage());
    }
  }
}
