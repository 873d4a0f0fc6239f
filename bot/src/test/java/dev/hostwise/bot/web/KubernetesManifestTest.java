package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Probes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/k8s/hostwise.yaml probes the routes the server answers on its IO thread, and keeps two replicas through disruptions. */
class KubernetesManifestTest {

    private static Map<String, JsonNode> byKind() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(Path.of("..", "deploy", "k8s", "hostwise.yaml").toFile())) {
            docs.forEachRemaining(d -> out.put(d.get("kind").asText(), d));
        }
        return out;
    }

    @Test
    void livenessIsHealthzReadinessIsReadyzAndADisruptionBudgetKeepsOneOfTwoReplicas() throws Exception {
        Map<String, JsonNode> m = byKind();
        JsonNode deployment = m.get("Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");

        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(Probes.HEALTH);
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo(Probes.HEALTH);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(Probes.READY);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();

        JsonNode pdb = m.get("PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));

        // the grace period covers the preStop pause plus the shutdown bound documented beside it
        int grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        int preStop = container.at("/lifecycle/preStop/sleep/seconds").asInt();
        assertThat(grace).isEqualTo(30);
        assertThat(preStop).isPositive().isLessThan(grace);
    }
}
