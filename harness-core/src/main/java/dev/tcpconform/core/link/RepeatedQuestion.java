package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A question put on a link a few times, evenly spread over a deadline, until a captured frame
 * answers it: how {@link ArpResolver} and {@link NdResolver} learn a MAC. The question is checked
 * against the safe range before anything is sent.
 */
final class RepeatedQuestion {

  private RepeatedQuestion() {}

  /**
   * Sends {@code question} on {@code link} (started here) up to {@code times} times, the last
   * {@code within / times} before the deadline, and returns what {@code answer} reads from the
   * first frame it accepts; empty when none came.
   *
   * @param what the question in words, for an interruption's message
   */
  static Optional<MacAddress> ask(RawLink link, byte[] question, int times, Duration within,
      Function<Frame, Optional<MacAddress>> answer, String what) {
    SafeRange.require(FrameDecoder.decode(question));
    CompletableFuture<MacAddress> first = new CompletableFuture<>();
    link.start(c -> answer.apply(c.frame()).ifPresent(first::complete));
    long each = Math.max(1, within.toNanos() / times);
    for (int i = 0; i < times; i++) {
      link.send(question);
      try {
        return Optional.of(first.get(each, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // ask again, or give up after the last one
      } catch (ExecutionException e) {
        throw new IllegalStateException("the answer is never completed exceptionally", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("interrupted while " + what);
      }
    }
    return Optional.empty();
  }
}
