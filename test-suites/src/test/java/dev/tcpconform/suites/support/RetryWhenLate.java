package dev.tcpconform.suites.support;

import dev.tcpconform.core.LateHarnessException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.testng.IAnnotationTransformer;
import org.testng.IRetryAnalyzer;
import org.testng.ITestResult;
import org.testng.annotations.ITestAnnotation;

/**
 * A test the harness was too late to check ({@link LateHarnessException}: a stalled host, not the
 * target) runs again, up to {@link #ATTEMPTS} times in all; any other verdict stands at once.
 * Registered in the suite files (an annotation transformer cannot be a class's listener).
 */
public final class RetryWhenLate implements IAnnotationTransformer {

  /** First run and two more. */
  static final int ATTEMPTS = 3;

  @Override
  public void transform(
      ITestAnnotation annotation, Class testClass, Constructor testConstructor, Method testMethod) {
    annotation.setRetryAnalyzer(Analyzer.class);
  }

  /** One per test method instance and parameter set (TestNG makes them). */
  public static final class Analyzer implements IRetryAnalyzer {

    private int attempts = 1;

    @Override
    public boolean retry(ITestResult result) {
      if (!(result.getThrowable() instanceof LateHarnessException) || attempts >= ATTEMPTS) {
        return false;
      }
      attempts++;
      return true;
    }
  }
}
