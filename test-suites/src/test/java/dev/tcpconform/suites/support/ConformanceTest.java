package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.Target;
import dev.tcpconform.core.target.UnsupportedByTargetException;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Listeners;

/**
 * Base of every conformance test: one lane per class (its own target namespace, wire and
 * addresses), and around every test method the evidence: requirement labels and RFC links, the
 * rule in failure messages, the capture of the exchange ({@code .pcap}) and its ladder attached
 * to the result whether it passed or failed.
 *
 * <p>A lane that cannot be brought up does not skip the class's tests: each of them is reported
 * <em>broken</em> with the one-line reason, since a harness error is never a pass nor "not
 * applicable". The one exception is a target that does not come up with the run's IP version
 * (its profile's {@code ip}): there the tests are skipped, not applicable to that dimension.
 *
 * <p>Every result says which IP version it ran over: label {@code ipVersion} ({@code ipv4},
 * {@code ipv6}), the {@code target} label of a run over IPv6 {@code <profile>.ipv6} ({@link
 * SharedTestbed#runName(String)}), and over IPv6 a history ID of its own, so that Allure never
 * takes a test's IPv6 result for a retry of its IPv4 one.
 */
@Listeners(SharedTestbed.class)
public abstract class ConformanceTest implements IHookable {

  /** Where captures and ladders are written, besides being attached to the Allure result. */
  public static final Path EVIDENCE_DIR =
      Path.of(System.getProperty("tcpconform.evidence.dir", "target/tcpconform"));

  /**
   * How long to wait for a reply the rule wants at once (a RST, a SYN-ACK, an ACK): far above any
   * stack's processing time, far below any retransmission timer (RFC 6298's 1 s minimum RTO).
   */
  protected static final Duration PROMPTLY = Duration.ofMillis(900);

  /**
   * How long to wait for an ACK the receiver may delay: RFC 9293 MUST-40 allows anything under
   * 500 ms, and a little more covers the capture.
   */
  protected static final Duration ACK_DELAY = Duration.ofMillis(600);

  /** How long silence is watched for when a rule wants no reply: one minimum RTO. */
  protected static final Duration SILENCE = Duration.ofSeconds(1);

  protected Lane lane;
  protected Target target;
  private HarnessException setupFailure;
  private boolean ownsLane;

  @BeforeClass(alwaysRun = true)
  public void acquireLane() {
    if (lane != null) {
      return;
    }
    try {
      lane = SharedTestbed.get().openLane();
      target = lane.target();
      ownsLane = true;
      // a mutation-matrix run: the whole lane's target broken one way (Mutants)
      Mutants.current().ifPresent(m -> m.faults().forEach(target::apply));
    } catch (HarnessException e) {
      setupFailure = e;
    }
  }

  @AfterClass(alwaysRun = true)
  public void releaseLane() {
    if (lane != null && ownsLane) {
      lane.close();
    }
  }

  /** Runs this test's methods on a lane someone else owns (fault demonstrations). */
  public void useLane(Lane lane) {
    this.lane = lane;
    this.target = lane.target();
    this.ownsLane = false;
  }

  /**
   * The largest segment a 1500-octet link carries over the lane's IP version, the MTU less the
   * fixed IP and TCP headers (RFC 9293 3.7.1, RFC 6691): 1460 over IPv4, 1440 over IPv6. What
   * the peer offers by default ({@code TcpPeer#defaultMss()}), so a full-sized segment either way.
   */
  protected int linkMss() {
    return lane.ipVersion().mssFor(1500);
  }

  /**
   * Makes a rule of one IP version skipped, with the reason, on a lane of the other: the IPv4
   * default MSS means nothing to a run over IPv6, and the IPv6 one nothing over IPv4.
   */
  protected void requireIpVersion(IpVersion version, String rule) {
    if (lane.ipVersion() != version) {
      throw new SkipException("not applicable over " + lane.ipVersion() + ": " + rule + " is a"
          + " rule of " + version);
    }
  }

  /** The target's agent; a target without one makes the test skipped, with the reason. */
  protected Agent agent() {
    return target.agent()
        .orElseThrow(
            () -> new SkipException(
                "target " + target.name() + " has no agent: this test drives the application"));
  }

  @Override
  public void run(IHookCallBack callBack, ITestResult result) {
    Method method = result.getMethod().getConstructorOrMethod().getMethod();
    List<RequirementLabels.Ref> requirements = RequirementLabels.of(method, result.getParameters());
    IpVersion ip = lane == null ? SharedTestbed.ipVersion() : lane.ipVersion();
    RequirementLabels.label(method, requirements, target == null ? SharedTestbed.runName()
        : SharedTestbed.runName(target.name()));
    Allure.label("ipVersion", ip.label());
    if (ip != IpVersion.V4) {
      Allure.getLifecycle().updateTestCase(r -> r.setHistoryId(r.getHistoryId() + "-" + ip.label()));
    }
    String description = result.getMethod().getDescription();
    for (Object p : result.getParameters()) {
      if (p instanceof RequirementLabels.Traced t) {
        description = t.rule();
        String name = t.rule();
        Allure.getLifecycle().updateTestCase(r -> r.setName(name));
      }
    }
    if (setupFailure instanceof UnsupportedByTargetException u) {
      // the target does not come up with the run's IP version: not applicable there
      throw new SkipException("not applicable: " + u.getMessage());
    }
    if (setupFailure != null) {
      throw setupFailure;
    }
    String name = evidenceName(method, result);
    long transcriptMark = target.agent().map(Agent::mark).orElse(0L);
    lane.wire().beginTest(RequirementLabels.rule(requirements, description), name + ".pcap");
    try {
      callBack.runTestMethod(result);
    } finally {
      attachEvidence(name, transcriptMark);
      lane.endTest();
    }
    for (Throwable t = result.getThrowable(); t != null; t = t.getCause()) {
      if (t instanceof UnsupportedByTargetException u) {
        // the target's application cannot do what the test needs: not applicable there
        throw new SkipException("not applicable to " + target.name() + ": " + u.getMessage());
      }
    }
  }

  private String evidenceName(Method method, ITestResult result) {
    String base = result.getTestClass().getRealClass().getSimpleName() + "/" + method.getName();
    Object[] params = result.getParameters();
    if (params != null && params.length > 0) {
      base += "-" + String.valueOf(params[0]).replaceAll("[^A-Za-z0-9_.-]+", "_");
    }
    return base;
  }

  private void attachEvidence(String name, long transcriptMark) {
    Path pcap = EVIDENCE_DIR.resolve("captures").resolve(name + ".pcap");
    String ladder = lane.wire().ladder(null);
    try {
      lane.wire().writeCapture(pcap);
      Path text = EVIDENCE_DIR.resolve("captures").resolve(name + ".ladder.txt");
      Files.writeString(text, ladder);
      try (InputStream in = Files.newInputStream(pcap)) {
        Allure.addAttachment(
            pcap.getFileName().toString(), "application/vnd.tcpdump.pcap", in, ".pcap");
      }
    } catch (IOException | HarnessException e) {
      Allure.addAttachment("capture error", "text/plain", e.getMessage(), ".txt");
    }
    Allure.addAttachment(
        "ladder", "text/plain",
        new ByteArrayInputStream(ladder.getBytes(StandardCharsets.UTF_8)), ".txt");
    target.agent().ifPresent(a -> Allure.addAttachment(
        "agent transcript", "text/plain",
        new ByteArrayInputStream(
            a.transcriptSince(transcriptMark).getBytes(StandardCharsets.UTF_8)), ".txt"));
  }
}
