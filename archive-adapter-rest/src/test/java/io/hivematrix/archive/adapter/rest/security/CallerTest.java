package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivematrix.archive.domain.Snapshot;
import org.junit.jupiter.api.Test;

/** How a verified caller is recorded as a bill's submitter, and that the domain takes it as it is. */
class CallerTest {
    @Test
    void aService_submitsAsServiceAndItsName() {
        assertEquals("service:ledger", Caller.service("ledger").submitter());
    }

    @Test
    void aUser_submitsAsUserAndTheirEmail_whateverTheirDisplayNameOrLevel() {
        assertEquals("user:ann@example.com", Caller.user("ann@example.com", "Ann", "billing").submitter());
        assertEquals("user:ann@example.com", Caller.user("ann@example.com", null, null).submitter());
    }

    @Test
    void theLongestCallersATokenMayName_areValidSubmitters() {
        // TokenVerifier allows e-mails of 255 characters and service names of 64.
        String email = "a".repeat(243) + "@example.com";
        assertEquals(255, email.length());
        assertEquals("user:" + email, Snapshot.requireSubmittedBy(Caller.user(email, null, null).submitter()));
        String service = "s".repeat(64);
        assertEquals("service:" + service, Snapshot.requireSubmittedBy(Caller.service(service).submitter()));
    }
}
