package dev.bazaar.check;

/** The seven signs of a distributed monolith (issue 12), numbered as there. */
public enum Sign {
    SYNCHRONOUS_COMMUNICATION(1, "Synchronous communication dominance"),
    SHARED_DATABASE(2, "Shared database or data models"),
    COORDINATED_DEPLOYMENTS(3, "Coordinated deployments"),
    SHARED_LIBRARIES(4, "Shared libraries and code"),
    CASCADING_FAILURES(5, "Cascading failures"),
    TRANSACTIONS_SPANNING_SERVICES(6, "Transactions spanning services"),
    RELEASE_COUPLING(7, "Tight release coupling");

    private final int number;
    private final String title;

    Sign(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
