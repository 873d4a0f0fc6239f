package dev.hostwise.knowledge;

/** How much the answer quality matters to the product. */
public enum QualityNeed {
    GOOD_ENOUGH("Good enough", "a solid answer is fine; small quality gaps are acceptable"),
    QUALITY_IS_THE_PRODUCT("Quality is the product", "users pay for the best answer; a weaker model loses them");

    private final String label;
    private final String hint;

    QualityNeed(String label, String hint) {
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
