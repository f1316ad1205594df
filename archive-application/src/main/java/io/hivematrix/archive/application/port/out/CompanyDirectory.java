package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import java.util.List;
import java.util.Optional;

/** Which companies exist (Codex): all of them, or one by account number. */
public interface CompanyDirectory {

    /** Every company; throws {@link DirectoryUnavailable} when the directory cannot be asked. */
    List<Company> allCompanies();

    /** One company, or empty when the directory does not know it. */
    Optional<Company> company(AccountNumber account);

    /** A company as the directory lists it. */
    record Company(AccountNumber account, String name) {
    }

    /** The directory is not configured, unreachable, or answered nonsense; the message says which. */
    final class DirectoryUnavailable extends RuntimeException {
        public DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
