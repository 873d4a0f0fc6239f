package dev.hostwise.knowledge;

/** Why (or whether) the data has to stay in-house. */
public enum PrivacyNeed {
    NONE("No constraint", "the data may go to a hosted vendor"),
    CONTRACTUAL("Contractual", "a data-handling clause with the vendor would satisfy it"),
    MUST_STAY_IN_HOUSE("Must stay in-house", "regulation or contract forbids sending it to any vendor");

    private final String label;
    private final String hint;

    PrivacyNeed(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    public String label() {
        return label;
    }

    public String hint() {
        return hint;
    }
}
