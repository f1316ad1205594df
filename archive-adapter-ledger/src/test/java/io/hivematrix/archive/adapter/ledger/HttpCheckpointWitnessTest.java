package io.hivematrix.archive.adapter.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checkpoints POSTed to a witness (a real HTTP server on loopback): once each when taken, again when refused. */
class HttpCheckpointWitnessTest {
    private final LoopbackServer witness = LoopbackServer.start();

    @AfterEach
    void close() {
        witness.close();
    }

    private static SignedCheckpoint checkpoint(long size) {
        Checkpoint c = new Checkpoint("archive.test/log", size, MerkleLog.leafHash(new byte[] {(byte) size}));
        return new SignedCheckpoint(c, c.text() + "\n\u2014 archive.test/log AAAA\n", Instant.now());
    }

    @Test
    void aTakenCheckpoint_isPostedOnce_asTheSignedNoteInPlainText() {
        witness.on("POST", "/add", r -> LoopbackServer.Answer.json(200, "{}"));
        HttpCheckpointWitness w = new HttpCheckpointWitness(URI.create(witness.uri() + "/add"), "witness");
        w.offer(checkpoint(3));
        w.offer(checkpoint(3));
        w.offer(checkpoint(2));
        assertEquals(1, witness.requests("POST", "/add").size());
        LoopbackServer.Seen seen = witness.requests("POST", "/add").getFirst();
        assertEquals(checkpoint(3).note(), seen.body());
        assertEquals(Optional.of("text/plain; charset=utf-8"), seen.contentType());
        w.offer(checkpoint(4));
        assertEquals(2, witness.requests("POST", "/add").size());
    }

    @Test
    void aRefusedOrUnreachableWitness_isOfferedTheCheckpointAgain_withoutFailingTheCutter() {
        AtomicInteger calls = new AtomicInteger();
        witness.on("POST", "/add", r -> LoopbackServer.Answer.json(calls.incrementAndGet() == 1 ? 503 : 201, "{}"));
        HttpCheckpointWitness w = new HttpCheckpointWitness(URI.create(witness.uri() + "/add"), "witness");
        w.offer(checkpoint(5));
        w.offer(checkpoint(5));
        w.offer(checkpoint(5));
        assertEquals(2, witness.requests("POST", "/add").size(), "refused once, then taken, then not posted again");

        HttpCheckpointWitness gone = new HttpCheckpointWitness(URI.create("http://127.0.0.1:1/add"), "nowhere");
        gone.offer(checkpoint(5)); // logged, not thrown
    }
}
