package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What Ledger saw of a run: calls, how many overlapped at most and on average, when the first arrived and the
 * last was answered (epoch ms, comparable with the job's own times on the same machine), how long calls took as
 * served, and the answers given.
 */
final class LedgerMeter implements FakeLedgerServer.Observer {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong firstCallMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerMs = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder busyNanos = new LongAdder();
    /** Each call's time as served: longer than the delay only when a post-back (or the CPU) made it so. */
    private final ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();
    private final Map<Integer, LongAdder> answered = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> postedBack = new ConcurrentHashMap<>();

    /** A call arrived; returns its start for {@link #end}. */
    @Override
    public long begin() {
        calls.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        firstCallMs.accumulateAndGet(System.currentTimeMillis(), Math::min);
        return System.nanoTime();
    }

    /** The call begun at {@code startNanos} was answered with {@code status}. */
    @Override
    public void end(long startNanos, int status) {
        long took = System.nanoTime() - startNanos;
        busyNanos.add(took);
        durations.add(took);
        lastAnswerMs.accumulateAndGet(System.currentTimeMillis(), Math::max);
        answered.computeIfAbsent(status, s -> new LongAdder()).increment();
        inFlight.decrementAndGet();
    }

    /** The Archive answered a posted-back bill with {@code status} (0: no answer at all). */
    @Override
    public void postedBack(int status) {
        postedBack.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void reset() {
        calls.set(0);
        maxInFlight.set(inFlight.get());
        firstCallMs.set(Long.MAX_VALUE);
        lastAnswerMs.set(Long.MIN_VALUE);
        busyNanos.reset();
        durations.clear();
        answered.clear();
        postedBack.clear();
    }

    void writeTo(ObjectNode out) {
        long first = firstCallMs.get();
        long last = lastAnswerMs.get();
        boolean any = first != Long.MAX_VALUE && last != Long.MIN_VALUE && last > first;
        out.put("ledger_calls", calls.get());
        out.put("ledger_max_in_flight", maxInFlight.get());
        // Busy time over the span from first call to last answer: 8.0 means Ledger was kept fully busy at 8.
        out.put("ledger_mean_in_flight", any ? busyNanos.sum() / 1e6 / (last - first) : 0.0);
        out.put("ledger_first_call_ms", any ? first : null);
        out.put("ledger_last_answer_ms", any ? last : null);
        long[] took = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        out.put("ledger_call_ms_p50", percentileMs(took, 0.50));
        out.put("ledger_call_ms_p90", percentileMs(took, 0.90));
        out.put("ledger_call_ms_max", percentileMs(took, 1.0));
        out.put("ledger_answers", counts(answered));
        out.put("ledger_post_backs", counts(postedBack));
    }

    private static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0.0;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    /** "201=1000 409=2": a map is easier to print than to parse from bash. */
    private static String counts(Map<Integer, LongAdder> counts) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(counts).forEach((status, n) -> text.append(text.isEmpty() ? "" : " ")
                .append(status).append('=').append(n.sum()));
        return text.toString();
    }
}
