package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Testbed;
import dev.tcpconform.core.target.TargetProfile;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * The one test bed of a test JVM, started lazily by the first class that needs a lane and closed
 * when the suite ends (the reaper's watchdog and shutdown hook cover a JVM that dies instead).
 * Lanes at once: system property {@code tcpconform.lanes} (default 2); the target: system property
 * {@code tcpconform.target}, a profile name (default {@code linux-netns}).
 */
public final class SharedTestbed implements ISuiteListener {

  private static Testbed testbed;

  public static synchronized Testbed get() {
    if (testbed == null) {
      int lanes = Integer.getInteger("tcpconform.lanes", 2);
      try {
        testbed = Testbed.start(lanes, Duration.ofSeconds(20), TargetProfile.load(
            System.getProperty("tcpconform.target", TargetProfile.DEFAULT)));
      } catch (HarnessException e) {
        // every test will say so (broken); ./tcpconform run stops on this one line instead
        writeEvidence("setup-failure.txt", e.getMessage());
        throw e;
      }
    }
    return testbed;
  }

  /** Writes one line to {@code file} in the evidence directory. */
  private static void writeEvidence(String file, String line) {
    try {
      Files.createDirectories(ConformanceTest.EVIDENCE_DIR);
      Files.writeString(ConformanceTest.EVIDENCE_DIR.resolve(file), line + "\n");
    } catch (IOException e) {
      System.out.println("tcpconform: could not write " + file + ": " + e.getMessage());
    }
  }

  /**
   * Names the target in Allure's {@code environment.properties} (the report's Environment panel,
   * and what the compliance matrix says about each column): the profile's description, what the
   * stack lacks, and its notes on what the tests mean there.
   */
  @Override
  public void onStart(ISuite suite) {
    String results = System.getProperty("allure.results.directory");
    if (results == null) {
      return;
    }
    TargetProfile profile;
    try {
      profile = TargetProfile.load(System.getProperty("tcpconform.target", TargetProfile.DEFAULT));
    } catch (HarnessException e) {
      return; // the first test says so
    }
    Properties env = new Properties();
    env.setProperty("target", profile.name());
    env.setProperty("target.description", profile.description());
    if (!profile.lacks().isEmpty()) {
      env.setProperty("target.lacks", String.join(", ", profile.lacks()));
    }
    if (!profile.notes().isEmpty()) {
      env.setProperty("target.notes", profile.notes());
    }
    env.setProperty("harness.kernel", System.getProperty("os.version"));
    env.setProperty("harness.lanes", String.valueOf(Integer.getInteger("tcpconform.lanes", 2)));
    try {
      Path dir = Path.of(results);
      Files.createDirectories(dir);
      try (Writer w = Files.newBufferedWriter(dir.resolve("environment.properties"))) {
        env.store(w, "tcpconform target");
      }
    } catch (IOException e) {
      System.out.println("tcpconform: could not write environment.properties: " + e.getMessage());
    }
  }

  /**
   * Prints the run's figures ({@link RunFigures}) and writes them to {@code run-figures.txt} in
   * the evidence directory, where {@code ./tcpconform run} picks them up for its last lines.
   */
  @Override
  public void onFinish(ISuite suite) {
    RunFigures figures = RunFigures.of(suite, Integer.getInteger("tcpconform.lanes", 2));
    String target = System.getProperty("tcpconform.target", TargetProfile.DEFAULT);
    String line = target + ": " + figures;
    System.out.println("tcpconform: " + line);
    writeEvidence("run-figures.txt", line);
    synchronized (SharedTestbed.class) {
      if (testbed != null) {
        testbed.close();
        testbed = null;
      }
    }
  }
}
