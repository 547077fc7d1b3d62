package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Testbed;
import dev.tcpconform.core.target.TargetProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
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
