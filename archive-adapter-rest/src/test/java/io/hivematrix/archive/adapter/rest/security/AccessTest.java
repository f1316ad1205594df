package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §2's role matrix as a table, including the admin-only right no route uses yet. */
class AccessTest {
    private static final Set<String> WRITERS = Set.of("ledger");

    @Test
    void everyCallerGetsExactlyItsRights() {
        Map<Caller, Set<Access>> expected = Map.of(
                Caller.user("a@x", "A", "admin"), Set.of(Access.READ, Access.CREATE, Access.ADMIN),
                Caller.user("b@x", "B", "billing"), Set.of(Access.READ, Access.CREATE),
                Caller.user("t@x", "T", "technician"), Set.of(),
                Caller.user("c@x", "C", "client"), Set.of(),
                Caller.user("n@x", "N", null), Set.of(),
                Caller.service("ledger"), Set.of(Access.READ, Access.CREATE),
                Caller.service("codex"), Set.of(Access.READ));
        expected.forEach((caller, rights) -> {
            for (Access access : Access.values()) {
                assertEquals(rights.contains(access), access.allows(caller, WRITERS), caller + " " + access);
            }
        });
    }

    @Test
    void anAdministratorServiceNameIsStillNotAnAdminUser() {
        assertEquals(false, Access.ADMIN.allows(Caller.service("admin"), Set.of("admin")));
    }
}
