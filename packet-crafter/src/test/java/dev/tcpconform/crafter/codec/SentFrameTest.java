package dev.tcpconform.crafter.codec;

import static dev.tcpconform.crafter.option.TcpOptions.eol;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sack;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.unknown;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlags;
import dev.tcpconform.crafter.option.MalformedOption;
import dev.tcpconform.crafter.option.SackBlock;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.TcpOptions;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * {@link SentFrame} against {@link FrameDecoder}: for every segment, the frame it returns is the
 * one decoding the encoded bytes gives, field by field and accessor by accessor; faults take the
 * decoder's path.
 */
public class SentFrameTest {

  private static final int GENERATED = 4_000;

  @Test
  public void should_read_back_generated_segments_as_the_decoder_does() {
    // GIVEN segments of either IP version with random fields, options, payloads and bad sums
    Random random = new Random(7);
    int fast = 0;
    for (int i = 0; i < GENERATED; i++) {
      Segment s = generated(random);
      // WHEN the frame is made without decoding
      byte[] raw = FrameEncoder.encode(s);
      Frame sent = SentFrame.of(s, raw);
      // THEN it is the decoded frame
      thenSameAsDecoded(s, sent, raw);
      fast += SentFrame.readsBackUnchanged(s) ? 1 : 0;
    }
    then(fast).as("segments that took the path without decoding").isEqualTo(GENERATED);
  }

  @DataProvider
  public Object[][] faults() {
    return new Object[][] {
      {"raw options", v4().rawOptions(new byte[] {2, 4, 5, (byte) 0xb4})},
      {"raw options as the options would be", v4().option(mss(1460))
          .rawOptions(new byte[] {2, 4, 5, (byte) 0xb4})},
      {"data offset 4", v4().dataOffset(4)},
      {"data offset past the end", v4().dataOffset(15)},
      {"IPv4 total length short", v4().ipTotalLength(30)},
      {"IPv4 total length long", v4().ipTotalLength(1000)},
      {"TCP checksum field", v4().tcpChecksum(0x1234)},
      {"IPv4 checksum field", v4().ipChecksum(0x1234)},
      {"malformed option", v4().option(new MalformedOption(new byte[] {2, 9}, 0, "test"))},
      {"EOL before an option", v4().option(eol()).option(mss(1460))},
      {"unknown option of a known kind", v4().option(unknown(2, new byte[] {5, (byte) 0xb4}))},
      {"unknown option of kind EOL", v4().option(unknown(0, new byte[] {1}))},
      {"options over 40 octets", v4().option(sack(blocks(5)))},
      {"IPv6 extension header", v6().extensionHeader(ExtensionHeader.destinationOptions())},
      {"IPv6 next header", v6().nextHeader(17)},
      {"IPv6 payload length short", v6().ipPayloadLength(8)},
      {"IPv6 payload length long", v6().ipPayloadLength(2000)},
    };
  }

  @Test(dataProvider = "faults")
  public void should_decode_a_fault_and_return_what_the_decoder_does(String name,
      Segment.Builder b) {
    // GIVEN a segment with a field set that its bytes could contradict
    Segment s = b.build();
    // WHEN the frame is made
    byte[] raw = FrameEncoder.encode(s);
    Frame sent = SentFrame.of(s, raw);
    // THEN it took the decoder's path, and is the decoded frame
    then(SentFrame.readsBackUnchanged(s)).as(name).isFalse();
    thenSameAsDecoded(s, sent, raw);
  }

  @DataProvider
  public Object[][] edges() {
    return new Object[][] {
      {"padded options get the decoder's EOL", v4().option(wscale(7))},
      {"an EOL last stays the only one", v4().option(wscale(7)).option(eol())},
      {"an EOL last on a boundary", v4().option(nop()).option(nop()).option(nop()).option(eol())},
      {"an empty SACK", v4().option(sack())},
      {"forty octets of options", v4().option(sack(blocks(4))).option(nop()).option(nop())
          .option(nop()).option(nop()).option(nop()).option(nop())},
      {"a set data offset that agrees", v4().option(mss(1460)).dataOffset(6)},
      {"a set total length that agrees", v4().ipTotalLength(40)},
      {"a set Next Header that agrees", v6().nextHeader(6)},
      {"a set payload length that agrees", v6().ipPayloadLength(20)},
      {"bad checksums", v4().badChecksum().badIpChecksum()},
      {"IPv6 bad checksum", v6().badChecksum()},
      {"unknown kind 254", v6().option(unknown(254, new byte[] {1, 2, 3}))},
    };
  }

  @Test(dataProvider = "edges")
  public void should_read_back_edge_cases_without_decoding(String name, Segment.Builder b) {
    Segment s = b.build();
    byte[] raw = FrameEncoder.encode(s);
    Frame sent = SentFrame.of(s, raw);
    then(SentFrame.readsBackUnchanged(s)).as(name).isTrue();
    thenSameAsDecoded(s, sent, raw);
  }

  @Test
  public void should_keep_the_bytes_it_was_given() {
    Segment s = v4().build();
    byte[] raw = FrameEncoder.encode(s);
    then(SentFrame.of(s, raw).raw()).isSameAs(raw);
  }

