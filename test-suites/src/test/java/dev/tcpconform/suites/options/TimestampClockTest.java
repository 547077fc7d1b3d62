package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 7323 5.4: the TSval clock. The catalogue's sketch samples for 10 s; 3 s suffice for the
 * bounds: a clock at the slowest allowed rate (1 tick/s) advances at least 2 ticks in 3 s, one
 * at the fastest (1 tick/ms) at most about 3000, and a clock outside the range shows at once (a
 * microsecond clock makes 3 000 000 ticks, a stopped one none). The elapsed time is measured
 * between capture timestamps, with the timing model's tolerance on it.
 */
public class TimestampClockTest extends ConformanceTest {

  /** How long TSvals are sampled. */
  static final Duration SPAN = Duration.ofSeconds(3);

  /** The interval between the peer's data segments, each drawing an ACK with a TSval. */
  static final Duration EVERY = Duration.ofMillis(300);

  @Requirement(id = "7323/ts-clock", section = "5.4", level = MUST_STAR)
  @Test(description = "The TSval clock never goes back and ticks between once a second and"
      + " once a millisecond: sampled over 3 s, TSvals never decrease and advance between 1 and"
      + " 1000 ticks per second")
  public void tsval_clock_is_monotonic_and_ticks_between_1_and_1000_per_second() {
    // GIVEN a connection with timestamps agreed
    Established c = Handshake.to(lane, agent(), 8190).timestamps().complete();
    TcpPeer peer = c.peer();
    c.requireTimestamps("it has no TSval clock");

    // WHEN the peer sends one octet every 300 ms for 3 s, and each ACK's TSval is read
    List<Arrival> samples = new ArrayList<>();
    long end = System.nanoTime() + SPAN.toNanos();
    while (System.nanoTime() < end) {
      peer.send(data("x"));
      for (Arrival a : peer.segmentsUntilQuiet(EVERY, within(EVERY))) {
        if (a.segment().option(Timestamps.class).isPresent()) {
          samples.add(a);
        }
      }
    }
    if (samples.size() < 2) {
      throw new HarnessException("only " + samples.size() + " segments with timestamps came"
          + " back in " + SPAN.toMillis() + " ms: the clock cannot be sampled");
    }

    // THEN the TSvals never decrease
    StringBuilder log = new StringBuilder("capture time  TSval\n");
    Arrival first = samples.get(0);
    long firstTs = tsVal(first);
    List<String> backwards = new ArrayList<>();
    long previous = firstTs;
    for (Arrival a : samples) {
      long ts = tsVal(a);
      log.append(Durations.seconds(a.since(first))).append("  ").append(ts).append('\n');
      if ((int) (ts - previous) < 0) {
        backwards.add(a.segment().toString());
      }
      previous = ts;
    }
    Arrival last = samples.get(samples.size() - 1);
    Duration elapsed = last.since(first);
    long ticks = (tsVal(last) - firstTs) & 0xFFFF_FFFFL;
    Duration slack = TimingModel.tolerance(elapsed);
    // one tick of quantisation at either end
    double most = 1000.0 * (elapsed.plus(slack).toNanos() / 1e9) + 1;
    double least = Math.max(0, 1.0 * (elapsed.minus(slack).toNanos() / 1e9) - 1);
    log.append("\nmeasured: ").append(ticks).append(" ticks in ")
        .append(Durations.seconds(elapsed))
        .append("\nexpected: between ").append(String.format("%.1f", least)).append(" and ")
        .append(String.format("%.1f", most))
        .append(" ticks (1 to 1000 per second; ").append(TimingModel.explain(elapsed))
        .append(", one tick of quantisation at each end)\n");
    Allure.addAttachment("measured intervals", "text/plain", log.toString(), ".txt");
    then(backwards).as("segments whose TSval went back").isEmpty();

    // AND they advance between 1 and 1000 ticks per second
    then((double) ticks).as("TSval ticks in %s (see measured intervals)",
        Durations.seconds(elapsed)).isBetween(least, most);
  }

  private static long tsVal(Arrival a) {
    return a.segment().option(Timestamps.class).get().value();
  }
}
