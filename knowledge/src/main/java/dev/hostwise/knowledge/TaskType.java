package dev.hostwise.knowledge;

/** The kind of work the model does. A closed set: the quality-fit catalog has a row per value. */
public enum TaskType {
    CLASSIFICATION("Classification", "sort inputs into a fixed set of labels"),
    EXTRACTION("Extraction", "pull fields out of documents into a schema"),
    STRUCTURED_SUMMARIZATION("Structured summarization", "condense structured or templated text"),
    RAG_QA("Retrieval Q&A", "answer from retrieved passages"),
    CODE_GENERATION("Code generation", "write or edit code"),
    OPEN_ENDED_REASONING("Open-ended reasoning", "multi-step reasoning with no fixed answer shape"),
    LONG_INSTRUCTIONS("Long instructions", "follow long, detailed system prompts"),
    CREATIVE_WRITING("Creative writing", "marketing copy, stories, tone-sensitive prose"),
    AGENTIC_TOOL_USE("Agentic tool use", "plan and call tools over several steps");

    private final String label;
    private final String hint;

    TaskType(String label, String hint) {
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
