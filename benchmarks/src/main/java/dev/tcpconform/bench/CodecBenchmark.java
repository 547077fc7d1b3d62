package dev.tcpconform.bench;

import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.codec.FrameDecoder;
import dev.tcpconform.crafter.codec.FrameEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Segments per second through the crafter: a segment built from scratch with the builder and
 * serialized by {@link FrameEncoder} (both checksums computed), and a captured frame decoded by
 * {@link FrameDecoder} into a segment with its options. One thread, results returned to JMH so
 * nothing is optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

  private long seq;
  private byte[] synFrame;
  private byte[] dataFrame;

  @Setup
  public void setUp() {
    synFrame = FrameEncoder.encode(BenchFrames.syn(1000));
    dataFrame = FrameEncoder.encode(BenchFrames.data(1000));
  }

  /** Builder plus encoder: the 74-byte SYN with five options. */
  @Benchmark
  public byte[] craftSyn() {
    return FrameEncoder.encode(BenchFrames.syn(seq++));
  }

  /** Builder plus encoder: PSH,ACK with 1000 bytes (the TCP checksum runs over the data). */
  @Benchmark
  public byte[] craftData() {
    return FrameEncoder.encode(BenchFrames.data(seq++));
  }

  /** Decoder: the SYN, its five options parsed, both checksums checked. */
  @Benchmark
  public Frame parseSyn() {
    return FrameDecoder.decode(synFrame);
  }

  /** Decoder: the 1000-byte PSH,ACK. */
  @Benchmark
  public Frame parseData() {
    return FrameDecoder.decode(dataFrame);
  }
}
