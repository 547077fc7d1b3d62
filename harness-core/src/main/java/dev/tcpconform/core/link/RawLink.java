package dev.tcpconform.core.link;

import java.util.function.Consumer;

/**
 * Frames in and out of one interface. Sends return the time the frame left; captured frames are
 * handed, in capture order, to the sink given to {@link #start}, on one reader thread.
 */
public interface RawLink extends AutoCloseable {

  /** Starts capturing; every frame from the target goes to {@code sink}. Called once. */
  void start(Consumer<Captured> sink);

  /** Injects one complete Ethernet frame; returns its send time in epoch nanoseconds. */
  long send(byte[] frame);

  /** Frames the capture layer dropped so far (kernel or buffer), or -1 when unknown. */
  long dropped();

  /**
   * Why capture stopped or a frame could not be handled, or null while capture is healthy. A
   * link that failed cannot tell "the target sent nothing" from "the harness saw nothing".
   */
  default String failure() {
    return null;
  }

  /** Stops the reader and releases the interface; idempotent. */
  @Override
  void close();
}
