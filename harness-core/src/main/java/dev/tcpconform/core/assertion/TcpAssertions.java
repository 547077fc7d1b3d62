package dev.tcpconform.core.assertion;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.crafter.Segment;
import org.assertj.core.api.BDDAssertions;

/** The one entry point for assertions in conformance tests: AssertJ's, plus segments and arrivals. */
public class TcpAssertions extends BDDAssertions {

  protected TcpAssertions() {}

  public static ArrivalAssert then(Arrival actual) {
    return new ArrivalAssert(actual);
  }

  public static SegmentAssert then(Segment actual) {
    return new SegmentAssert(actual);
  }
}
