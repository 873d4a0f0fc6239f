package dev.hostwise.rules.facts;

/** What Hostwise tells the team to do. */
public enum Recommendation {
    SELF_HOST("Self-host"),
    MEASURE_FIRST("Measure first"),
    HOSTED_API("Stay on the hosted API");

    private final String headline;

    Recommendation(String headline) {
        this.headline = headline;
    }

    /** The words a person reads in the header of a verdict. */
    public String headline() {
        return headline;
    }
}
