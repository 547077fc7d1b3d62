package dev.tcpconform.core.expect;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.Segment;
import org.testng.annotations.Test;

public class SegmentPatternTest {

  @Test
  public void should_match_with_or_without_an_optional_flag() {
    // GIVEN a RST at 5 whose ACK flag is left to the sender
    SegmentPattern rst = withFlags(RST).flagOptional(ACK).seq(5);

    // WHEN / THEN both forms match, and nothing else does
    then(rst.matches(Segment.builder().flags(RST).seq(5).build())).isTrue();
    then(rst.matches(Segment.builder().flags(RST, ACK).seq(5).ack(9).build())).isTrue();
    then(rst.matches(Segment.builder().flags(RST, FIN).seq(5).build())).isFalse();
    then(rst.matches(Segment.builder().flags(ACK).seq(5).ack(9).build())).isFalse();
  }

  @Test
  public void should_show_both_forms_when_a_flag_is_optional() {
    // GIVEN a RST whose ACK flag is optional
    SegmentPattern rst = withFlags(RST).flagOptional(ACK).seq(5);

    // WHEN it is compared with a FIN
    SegmentPattern.Difference d =
        rst.differences(Segment.builder().flags(FIN, ACK).seq(5).ack(9).build(), null, null)
            .get(0);

    // THEN the notation names both allowed forms
    then(rst.toString()).startsWith("R|R. 5:");
    then(d.expected()).isEqualTo("R|R. (RST; ACK optional)");
    then(d.actual()).isEqualTo("F. (FIN,ACK)");
  }
}
