package dev.tcpconform.core.link;

import dev.tcpconform.crafter.codec.FrameDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory {@link RawLink} for unit tests of the harness's own logic, like netty's
 * EmbeddedChannel: sent frames are kept, and a test plays the target by {@link #deliver}ing frames.
 * Never used in a conformance test.
 */
public final class MemoryLink implements RawLink {

  private final List<byte[]> sent = new ArrayList<>();
  private Consumer<Captured> sink;
  private long clock = 1_000_000_000L;
  private volatile String failure;

  /** Makes the link report a capture failure (for tests of the harness's honesty). */
  public MemoryLink failWith(String reason) {
    this.failure = reason;
    return this;
  }

  @Override
  public String failure() {
    return failure;
  }

  @Override
  public void start(Consumer<Captured> sink) {
    this.sink = sink;
  }

  @Override
  public synchronized long send(byte[] frame) {
    sent.add(frame.clone());
    return tick();
  }

  /** Plays the target: the frame arrives as if captured now (clock advances 100 µs per event). */
  public void deliver(byte[] frame) {
    long at;
    synchronized (this) {
      at = tick();
    }
    sink.accept(new Captured(FrameDecoder.decode(frame), at, Captured.Direction.FROM_TARGET));
  }

  private long tick() {
    clock += 100_000L;
    return clock;
  }

  /** Every frame sent so far. */
  public synchronized List<byte[]> sent() {
    return List.copyOf(sent);
  }

  @Override
  public long dropped() {
    return 0;
  }

  @Override
  public void close() {}
}
