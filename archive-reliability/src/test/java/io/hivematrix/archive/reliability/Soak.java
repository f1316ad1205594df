package io.hivematrix.archive.reliability;

/**
 * How many rounds of each fault a test injects: 1 in CI (bounded time); a soak run asks for more with
 * {@code -Dreliability.rounds=N} (see docs/reliability.md).
 */
final class Soak {
    private Soak() {
    }

    static int rounds() {
        int rounds = Integer.getInteger("reliability.rounds", 1);
        if (rounds < 1) {
            throw new IllegalArgumentException("reliability.rounds must be at least 1, not " + rounds);
        }
        return rounds;
    }
}
