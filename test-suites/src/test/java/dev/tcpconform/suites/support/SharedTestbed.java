package dev.tcpconform.suites.support;

import dev.tcpconform.core.bed.Testbed;
import dev.tcpconform.core.target.TargetProfile;
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
      testbed = Testbed.start(lanes, Duration.ofSeconds(20), TargetProfile.load(
          System.getProperty("tcpconform.target", TargetProfile.DEFAULT)));
    }
    return testbed;
  }

  @Override
  public void onFinish(ISuite suite) {
    synchronized (SharedTestbed.class) {
      if (testbed != null) {
        testbed.close();
        testbed = null;
      }
    }
  }
}
