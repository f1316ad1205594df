package io.hivematrix.archive.boot;

/** Closes what a test started, in the order given, skipping what never started (null). */
final class Closer {
    private Closer() {
    }

    /** Closes every one of {@code resources} even when one fails; the first failure is thrown after the rest. */
    static void all(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
