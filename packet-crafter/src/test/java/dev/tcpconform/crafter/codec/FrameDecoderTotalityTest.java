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
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

/** The decoder is total: whatever the bytes, a Frame comes back and nothing is thrown. */
public class FrameDecoderTotalityTest {

  /** Frames generated: a million, of ten kinds, four of them IPv6 (issue 6). */
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
    List<byte[]> seeds6 = List.of(
        FrameEncoder.encode(Ipv6CodecTest.scapySyn().build()),
        FrameEncoder.encode(Ipv6CodecTest.scapyData().build()),
        HexFormat.of().parseHex(Icmpv6CodecTest.SCAPY_NS),
        HexFormat.of().parseHex(Icmpv6CodecTest.SCAPY_NA),
        HexFormat.of().parseHex(Icmpv6CodecTest.SCAPY_MLD));
    byte[] chainSeed = seeds6.get(1); // three extension headers before TCP
    int decoded = 0;
    int tcp = 0;
    int tcp6 = 0;
    int icmp6 = 0;
    for (int i = 0; i < FRAMES; i++) {
      byte[] frame = switch (i % 10) {
        case 0 -> random(random, 120); // random bytes
        case 1 -> truncated(random, seeds.get(random.nextInt(seeds.size())));
        case 2 -> bitsFlipped(random, seeds.get(random.nextInt(seeds.size())));
        case 3 -> optionsGarbled(random, tcpSeed); // bogus option kinds and lengths
        case 4 -> lengthsWrong(random, tcpSeed); // IP total length, IHL, TCP data offset
        case 5 -> bitsFlipped(random, truncated(random, tcpSeed));
        case 6 -> randomIpv6(random); // random bytes behind an IPv6 EtherType and version
        case 7 -> random.nextBoolean() ? truncated(random, seeds6.get(random.nextInt(5)))
            : bitsFlipped(random, seeds6.get(random.nextInt(5)));
        case 8 -> lengthsWrong6(random, seeds6.get(random.nextInt(5)));
        default -> chainGarbled(random, chainSeed);
      };
      // WHEN
      Frame f = FrameDecoder.decode(frame);
      // THEN it is one of the frame kinds, decoded without the decoder's last-resort catch,
      // and what was decoded prints and encodes again
      then(f).isNotNull();
      if (f instanceof Frame.Other o && !o.malformations().isEmpty()
          && o.malformations().get(0).reason().startsWith("decoder error")) {
        then(o.malformations()).as("frame %d: %s", i, HexFormat.of().formatHex(frame)).isEmpty();
      }
      if (f instanceof Frame.Tcp t) {
        if (tcp % 16 == 0) {
          then(t.segment().describe(SegmentFormat.FULL)).isNotEmpty();
          then(FrameEncoder.encode(t.segment().toBuilder().build())).isNotEmpty();
        }
        tcp++;
        tcp6 += t.segment().version() == 6 ? 1 : 0;
      } else if (f instanceof Frame.Icmpv6 m) {
        if (icmp6 % 16 == 0) {
          then(m.notation()).isNotEmpty();
          then(m.packet().encode()).isNotEmpty();
        }
        icmp6++;
      }
      decoded++;
    }
    then(decoded).isEqualTo(FRAMES);
    then(tcp).isGreaterThan(FRAMES / 10);
    then(tcp6).isGreaterThan(FRAMES / 50);
    then(icmp6).isGreaterThan(FRAMES / 50);
  }

  /** An Ethernet header with EtherType IPv6, version 6, then noise (a payload length, chains...). */
  private static byte[] randomIpv6(Random r) {
    byte[] frame = random(r, 160);
    if (frame.length >= 15) {
      frame[12] = (byte) 0x86;
      frame[13] = (byte) 0xDD;
      frame[14] = (byte) (0x60 | (frame[14] & 0x0F));
    }
    if (frame.length >= 21 && r.nextBoolean()) {
      // a next header the decoder follows, so the noise is read as a chain or an upper layer
      frame[20] = (byte) new int[] {0, 43, 44, 60, 6, 58}[r.nextInt(6)];
    }
    return frame;
  }

  /**
   * IPv6 payload length (octets 18-19), the first Hdr Ext Len (55) or option length (79, an ND
   * option's in the solicitation and advertisement), or the first next header (20) set wrong.
   */
  private static byte[] lengthsWrong6(Random r, byte[] seed) {
    byte[] frame = seed.clone();
    switch (r.nextInt(4)) {
      case 0 -> {
        int len = r.nextInt(4) == 0 ? r.nextInt(65536) : frame.length - 54 + r.nextInt(41) - 20;
        frame[18] = (byte) (len >> 8);
        frame[19] = (byte) len;
      }
      case 1 -> frame[55] = (byte) r.nextInt(r.nextBoolean() ? 4 : 256);
      case 2 -> frame[Math.min(79, frame.length - 1)] = (byte) r.nextInt(4);
      default -> frame[20] = (byte) r.nextInt(256);
    }
    return frame;
  }

  /** The three extension headers (octets 54 to 77) overwritten with chain-like garbage. */
  private static byte[] chainGarbled(Random r, byte[] seed) {
    byte[] frame = seed.clone();
    int[] nextHeaders = {0, 43, 44, 60, 6, 58, 59, 17};
    frame[20] = (byte) nextHeaders[r.nextInt(nextHeaders.length)];
    for (int i = 54; i < 78; i++) {
      frame[i] = (byte) switch (r.nextInt(4)) {
        case 0 -> nextHeaders[r.nextInt(nextHeaders.length)];
        case 1 -> r.nextInt(3); // small Hdr Ext Len, fragment offsets and M flags
        case 2 -> 0;
        default -> r.nextInt(256);
      };
    }
    return frame;
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
