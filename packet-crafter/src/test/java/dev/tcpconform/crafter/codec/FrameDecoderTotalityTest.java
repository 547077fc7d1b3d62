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

  /** Frames generated: a million, of six kinds (issue 6). */
  private static final int FRAMES = 1_000_000;

  // a hang would show as a time-out, not as a slow pass: the bound is far above the run time
  @Test(timeOut = 120_000)
  public void should_decode_a_million_random_truncated_and_mutated_frames_without_throwing() {
    // GIVEN valid frames to mutate, and a fixed seed so a failure can be replayed
    Random random = new Random(9293);
    List<byte[]> seeds = List.of(
        FrameEncoder.encode(FrameCodecTest.addressed(syn().option(mss(1460))
            .option(sackPermitted()).option(timestamps(1, 2))).build()),
        FrameEncoder.encode(FrameCodecTest.addressed(data("payload")).build()),
        ArpMessage.request(MacAddress.ZERO, Ipv4Address.parse("198.18.0.2"),
            Ipv4Address.parse("198.18.0.1")).encode(MacAddress.BROADCAST, MacAddress.ZERO));
    byte[] tcpSeed = seeds.get(0);
    int decoded = 0;
    int tcp = 0;
    for (int i = 0; i < FRAMES; i++) {
      byte[] frame = switch (i % 6) {
        case 0 -> random(random, 120); // random bytes
        case 1 -> truncated(random, seeds.get(random.nextInt(seeds.size())));
        case 2 -> bitsFlipped(random, seeds.get(random.nextInt(seeds.size())));
        case 3 -> optionsGarbled(random, tcpSeed); // bogus option kinds and lengths
        case 4 -> lengthsWrong(random, tcpSeed); // IP total length, IHL, TCP data offset
        default -> bitsFlipped(random, truncated(random, tcpSeed));
      };
      // WHEN
      Frame f = FrameDecoder.decode(frame);
      // THEN it is one of the frame kinds, and a decoded segment can be printed
      then(f).isNotNull();
      if (f instanceof Frame.Tcp t) {
        if (tcp % 16 == 0) {
          then(t.segment().describe(SegmentFormat.FULL)).isNotEmpty();
        }
        tcp++;
      }
      decoded++;
    }
    then(decoded).isEqualTo(FRAMES);
    then(tcp).isGreaterThan(FRAMES / 10);
  }

  private static byte[] random(Random r, int maxLength) {
    byte[] frame = new byte[r.nextInt(maxLength)];
    r.nextBytes(frame);
    return frame;
  }

  private static byte[] truncated(Random r, byte[] seed) {
    return Arrays.copyOf(seed, r.nextInt(seed.length + 1));
  }

  private static byte[] bitsFlipped(Random r, byte[] seed) {
    byte[] frame = seed.clone();
    for (int flips = 1 + r.nextInt(4); flips > 0 && frame.length > 0; flips--) {
      frame[r.nextInt(frame.length)] ^= (byte) (1 << r.nextInt(8));
    }
    return frame;
  }

  /** The TCP option area (after the 14 + 20 + 20 header octets) overwritten with noise. */
  private static byte[] optionsGarbled(Random r, byte[] seed) {
    byte[] frame = seed.clone();
    for (int i = 54; i < frame.length; i++) {
      frame[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(10));
    }
    return frame;
  }

  /** IP total length (octets 16-17), IHL (low nibble of 14) or TCP data offset (46) set wrong. */
  private static byte[] lengthsWrong(Random r, byte[] seed) {
    byte[] frame = seed.clone();
    switch (r.nextInt(3)) {
      case 0 -> {
        int len = r.nextInt(65536);
        frame[16] = (byte) (len >> 8);
        frame[17] = (byte) len;
      }
      case 1 -> frame[14] = (byte) ((frame[14] & 0xF0) | r.nextInt(16));
      default -> frame[46] = (byte) ((r.nextInt(16) << 4) | (frame[46] & 0x0F));
    }
    return frame;
  }

  @Test
  public void should_decode_empty_and_null_input() {
    then(FrameDecoder.decode(new byte[0])).isInstanceOf(Frame.Other.class);
    then(FrameDecoder.decode(null)).isInstanceOf(Frame.Other.class);
  }
}
