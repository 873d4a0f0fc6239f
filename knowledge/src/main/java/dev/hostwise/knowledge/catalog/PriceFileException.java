package dev.hostwise.knowledge.catalog;

/**
 * A price file that cannot be imported: not JSON, not LiteLLM's shape, or a price that is not a
 * non-negative number. The message reads {@code file:line: what is wrong and what is allowed}.
 */
public final class PriceFileException extends RuntimeException {

    private final String file;
    private final int line;

    public PriceFileException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
