package dev.tcpconform.crafter.codec;

import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.text.SegmentFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

/** The decoder is total: whatever the bytes, a Frame comes back and nothing is thrown. */
public class FrameDecoderTotalityTest {

  @Test
  public void should_decode_200000_random_truncated_and_mutated_frames_without_throwing() {
    // GIVEN valid frames to mutate, and a fixed seed so a failure can be replayed
    Random random = new Random(9293);
    List<byte[]> seeds = List.of(
        FrameEncoder.encode(FrameCodecTest.addressed(syn().option(mss(1460))
            .option(sackPermitted()).option(timestamps(1, 2))).build()),
        FrameEncoder.encode(FrameCodecTest.addressed(data("payload")).build()),
        ArpMessage.request(MacAddress.ZERO, Ipv4Address.parse("198.18.0.2"),
            Ipv4Address.parse("198.18.0.1")).encode(MacAddress.BROADCAST, MacAddress.ZERO));
    int decoded = 0;
    int tcp = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] frame;
      switch (i % 4) {
        case 0 -> {
          frame = new byte[random.nextInt(120)];
          random.nextBytes(frame);
        }
        case 1 -> {
          byte[] s = seeds.get(random.nextInt(seeds.size()));
          frame = Arrays.copyOf(s, random.nextInt(s.length + 1));
        }
        default -> {
          byte[] s = seeds.get(random.nextInt(seeds.size()));
          frame = s.clone();
          for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
          }
        }
      }
      // WHEN
      Frame f = FrameDecoder.decode(frame);
      // THEN it is one of the frame kinds, and a decoded segment can be printed
      then(f).isNotNull();
      if (f instanceof Frame.Tcp t) {
        then(t.segment().describe(SegmentFormat.FULL)).isNotEmpty();
        tcp++;
      }
      decoded++;
    }
    then(decoded).isEqualTo(200_000);
    then(tcp).isGreaterThan(10_000);
  }

  @Test
  public void should_decode_empty_and_null_input() {
    then(FrameDecoder.decode(new byte[0])).isInstanceOf(Frame.Other.class);
    then(FrameDecoder.decode(null)).isInstanceOf(Frame.Other.class);
  }
}
