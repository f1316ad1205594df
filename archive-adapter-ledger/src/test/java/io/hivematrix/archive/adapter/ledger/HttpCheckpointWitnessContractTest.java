package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.testkit.contract.CheckpointWitnessContract;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.net.URI;

/** The HTTP witness, posting to a witness server on loopback, holds to the witness contract. */
class HttpCheckpointWitnessContractTest extends CheckpointWitnessContract {
    private final LoopbackServer server = LoopbackServer.start()
            .on("POST", "/add", request -> LoopbackServer.Answer.json(200, "{}"));

    @Override
    protected Subject witness() {
        HttpCheckpointWitness witness = new HttpCheckpointWitness(URI.create(server.uri() + "/add"), "witness");
        return new Subject(witness,
                () -> server.requests("POST", "/add").stream().map(LoopbackServer.Seen::body).distinct().toList());
    }

    @Override
    protected void tearDown() {
        server.close();
    }
}
