package dev.tcpconform.core.link;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The queue of segments the target sent on one flow, in capture order, consumed by one peer. */
public final class Flow {

  private final FlowKey key;
  private final ArrayDeque<Captured> queue = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  Flow(FlowKey key) {
    this.key = key;
  }

  public FlowKey key() {
    return key;
  }

  void offer(Captured c) {
    lock.lock();
    try {
      queue.addLast(c);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next captured segment of this flow, waiting until {@code deadlineNanos} ({@link
   * System#nanoTime()} terms); null when nothing arrived by then.
   */
  public Captured poll(long deadlineNanos) {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        arrived.awaitNanos(left);
      }
      return queue.pollFirst();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting on flow " + key, e);
    } finally {
      lock.unlock();
    }
  }

  /** Drops whatever is queued (between tests). */
  public void drain() {
    lock.lock();
    try {
      queue.clear();
    } finally {
      lock.unlock();
    }
  }

  /** For waits bounded by a {@link java.time.Duration}. */
  public Captured poll(long timeout, TimeUnit unit) {
    return poll(System.nanoTime() + unit.toNanos(timeout));
  }
}
