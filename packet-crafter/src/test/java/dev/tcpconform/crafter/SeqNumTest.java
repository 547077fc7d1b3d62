package dev.tcpconform.crafter;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import org.testng.annotations.Test;

public class SeqNumTest {

  @Test
  public void should_wrap_around_two_to_the_32() {
    SeqNum top = SeqNum.of(0xFFFF_FFFFL);
    then(top.plus(1)).isEqualTo(SeqNum.of(0));
    then(SeqNum.of(0).minus(1)).isEqualTo(top);
    then(top.isBefore(SeqNum.of(5))).isTrue();
    then(SeqNum.of(5).isAfter(top)).isTrue();
    then(top.distanceTo(SeqNum.of(5))).isEqualTo(6);
  }

  @Test
  public void should_reject_out_of_range_values_with_a_netty_style_message() {
    then(catchThrowable(() -> new SeqNum(-1)))
        .hasMessage("value: -1 (expected: 0-4294967295)");
    then(catchThrowable(() -> Segment.builder().window(70000)))
        .hasMessage("window: 70000 (expected: 0-65535)");
  }

  @Test
  public void should_count_syn_and_fin_in_seg_len() {
    then(Segments.syn().payload("hello").build().segLen()).isEqualTo(6);
    then(Segments.fin().build().segLen()).isEqualTo(1);
    then(Segments.ack().build().segLen()).isZero();
  }

  @Test
  public void should_fill_only_unset_fields_from_defaults() {
    Segment s = Segments.syn().seq(5).fillUnset(Segment.builder().seq(9).window(100).srcPort(1))
        .build();
    then(s.seq()).isEqualTo(SeqNum.of(5));
    then(s.window()).isEqualTo(100);
    then(s.srcPort()).isEqualTo(1);
  }
}
