package dev.tcpconform.suites.support;

import dev.tcpconform.core.bed.Testbed;
import java.time.Duration;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * The one test bed of a test JVM, started lazily by the first class that needs a lane and closed
 * when the suite ends (the reaper's watchdog and shutdown hook cover a JVM that dies instead).
 * Lanes at once: system property {@code tcpconform.lanes} (default 2).
 */
public final class SharedTestbed implements ISuiteListener {

  private static Testbed testbed;

  public static synchronized Testbed get() {
    if (testbed == null) {
      int lanes = Integer.getInteger("tcpconform.lanes", 2);
      testbed = Testbed.start(lanes, Duration.ofSeconds(20));
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
