package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Request lines are written in blocks of whole lines, none lost or torn, and only the request logger's. */
class BufferedRequestLogTest {
    private final Logger requests = Logger.getLogger(BufferedRequestLog.LOGGER);

    @Test
    void linesWaitForAFlush_thenArriveWholeAndInOrder() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BufferedRequestLog log = new BufferedRequestLog(new PrintStream(sink, true, StandardCharsets.UTF_8))) {
            requests.info("GET /health 200 0.1ms id=a principal=-");
            requests.info("GET /health 200 0.2ms id=b principal=-");
            assertEquals(0, sink.size(), "nothing written per line");
            log.flush();
            List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(lines.get(0).endsWith("INFO    io.hivematrix.archive.requests - GET /health 200 0.1ms id=a principal=-"), lines.get(0));
            assertTrue(lines.get(1).endsWith("id=b principal=-"), lines.get(1));
        }
        assertTrue(requests.getUseParentHandlers() && requests.getHandlers().length == 0, "given back on close");
    }

    @Test
    void theFirstLineIntoAnEmptyBuffer_wakesTheFlusher_onceABurst() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AtomicInteger wakes = new AtomicInteger();
        try (BufferedRequestLog log = new BufferedRequestLog(new PrintStream(sink, true, StandardCharsets.UTF_8))) {
            log.onFirstLine(wakes::incrementAndGet);
            assertEquals(0, log.flushed(), "nothing to write: the flusher may back off");
            requests.info("GET /health 200 0.1ms id=a principal=-");
            requests.info("GET /health 200 0.2ms id=b principal=-");
            assertEquals(1, wakes.get());
            assertEquals(0, sink.size());
            int written = log.flushed();
            assertTrue(written > 0 && written == sink.size(), "flushed() says how much it wrote: " + written);
            requests.info("GET /health 200 0.3ms id=c principal=-");
            assertEquals(2, wakes.get(), "the next burst wakes it again");
        }
    }

    @Test
    void manyThreads_fillBlocks_andEveryLineArrivesIntact() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int threads = 8;
        int each = 5_000;
        try (BufferedRequestLog log = new BufferedRequestLog(new PrintStream(sink, true, StandardCharsets.UTF_8));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        requests.info("GET /api/snapshot/{invoice} 200 1.0ms id=t" + thread + "-" + i + " principal=-");
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(sink.size() > 0, "blocks are written once they reach 32 KB, without a flush");
        }
        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(threads * each, lines.size(), "close writes the rest");
        assertTrue(lines.stream().allMatch(l -> l.matches("\\S+ INFO    io\\.hivematrix\\.archive\\.requests - GET "
                + "/api/snapshot/\\{invoice} 200 1\\.0ms id=t\\d-\\d+ principal=-")), "no torn or mixed lines");
        assertEquals(threads * each, lines.stream().map(l -> l.substring(l.indexOf("id="))).distinct().count(),
                "each line once");
    }
}
