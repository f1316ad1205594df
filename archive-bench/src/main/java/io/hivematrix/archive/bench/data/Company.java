package io.hivematrix.archive.bench.data;

/**
 * One generated customer: who it is, what it buys, and the run of months it was billed.
 *
 * @param firstMonth index of its first bill, 0 = January 2016
 * @param months     how many consecutive monthly bills it has
 * @param seed       the root of every random choice in its bills, so a bill is the same whoever generates it
 */
record Company(String accountNumber, String name, Plan plan, String contractTerm, int baseUsers,
               int usersPerYear, int workstationsPer10Users, int servers, boolean partTimeUsers, boolean backup,
               boolean m365, int firstMonth, int months, long seed) {

    /** A service plan with its 2016 per-user rate and how much hourly work it leaves billable. */
    enum Plan {
        PLATINUM("MSP Platinum", "All Inclusive", "125.00", 1),
        GOLD("MSP Gold", "All Inclusive", "100.00", 3),
        SILVER("MSP Silver", "Business Hours", "85.00", 6),
        BRONZE("MSP Bronze", "Business Hours", "65.00", 10),
        BREAK_FIX("Break/Fix", "Billable Hours", "25.00", 16);

        final String label;
        final String supportLevel;
        final String userRate;
        final int typicalHours;

        Plan(String label, String supportLevel, String userRate, int typicalHours) {
            this.label = label;
            this.supportLevel = supportLevel;
            this.userRate = userRate;
            this.typicalHours = typicalHours;
        }
    }

    boolean billedIn(int month) {
        return month >= firstMonth && month < firstMonth + months;
    }
}
