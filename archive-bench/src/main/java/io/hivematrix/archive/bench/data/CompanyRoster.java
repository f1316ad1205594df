package io.hivematrix.archive.bench.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generated customer base: companies that join over ten years (2016–2025), some leave, each billed every
 * month while a customer; just enough of them that the bills add up to exactly the requested count.
 */
final class CompanyRoster {
    static final int FIRST_YEAR = 2016;
    static final int MONTHS = 120;
    /** The fixture's account: kept free so the sample bill can still be posted beside the generated ones. */
    private static final String FIXTURE_ACCOUNT = "620547";

    private final List<Company> companies;

    private CompanyRoster(List<Company> companies) {
        this.companies = List.copyOf(companies);
    }

    static CompanyRoster of(long count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> accounts = new HashSet<>();
        List<Company> companies = new ArrayList<>();
        long total = 0;
        while (total < count) {
            Company c = company(rng, accounts);
            long over = total + c.months() - count;
            if (over > 0) { // the last customer's history is cut so the total is exact
                c = withMonths(c, (int) (c.months() - over));
            }
            companies.add(c);
            total += c.months();
        }
        return new CompanyRoster(companies);
    }

    List<Company> companies() {
        return companies;
    }

    /**
     * Every bill as (company index, month), month by month and in company order within a month: the order a
     * monthly run would archive them, so ids grow with time like in a real archive.
     */
    long[] billsInArchiveOrder() {
        long size = companies.stream().mapToLong(Company::months).sum();
        long[] bills = new long[Math.toIntExact(size)];
        int n = 0;
        for (int month = 0; month < MONTHS; month++) {
            for (int i = 0; i < companies.size(); i++) {
                if (companies.get(i).billedIn(month)) {
                    bills[n++] = ((long) i << 8) | month;
                }
            }
        }
        return bills;
    }

    static int companyIndex(long bill) {
        return (int) (bill >>> 8);
    }

    static int month(long bill) {
        return (int) (bill & 0xFF);
    }

    private static Company company(SplittableRandom rng, Set<String> accounts) {
        String account;
        do {
            account = Integer.toString(100_000 + rng.nextInt(900_000));
        } while (account.equals(FIXTURE_ACCOUNT) || !accounts.add(account));
        // A third were customers before 2016; the rest join over the decade.
        int first = rng.nextInt(3) == 0 ? 0 : rng.nextInt(MONTHS);
        int remaining = MONTHS - first;
        // Over half stay to the end; the others leave after a few months to several years.
        int months = rng.nextInt(100) < 55 ? remaining : Math.min(remaining, 3 + rng.nextInt(72));
        Company.Plan[] plans = Company.Plan.values();
        // Headcounts from 3 to about 70, most of them small.
        int users = 2 + (int) Math.round(Math.exp(rng.nextDouble(0.5, 4.2)));
        int usersPerYear = rng.nextInt(-1, Math.max(1, users / 8) + 1);
        int servers = rng.nextInt(100) < 40 ? 1 + rng.nextInt(4) : 0;
        return new Company(account, CompanyNames.name(rng), plans[rng.nextInt(plans.length)],
                List.of("Month-to-Month", "1-Year", "2-Year", "3-Year").get(rng.nextInt(4)), users, usersPerYear,
                8 + rng.nextInt(8), servers, rng.nextInt(100) < 30, rng.nextInt(100) < 70, rng.nextInt(100) < 45,
                first, months, rng.nextLong());
    }

    private static Company withMonths(Company c, int months) {
        return new Company(c.accountNumber(), c.name(), c.plan(), c.contractTerm(), c.baseUsers(), c.usersPerYear(),
                c.workstationsPer10Users(), c.servers(), c.partTimeUsers(), c.backup(), c.m365(), c.firstMonth(),
                months, c.seed());
    }
}
