package io.hivematrix.archive.adapter.rest.security;

import io.helidon.webserver.http.Handler;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.util.Set;

/** The three rights of SPEC §2's role matrix, and the guard that enforces one on a route. */
public enum Access {
    /** Read snapshots, CSV, search, company lists, jobs: admin or billing users, any service. */
    READ,
    /** Create a snapshot: the configured writer services, admin or billing users. */
    CREATE,
    /** Scheduler config, bulk runs, retries, audit verify: admin users only. */
    ADMIN;

    boolean allows(Caller caller, Set<String> snapshotWriters) {
        return switch (this) {
            case READ -> caller.isService() || caller.isUserWithLevel("admin", "billing");
            case CREATE -> caller.isService() ? snapshotWriters.contains(caller.service())
                    : caller.isUserWithLevel("admin", "billing");
            case ADMIN -> caller.isUserWithLevel("admin");
        };
    }

    /** Wraps a handler so that a caller without this right gets 403 and the handler never runs. */
    public Handler guard(Set<String> snapshotWriters, Handler handler) {
        return (req, res) -> {
            Caller caller = Caller.required(req);
            if (!allows(caller, snapshotWriters)) {
                Problems.send(req, res, ProblemType.FORBIDDEN,
                        caller.principal() + " may not " + describe());
                return;
            }
            handler.handle(req, res);
        };
    }

    private String describe() {
        return switch (this) {
            case READ -> "read archived snapshots";
            case CREATE -> "create snapshots";
            case ADMIN -> "use administrative routes";
        };
    }
}
