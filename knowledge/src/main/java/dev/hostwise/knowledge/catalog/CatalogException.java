package dev.hostwise.knowledge.catalog;

/** A catalog file is wrong. The message names the file and line, and what is allowed. */
public final class CatalogException extends RuntimeException {

    private final String file;
    private final int line;

    public CatalogException(String file, int line, String message) {
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
