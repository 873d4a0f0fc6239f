package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-evaluations, replays and rules diffs read a stored verdict's scenario again before deciding it. */
class RestoredScenarioTest {

    @TempDir
    Path dataDir;

    private Hostwise hostwise;
    private final VerdictJson json = new VerdictJson();

    @BeforeEach
    void start() {
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), Optional.empty(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        hostwise.close();
    }

    private Scenario typed() {
        return hostwise.reader().fromText(Map.of("requestsPerDay", "400000", "openModel", "llama-2-13b",
                "gpuType", "a100-80gb", "pricingMode", "AUTOSCALED", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
    }

    @Test
    void aStoredScenarioReadsBackAsItWasDecided() {
        Scenario stored = json.read(json.writeCompact(hostwise.decide(typed()))).scenario();
        assertThat(hostwise.restored(stored)).isEqualTo(typed());
    }

    @Test
    void aModelTheCatalogNoLongerListsIsAFieldErrorNotACrash() throws Exception {
        ObjectNode node = json.mapper().valueToTree(typed());
        node.put("openModel", "a-model-since-retired");
        Scenario stored = json.mapper().treeToValue(node, Scenario.class);

        assertThatThrownBy(() -> hostwise.restored(stored)).isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("openModel").hasMessageContaining("a-model-since-retired");
    }
}
