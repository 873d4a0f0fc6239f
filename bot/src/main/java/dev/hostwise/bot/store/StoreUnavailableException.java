package dev.hostwise.bot.store;

import java.sql.SQLException;

/**
 * The verdict store could not be reached or refused a write. The message is one line a user can
 * read ("the verdict store (PostgreSQL at ...) is unavailable: Connection refused"), never a stack
 * trace; front ends show it and still answer with the verdict.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The most useful one-line reason in a chain: the deepest database message, else the root cause. */
    static String reason(Throwable e) {
        String sql = null;
        String root = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t.getMessage();
                if (t instanceof SQLException) {
                    sql = t.getMessage();
                }
            }
        }
        String chosen = sql != null ? sql : root != null ? root : e.getClass().getSimpleName();
        // H2 appends the failing SQL and error codes on further lines; the first line says it
        String firstLine = chosen.strip().lines().findFirst().orElse(chosen);
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
    }
}