  /**
   * Every field of the two frames and segments equal (arrays by content), and every public
   * accessor of the segments: Segment has no equals of its own, and AssertJ's recursive
   * comparison took minutes over the generated segments.
   */
  private static void thenSameAsDecoded(Segment built, Frame sent, byte[] raw) {
    Frame decoded = FrameDecoder.decode(raw);
    then(sent.getClass()).as("frame of %s", built).isEqualTo(decoded.getClass());
    then(sent.raw()).as("bytes of %s", built).isEqualTo(decoded.raw());
    if (!(decoded instanceof Frame.Tcp d)) {
      then(sent).as("%s", built).isEqualTo(decoded);
      return;
    }
    Segment a = ((Frame.Tcp) sent).segment();
    Segment b = d.segment();
    for (Field f : Segment.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        thenSame("field " + f.getName(), built, read(f, a), read(f, b));
      }
    }
    for (Method m : Segment.class.getMethods()) {
      if (m.getParameterCount() == 0 && m.getReturnType() != void.class
          && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == Segment.class) {
        thenSame(m.getName() + "()", built, invoke(m, a), invoke(m, b));
      }
    }
  }

  private static void thenSame(String what, Segment built, Object fast, Object decoded) {
    if (!Objects.deepEquals(fast, decoded)) {
      throw new AssertionError(what + " of " + built + ": " + text(fast) + " without decoding, "
          + text(decoded) + " decoded");
    }
  }

  private static String text(Object o) {
    return o instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(o);
  }

  private static Object read(Field f, Segment s) {
    try {
      return f.get(s);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot read " + f.getName() + ": " + e, e);
    }
  }

  private static Object invoke(Method m, Segment s) {
    try {
      Object v = m.invoke(s);
      return v instanceof Segment.Builder builder ? builder.build().toBuilderExpression() : v;
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(m.getName() + " failed: " + e.getCause(), e);
    }
  }

  private static Segment.Builder v4() {
    return Segment.builder().srcMac(MacAddress.parse("02:74:63:00:00:01"))
        .dstMac(MacAddress.parse("02:00:00:00:00:02")).src("198.18.0.1").dst("198.18.0.2")
        .srcPort(40000).dstPort(8080);
  }

  private static Segment.Builder v6() {
    return Segment.builder().srcMac(MacAddress.parse("02:74:63:00:00:01"))
        .dstMac(MacAddress.parse("02:00:00:00:00:02")).src("2001:2::1").dst("2001:2::2")
        .srcPort(40000).dstPort(8080);
  }

  private static SackBlock[] blocks(int n) {
    SackBlock[] b = new SackBlock[n];
    for (int i = 0; i < n; i++) {
      b[i] = new SackBlock(SeqNum.of(1000L * i), SeqNum.of(1000L * i + 500));
    }
    return b;
  }

  /** A segment the fast path takes: any value of every field it may set, none it may not. */
  private static Segment generated(Random r) {
    Segment.Builder b = r.nextBoolean() ? v4() : v6();
    b.srcPort(r.nextInt(0x10000)).dstPort(r.nextInt(0x10000))
        .seq(r.nextLong() & 0xFFFF_FFFFL).ack(r.nextLong() & 0xFFFF_FFFFL)
        .flags(new TcpFlags(r.nextInt(0x1000))).window(r.nextInt(0x10000))
        .urgentPointer(r.nextInt(0x10000)).ttl(r.nextInt(256)).tos(r.nextInt(256));
    boolean v4 = b.src().version() == 4;
    if (v4) {
      b.ipId(r.nextInt(0x10000)).dontFragment(r.nextBoolean());
      if (r.nextInt(8) == 0) {
        b.badIpChecksum();
      }
    } else {
      b.flowLabel(r.nextInt(0x100000));
    }
    if (r.nextInt(8) == 0) {
      b.badChecksum();
    }
    List<TcpOption> options = new ArrayList<>();
    int room = 40;
    int count = r.nextInt(8);
    for (int i = 0; i < count; i++) {
      TcpOption o = option(r);
      if (o.length() > room) {
        break;
      }
      options.add(o);
      room -= o.length();
    }
    if (r.nextInt(6) == 0 && room > 0) {
      options.add(eol());
    }
    if (!options.isEmpty() || r.nextBoolean()) {
      b.options(options);
    }
    int[] sizes = {0, 0, 1, 3, 7, 100, 536, 1000, 1460, 9000};
    byte[] payload = new byte[sizes[r.nextInt(sizes.length)]];
    r.nextBytes(payload);
    if (payload.length > 0 || r.nextBoolean()) {
      b.payload(payload);
    }
    Segment s = b.build();
    then(TcpOptions.length(s.options())).isLessThanOrEqualTo(40);
    return s;
  }

  private static TcpOption option(Random r) {
    switch (r.nextInt(7)) {
      case 0:
        return mss(r.nextInt(0x10000));
      case 1:
        return wscale(r.nextInt(256));
      case 2:
        return sackPermitted();
      case 3:
        return timestamps(r.nextLong() & 0xFFFF_FFFFL, r.nextLong() & 0xFFFF_FFFFL);
      case 4:
        return nop();
      case 5:
        return sack(Arrays.copyOf(blocks(4), r.nextInt(4)));
      default:
        int[] kinds = {6, 7, 9, 19, 28, 29, 30, 34, 253, 254};
        byte[] data = new byte[r.nextInt(6)];
        r.nextBytes(data);
        return unknown(kinds[r.nextInt(kinds.length)], data);
    }
  }
}
