package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
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
 * {@code tcpconform.target}, a profile name (default {@code linux-netns}); the IP version every
 * test runs over: system property {@code tcpconform.ip}, 4 or 6 (default 4), a run dimension.
 *
 * <p>A run over IPv6 is a column of its own: its results carry the target label {@code
 * <profile>.ipv6} ({@link #runName()}), so the compliance matrix and Allure keep the two runs of a
 * target apart; a run over IPv4 keeps the profile's name, as before the dimension existed.
 */
public final class SharedTestbed implements ISuiteListener {

  private static Testbed testbed;

  public static synchronized Testbed get() {
    if (testbed == null) {
      int lanes = Integer.getInteger("tcpconform.lanes", 2);
      try {
        testbed = Testbed.start(lanes, Duration.ofSeconds(20), TargetProfile.load(
            System.getProperty("tcpconform.target", TargetProfile.DEFAULT)),
            IpVersion.fromProperties());
      } catch (HarnessException e) {
        // every test will say so (broken); ./tcpconform run stops on this one line instead
        writeEvidence("setup-failure.txt", e.getMessage());
        throw e;
      }
    }
    return testbed;
  }

  /**
   * The run's IP version ({@code tcpconform.ip}); IPv4 when the value is bad, which the test bed
   * reports in one line when it starts.
   */
  public static IpVersion ipVersion() {
    try {
      return IpVersion.fromProperties();
    } catch (HarnessException e) {
      return IpVersion.V4;
    }
  }

  /**
   * What the run is called in results: the target's profile name over IPv4 ({@code
   * linux-netns}), with the version over IPv6 ({@code linux-netns.ipv6}). A profile name has no
   * dot, so the two never collide; the name is also a directory's and a matrix column's, which
   * take letters, digits, {@code _ . -} only (hence no slash).
   */
  public static String runName(String profile) {
    return ipVersion() == IpVersion.V4 ? profile : profile + "." + ipVersion().label();
  }

  /** {@link #runName(String)} of the run's target. */
  public static String runName() {
    return runName(System.getProperty("tcpconform.target", TargetProfile.DEFAULT));
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
    String line = runName() + ": " + figures;
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
