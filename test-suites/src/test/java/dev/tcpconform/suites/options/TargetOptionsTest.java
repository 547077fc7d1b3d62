package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.SackPermitted;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.util.List;
import java.util.function.Function;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.1 and 3.2, RFC 2018 2: the options the target itself writes, over a whole
 * connection ({@link Exchange}: SYN,ACK, data, a retransmission, a duplicate ACK with SACK
 * blocks, ACKs, FIN).
 */
public class TargetOptionsTest extends ConformanceTest {

  @Requirement(id = "9293/MUST-65", section = "3.2", level = MUST)
  @Test(description = "The MSS option never appears on a segment without SYN")
  public void mss_option_appears_only_on_syn_segments() {
    thenNoSegmentOf(8110, "non-SYN segments carrying an MSS option",
        s -> !s.has(TcpFlag.SYN) && s.option(Mss.class).isPresent() ? s.toString() : null);
  }

  @Requirement(id = "2018/perm-syn-only", section = "2", level = MUST)
  @Test(description = "SACK-permitted appears only on segments with SYN")
  public void sack_permitted_appears_only_on_syn_segments() {
    thenNoSegmentOf(8111, "non-SYN segments carrying SACK-permitted",
        s -> !s.has(TcpFlag.SYN) && s.option(SackPermitted.class).isPresent()
            ? s.toString() : null);
  }

  @Requirement(id = "9293/MUST-68", section = "3.1", level = MUST)
  @Test(description = "Every option other than EOL and NOP has a length octet of at least 2"
      + " that stays within the data offset")
  public void every_option_but_eol_and_nop_has_a_consistent_length() {
    thenNoSegmentOf(8112, "segments with an option length out of the rules", s -> {
      List<String> bad = new OptionBytes(s.rawOptions()).lengthViolations();
      return bad.isEmpty() ? null : s + " [" + new OptionBytes(s.rawOptions()) + "]: " + bad;
    });
  }

  @Requirement(id = "9293/MUST-69", section = "3.1", level = MUST)
  @Test(description = "The header octets after an EOL option are zero")
  public void header_octets_after_eol_are_zero() {
    thenNoSegmentOf(8113, "segments with non-zero octets after EOL", s -> {
      List<Integer> bad = new OptionBytes(s.rawOptions()).nonZeroAfterEol();
      return bad.isEmpty() ? null
          : s + " [" + new OptionBytes(s.rawOptions()) + "]: non-zero at option offsets " + bad;
    });
  }

  /** Lives a connection and asserts that {@code offence} names none of the target's segments. */
  private void thenNoSegmentOf(int port, String what, Function<Segment, String> offence) {
    // GIVEN a connection on which the target sends every kind of segment it can
    Exchange e = Exchange.live(lane, agent(), port);
    Allure.addAttachment("target segments", "text/plain", e.ladder(), ".txt");

    // WHEN each of its segments is read
    List<String> offenders = e.targetSegments().stream().map(offence)
        .filter(java.util.Objects::nonNull).toList();

    // THEN none breaks the rule
    then(offenders).as("%s (of %d target segments)", what, e.targetSegments().size()).isEmpty();
  }
}
