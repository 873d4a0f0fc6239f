package dev.hostwise.bot.conversation;

import dev.hostwise.bot.store.Database;
import dev.hostwise.bot.store.Outbox;
import dev.hostwise.bot.store.StoreUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request keys every replica sees: this process's memory first (a repeat that lands here again is known
 * without asking the database), then the store's {@code request_keys} table, which is the authority. A key a
 * decision is claimed under is written with its outbox job instead ({@link OutboxDecisions}); this class
 * claims the others (opening a form, a button's follow-up, an event).
 *
 * <p>While the store is unavailable the memory alone decides: a repeat on this replica is still recognised,
 * one on another replica is served there too. That is the price of answering during an outage rather than not.
 */
public final class SharedRequestKeys implements RequestKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRequestKeys.class);

    private final RequestKeys memory;
    private final Outbox table;
    private final Database db;
    private final Duration ttl;

    /**
     * @param memory this process's keys, the fast first check
     * @param ttl    how long a key is kept in the table
     */
    public SharedRequestKeys(RequestKeys memory, Outbox table, Database db, Duration ttl) {
        this.memory = memory;
        this.table = table;
        this.db = db;
        this.ttl = ttl;
    }

    @Override
    public boolean claim(RequestKey key) {
        if (key == null) {
            return true;
        }
        if (!memory.claim(key)) {
            return false;
        }
        if (db.unavailable().isPresent()) {
            return true;
        }
        try {
            if (table.claimKey(key.text(), ttl)) {
                return true;
            }
            // claimed by another replica: not remembered here, so if that one gives it back (its work could not
            // start), the platform's retry is served wherever it lands
            memory.release(key);
            return false;
        } catch (StoreUnavailableException e) {
            LOG.debug("request key {} claimed in memory only: {}", key.text(), e.getMessage());
            return true;
        }
    }

    @Override
    public void release(RequestKey key) {
        if (key == null) {
            return;
        }
        memory.release(key);
        if (db.unavailable().isPresent()) {
            return;
        }
        try {
            table.releaseKey(key.text());
        } catch (StoreUnavailableException e) {
            // it expires; a retry meanwhile that lands on another replica is taken for a repeat
            LOG.debug("request key {} given back in memory only: {}", key.text(), e.getMessage());
        }
    }
}
