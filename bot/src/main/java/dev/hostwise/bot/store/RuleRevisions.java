package dev.hostwise.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.rules.RuleSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule sources of every revision that has been active, kept in the database beside the verdicts
 * they decided: {@code hostwise replay HW-… --own-revision} recompiles them.
 */
public final class RuleRevisions {

    private final Database db;
    private final ObjectMapper json = dev.hostwise.knowledge.StrictJson.mapper();

    public RuleRevisions(Database db) {
        this.db = db;
    }

    /** Keeps a revision's sources; a revision already kept is left as it is. */
    public void keep(RuleSet rules, Instant at) {
        try (Connection c = db.connection()) {
            try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM rule_revision WHERE revision = ?")) {
                find.setString(1, rules.revision());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rule_revision (revision, first_seen, sources_json) VALUES (?, ?, ?)")) {
                ps.setString(1, rules.revision());
                ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                Map<String, Object> sources = new TreeMap<>(Map.of("drl", new TreeMap<>(rules.drlFiles()),
                        "cases", new TreeMap<>(rules.caseFiles())));
                // the declared conditions are part of the revision (and of its hash)
                rules.conditionsFile().ifPresent(text -> sources.put("conditions", text));
                ps.setString(3, json.writeValueAsString(sources));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            // two replicas keeping the same revision at once: the other one won, which is the same thing
            if (!"23505".equals(e.getSQLState())) {
                throw db.problem(e);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sources of a revision, if it was ever kept. */
    public Optional<RuleSet> find(String revision) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT sources_json FROM rule_revision WHERE revision = ?")) {
            ps.setString(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode node = json.readTree(rs.getString(1));
                Map<String, String> drl = json.convertValue(node.get("drl"), json.getTypeFactory()
                        .constructMapType(TreeMap.class, String.class, String.class));
                Map<String, String> cases = json.convertValue(node.get("cases"), json.getTypeFactory()
                        .constructMapType(TreeMap.class, String.class, String.class));
                // revisions kept before conditions.yaml existed have none: they get the bundled conditions, as they had
                Optional<String> conditions = Optional.ofNullable(node.get("conditions")).map(JsonNode::asText);
                return Optional.of(RuleSet.of("revision " + revision, drl, cases, conditions));
            }
        } catch (SQLException e) {
            throw db.problem(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored sources of revision " + revision + " are not readable", e);
        }
    }
}
